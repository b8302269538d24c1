// node:_stream_readable — the pre-v10 module name of stream.Readable, still loadable in Node 20.
import { Readable } from 'node:stream';

// Node's namespace of a builtin: default and each enumerable own property
const { ReadableState, from, fromWeb, toWeb, wrap } = Readable;
export { ReadableState, from, fromWeb, toWeb, wrap };
export default Readable;
