// node:_stream_passthrough — the pre-v10 module name of stream.PassThrough, still loadable in Node 20.
import { PassThrough } from 'node:stream';

export default PassThrough;
