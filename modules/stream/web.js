// node:stream/web: the WHATWG streams (modules/internal/webstreams/).
export { ReadableStream, ReadableStreamDefaultReader, ReadableStreamDefaultController } from 'qjsw:internal/webstreams/readablestream';
export { ReadableStreamBYOBReader, ReadableStreamBYOBRequest, ReadableByteStreamController } from 'qjsw:internal/webstreams/readable-bytes';
export { WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController } from 'qjsw:internal/webstreams/writablestream';
export { TransformStream, TransformStreamDefaultController } from 'qjsw:internal/webstreams/transformstream';
export { ByteLengthQueuingStrategy, CountQueuingStrategy } from 'qjsw:internal/webstreams/queuingstrategies';
export { TextEncoderStream, TextDecoderStream } from 'qjsw:internal/webstreams/encoding';
export { CompressionStream, DecompressionStream } from 'qjsw:internal/webstreams/compression';

// As every builtin of Node's: import's default is what require() gives, an object of the exports.
import * as self from 'node:stream/web';
export default Object.fromEntries(Reflect.ownKeys(self).filter((k) => typeof k === 'string' && k !== 'default').map((k) => [k, self[k]]));
