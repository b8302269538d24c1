// Node's stream <-> web stream adapters: Readable/Writable/Duplex .toWeb() and .fromWeb().
import { Buffer } from 'node:buffer';
import process from 'qjsw:internal/process_object';
import { Readable } from 'qjsw:internal/streams/readable';
import { Writable } from 'qjsw:internal/streams/writable';
import { Duplex } from 'qjsw:internal/streams/duplex';
import { eos } from 'qjsw:internal/streams/end-of-stream';
import { destroyer } from 'qjsw:internal/streams/destroy';
import { AbortError, errors, isDestroyed, isReadable, isWritable, isWritableEnded } from 'qjsw:internal/streams/utils';
import { invalidArgType, invalidArgValue, validatePlainObject, deferred, kState } from 'qjsw:internal/webstreams/util';
import { ReadableStream, isReadableStream, readableStreamDefaultControllerError } from 'qjsw:internal/webstreams/readablestream';
import { isByteController, byteControllerError } from 'qjsw:internal/webstreams/readable-bytes';
import { WritableStream, isWritableStream } from 'qjsw:internal/webstreams/writablestream';
import { isTransformStream } from 'qjsw:internal/webstreams/transformstream';
import { CountQueuingStrategy, ByteLengthQueuingStrategy } from 'qjsw:internal/webstreams/queuingstrategies';

export { isReadableStream, isWritableStream, isTransformStream };

// For finished()
// What Node's kControllerErrorFunction does: error the stream through its controller.
export function errorWebStream(stream, err) {
  const controller = stream[kState]?.controller;
  if (isReadableStream(stream)) {
    if (isByteController(controller)) byteControllerError(controller, err);
    else readableStreamDefaultControllerError(controller, err);
  } else if (isWritableStream(stream)) {
    controller.error(err);
  }
}

// Settles when the stream closes (fulfilled) or errors (rejected with its error).
export const webStreamClosed = (stream) => stream[kState].isClosed.promise;

const encoder = new TextEncoder();

function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw invalidArgType(name, 'boolean', value);
}

function validateEncoding(encoding) {
  // Node passes the two in this order: the message names the encoding as the argument
  if (encoding !== undefined && !Buffer.isEncoding(encoding)) throw invalidArgValue(encoding, 'options.encoding');
}

const destroy = (stream, err) => destroyer(stream, err);
const abortFrom = (error) => (error?.code === 'ERR_STREAM_PREMATURE_CLOSE' ? new AbortError(undefined, { cause: error }) : error);

// A string written in decodeStrings mode becomes bytes, as the Writable would make them.
function toBytes(chunk, encoding, decodeStrings, objectMode) {
  if (typeof chunk !== 'string' || !decodeStrings || objectMode) return chunk;
  if (Buffer.isEncoding(encoding) && /^utf-?8$/i.test(encoding)) return encoder.encode(chunk);
  const buf = Buffer.from(chunk, encoding);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

export function newReadableStreamFromStreamReadable(streamReadable, options = {}) {
  if (typeof streamReadable?._readableState !== 'object') throw invalidArgType('streamReadable', 'stream.Readable', streamReadable);
  if (isDestroyed(streamReadable) || !isReadable(streamReadable)) {
    const readable = new ReadableStream();
    readable.cancel();
    return readable;
  }
  const objectMode = streamReadable.readableObjectMode;
  const highWaterMark = streamReadable.readableHighWaterMark;
  const strategy = options?.strategy ??
    (objectMode ? new CountQueuingStrategy({ highWaterMark }) : new ByteLengthQueuingStrategy({ highWaterMark }));
  let controller;
  let wasCanceled = false;

  function onData(chunk) {
    // a copy, off Buffer's pool
    if (Buffer.isBuffer(chunk) && !objectMode) chunk = new Uint8Array(chunk);
    controller.enqueue(chunk);
    if (controller.desiredSize <= 0) streamReadable.pause();
  }

  streamReadable.pause();
  const cleanup = eos(streamReadable, (error) => {
    error = abortFrom(error);
    cleanup();
    // legacy streams may emit 'error' again after finishing
    streamReadable.on('error', () => {});
    if (error) return controller.error(error);
    if (wasCanceled) return;
    controller.close();
  });
  streamReadable.on('data', onData);

  return new ReadableStream({
    start(c) { controller = c; },
    pull() { streamReadable.resume(); },
    cancel(reason) {
      wasCanceled = true;
      destroy(streamReadable, reason);
    },
  }, strategy);
}

export function newStreamReadableFromReadableStream(readableStream, options = {}) {
  if (!isReadableStream(readableStream)) throw invalidArgType('readableStream', 'ReadableStream', readableStream);
  validatePlainObject(options, 'options');
  const { highWaterMark, encoding, objectMode = false, signal } = options;
  validateEncoding(encoding);
  validateBoolean(objectMode, 'options.objectMode');
  const reader = readableStream.getReader();
  let closed = false;

  const readable = new Readable({
    objectMode,
    highWaterMark,
    encoding,
    signal,
    read() {
      reader.read().then((chunk) => {
        if (chunk.done) readable.push(null);
        else readable.push(chunk.value);
      }, (error) => destroy(readable, error));
    },
    destroy(error, callback) {
      const done = () => {
        try {
          callback(error);
        } catch (err) {
          process.nextTick(() => { throw err; });
        }
      };
      if (!closed) {
        reader.cancel(error).then(done, done);
        return;
      }
      done();
    },
  });
  reader.closed.then(() => { closed = true; }, (error) => {
    closed = true;
    destroy(readable, error);
  });
  return readable;
}

export function newWritableStreamFromStreamWritable(streamWritable) {
  if (!(streamWritable && typeof streamWritable?.write === 'function' && typeof streamWritable?.on === 'function')) {
    throw invalidArgType('streamWritable', 'stream.Writable', streamWritable);
  }
  if (isDestroyed(streamWritable) || !isWritable(streamWritable)) {
    const writable = new WritableStream();
    writable.close();
    return writable;
  }
  const highWaterMark = streamWritable.writableHighWaterMark;
  const strategy = streamWritable.writableObjectMode ? new CountQueuingStrategy({ highWaterMark }) : { highWaterMark };
  let controller;
  let backpressure;
  let closed;

  const cleanup = eos(streamWritable, (error) => {
    error = abortFrom(error);
    cleanup();
    streamWritable.on('error', () => {});
    if (error != null) {
      backpressure?.reject(error);
      if (closed !== undefined) {
        closed.reject(error);
        closed = undefined;
      }
      controller.error(error);
      controller = undefined;
      return;
    }
    if (closed !== undefined) {
      closed.resolve();
      closed = undefined;
      return;
    }
    controller.error(new AbortError());
    controller = undefined;
  });
  streamWritable.on('drain', () => backpressure?.resolve());

  return new WritableStream({
    start(c) { controller = c; },
    write(chunk) {
      if (streamWritable.writableNeedDrain || !streamWritable.write(chunk)) {
        backpressure = deferred();
        return backpressure.promise.finally(() => { backpressure = undefined; });
      }
    },
    abort(reason) {
      destroy(streamWritable, reason);
    },
    close() {
      if (closed === undefined && !isWritableEnded(streamWritable)) {
        closed = deferred();
        streamWritable.end();
        return closed.promise;
      }
      controller = undefined;
      return Promise.resolve();
    },
  }, strategy);
}

// write/writev/final of a Node stream that writes to a web stream's writer.
function writerMethods(writer, streamOf, decodeStrings, objectMode, isClosed) {
  return {
    writev(chunks, callback) {
      const done = (error) => {
        error = error.filter((e) => e);
        try {
          callback(error.length === 0 ? undefined : error);
        } catch (err) {
          process.nextTick(() => destroy(streamOf(), err));
        }
      };
      writer.ready.then(() => Promise.all(chunks.map((data) => writer.write(data.chunk))).then(done, done), done);
    },
    write(chunk, encoding, callback) {
      chunk = toBytes(chunk, encoding, decodeStrings, objectMode);
      const done = (error) => {
        try {
          callback(error);
        } catch (err) {
          destroy(streamOf(), err);
        }
      };
      writer.ready.then(() => writer.write(chunk).then(done, done), done);
    },
    final(callback) {
      const done = (error) => {
        try {
          callback(error);
        } catch (err) {
          process.nextTick(() => destroy(streamOf(), err));
        }
      };
      if (!isClosed()) writer.close().then(done, done);
    },
  };
}

export function newStreamWritableFromWritableStream(writableStream, options = {}) {
  if (!isWritableStream(writableStream)) throw invalidArgType('writableStream', 'WritableStream', writableStream);
  validatePlainObject(options, 'options');
  const { highWaterMark, decodeStrings = true, objectMode = false, signal } = options;
  validateBoolean(objectMode, 'options.objectMode');
  validateBoolean(decodeStrings, 'options.decodeStrings');
  const writer = writableStream.getWriter();
  let closed = false;

  const writable = new Writable({
    highWaterMark,
    objectMode,
    decodeStrings,
    signal,
    ...writerMethods(writer, () => writable, decodeStrings, objectMode, () => closed),
    destroy(error, callback) {
      const done = () => {
        try {
          callback(error);
        } catch (err) {
          process.nextTick(() => { throw err; });
        }
      };
      if (!closed) {
        if (error != null) writer.abort(error).then(done, done);
        else writer.close().then(done, done);
        return;
      }
      done();
    },
  });
  writer.closed.then(() => {
    closed = true;
    if (!isWritableEnded(writable)) destroy(writable, errors.prematureClose());
  }, (error) => {
    closed = true;
    destroy(writable, error);
  });
  return writable;
}

export function newReadableWritablePairFromDuplex(duplex) {
  if (typeof duplex?._writableState !== 'object' || typeof duplex?._readableState !== 'object') {
    throw invalidArgType('duplex', 'stream.Duplex', duplex);
  }
  if (isDestroyed(duplex)) {
    const writable = new WritableStream();
    const readable = new ReadableStream();
    writable.close();
    readable.cancel();
    return { readable, writable };
  }
  const writable = isWritable(duplex) ? newWritableStreamFromStreamWritable(duplex) : new WritableStream();
  if (!isWritable(duplex)) writable.close();
  const readable = isReadable(duplex) ? newReadableStreamFromStreamReadable(duplex) : new ReadableStream();
  if (!isReadable(duplex)) readable.cancel();
  return { writable, readable };
}

export function newStreamDuplexFromReadableWritablePair(pair = {}, options = {}) {
  validatePlainObject(pair, 'pair');
  const { readable: readableStream, writable: writableStream } = pair;
  if (!isReadableStream(readableStream)) throw invalidArgType('pair.readable', 'ReadableStream', readableStream);
  if (!isWritableStream(writableStream)) throw invalidArgType('pair.writable', 'WritableStream', writableStream);
  validatePlainObject(options, 'options');
  const { allowHalfOpen = false, objectMode = false, encoding, decodeStrings = true, highWaterMark, signal } = options;
  validateBoolean(objectMode, 'options.objectMode');
  validateEncoding(encoding);
  const writer = writableStream.getWriter();
  const reader = readableStream.getReader();
  let writableClosed = false;
  let readableClosed = false;

  const duplex = new Duplex({
    allowHalfOpen,
    highWaterMark,
    objectMode,
    encoding,
    decodeStrings,
    signal,
    ...writerMethods(writer, () => duplex, decodeStrings, objectMode, () => writableClosed),
    read() {
      reader.read().then((chunk) => {
        if (chunk.done) duplex.push(null);
        else duplex.push(chunk.value);
      }, (error) => destroy(duplex, error));
    },
    destroy(error, callback) {
      const done = () => {
        try {
          callback(error);
        } catch (err) {
          process.nextTick(() => { throw err; });
        }
      };
      const closeWriter = async () => {
        if (!writableClosed) await writer.abort(error);
      };
      const closeReader = async () => {
        if (!readableClosed) await reader.cancel(error);
      };
      if (!writableClosed || !readableClosed) {
        Promise.all([closeWriter(), closeReader()]).then(done, done);
        return;
      }
      done();
    },
  });
  writer.closed.then(() => {
    writableClosed = true;
    if (!isWritableEnded(duplex)) destroy(duplex, errors.prematureClose());
  }, (error) => {
    writableClosed = true;
    readableClosed = true;
    destroy(duplex, error);
  });
  reader.closed.then(() => { readableClosed = true; }, (error) => {
    writableClosed = true;
    readableClosed = true;
    destroy(duplex, error);
  });
  return duplex;
}
