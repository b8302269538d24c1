// ReadableStream, its default reader and default controller, and the stream-level algorithms
// readers and controllers share (streams.spec.whatwg.org §4). Byte streams are in
// readable-bytes.js, pipeTo in pipe.js, tee in tee.js, ReadableStream.from in from.js.
import {
  kState, kTransfer, kType, kInspect, invalidState, invalidThis, illegalConstructor, invalidArgType, invalidArgValue, isBrand,
  validateObject, validateAbortSignal, extractHighWaterMark, extractSizeAlgorithm, promiseCallback, deferred, settledDeferred,
  setPromiseHandled, react, dequeueValue, enqueueValueWithSize, resetQueue, customInspect, defineClassProperties,
} from 'qjsw:internal/webstreams/util';
import { importBuiltin } from 'qjsw:binding/module';
import {
  ReadableStreamBYOBReader, setupByteControllerFromSource, byobReaderErrorReadIntoRequests,
  isByteController, byteControllerCancelSteps, byteControllerPullSteps, byteControllerReleaseSteps,
} from 'qjsw:internal/webstreams/readable-bytes';
import { isWritableStream, isWritableStreamLocked } from 'qjsw:internal/webstreams/writablestream';
import { readableStreamPipeTo } from 'qjsw:internal/webstreams/pipe';
import { readableStreamTee } from 'qjsw:internal/webstreams/tee';
import { readableStreamFromIterable } from 'qjsw:internal/webstreams/from';

export const kSkip = Symbol('kSkip');
const kIsDisturbed = Symbol.for('nodejs.stream.disturbed');
const kIsErrored = Symbol.for('nodejs.stream.errored');
const kIsReadable = Symbol.for('nodejs.stream.readable');
let releasedError, releasingError;
const released = () => (releasedError ??= invalidState('Reader released'));
const releasing = () => (releasingError ??= invalidState('Releasing reader'));

export const isReadableStream = (v) => isBrand(v, 'ReadableStream');
export const isDefaultReader = (v) => isBrand(v, 'ReadableStreamDefaultReader');
export const isDefaultController = (v) => isBrand(v, 'ReadableStreamDefaultController');
export const isReadableStreamLocked = (stream) => stream[kState].reader !== undefined;

function newStreamState() {
  // isClosed: for stream.finished()
  return { state: 'readable', reader: undefined, storedError: undefined, disturbed: false, controller: undefined, isClosed: deferred() };
}

export class ReadableStream {
  [kType] = 'ReadableStream';

  constructor(source = {}, strategy = {}) {
    validateObject(source, 'source', false);
    validateObject(strategy, 'strategy', true);
    this[kState] = newStreamState();
    // the strategy is read before the source, as the spec orders it
    const size = strategy?.size;
    const highWaterMark = strategy?.highWaterMark;
    const type = source.type;
    if (`${type}` === 'bytes') {
      if (size !== undefined) throw invalidArgValue('strategy.size', size, 'is invalid', RangeError);
      setupByteControllerFromSource(this, source, extractHighWaterMark(highWaterMark, 0));
    } else {
      if (type !== undefined) throw invalidArgValue('source.type', type);
      setupDefaultControllerFromSource(this, source, extractHighWaterMark(highWaterMark, 1), extractSizeAlgorithm(size));
    }
  }

  static from(iterable) {
    return readableStreamFromIterable(iterable);
  }

  // what stream.isDisturbed/isErrored/isReadable ask (registered symbols, as in Node)
  get [kIsDisturbed]() {
    return this[kState].disturbed;
  }

  get [kIsErrored]() {
    return this[kState].state === 'errored';
  }

  get [kIsReadable]() {
    return this[kState].state === 'readable';
  }

  get locked() {
    if (!isReadableStream(this)) throw invalidThis('ReadableStream');
    return isReadableStreamLocked(this);
  }

  cancel(reason = undefined) {
    if (!isReadableStream(this)) return Promise.reject(invalidThis('ReadableStream'));
    if (isReadableStreamLocked(this)) return Promise.reject(invalidState('ReadableStream is locked'));
    return readableStreamCancel(this, reason);
  }

  getReader(options = {}) {
    if (!isReadableStream(this)) throw invalidThis('ReadableStream');
    validateObject(options, 'options', true);
    const mode = options?.mode;
    if (mode === undefined) return new ReadableStreamDefaultReader(this);
    if (`${mode}` !== 'byob') throw invalidArgValue('options.mode', mode);
    return new ReadableStreamBYOBReader(this);
  }

  pipeThrough(transform, options = {}) {
    if (!isReadableStream(this)) throw invalidThis('ReadableStream');
    const readable = transform?.readable;
    if (!isReadableStream(readable)) throw invalidArgType('transform.readable', 'ReadableStream', readable);
    const writable = transform?.writable;
    if (!isWritableStream(writable)) throw invalidArgType('transform.writable', 'WritableStream', writable);
    const { preventAbort, preventCancel, preventClose, signal } = pipeOptions(options);
    if (isReadableStreamLocked(this)) throw invalidState('The ReadableStream is locked');
    if (isWritableStreamLocked(writable)) throw invalidState('The WritableStream is locked');
    setPromiseHandled(readableStreamPipeTo(this, writable, preventClose, preventAbort, preventCancel, signal));
    return readable;
  }

  pipeTo(destination, options = {}) {
    try {
      if (!isReadableStream(this)) throw invalidThis('ReadableStream');
      if (!isWritableStream(destination)) throw invalidArgType('transform.writable', 'WritableStream', destination);
      const { preventAbort, preventCancel, preventClose, signal } = pipeOptions(options);
      if (isReadableStreamLocked(this)) throw invalidState('The ReadableStream is locked');
      if (isWritableStreamLocked(destination)) throw invalidState('The WritableStream is locked');
      return readableStreamPipeTo(this, destination, preventClose, preventAbort, preventCancel, signal);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  tee() {
    if (!isReadableStream(this)) throw invalidThis('ReadableStream');
    return readableStreamTee(this, false);
  }

  values(options = {}) {
    if (!isReadableStream(this)) throw invalidThis('ReadableStream');
    validateObject(options, 'options', true);
    return readableStreamIterator(this, !!options?.preventCancel);
  }

  [kTransfer]() {
    if (!isReadableStream(this)) throw invalidThis('ReadableStream');
    return importBuiltin('qjsw:internal/webstreams/transfer').transferStream(this);
  }

  [kInspect](depth, options, inspect) {
    return customInspect(this, depth, options, inspect, 'ReadableStream', {
      locked: this.locked,
      state: this[kState].state,
      supportsBYOB: isByteController(this[kState].controller),
    });
  }
}
defineClassProperties(ReadableStream, ['locked', 'cancel', 'getReader', 'pipeThrough', 'pipeTo', 'tee', 'values'], 'ReadableStream');
Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, {
  value: ReadableStream.prototype.values, writable: true, enumerable: false, configurable: true,
});
Object.defineProperty(ReadableStream, 'from', { enumerable: true });

function pipeOptions(options) {
  validateObject(options, 'options', true);
  // read one at a time, in this order, as the web platform tests check
  const preventAbort = options?.preventAbort;
  const preventCancel = options?.preventCancel;
  const preventClose = options?.preventClose;
  const signal = options?.signal;
  if (signal !== undefined) validateAbortSignal(signal, 'options.signal');
  return { preventAbort: !!preventAbort, preventCancel: !!preventCancel, preventClose: !!preventClose, signal };
}

// --- async iteration ----------------------------------------------------------------------

// The prototype Node gives its iterators: own next/return left undefined, above %AsyncIteratorPrototype%.
const AsyncIterator = Object.setPrototypeOf({ next: undefined, return: undefined },
  Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype));

function readableStreamIterator(stream, preventCancel) {
  const reader = new ReadableStreamDefaultReader(stream);
  const state = { done: false, current: undefined };
  let started = false;

  function nextSteps() {
    if (state.done) return Promise.resolve({ done: true, value: undefined });
    if (reader[kState].stream === undefined) return Promise.reject(invalidState('The reader is not bound to a ReadableStream'));
    const d = deferred();
    readableStreamDefaultReaderRead(reader, {
      chunk(value) {
        state.current = undefined;
        d.resolve({ value, done: false });
      },
      close() {
        state.current = undefined;
        state.done = true;
        readableStreamReaderGenericRelease(reader);
        d.resolve({ done: true, value: undefined });
      },
      error(err) {
        state.current = undefined;
        state.done = true;
        readableStreamReaderGenericRelease(reader);
        d.reject(err);
      },
    });
    return d.promise;
  }

  async function returnSteps(value) {
    if (state.done) return { done: true, value };
    state.done = true;
    if (reader[kState].stream === undefined) throw invalidState('The reader is not bound to a ReadableStream');
    if (!preventCancel) {
      const result = readableStreamReaderGenericCancel(reader, value);
      readableStreamReaderGenericRelease(reader);
      await result;
      return { done: true, value };
    }
    readableStreamReaderGenericRelease(reader);
    return { done: true, value };
  }

  return Object.setPrototypeOf({
    next() {
      // Node delays the first read by one microtask so that the controller has started
      if (!started) {
        state.current = Promise.resolve();
        started = true;
      }
      state.current = state.current !== undefined ? state.current.then(nextSteps, nextSteps) : nextSteps();
      return state.current;
    },
    return(error) {
      started = true;
      state.current = state.current !== undefined
        ? state.current.then(() => returnSteps(error), () => returnSteps(error))
        : returnSteps(error);
      return state.current;
    },
    [Symbol.asyncIterator]() { return this; },
  }, AsyncIterator);
}

// --- readers ------------------------------------------------------------------------------

export class ReadableStreamDefaultReader {
  [kType] = 'ReadableStreamDefaultReader';

  constructor(stream) {
    if (!isReadableStream(stream)) throw invalidArgType('stream', 'ReadableStream', stream);
    this[kState] = { stream: undefined, readRequests: [], close: undefined };
    setupDefaultReader(this, stream);
  }

  read() {
    if (!isDefaultReader(this)) return Promise.reject(invalidThis('ReadableStreamDefaultReader'));
    if (this[kState].stream === undefined) return Promise.reject(invalidState('The reader is not attached to a stream'));
    const d = deferred();
    readableStreamDefaultReaderRead(this, {
      chunk: (value) => d.resolve({ value, done: false }),
      close: () => d.resolve({ value: undefined, done: true }),
      error: (err) => d.reject(err),
    });
    return d.promise;
  }

  releaseLock() {
    if (!isDefaultReader(this)) throw invalidThis('ReadableStreamDefaultReader');
    if (this[kState].stream === undefined) return;
    readableStreamDefaultReaderRelease(this);
  }

  get closed() {
    if (!isDefaultReader(this)) return Promise.reject(invalidThis('ReadableStreamDefaultReader'));
    return this[kState].close.promise;
  }

  cancel(reason = undefined) {
    if (!isDefaultReader(this)) return Promise.reject(invalidThis('ReadableStreamDefaultReader'));
    if (this[kState].stream === undefined) return Promise.reject(invalidState('The reader is not attached to a stream'));
    return readableStreamReaderGenericCancel(this, reason);
  }

  [kInspect](depth, options, inspect) {
    return customInspect(this, depth, options, inspect, 'ReadableStreamDefaultReader', {
      stream: this[kState].stream,
      readRequests: this[kState].readRequests.length,
      close: this[kState].close.promise,
    });
  }
}
defineClassProperties(ReadableStreamDefaultReader, ['closed', 'read', 'releaseLock', 'cancel'], 'ReadableStreamDefaultReader');

function setupDefaultReader(reader, stream) {
  if (isReadableStreamLocked(stream)) throw invalidState('ReadableStream is locked');
  readableStreamReaderGenericInitialize(reader, stream);
  reader[kState].readRequests = [];
}

export function readableStreamReaderGenericInitialize(reader, stream) {
  reader[kState].stream = stream;
  stream[kState].reader = reader;
  const close = deferred();
  reader[kState].close = close;
  switch (stream[kState].state) {
    case 'readable': break;
    case 'closed': close.resolve(); break;
    case 'errored':
      close.reject(stream[kState].storedError);
      setPromiseHandled(close.promise);
      break;
  }
}

export function readableStreamReaderGenericCancel(reader, reason) {
  return readableStreamCancel(reader[kState].stream, reason);
}

export function readableStreamReaderGenericRelease(reader) {
  const stream = reader[kState].stream;
  if (stream[kState].state === 'readable') {
    reader[kState].close.reject(released());
  } else {
    reader[kState].close = settledDeferred(Promise.reject(released()));
  }
  setPromiseHandled(reader[kState].close.promise);
  const controller = stream[kState].controller;
  if (isByteController(controller)) byteControllerReleaseSteps(controller);
  stream[kState].reader = undefined;
  reader[kState].stream = undefined;
}

export function readableStreamDefaultReaderRelease(reader) {
  readableStreamReaderGenericRelease(reader);
  readableStreamDefaultReaderErrorReadRequests(reader, releasing());
}

function readableStreamDefaultReaderErrorReadRequests(reader, err) {
  const requests = reader[kState].readRequests;
  reader[kState].readRequests = [];
  for (const request of requests) request.error(err);
}

export function readableStreamDefaultReaderRead(reader, request) {
  const stream = reader[kState].stream;
  stream[kState].disturbed = true;
  switch (stream[kState].state) {
    case 'closed': request.close(); break;
    case 'errored': request.error(stream[kState].storedError); break;
    default: {
      const controller = stream[kState].controller;
      if (isByteController(controller)) byteControllerPullSteps(controller, request);
      else defaultControllerPullSteps(controller, request);
    }
  }
}

// --- stream algorithms --------------------------------------------------------------------

export function readableStreamCancel(stream, reason) {
  const state = stream[kState];
  state.disturbed = true;
  if (state.state === 'closed') return Promise.resolve();
  if (state.state === 'errored') return Promise.reject(state.storedError);
  readableStreamClose(stream);
  const reader = state.reader;
  if (reader !== undefined && isBrand(reader, 'ReadableStreamBYOBReader')) {
    const requests = reader[kState].readIntoRequests;
    reader[kState].readIntoRequests = [];
    for (const request of requests) request.close(undefined);
  }
  const controller = state.controller;
  const result = isByteController(controller) ? byteControllerCancelSteps(controller, reason) : defaultControllerCancelSteps(controller, reason);
  return result.then(() => {});
}

export function readableStreamClose(stream) {
  const state = stream[kState];
  state.state = 'closed';
  state.isClosed.resolve();
  const reader = state.reader;
  if (reader === undefined) return;
  reader[kState].close.resolve();
  if (isDefaultReader(reader)) {
    const requests = reader[kState].readRequests;
    reader[kState].readRequests = [];
    for (const request of requests) request.close();
  }
}

export function readableStreamError(stream, err) {
  const state = stream[kState];
  state.state = 'errored';
  state.storedError = err;
  setPromiseHandled(state.isClosed.promise);
  state.isClosed.reject(err);
  const reader = state.reader;
  if (reader === undefined) return;
  reader[kState].close.reject(err);
  setPromiseHandled(reader[kState].close.promise);
  if (isDefaultReader(reader)) readableStreamDefaultReaderErrorReadRequests(reader, err);
  else byobReaderErrorReadIntoRequests(reader, err);
}

export function readableStreamAddReadRequest(stream, request) {
  stream[kState].reader[kState].readRequests.push(request);
}

export function readableStreamFulfillReadRequest(stream, chunk, done) {
  const request = stream[kState].reader[kState].readRequests.shift();
  if (done) request.close();
  else request.chunk(chunk);
}

export function readableStreamGetNumReadRequests(stream) {
  return stream[kState].reader[kState].readRequests.length;
}

export function readableStreamHasDefaultReader(stream) {
  const reader = stream[kState].reader;
  return reader !== undefined && isDefaultReader(reader);
}

// --- the default controller ---------------------------------------------------------------

export class ReadableStreamDefaultController {
  [kType] = 'ReadableStreamDefaultController';

  constructor(skip = undefined) {
    if (skip !== kSkip) throw illegalConstructor();
  }

  get desiredSize() {
    if (!isDefaultController(this)) throw invalidThis('ReadableStreamDefaultController');
    return defaultControllerGetDesiredSize(this);
  }

  close() {
    if (!isDefaultController(this)) throw invalidThis('ReadableStreamDefaultController');
    if (!defaultControllerCanCloseOrEnqueue(this)) throw invalidState('Controller is already closed');
    readableStreamDefaultControllerClose(this);
  }

  enqueue(chunk = undefined) {
    if (!isDefaultController(this)) throw invalidThis('ReadableStreamDefaultController');
    if (!defaultControllerCanCloseOrEnqueue(this)) throw invalidState('Controller is already closed');
    readableStreamDefaultControllerEnqueue(this, chunk);
  }

  error(error = undefined) {
    if (!isDefaultController(this)) throw invalidThis('ReadableStreamDefaultController');
    readableStreamDefaultControllerError(this, error);
  }

  [kInspect](depth, options, inspect) {
    return customInspect(this, depth, options, inspect, 'ReadableStreamDefaultController', {});
  }
}
defineClassProperties(ReadableStreamDefaultController, ['desiredSize', 'close', 'enqueue', 'error'], 'ReadableStreamDefaultController');

export function setupDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm) {
  controller[kState] = {
    stream,
    queue: [],
    queueTotalSize: 0,
    started: false,
    closeRequested: false,
    pullAgain: false,
    pulling: false,
    highWaterMark,
    sizeAlgorithm,
    pullAlgorithm,
    cancelAlgorithm,
  };
  stream[kState].controller = controller;
  const startResult = startAlgorithm();
  react(Promise.resolve(startResult), () => {
    controller[kState].started = true;
    defaultControllerCallPullIfNeeded(controller);
  }, (err) => readableStreamDefaultControllerError(controller, err));
}

function setupDefaultControllerFromSource(stream, source, highWaterMark, sizeAlgorithm) {
  const controller = new ReadableStreamDefaultController(kSkip);
  const { start, pull, cancel } = source;
  const startAlgorithm = start ? () => start.call(source, controller) : () => {};
  const pullAlgorithm = pull ? promiseCallback('source.pull', pull, source) : () => Promise.resolve();
  const cancelAlgorithm = cancel ? promiseCallback('source.cancel', cancel, source) : () => Promise.resolve();
  setupDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm);
}

// Used by TransformStream and the adapters: a default stream from plain algorithms.
export function createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 1, sizeAlgorithm = () => 1) {
  const stream = Object.create(ReadableStream.prototype);
  stream[kType] = 'ReadableStream';
  stream[kState] = newStreamState();
  const controller = new ReadableStreamDefaultController(kSkip);
  setupDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm);
  return stream;
}

export function createReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm) {
  const stream = Object.create(ReadableStream.prototype);
  stream[kType] = 'ReadableStream';
  stream[kState] = newStreamState();
  setupByteControllerFromSource(stream, {}, 0, { startAlgorithm, pullAlgorithm, cancelAlgorithm });
  return stream;
}

function defaultControllerCallPullIfNeeded(controller) {
  if (!defaultControllerShouldCallPull(controller)) return;
  const state = controller[kState];
  if (state.pulling) {
    state.pullAgain = true;
    return;
  }
  state.pulling = true;
  react(state.pullAlgorithm(controller), () => {
    state.pulling = false;
    if (state.pullAgain) {
      state.pullAgain = false;
      defaultControllerCallPullIfNeeded(controller);
    }
  }, (err) => readableStreamDefaultControllerError(controller, err));
}

function defaultControllerShouldCallPull(controller) {
  const state = controller[kState];
  const stream = state.stream;
  if (!defaultControllerCanCloseOrEnqueue(controller) || !state.started) return false;
  if (isReadableStreamLocked(stream) && readableStreamGetNumReadRequests(stream) > 0) return true;
  return defaultControllerGetDesiredSize(controller) > 0;
}

function defaultControllerClearAlgorithms(controller) {
  const state = controller[kState];
  state.pullAlgorithm = undefined;
  state.cancelAlgorithm = undefined;
  state.sizeAlgorithm = undefined;
}

export function readableStreamDefaultControllerClose(controller) {
  if (!defaultControllerCanCloseOrEnqueue(controller)) return;
  const state = controller[kState];
  state.closeRequested = true;
  if (!state.queue.length) {
    defaultControllerClearAlgorithms(controller);
    readableStreamClose(state.stream);
  }
}

export function readableStreamDefaultControllerEnqueue(controller, chunk) {
  if (!defaultControllerCanCloseOrEnqueue(controller)) return;
  const state = controller[kState];
  const stream = state.stream;
  if (isReadableStreamLocked(stream) && readableStreamGetNumReadRequests(stream) > 0) {
    readableStreamFulfillReadRequest(stream, chunk, false);
  } else {
    try {
      const size = state.sizeAlgorithm(chunk);
      enqueueValueWithSize(state, chunk, size);
    } catch (err) {
      readableStreamDefaultControllerError(controller, err);
      throw err;
    }
  }
  defaultControllerCallPullIfNeeded(controller);
}

export function readableStreamDefaultControllerError(controller, err) {
  const state = controller[kState];
  if (state.stream[kState].state !== 'readable') return;
  resetQueue(state);
  defaultControllerClearAlgorithms(controller);
  readableStreamError(state.stream, err);
}

export function defaultControllerGetDesiredSize(controller) {
  const state = controller[kState];
  switch (state.stream[kState].state) {
    case 'errored': return null;
    case 'closed': return 0;
    default: return state.highWaterMark - state.queueTotalSize;
  }
}

export function defaultControllerHasBackpressure(controller) {
  return !defaultControllerShouldCallPull(controller);
}

export function defaultControllerCanCloseOrEnqueue(controller) {
  const state = controller[kState];
  return !state.closeRequested && state.stream[kState].state === 'readable';
}

function defaultControllerCancelSteps(controller, reason) {
  resetQueue(controller[kState]);
  const result = controller[kState].cancelAlgorithm(reason);
  defaultControllerClearAlgorithms(controller);
  return result;
}

function defaultControllerPullSteps(controller, request) {
  const state = controller[kState];
  const stream = state.stream;
  if (state.queue.length) {
    const chunk = dequeueValue(state);
    if (state.closeRequested && !state.queue.length) {
      defaultControllerClearAlgorithms(controller);
      readableStreamClose(stream);
    } else {
      defaultControllerCallPullIfNeeded(controller);
    }
    request.chunk(chunk);
  } else {
    readableStreamAddReadRequest(stream, request);
    defaultControllerCallPullIfNeeded(controller);
  }
}
