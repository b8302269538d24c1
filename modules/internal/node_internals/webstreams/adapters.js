// require('internal/webstreams/adapters') under --expose-internals (see ../../node_internals.js):
// the sandbox's own adapters between node:stream and the web streams, which have Node's names.
import {
  newReadableStreamFromStreamReadable, newStreamReadableFromReadableStream, newWritableStreamFromStreamWritable,
  newStreamWritableFromWritableStream, newReadableWritablePairFromDuplex, newStreamDuplexFromReadableWritablePair,
} from 'qjsw:internal/webstreams/adapters';

export default {
  newReadableStreamFromStreamReadable, newStreamReadableFromReadableStream, newWritableStreamFromStreamWritable,
  newStreamWritableFromWritableStream, newReadableWritablePairFromDuplex, newStreamDuplexFromReadableWritablePair,
};
