// node:_stream_transform — the pre-v10 module name of stream.Transform, still loadable in Node 20.
import { Transform } from 'node:stream';

export default Transform;
