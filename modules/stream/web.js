// node:stream/web: the WHATWG streams (modules/internal/webstreams/).
export { ReadableStream, ReadableStreamDefaultReader, ReadableStreamDefaultController } from 'qjsw:internal/webstreams/readablestream';
export { ReadableStreamBYOBReader, ReadableStreamBYOBRequest, ReadableByteStreamController } from 'qjsw:internal/webstreams/readable-bytes';
export { WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController } from 'qjsw:internal/webstreams/writablestream';
export { TransformStream, TransformStreamDefaultController } from 'qjsw:internal/webstreams/transformstream';
export { ByteLengthQueuingStrategy, CountQueuingStrategy } from 'qjsw:internal/webstreams/queuingstrategies';
export { TextEncoderStream, TextDecoderStream } from 'qjsw:internal/webstreams/encoding';
export { CompressionStream, DecompressionStream } from 'qjsw:internal/webstreams/compression';
