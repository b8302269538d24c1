// node:_stream_writable — the pre-v10 module name of stream.Writable, still loadable in Node 20.
import { Writable } from 'node:stream';

// Node's namespace of a builtin: default and each enumerable own property
const { WritableState, fromWeb, toWeb } = Writable;
export { WritableState, fromWeb, toWeb };
export default Writable;
