// node:_stream_writable — the pre-v10 module name of stream.Writable, still loadable in Node 20.
import { Writable } from 'node:stream';

export default Writable;
