// node:_stream_duplex — the pre-v10 module name of stream.Duplex, still loadable in Node 20.
import { Duplex } from 'node:stream';

export default Duplex;
