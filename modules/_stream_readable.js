// node:_stream_readable — the pre-v10 module name of stream.Readable, still loadable in Node 20.
import { Readable } from 'node:stream';

export default Readable;
