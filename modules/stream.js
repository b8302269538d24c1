// node:stream — require('stream') is the legacy Stream class with everything else hung on it,
// as in Node. The implementation lives in qjsw:internal/streams/*.
import { Stream } from 'qjsw:internal/streams/legacy';
import { Readable } from 'qjsw:internal/streams/readable';
import { Writable } from 'qjsw:internal/streams/writable';
import { Duplex } from 'qjsw:internal/streams/duplex';
import { Transform, PassThrough } from 'qjsw:internal/streams/transform';
import { pipeline, pipelineImpl } from 'qjsw:internal/streams/pipeline';
import { eos, finished as finishedPromise } from 'qjsw:internal/streams/end-of-stream';
import { addAbortSignal, addAbortSignalNoValidate } from 'qjsw:internal/streams/add-abort-signal';
import { compose } from 'qjsw:internal/streams/compose';
import { destroyer } from 'qjsw:internal/streams/destroy';
import { toArray, forEach, map, filter, some, every, find, reduce, flatMap, drop, take, asIndexedPairs } from 'qjsw:internal/streams/operators';
import { nodeError } from 'qjsw:internal/errors';
import { duplexPair } from 'qjsw:internal/streams/duplexpair';
import { getDefaultHighWaterMark, setDefaultHighWaterMark, isReadable, isWritable, isDestroyed, isNodeStream, isWebStream,
  kIsDisturbed, kIsErrored, validateObject, validateAbortSignal } from 'qjsw:internal/streams/utils';
import { invalidArgValue } from 'qjsw:internal/errors';
import { Buffer } from 'node:buffer';

// Installed as Node installs them: non-constructible wrappers carrying the operator's name and length
function installOperator(op, wrap) {
  const fn = function (...args) {
    if (new.target) throw nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
    return wrap(Reflect.apply(op, this, args));
  };
  Object.defineProperty(fn, 'name', { value: op.name });
  Object.defineProperty(fn, 'length', { value: op.length });
  return fn;
}
// readable.compose(stream[, options]): this readable composed with `stream`
const composeOperator = {
  compose(stream, options) {
    if (options != null) validateObject(options, 'options');
    if (options?.signal != null) validateAbortSignal(options.signal, 'options.signal');
    if (isNodeStream(stream) && !isWritable(stream)) throw invalidArgValue('stream', stream, 'must be writable');
    const composed = compose(this, stream);
    if (options?.signal) addAbortSignalNoValidate(options.signal, composed);
    return composed;
  },
}.compose;
const streamReturning = { asIndexedPairs, drop, filter, flatMap, map, take, compose: composeOperator };
const promiseReturning = { every, forEach, reduce, toArray, some, find };
for (const [key, op] of Object.entries(streamReturning)) {
  Object.defineProperty(Readable.prototype, key, {
    value: installOperator(op, (iterable) => Readable.from(iterable)), writable: true, configurable: true, enumerable: false,
  });
}
for (const [key, op] of Object.entries(promiseReturning)) {
  Object.defineProperty(Readable.prototype, key, {
    value: installOperator(op, (promise) => promise), writable: true, configurable: true, enumerable: false,
  });
}

const promises = {
  pipeline(...streams) {
    return new Promise((resolve, reject) => {
      let signal;
      let end;
      const lastArg = streams[streams.length - 1];
      if (lastArg && typeof lastArg === 'object' && !isNodeStream(lastArg) && !isWebStream(lastArg) &&
        typeof lastArg[Symbol.asyncIterator] !== 'function' && typeof lastArg[Symbol.iterator] !== 'function') {
        const options = streams.pop();
        signal = options.signal;
        end = options.end;
      }
      pipelineImpl(streams, (err, value) => {
        if (err) reject(err);
        else resolve(value);
      }, { signal, end });
    });
  },
  finished: finishedPromise,
};

// Any stream may answer through the registered symbols (web streams do).
function isDisturbed(stream) {
  return !!(stream && (stream[kIsDisturbed] ?? (stream.readableDidRead || stream.readableAborted)));
}

function isErrored(stream) {
  return !!(stream && (stream[kIsErrored] ?? stream.readableErrored ?? stream.writableErrored ??
    stream._readableState?.errorEmitted ?? stream._writableState?.errorEmitted ??
    stream._readableState?.errored ?? stream._writableState?.errored));
}

const _isArrayBufferView = (value) => ArrayBuffer.isView(value);
const _isUint8Array = (value) => value instanceof Uint8Array;
const _uint8ArrayToBuffer = (chunk) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

function destroy(stream, err) {
  destroyer(stream, err);
}

// in Node's order of require('stream')'s keys
Object.assign(Stream, {
  isDestroyed,
  isDisturbed,
  isErrored,
  isReadable,
  isWritable,
  Readable,
  Writable,
  Duplex,
  Transform,
  PassThrough,
  duplexPair,
  pipeline,
  addAbortSignal,
  finished: eos,
  destroy,
  compose,
  setDefaultHighWaterMark,
  getDefaultHighWaterMark,
});
Object.defineProperty(Stream, 'promises', { value: promises, enumerable: true, configurable: true });
Object.assign(Stream, {
  Stream,
  _isArrayBufferView,
  _isUint8Array,
  _uint8ArrayToBuffer,
});
Object.defineProperty(pipeline, Symbol.for('nodejs.util.promisify.custom'), { value: promises.pipeline, enumerable: true });
Object.defineProperty(eos, Symbol.for('nodejs.util.promisify.custom'), { value: promises.finished, enumerable: true });

export {
  Stream, Readable, Writable, Duplex, Transform, PassThrough, duplexPair, pipeline, eos as finished, addAbortSignal, destroy, compose,
  isDisturbed, isErrored, isReadable, isWritable, isDestroyed, promises, getDefaultHighWaterMark,
  setDefaultHighWaterMark, _isArrayBufferView, _isUint8Array, _uint8ArrayToBuffer,
};
export default Stream;
