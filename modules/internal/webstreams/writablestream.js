// WritableStream, its default writer and controller (streams.spec.whatwg.org §5).
import { AbortController } from 'qjsw:internal/abort';
import {
  kState, kTransfer, kType, kInspect, invalidState, invalidThis, illegalConstructor, invalidArgType, invalidArgValue, isBrand,
  validateObject, extractHighWaterMark, extractSizeAlgorithm, promiseCallback, deferred, settledDeferred, setPromiseHandled, react,
  dequeueValue, enqueueValueWithSize, resetQueue, customInspect, defineClassProperties,
} from 'qjsw:internal/webstreams/util';
import { importBuiltin } from 'qjsw:binding/module';

const kSkip = Symbol('kSkip');
const kCloseSentinel = Symbol('kCloseSentinel');
let releasedError;
const released = () => (releasedError ??= invalidState('Writer has been released'));

export const isWritableStream = (v) => isBrand(v, 'WritableStream');
const isWriter = (v) => isBrand(v, 'WritableStreamDefaultWriter');
const isController = (v) => isBrand(v, 'WritableStreamDefaultController');
export const isWritableStreamLocked = (stream) => stream[kState].writer !== undefined;


function newStreamState() {
  return {
    state: 'writable',
    storedError: undefined,
    writer: undefined,
    controller: undefined,
    inFlightWriteRequest: undefined,
    closeRequest: undefined,
    inFlightCloseRequest: undefined,
    pendingAbortRequest: undefined,
    writeRequests: [],
    backpressure: false,
    // for stream.finished()
    isClosed: deferred(),
  };
}

export class WritableStream {
  [kType] = 'WritableStream';

  constructor(sink = {}, strategy = {}) {
    validateObject(sink, 'sink', false);
    validateObject(strategy, 'strategy', true);
    const type = sink?.type;
    if (type !== undefined) throw invalidArgValue('type', type, 'is invalid', RangeError);
    this[kState] = newStreamState();
    const size = extractSizeAlgorithm(strategy?.size);
    const highWaterMark = extractHighWaterMark(strategy?.highWaterMark, 1);
    setupControllerFromSink(this, sink, highWaterMark, size);
  }

  get locked() {
    if (!isWritableStream(this)) throw invalidThis('WritableStream');
    return isWritableStreamLocked(this);
  }

  abort(reason = undefined) {
    if (!isWritableStream(this)) return Promise.reject(invalidThis('WritableStream'));
    if (isWritableStreamLocked(this)) return Promise.reject(invalidState('WritableStream is locked'));
    return writableStreamAbort(this, reason);
  }

  close() {
    if (!isWritableStream(this)) return Promise.reject(invalidThis('WritableStream'));
    if (isWritableStreamLocked(this)) return Promise.reject(invalidState('WritableStream is locked'));
    if (writableStreamCloseQueuedOrInFlight(this)) return Promise.reject(invalidState('Failure closing WritableStream'));
    return writableStreamClose(this);
  }

  getWriter() {
    if (!isWritableStream(this)) throw invalidThis('WritableStream');
    return new WritableStreamDefaultWriter(this);
  }

  [kTransfer]() {
    if (!isWritableStream(this)) throw invalidThis('WritableStream');
    return importBuiltin('qjsw:internal/webstreams/transfer').transferStream(this);
  }

  [kInspect](depth, options, inspect) {
    return customInspect(this, depth, options, inspect, 'WritableStream', { locked: this.locked, state: this[kState].state });
  }
}
defineClassProperties(WritableStream, ['locked', 'abort', 'close', 'getWriter'], 'WritableStream');

// --- the writer ---------------------------------------------------------------------------

export class WritableStreamDefaultWriter {
  [kType] = 'WritableStreamDefaultWriter';

  constructor(stream) {
    if (!isWritableStream(stream)) throw invalidArgType('stream', 'WritableStream', stream);
    this[kState] = { stream: undefined, close: undefined, ready: undefined };
    setupWriter(this, stream);
  }

  get closed() {
    if (!isWriter(this)) return Promise.reject(invalidThis('WritableStreamDefaultWriter'));
    return this[kState].close.promise;
  }

  get desiredSize() {
    if (!isWriter(this)) throw invalidThis('WritableStreamDefaultWriter');
    if (this[kState].stream === undefined) throw invalidState('Writer is not bound to a WritableStream');
    return writerGetDesiredSize(this);
  }

  get ready() {
    if (!isWriter(this)) return Promise.reject(invalidThis('WritableStreamDefaultWriter'));
    return this[kState].ready.promise;
  }

  abort(reason = undefined) {
    if (!isWriter(this)) return Promise.reject(invalidThis('WritableStreamDefaultWriter'));
    if (this[kState].stream === undefined) return Promise.reject(invalidState('Writer is not bound to a WritableStream'));
    return writableStreamAbort(this[kState].stream, reason);
  }

  close() {
    if (!isWriter(this)) return Promise.reject(invalidThis('WritableStreamDefaultWriter'));
    const stream = this[kState].stream;
    if (stream === undefined) return Promise.reject(invalidState('Writer is not bound to a WritableStream'));
    if (writableStreamCloseQueuedOrInFlight(stream)) return Promise.reject(invalidState('Failure to close WritableStream'));
    return writableStreamClose(stream);
  }

  releaseLock() {
    if (!isWriter(this)) throw invalidThis('WritableStreamDefaultWriter');
    if (this[kState].stream === undefined) return;
    writerRelease(this);
  }

  write(chunk = undefined) {
    if (!isWriter(this)) return Promise.reject(invalidThis('WritableStreamDefaultWriter'));
    if (this[kState].stream === undefined) return Promise.reject(invalidState('Writer is not bound to a WritableStream'));
    return writerWrite(this, chunk);
  }

  [kInspect](depth, options, inspect) {
    return customInspect(this, depth, options, inspect, 'WritableStreamDefaultWriter', {
      stream: this[kState].stream,
      close: this[kState].close.promise,
      ready: this[kState].ready.promise,
      desiredSize: this.desiredSize,
    });
  }
}
defineClassProperties(WritableStreamDefaultWriter, ['closed', 'ready', 'desiredSize', 'abort', 'close', 'releaseLock', 'write'], 'WritableStreamDefaultWriter');

function setupWriter(writer, stream) {
  if (isWritableStreamLocked(stream)) throw invalidState('WritableStream is locked');
  const w = writer[kState];
  w.stream = stream;
  stream[kState].writer = writer;
  const { state, storedError } = stream[kState];
  switch (state) {
    case 'writable':
      w.ready = !writableStreamCloseQueuedOrInFlight(stream) && stream[kState].backpressure ? deferred() : settledDeferred(Promise.resolve());
      w.close = deferred();
      break;
    case 'erroring':
      w.ready = settledDeferred(Promise.reject(storedError));
      setPromiseHandled(w.ready.promise);
      w.close = deferred();
      break;
    case 'closed':
      w.ready = settledDeferred(Promise.resolve());
      w.close = settledDeferred(Promise.resolve());
      break;
    default:
      w.ready = settledDeferred(Promise.reject(storedError));
      w.close = settledDeferred(Promise.reject(storedError));
      setPromiseHandled(w.ready.promise);
      setPromiseHandled(w.close.promise);
  }
}

function writerGetDesiredSize(writer) {
  const stream = writer[kState].stream;
  const state = stream[kState].state;
  if (state === 'errored' || state === 'erroring') return null;
  if (state === 'closed') return 0;
  return controllerGetDesiredSize(stream[kState].controller);
}

function writerEnsureClosedPromiseRejected(writer, err) {
  const w = writer[kState];
  if (!w.close.settled) w.close.reject(err);
  else w.close = settledDeferred(Promise.reject(err));
  setPromiseHandled(w.close.promise);
}

function writerEnsureReadyPromiseRejected(writer, err) {
  const w = writer[kState];
  if (!w.ready.settled) w.ready.reject(err);
  else w.ready = settledDeferred(Promise.reject(err));
  setPromiseHandled(w.ready.promise);
}

function writerRelease(writer) {
  const stream = writer[kState].stream;
  const err = released();
  writerEnsureReadyPromiseRejected(writer, err);
  writerEnsureClosedPromiseRejected(writer, err);
  stream[kState].writer = undefined;
  writer[kState].stream = undefined;
}

export function writerWrite(writer, chunk) {
  const stream = writer[kState].stream;
  const controller = stream[kState].controller;
  const chunkSize = controllerGetChunkSize(controller, chunk);
  if (stream !== writer[kState].stream) return Promise.reject(invalidState('Mismatched WritableStreams'));
  const state = stream[kState].state;
  if (state === 'errored') return Promise.reject(stream[kState].storedError);
  if (writableStreamCloseQueuedOrInFlight(stream) || state === 'closed') return Promise.reject(invalidState('WritableStream is closed'));
  if (state === 'erroring') return Promise.reject(stream[kState].storedError);
  const d = deferred();
  stream[kState].writeRequests.push(d);
  controllerWrite(controller, chunk, chunkSize);
  return d.promise;
}

export function writerCloseWithErrorPropagation(writer) {
  const stream = writer[kState].stream;
  const state = stream[kState].state;
  if (writableStreamCloseQueuedOrInFlight(stream) || state === 'closed') return Promise.resolve();
  if (state === 'errored') return Promise.reject(stream[kState].storedError);
  return writableStreamClose(stream);
}

export { writerRelease, writerGetDesiredSize };

// --- stream algorithms --------------------------------------------------------------------

export function writableStreamAbort(stream, reason) {
  const s = stream[kState];
  if (s.state === 'closed' || s.state === 'errored') return Promise.resolve();
  s.controller[kState].abortController.abort(reason);
  if (s.state === 'closed' || s.state === 'errored') return Promise.resolve();
  if (s.pendingAbortRequest !== undefined) return s.pendingAbortRequest.promise.promise;
  let wasAlreadyErroring = false;
  if (s.state === 'erroring') {
    wasAlreadyErroring = true;
    reason = undefined;
  }
  const promise = deferred();
  s.pendingAbortRequest = { promise, reason, wasAlreadyErroring };
  if (!wasAlreadyErroring) writableStreamStartErroring(stream, reason);
  return promise.promise;
}

export function writableStreamClose(stream) {
  const s = stream[kState];
  if (s.state === 'closed' || s.state === 'errored') return Promise.reject(invalidState('WritableStream is closed'));
  const d = deferred();
  s.closeRequest = d;
  const writer = s.writer;
  if (writer !== undefined && s.backpressure && s.state === 'writable') writer[kState].ready.resolve();
  controllerClose(s.controller);
  return d.promise;
}

export function writableStreamCloseQueuedOrInFlight(stream) {
  const s = stream[kState];
  return s.closeRequest !== undefined || s.inFlightCloseRequest !== undefined;
}

function writableStreamDealWithRejection(stream, err) {
  if (stream[kState].state === 'writable') {
    writableStreamStartErroring(stream, err);
    return;
  }
  writableStreamFinishErroring(stream);
}

function writableStreamStartErroring(stream, reason) {
  const s = stream[kState];
  const controller = s.controller;
  s.state = 'erroring';
  s.storedError = reason;
  const writer = s.writer;
  if (writer !== undefined) writerEnsureReadyPromiseRejected(writer, reason);
  if (!writableStreamHasOperationMarkedInFlight(stream) && controller[kState].started) writableStreamFinishErroring(stream);
}

function writableStreamFinishErroring(stream) {
  const s = stream[kState];
  s.state = 'errored';
  resetQueue(s.controller[kState]);
  const storedError = s.storedError;
  const requests = s.writeRequests;
  s.writeRequests = [];
  for (const request of requests) request.reject(storedError);
  if (s.pendingAbortRequest === undefined) {
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
    return;
  }
  const abortRequest = s.pendingAbortRequest;
  s.pendingAbortRequest = undefined;
  if (abortRequest.wasAlreadyErroring) {
    abortRequest.promise.reject(storedError);
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
    return;
  }
  const controller = s.controller;
  const result = controller[kState].abortAlgorithm(abortRequest.reason);
  controllerClearAlgorithms(controller);
  react(result, () => {
    abortRequest.promise.resolve();
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
  }, (err) => {
    abortRequest.promise.reject(err);
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
  });
}

function writableStreamFinishInFlightClose(stream) {
  const s = stream[kState];
  s.inFlightCloseRequest.resolve();
  s.inFlightCloseRequest = undefined;
  if (s.state === 'erroring') {
    s.storedError = undefined;
    if (s.pendingAbortRequest !== undefined) {
      s.pendingAbortRequest.promise.resolve();
      s.pendingAbortRequest = undefined;
    }
  }
  s.state = 'closed';
  s.isClosed.resolve();
  const writer = s.writer;
  if (writer !== undefined) writer[kState].close.resolve();
}

function writableStreamFinishInFlightCloseWithError(stream, err) {
  const s = stream[kState];
  s.inFlightCloseRequest.reject(err);
  s.inFlightCloseRequest = undefined;
  if (s.pendingAbortRequest !== undefined) {
    s.pendingAbortRequest.promise.reject(err);
    s.pendingAbortRequest = undefined;
  }
  writableStreamDealWithRejection(stream, err);
}

function writableStreamFinishInFlightWrite(stream) {
  stream[kState].inFlightWriteRequest.resolve();
  stream[kState].inFlightWriteRequest = undefined;
}

function writableStreamFinishInFlightWriteWithError(stream, err) {
  stream[kState].inFlightWriteRequest.reject(err);
  stream[kState].inFlightWriteRequest = undefined;
  writableStreamDealWithRejection(stream, err);
}

function writableStreamHasOperationMarkedInFlight(stream) {
  const s = stream[kState];
  return s.inFlightWriteRequest !== undefined || s.inFlightCloseRequest !== undefined;
}

function writableStreamMarkCloseRequestInFlight(stream) {
  const s = stream[kState];
  s.inFlightCloseRequest = s.closeRequest;
  s.closeRequest = undefined;
}

function writableStreamMarkFirstWriteRequestInFlight(stream) {
  const s = stream[kState];
  s.inFlightWriteRequest = s.writeRequests.shift();
}

function writableStreamRejectCloseAndClosedPromiseIfNeeded(stream) {
  const s = stream[kState];
  setPromiseHandled(s.isClosed.promise);
  s.isClosed.reject(s.storedError);
  if (s.closeRequest !== undefined) {
    s.closeRequest.reject(s.storedError);
    s.closeRequest = undefined;
  }
  const writer = s.writer;
  if (writer !== undefined) {
    writer[kState].close.reject(s.storedError);
    setPromiseHandled(writer[kState].close.promise);
  }
}

function writableStreamUpdateBackpressure(stream, backpressure) {
  const s = stream[kState];
  const writer = s.writer;
  if (writer !== undefined && backpressure !== s.backpressure) {
    if (backpressure) writer[kState].ready = deferred();
    else writer[kState].ready.resolve();
  }
  s.backpressure = backpressure;
}

// --- the controller -----------------------------------------------------------------------

export class WritableStreamDefaultController {
  [kType] = 'WritableStreamDefaultController';

  constructor(skip = undefined) {
    if (skip !== kSkip) throw illegalConstructor();
  }

  get signal() {
    if (!isController(this)) throw invalidThis('WritableStreamDefaultController');
    return this[kState].abortController.signal;
  }

  error(error = undefined) {
    if (!isController(this)) throw invalidThis('WritableStreamDefaultController');
    if (this[kState].stream[kState].state !== 'writable') return;
    controllerError(this, error);
  }

  [kInspect](depth, options, inspect) {
    return customInspect(this, depth, options, inspect, 'WritableStreamDefaultController', { stream: this[kState].stream });
  }
}
defineClassProperties(WritableStreamDefaultController, ['signal', 'error'], 'WritableStreamDefaultController');

function setupController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm) {
  controller[kState] = {
    stream,
    queue: [],
    queueTotalSize: 0,
    abortController: new AbortController(),
    started: false,
    sizeAlgorithm,
    highWaterMark,
    writeAlgorithm,
    closeAlgorithm,
    abortAlgorithm,
  };
  stream[kState].controller = controller;
  writableStreamUpdateBackpressure(stream, controllerGetBackpressure(controller));
  const startResult = startAlgorithm();
  react(Promise.resolve(startResult), () => {
    controller[kState].started = true;
    controllerAdvanceQueueIfNeeded(controller);
  }, (err) => {
    controller[kState].started = true;
    writableStreamDealWithRejection(stream, err);
  });
}

function setupControllerFromSink(stream, sink, highWaterMark, sizeAlgorithm) {
  const controller = new WritableStreamDefaultController(kSkip);
  const { start, write, close, abort } = sink;
  const startAlgorithm = start ? () => start.call(sink, controller) : () => {};
  const writeAlgorithm = write ? promiseCallback('sink.write', write, sink) : () => Promise.resolve();
  const closeAlgorithm = close ? promiseCallback('sink.close', close, sink) : () => Promise.resolve();
  const abortAlgorithm = abort ? promiseCallback('sink.abort', abort, sink) : () => Promise.resolve();
  setupController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm);
}

// Used by TransformStream and the adapters.
export function createWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark = 1, sizeAlgorithm = () => 1) {
  const stream = Object.create(WritableStream.prototype);
  stream[kType] = 'WritableStream';
  stream[kState] = newStreamState();
  const controller = new WritableStreamDefaultController(kSkip);
  setupController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm);
  return stream;
}

function controllerAdvanceQueueIfNeeded(controller) {
  const c = controller[kState];
  const stream = c.stream;
  if (!c.started) return;
  if (stream[kState].inFlightWriteRequest !== undefined) return;
  const state = stream[kState].state;
  if (state === 'erroring') {
    writableStreamFinishErroring(stream);
    return;
  }
  if (!c.queue.length) return;
  const value = c.queue[0].value;
  if (value === kCloseSentinel) controllerProcessClose(controller);
  else controllerProcessWrite(controller, value);
}

function controllerClearAlgorithms(controller) {
  const c = controller[kState];
  c.writeAlgorithm = undefined;
  c.closeAlgorithm = undefined;
  c.abortAlgorithm = undefined;
  c.sizeAlgorithm = undefined;
}

function controllerClose(controller) {
  enqueueValueWithSize(controller[kState], kCloseSentinel, 0);
  controllerAdvanceQueueIfNeeded(controller);
}

export function controllerError(controller, err) {
  const stream = controller[kState].stream;
  controllerClearAlgorithms(controller);
  writableStreamStartErroring(stream, err);
}

export function controllerErrorIfNeeded(controller, err) {
  if (controller[kState].stream[kState].state === 'writable') controllerError(controller, err);
}

function controllerGetBackpressure(controller) {
  return controllerGetDesiredSize(controller) <= 0;
}

function controllerGetChunkSize(controller, chunk) {
  const c = controller[kState];
  if (c.sizeAlgorithm === undefined) return 1;
  try {
    return c.sizeAlgorithm(chunk);
  } catch (err) {
    controllerErrorIfNeeded(controller, err);
    return 1;
  }
}

function controllerGetDesiredSize(controller) {
  return controller[kState].highWaterMark - controller[kState].queueTotalSize;
}

function controllerProcessClose(controller) {
  const c = controller[kState];
  const stream = c.stream;
  writableStreamMarkCloseRequestInFlight(stream);
  dequeueValue(c);
  const sinkClosePromise = c.closeAlgorithm();
  controllerClearAlgorithms(controller);
  react(sinkClosePromise, () => writableStreamFinishInFlightClose(stream), (err) => writableStreamFinishInFlightCloseWithError(stream, err));
}

function controllerProcessWrite(controller, chunk) {
  const c = controller[kState];
  const stream = c.stream;
  writableStreamMarkFirstWriteRequestInFlight(stream);
  react(c.writeAlgorithm(chunk, controller), () => {
    writableStreamFinishInFlightWrite(stream);
    const state = stream[kState].state;
    dequeueValue(c);
    if (!writableStreamCloseQueuedOrInFlight(stream) && state === 'writable') {
      writableStreamUpdateBackpressure(stream, controllerGetBackpressure(controller));
    }
    controllerAdvanceQueueIfNeeded(controller);
  }, (err) => {
    if (stream[kState].state === 'writable') controllerClearAlgorithms(controller);
    writableStreamFinishInFlightWriteWithError(stream, err);
  });
}

function controllerWrite(controller, chunk, chunkSize) {
  const c = controller[kState];
  try {
    enqueueValueWithSize(c, chunk, chunkSize);
  } catch (err) {
    controllerErrorIfNeeded(controller, err);
    return;
  }
  const stream = c.stream;
  if (!writableStreamCloseQueuedOrInFlight(stream) && stream[kState].state === 'writable') {
    writableStreamUpdateBackpressure(stream, controllerGetBackpressure(controller));
  }
  controllerAdvanceQueueIfNeeded(controller);
}
