// node:_stream_duplex — the pre-v10 module name of stream.Duplex, still loadable in Node 20.
import { Duplex } from 'node:stream';

// Node's namespace of a builtin: default and each enumerable own property
const { from, fromWeb, toWeb } = Duplex;
export { from, fromWeb, toWeb };
export default Duplex;
