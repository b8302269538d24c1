// Byte streams: ReadableByteStreamController, ReadableStreamBYOBReader and
// ReadableStreamBYOBRequest (streams.spec.whatwg.org §4.7-4.10). Buffers handed to the stream
// are transferred (the caller's copy is detached), as the spec requires.
import { outOfRange } from 'qjsw:internal/errors';
import { importBuiltin } from 'qjsw:binding/module';
import {
  kState, kType, kInspect, invalidState, invalidThis, illegalConstructor, invalidArgType, invalidArgValue, isBrand,
  validateObject, promiseCallback, deferred, react, resetQueue, customInspect, defineClassProperties,
  transferArrayBuffer, isDetached, copyDataBlockBytes,
} from 'qjsw:internal/webstreams/util';
import {
  kSkip, isReadableStream, isReadableStreamLocked, readableStreamReaderGenericInitialize, readableStreamReaderGenericRelease,
  readableStreamReaderGenericCancel, readableStreamClose, readableStreamError, readableStreamAddReadRequest,
  readableStreamFulfillReadRequest, readableStreamGetNumReadRequests, readableStreamHasDefaultReader,
} from 'qjsw:internal/webstreams/readablestream';

export const isByteController = (v) => isBrand(v, 'ReadableByteStreamController');
const isBYOBReader = (v) => isBrand(v, 'ReadableStreamBYOBReader');
const isBYOBRequest = (v) => isBrand(v, 'ReadableStreamBYOBRequest');

const bufferTypes = ['Buffer', 'TypedArray', 'DataView'];
// ArrayBuffer's own byteLength getter: a TypeError for a SharedArrayBuffer, as in Node
const arrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;

// A BYOB read answers with a view made by the caller's view's constructor, as Node does (so a
// Buffer gives a Buffer); the element size comes from the view's internal type.
const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
const intrinsics = { Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array };
function viewInfo(view) {
  const tag = typedArrayTag.call(view);
  if (tag === undefined) return { ctor: DataView, elementSize: 1 };
  return { ctor: view.constructor, elementSize: intrinsics[tag].BYTES_PER_ELEMENT };
}

function makeView(ctor, buffer, byteOffset, length) {
  if (typeof ctor === 'function' && ctor.name === 'Buffer') {
    const { Buffer } = importBuiltin('node:buffer');
    if (ctor === Buffer) return Buffer.from(buffer, byteOffset, length);
  }
  return new ctor(buffer, byteOffset, length);
}

// --- ReadableStreamBYOBRequest ------------------------------------------------------------

export class ReadableStreamBYOBRequest {
  [kType] = 'ReadableStreamBYOBRequest';

  constructor(skip = undefined) {
    if (skip !== kSkip) throw illegalConstructor();
  }

  get view() {
    if (!isBYOBRequest(this)) throw invalidThis('ReadableStreamBYOBRequest');
    return this[kState].view;
  }

  respond(bytesWritten) {
    if (!isBYOBRequest(this)) throw invalidThis('ReadableStreamBYOBRequest');
    const { view, controller } = this[kState];
    if (controller === undefined) throw invalidState('This BYOB request has been invalidated');
    if (isDetached(view.buffer)) throw invalidState('Viewed ArrayBuffer is detached');
    byteControllerRespond(controller, bytesWritten);
  }

  respondWithNewView(view) {
    if (!isBYOBRequest(this)) throw invalidThis('ReadableStreamBYOBRequest');
    const { controller } = this[kState];
    if (controller === undefined) throw invalidState('This BYOB request has been invalidated');
    if (!ArrayBuffer.isView(view)) throw invalidArgType('view', bufferTypes, view);
    if (view.byteLength === 0 && isDetached(view.buffer)) throw invalidState('Viewed ArrayBuffer is detached');
    byteControllerRespondWithNewView(controller, view);
  }

  [kInspect](depth, options, inspect) {
    return customInspect(this, depth, options, inspect, 'ReadableStreamBYOBRequest', {
      view: this.view,
      controller: this[kState].controller,
    });
  }
}
defineClassProperties(ReadableStreamBYOBRequest, ['view', 'respond', 'respondWithNewView'], 'ReadableStreamBYOBRequest');

// --- ReadableStreamBYOBReader -------------------------------------------------------------

export class ReadableStreamBYOBReader {
  [kType] = 'ReadableStreamBYOBReader';

  constructor(stream) {
    if (!isReadableStream(stream)) throw invalidArgType('stream', 'ReadableStream', stream);
    this[kState] = { stream: undefined, readIntoRequests: [], close: undefined };
    if (isReadableStreamLocked(stream)) throw invalidState('ReadableStream is locked');
    if (!isByteController(stream[kState].controller)) throw invalidArgValue('stream', stream, 'must be a byte stream');
    readableStreamReaderGenericInitialize(this, stream);
    this[kState].readIntoRequests = [];
  }

  async read(view, options = {}) {
    if (!isBYOBReader(this)) throw invalidThis('ReadableStreamBYOBReader');
    if (!ArrayBuffer.isView(view)) throw invalidArgType('view', bufferTypes, view);
    validateObject(options, 'options', true);
    if (view.byteLength === 0 || arrayBufferByteLength.call(view.buffer) === 0) {
      throw invalidState('View or Viewed ArrayBuffer is zero-length or detached');
    }
    const min = options?.min ?? 1;
    if (typeof min !== 'number') throw invalidArgType('options.min', 'number', min);
    if (!Number.isInteger(min)) throw invalidArgValue('options.min', min, 'must be an integer');
    if (min <= 0) throw invalidArgValue('options.min', min, 'must be greater than 0');
    if (!(view instanceof DataView) && typedArrayTag.call(view) !== undefined) {
      if (min > view.length) throw outOfRange('options.min', '<= view.length', min);
    } else if (min > view.byteLength) {
      throw outOfRange('options.min', '<= view.byteLength', min);
    }
    if (this[kState].stream === undefined) throw invalidState('The reader is not attached to a stream');
    const d = deferred();
    readableStreamBYOBReaderRead(this, view, min, {
      chunk: (value) => d.resolve({ value, done: false }),
      close: (value) => d.resolve({ value, done: true }),
      error: (err) => d.reject(err),
    });
    return d.promise;
  }

  releaseLock() {
    if (!isBYOBReader(this)) throw invalidThis('ReadableStreamBYOBReader');
    if (this[kState].stream === undefined) return;
    readableStreamReaderGenericRelease(this);
    byobReaderErrorReadIntoRequests(this, invalidState('Releasing reader'));
  }

  get closed() {
    if (!isBYOBReader(this)) return Promise.reject(invalidThis('ReadableStreamBYOBReader'));
    return this[kState].close.promise;
  }

  cancel(reason = undefined) {
    if (!isBYOBReader(this)) return Promise.reject(invalidThis('ReadableStreamBYOBReader'));
    if (this[kState].stream === undefined) return Promise.reject(invalidState('The reader is not attached to a stream'));
    return readableStreamReaderGenericCancel(this, reason);
  }

  [kInspect](depth, options, inspect) {
    return customInspect(this, depth, options, inspect, 'ReadableStreamBYOBReader', {
      stream: this[kState].stream,
      readIntoRequests: this[kState].readIntoRequests.length,
      close: this[kState].close.promise,
    });
  }
}
defineClassProperties(ReadableStreamBYOBReader, ['closed', 'read', 'releaseLock', 'cancel'], 'ReadableStreamBYOBReader');

export function byobReaderErrorReadIntoRequests(reader, err) {
  const requests = reader[kState].readIntoRequests;
  reader[kState].readIntoRequests = [];
  for (const request of requests) request.error(err);
}

export function readableStreamBYOBReaderRead(reader, view, min, request) {
  const stream = reader[kState].stream;
  stream[kState].disturbed = true;
  if (stream[kState].state === 'errored') request.error(stream[kState].storedError);
  else byteControllerPullInto(stream[kState].controller, view, min, request);
}

function readableStreamAddReadIntoRequest(stream, request) {
  stream[kState].reader[kState].readIntoRequests.push(request);
}

function readableStreamFulfillReadIntoRequest(stream, chunk, done) {
  const request = stream[kState].reader[kState].readIntoRequests.shift();
  if (done) request.close(chunk);
  else request.chunk(chunk);
}

function readableStreamGetNumReadIntoRequests(stream) {
  return stream[kState].reader[kState].readIntoRequests.length;
}

function readableStreamHasBYOBReader(stream) {
  const reader = stream[kState].reader;
  return reader !== undefined && isBYOBReader(reader);
}

// --- ReadableByteStreamController ---------------------------------------------------------

export class ReadableByteStreamController {
  [kType] = 'ReadableByteStreamController';

  constructor(skip = undefined) {
    if (skip !== kSkip) throw illegalConstructor();
  }

  get byobRequest() {
    if (!isByteController(this)) throw invalidThis('ReadableByteStreamController');
    return byteControllerGetBYOBRequest(this);
  }

  get desiredSize() {
    if (!isByteController(this)) throw invalidThis('ReadableByteStreamController');
    return byteControllerGetDesiredSize(this);
  }

  close() {
    if (!isByteController(this)) throw invalidThis('ReadableByteStreamController');
    if (this[kState].closeRequested) throw invalidState('Controller is already closed');
    if (this[kState].stream[kState].state !== 'readable') throw invalidState('ReadableStream is already closed');
    byteControllerClose(this);
  }

  enqueue(chunk) {
    if (!isByteController(this)) throw invalidThis('ReadableByteStreamController');
    if (!ArrayBuffer.isView(chunk)) throw invalidArgType('buffer', bufferTypes, chunk);
    if (chunk.byteLength === 0 || arrayBufferByteLength.call(chunk.buffer) === 0) throw invalidState('chunk ArrayBuffer is zero-length or detached');
    if (this[kState].closeRequested) throw invalidState('Controller is already closed');
    if (this[kState].stream[kState].state !== 'readable') throw invalidState('ReadableStream is already closed');
    byteControllerEnqueue(this, chunk);
  }

  error(error = undefined) {
    if (!isByteController(this)) throw invalidThis('ReadableByteStreamController');
    byteControllerError(this, error);
  }

  [kInspect](depth, options, inspect) {
    return customInspect(this, depth, options, inspect, 'ReadableByteStreamController', {});
  }
}
defineClassProperties(ReadableByteStreamController, ['byobRequest', 'desiredSize', 'close', 'enqueue', 'error'], 'ReadableByteStreamController');

// `algorithms` is given by createReadableByteStream (adapters, tee); else the source's methods.
export function setupByteControllerFromSource(stream, source, highWaterMark, algorithms) {
  const controller = new ReadableByteStreamController(kSkip);
  let startAlgorithm, pullAlgorithm, cancelAlgorithm, autoAllocateChunkSize;
  if (algorithms) {
    ({ startAlgorithm, pullAlgorithm, cancelAlgorithm } = algorithms);
  } else {
    const { start, pull, cancel } = source;
    autoAllocateChunkSize = source.autoAllocateChunkSize;
    startAlgorithm = start ? () => start.call(source, controller) : () => {};
    pullAlgorithm = pull ? promiseCallback('source.pull', pull, source) : () => Promise.resolve();
    cancelAlgorithm = cancel ? promiseCallback('source.cancel', cancel, source) : () => Promise.resolve();
    if (autoAllocateChunkSize !== undefined) {
      autoAllocateChunkSize = Number(autoAllocateChunkSize);
      if (autoAllocateChunkSize === 0) throw invalidArgValue('source.autoAllocateChunkSize', autoAllocateChunkSize);
    }
  }
  controller[kState] = {
    stream,
    byobRequest: null,
    queue: [],
    queueTotalSize: 0,
    started: false,
    closeRequested: false,
    pullAgain: false,
    pulling: false,
    highWaterMark,
    pullAlgorithm,
    cancelAlgorithm,
    autoAllocateChunkSize,
    pendingPullIntos: [],
  };
  stream[kState].controller = controller;
  const startResult = startAlgorithm();
  react(Promise.resolve(startResult), () => {
    controller[kState].started = true;
    byteControllerCallPullIfNeeded(controller);
  }, (err) => byteControllerError(controller, err));
}

function byteControllerCallPullIfNeeded(controller) {
  if (!byteControllerShouldCallPull(controller)) return;
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
      byteControllerCallPullIfNeeded(controller);
    }
  }, (err) => byteControllerError(controller, err));
}

function byteControllerShouldCallPull(controller) {
  const state = controller[kState];
  const stream = state.stream;
  if (stream[kState].state !== 'readable' || state.closeRequested || !state.started) return false;
  if (readableStreamHasDefaultReader(stream) && readableStreamGetNumReadRequests(stream) > 0) return true;
  if (readableStreamHasBYOBReader(stream) && readableStreamGetNumReadIntoRequests(stream) > 0) return true;
  return byteControllerGetDesiredSize(controller) > 0;
}

function byteControllerClearAlgorithms(controller) {
  controller[kState].pullAlgorithm = undefined;
  controller[kState].cancelAlgorithm = undefined;
}

function byteControllerClearPendingPullIntos(controller) {
  byteControllerInvalidateBYOBRequest(controller);
  controller[kState].pendingPullIntos = [];
}

export function byteControllerClose(controller) {
  const state = controller[kState];
  const stream = state.stream;
  if (state.closeRequested || stream[kState].state !== 'readable') return;
  if (state.queueTotalSize > 0) {
    state.closeRequested = true;
    return;
  }
  if (state.pendingPullIntos.length) {
    const first = state.pendingPullIntos[0];
    if (first.bytesFilled % first.elementSize !== 0) {
      const err = invalidState('Partial read');
      byteControllerError(controller, err);
      throw err;
    }
  }
  byteControllerClearAlgorithms(controller);
  readableStreamClose(stream);
}

function commitPullIntoDescriptor(stream, desc) {
  const done = stream[kState].state === 'closed';
  const filledView = convertPullIntoDescriptor(desc);
  if (desc.readerType === 'default') readableStreamFulfillReadRequest(stream, filledView, done);
  else readableStreamFulfillReadIntoRequest(stream, filledView, done);
}

export function convertPullIntoDescriptor(desc) {
  const { bytesFilled, elementSize } = desc;
  if (bytesFilled > desc.byteLength) throw invalidState('The buffer size is invalid', RangeError);
  const buffer = transferArrayBuffer(desc.buffer);
  return makeView(desc.viewConstructor, buffer, desc.byteOffset, bytesFilled / elementSize);
}

export function byteControllerEnqueue(controller, chunk) {
  const state = controller[kState];
  const stream = state.stream;
  if (state.closeRequested || stream[kState].state !== 'readable') return;
  const { buffer, byteOffset, byteLength } = chunk;
  if (isDetached(buffer)) throw invalidState('chunk ArrayBuffer is zero-length or detached');
  const transferred = transferArrayBuffer(buffer);
  if (state.pendingPullIntos.length) {
    const first = state.pendingPullIntos[0];
    if (isDetached(first.buffer)) throw invalidState('Destination ArrayBuffer is detached');
    byteControllerInvalidateBYOBRequest(controller);
    first.buffer = transferArrayBuffer(first.buffer);
    if (first.readerType === 'none') enqueueDetachedPullIntoToQueue(controller, first);
  }
  if (readableStreamHasDefaultReader(stream)) {
    processReadRequestsUsingQueue(controller);
    if (readableStreamGetNumReadRequests(stream) === 0) {
      enqueueChunkToQueue(controller, transferred, byteOffset, byteLength);
    } else {
      if (state.pendingPullIntos.length) state.pendingPullIntos.shift();
      readableStreamFulfillReadRequest(stream, new Uint8Array(transferred, byteOffset, byteLength), false);
    }
  } else if (readableStreamHasBYOBReader(stream)) {
    enqueueChunkToQueue(controller, transferred, byteOffset, byteLength);
    for (const desc of processPullIntoDescriptorsUsingQueue(controller)) commitPullIntoDescriptor(stream, desc);
  } else {
    enqueueChunkToQueue(controller, transferred, byteOffset, byteLength);
  }
  byteControllerCallPullIfNeeded(controller);
}

function enqueueChunkToQueue(controller, buffer, byteOffset, byteLength) {
  controller[kState].queue.push({ buffer, byteOffset, byteLength });
  controller[kState].queueTotalSize += byteLength;
}

function enqueueClonedChunkToQueue(controller, buffer, byteOffset, byteLength) {
  let clone;
  try {
    clone = buffer.slice(byteOffset, byteOffset + byteLength);
  } catch (err) {
    byteControllerError(controller, err);
    throw err;
  }
  enqueueChunkToQueue(controller, clone, 0, byteLength);
}

function enqueueDetachedPullIntoToQueue(controller, desc) {
  if (desc.bytesFilled > 0) enqueueClonedChunkToQueue(controller, desc.buffer, desc.byteOffset, desc.bytesFilled);
  controller[kState].pendingPullIntos.shift();
}

export function byteControllerError(controller, err) {
  const state = controller[kState];
  if (state.stream[kState].state !== 'readable') return;
  byteControllerClearPendingPullIntos(controller);
  resetQueue(state);
  byteControllerClearAlgorithms(controller);
  readableStreamError(state.stream, err);
}

function fillHeadPullIntoDescriptor(controller, size, desc) {
  byteControllerInvalidateBYOBRequest(controller);
  desc.bytesFilled += size;
}

function fillPullIntoDescriptorFromQueue(controller, desc) {
  const state = controller[kState];
  const maxBytesToCopy = Math.min(state.queueTotalSize, desc.byteLength - desc.bytesFilled);
  const maxBytesFilled = desc.bytesFilled + maxBytesToCopy;
  let totalBytesToCopyRemaining = maxBytesToCopy;
  let ready = false;
  const maxAlignedBytes = maxBytesFilled - (maxBytesFilled % desc.elementSize);
  if (maxAlignedBytes >= desc.minimumFill) {
    totalBytesToCopyRemaining = maxAlignedBytes - desc.bytesFilled;
    ready = true;
  }
  const queue = state.queue;
  while (totalBytesToCopyRemaining > 0) {
    const head = queue[0];
    const bytesToCopy = Math.min(totalBytesToCopyRemaining, head.byteLength);
    const destStart = desc.byteOffset + desc.bytesFilled;
    if (isDetached(desc.buffer)) throw invalidState('Destination ArrayBuffer is detached');
    copyDataBlockBytes(desc.buffer, destStart, head.buffer, head.byteOffset, bytesToCopy);
    if (head.byteLength === bytesToCopy) {
      queue.shift();
    } else {
      head.byteOffset += bytesToCopy;
      head.byteLength -= bytesToCopy;
    }
    state.queueTotalSize -= bytesToCopy;
    fillHeadPullIntoDescriptor(controller, bytesToCopy, desc);
    totalBytesToCopyRemaining -= bytesToCopy;
  }
  return ready;
}

function fillReadRequestFromQueue(controller, request) {
  const state = controller[kState];
  const entry = state.queue.shift();
  state.queueTotalSize -= entry.byteLength;
  handleQueueDrain(controller);
  request.chunk(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
}

function byteControllerGetBYOBRequest(controller) {
  const state = controller[kState];
  if (state.byobRequest === null && state.pendingPullIntos.length) {
    const first = state.pendingPullIntos[0];
    const view = new Uint8Array(first.buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled);
    const request = new ReadableStreamBYOBRequest(kSkip);
    request[kState] = { controller, view };
    state.byobRequest = request;
  }
  return state.byobRequest;
}

function byteControllerGetDesiredSize(controller) {
  const state = controller[kState];
  switch (state.stream[kState].state) {
    case 'errored': return null;
    case 'closed': return 0;
    default: return state.highWaterMark - state.queueTotalSize;
  }
}

function handleQueueDrain(controller) {
  const state = controller[kState];
  if (state.queueTotalSize === 0 && state.closeRequested) {
    byteControllerClearAlgorithms(controller);
    readableStreamClose(state.stream);
  } else {
    byteControllerCallPullIfNeeded(controller);
  }
}

function byteControllerInvalidateBYOBRequest(controller) {
  const request = controller[kState].byobRequest;
  if (request === null) return;
  request[kState].controller = undefined;
  request[kState].view = null;
  controller[kState].byobRequest = null;
}

function processPullIntoDescriptorsUsingQueue(controller) {
  const state = controller[kState];
  const filled = [];
  while (state.pendingPullIntos.length) {
    if (state.queueTotalSize === 0) break;
    const desc = state.pendingPullIntos[0];
    if (fillPullIntoDescriptorFromQueue(controller, desc)) {
      state.pendingPullIntos.shift();
      filled.push(desc);
    } else {
      break;
    }
  }
  return filled;
}

function processReadRequestsUsingQueue(controller) {
  const reader = controller[kState].stream[kState].reader;
  while (reader[kState].readRequests.length) {
    if (controller[kState].queueTotalSize === 0) return;
    fillReadRequestFromQueue(controller, reader[kState].readRequests.shift());
  }
}

function byteControllerPullInto(controller, view, min, request) {
  const state = controller[kState];
  const stream = state.stream;
  const { ctor, elementSize } = viewInfo(view);
  const minimumFill = min * elementSize;
  const { byteOffset, byteLength } = view;
  let buffer;
  try {
    buffer = transferArrayBuffer(view.buffer);
  } catch (err) {
    request.error(err);
    return;
  }
  const desc = {
    buffer,
    bufferByteLength: buffer.byteLength,
    byteOffset,
    byteLength,
    bytesFilled: 0,
    minimumFill,
    elementSize,
    viewConstructor: ctor,
    readerType: 'byob',
  };
  if (state.pendingPullIntos.length) {
    state.pendingPullIntos.push(desc);
    readableStreamAddReadIntoRequest(stream, request);
    return;
  }
  if (stream[kState].state === 'closed') {
    request.close(makeView(ctor, desc.buffer, desc.byteOffset, 0));
    return;
  }
  if (state.queueTotalSize > 0) {
    if (fillPullIntoDescriptorFromQueue(controller, desc)) {
      const filledView = convertPullIntoDescriptor(desc);
      handleQueueDrain(controller);
      request.chunk(filledView);
      return;
    }
    if (state.closeRequested) {
      const err = invalidState('ReadableStream closed');
      byteControllerError(controller, err);
      request.error(err);
      return;
    }
  }
  state.pendingPullIntos.push(desc);
  readableStreamAddReadIntoRequest(stream, request);
  byteControllerCallPullIfNeeded(controller);
}

function byteControllerRespond(controller, bytesWritten) {
  const state = controller[kState];
  const desc = state.pendingPullIntos[0];
  if (state.stream[kState].state === 'closed') {
    if (bytesWritten !== 0) throw invalidArgValue('bytesWritten', bytesWritten);
  } else {
    if (!bytesWritten) throw invalidArgValue('bytesWritten', bytesWritten);
    if (desc.bytesFilled + bytesWritten > desc.byteLength) throw invalidArgValue('bytesWritten', bytesWritten, 'is invalid', RangeError);
  }
  desc.buffer = transferArrayBuffer(desc.buffer);
  byteControllerRespondInternal(controller, bytesWritten);
}

function respondInClosedState(controller, desc) {
  const state = controller[kState];
  if (desc.readerType === 'none') state.pendingPullIntos.shift();
  const stream = state.stream;
  if (readableStreamHasBYOBReader(stream)) {
    const filled = [];
    while (filled.length < readableStreamGetNumReadIntoRequests(stream)) filled.push(state.pendingPullIntos.shift());
    for (const d of filled) commitPullIntoDescriptor(stream, d);
  }
}

function respondInReadableState(controller, bytesWritten, desc) {
  const state = controller[kState];
  const stream = state.stream;
  fillHeadPullIntoDescriptor(controller, bytesWritten, desc);
  if (desc.readerType === 'none') {
    enqueueDetachedPullIntoToQueue(controller, desc);
    for (const d of processPullIntoDescriptorsUsingQueue(controller)) commitPullIntoDescriptor(stream, d);
    return;
  }
  if (desc.bytesFilled < desc.minimumFill) return;
  state.pendingPullIntos.shift();
  const remainderSize = desc.bytesFilled % desc.elementSize;
  if (remainderSize > 0) {
    const end = desc.byteOffset + desc.bytesFilled;
    enqueueClonedChunkToQueue(controller, desc.buffer, end - remainderSize, remainderSize);
  }
  desc.bytesFilled -= remainderSize;
  const filled = processPullIntoDescriptorsUsingQueue(controller);
  commitPullIntoDescriptor(stream, desc);
  for (const d of filled) commitPullIntoDescriptor(stream, d);
}

function byteControllerRespondInternal(controller, bytesWritten) {
  const state = controller[kState];
  const desc = state.pendingPullIntos[0];
  byteControllerInvalidateBYOBRequest(controller);
  if (state.stream[kState].state === 'closed') {
    if (bytesWritten) throw invalidState('Controller is closed but view is not zero-length');
    respondInClosedState(controller, desc);
  } else {
    if (!bytesWritten) throw invalidState('View cannot be zero-length');
    respondInReadableState(controller, bytesWritten, desc);
  }
  byteControllerCallPullIfNeeded(controller);
}

function byteControllerRespondWithNewView(controller, view) {
  const state = controller[kState];
  const desc = state.pendingPullIntos[0];
  if (state.stream[kState].state === 'closed') {
    if (view.byteLength !== 0) throw invalidState('View is not zero-length');
  } else if (view.byteLength === 0) {
    throw invalidState('View is zero-length');
  }
  if (desc.byteOffset + desc.bytesFilled !== view.byteOffset) throw invalidArgValue('view', view, 'is invalid', RangeError);
  if (desc.bytesFilled + view.byteLength > desc.byteLength) throw invalidArgValue('view', view, 'is invalid', RangeError);
  if (desc.bufferByteLength !== view.buffer.byteLength) throw invalidArgValue('view', view, 'is invalid', RangeError);
  const viewByteLength = view.byteLength;
  desc.buffer = transferArrayBuffer(view.buffer);
  byteControllerRespondInternal(controller, viewByteLength);
}

export function byteControllerReleaseSteps(controller) {
  const state = controller[kState];
  if (state.pendingPullIntos.length) {
    const first = state.pendingPullIntos[0];
    first.readerType = 'none';
    state.pendingPullIntos = [first];
  }
}

export function byteControllerCancelSteps(controller, reason) {
  byteControllerClearPendingPullIntos(controller);
  resetQueue(controller[kState]);
  const result = controller[kState].cancelAlgorithm(reason);
  byteControllerClearAlgorithms(controller);
  return result;
}

export function byteControllerPullSteps(controller, request) {
  const state = controller[kState];
  if (state.queueTotalSize > 0) {
    fillReadRequestFromQueue(controller, request);
    return;
  }
  const size = state.autoAllocateChunkSize;
  if (size !== undefined) {
    let buffer;
    try {
      buffer = new ArrayBuffer(size);
    } catch (err) {
      request.error(err);
      return;
    }
    state.pendingPullIntos.push({
      buffer,
      bufferByteLength: size,
      byteOffset: 0,
      byteLength: size,
      bytesFilled: 0,
      minimumFill: 1,
      elementSize: 1,
      viewConstructor: Uint8Array,
      readerType: 'default',
    });
  }
  readableStreamAddReadRequest(state.stream, request);
  byteControllerCallPullIfNeeded(controller);
}

// For tee of byte streams and the adapters.
export { byteControllerRespond, byteControllerRespondWithNewView, byteControllerGetBYOBRequest, isBYOBReader, readableStreamHasBYOBReader };
