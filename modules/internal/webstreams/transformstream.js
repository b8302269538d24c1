// TransformStream and its controller (streams.spec.whatwg.org §6): a writable side whose
// chunks go through transform() to a readable side, with backpressure between them.
import {
  kState, kTransfer, kType, kInspect, invalidState, invalidThis, illegalConstructor, invalidArgValue, isBrand, validateObject,
  extractHighWaterMark, extractSizeAlgorithm, promiseCallback, deferred, react, customInspect, defineClassProperties,
} from 'qjsw:internal/webstreams/util';
import { importBuiltin } from 'qjsw:binding/module';
import {
  createReadableStream, readableStreamDefaultControllerClose, readableStreamDefaultControllerEnqueue,
  readableStreamDefaultControllerError, defaultControllerGetDesiredSize, defaultControllerHasBackpressure,
  defaultControllerCanCloseOrEnqueue,
} from 'qjsw:internal/webstreams/readablestream';
import { createWritableStream, controllerErrorIfNeeded as writableControllerErrorIfNeeded } from 'qjsw:internal/webstreams/writablestream';

const kSkip = Symbol('kSkip');
export const isTransformStream = (v) => isBrand(v, 'TransformStream');
const isController = (v) => isBrand(v, 'TransformStreamDefaultController');

export class TransformStream {
  [kType] = 'TransformStream';

  constructor(transformer = {}, writableStrategy = {}, readableStrategy = {}) {
    validateObject(transformer, 'transformer', false);
    validateObject(writableStrategy, 'writableStrategy', true);
    validateObject(readableStrategy, 'readableStrategy', true);
    const readableType = transformer?.readableType;
    const writableType = transformer?.writableType;
    const start = transformer?.start;
    if (readableType !== undefined) throw invalidArgValue('transformer.readableType', readableType, 'is invalid', RangeError);
    if (writableType !== undefined) throw invalidArgValue('transformer.writableType', writableType, 'is invalid', RangeError);
    const readableHighWaterMark = readableStrategy?.highWaterMark;
    const readableSize = readableStrategy?.size;
    const writableHighWaterMark = writableStrategy?.highWaterMark;
    const writableSize = writableStrategy?.size;
    const actualReadableHWM = extractHighWaterMark(readableHighWaterMark, 0);
    const actualReadableSize = extractSizeAlgorithm(readableSize);
    const actualWritableHWM = extractHighWaterMark(writableHighWaterMark, 1);
    const actualWritableSize = extractSizeAlgorithm(writableSize);
    const startPromise = deferred();
    initializeTransformStream(this, startPromise, actualWritableHWM, actualWritableSize, actualReadableHWM, actualReadableSize);
    setupControllerFromTransformer(this, transformer);
    if (start !== undefined) startPromise.resolve(start.call(transformer, this[kState].controller));
    else startPromise.resolve();
  }

  get readable() {
    if (!isTransformStream(this)) throw invalidThis('TransformStream');
    return this[kState].readable;
  }

  get writable() {
    if (!isTransformStream(this)) throw invalidThis('TransformStream');
    return this[kState].writable;
  }

  [kTransfer]() {
    if (!isTransformStream(this)) throw invalidThis('TransformStream');
    return importBuiltin('qjsw:internal/webstreams/transfer').transferStream(this);
  }

  [kInspect](depth, options, inspect) {
    return customInspect(this, depth, options, inspect, 'TransformStream', {
      readable: this.readable,
      writable: this.writable,
      backpressure: this[kState].backpressure,
    });
  }
}
defineClassProperties(TransformStream, ['readable', 'writable'], 'TransformStream');

export class TransformStreamDefaultController {
  [kType] = 'TransformStreamDefaultController';

  constructor(skip = undefined) {
    if (skip !== kSkip) throw illegalConstructor();
  }

  get desiredSize() {
    if (!isController(this)) throw invalidThis('TransformStreamDefaultController');
    const readable = this[kState].stream[kState].readable;
    return defaultControllerGetDesiredSize(readable[kState].controller);
  }

  enqueue(chunk = undefined) {
    if (!isController(this)) throw invalidThis('TransformStreamDefaultController');
    controllerEnqueue(this, chunk);
  }

  error(reason = undefined) {
    if (!isController(this)) throw invalidThis('TransformStreamDefaultController');
    transformStreamError(this[kState].stream, reason);
  }

  terminate() {
    if (!isController(this)) throw invalidThis('TransformStreamDefaultController');
    controllerTerminate(this);
  }

  [kInspect](depth, options, inspect) {
    return customInspect(this, depth, options, inspect, 'TransformStreamDefaultController', { stream: this[kState].stream });
  }
}
defineClassProperties(TransformStreamDefaultController, ['desiredSize', 'enqueue', 'error', 'terminate'], 'TransformStreamDefaultController');

function initializeTransformStream(stream, startPromise, writableHWM, writableSize, readableHWM, readableSize) {
  const startAlgorithm = () => startPromise.promise;
  const writable = createWritableStream(
    startAlgorithm,
    (chunk) => sinkWriteAlgorithm(stream, chunk),
    () => sinkCloseAlgorithm(stream),
    (reason) => sinkAbortAlgorithm(stream, reason),
    writableHWM,
    writableSize,
  );
  const readable = createReadableStream(
    startAlgorithm,
    () => sourcePullAlgorithm(stream),
    (reason) => sourceCancelAlgorithm(stream, reason),
    readableHWM,
    readableSize,
  );
  stream[kState] = { readable, writable, controller: undefined, backpressure: undefined, backpressureChange: undefined };
  transformStreamSetBackpressure(stream, true);
}

function transformStreamError(stream, err) {
  readableStreamDefaultControllerError(stream[kState].readable[kState].controller, err);
  transformStreamErrorWritableAndUnblockWrite(stream, err);
}

function transformStreamErrorWritableAndUnblockWrite(stream, err) {
  controllerClearAlgorithms(stream[kState].controller);
  writableControllerErrorIfNeeded(stream[kState].writable[kState].controller, err);
  transformStreamUnblockWrite(stream);
}

function transformStreamUnblockWrite(stream) {
  if (stream[kState].backpressure) transformStreamSetBackpressure(stream, false);
}

function transformStreamSetBackpressure(stream, backpressure) {
  stream[kState].backpressureChange?.resolve();
  stream[kState].backpressureChange = deferred();
  stream[kState].backpressure = backpressure;
}

function setupController(stream, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
  controller[kState] = { stream, transformAlgorithm, flushAlgorithm, cancelAlgorithm, finishPromise: undefined };
  stream[kState].controller = controller;
}

function setupControllerFromTransformer(stream, transformer) {
  const controller = new TransformStreamDefaultController(kSkip);
  const { transform, flush, cancel } = transformer;
  const transformAlgorithm = transform
    ? promiseCallback('transformer.transform', transform, transformer)
    : (chunk) => {
      try {
        controllerEnqueue(controller, chunk);
        return Promise.resolve();
      } catch (err) {
        return Promise.reject(err);
      }
    };
  const flushAlgorithm = flush ? promiseCallback('transformer.flush', flush, transformer) : () => Promise.resolve();
  const cancelAlgorithm = cancel ? promiseCallback('transformer.cancel', cancel, transformer) : () => Promise.resolve();
  setupController(stream, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm);
}

// A TransformStream from plain algorithms (TextEncoderStream, CompressionStream, ...).
export function createTransformStream(transform, flush, cancel = () => Promise.resolve()) {
  const stream = Object.create(TransformStream.prototype);
  stream[kType] = 'TransformStream';
  const startPromise = deferred();
  initializeTransformStream(stream, startPromise, 1, () => 1, 0, () => 1);
  const controller = new TransformStreamDefaultController(kSkip);
  const wrap = (fn) => (...args) => {
    try {
      return Promise.resolve(fn(...args));
    } catch (err) {
      return Promise.reject(err);
    }
  };
  setupController(stream, controller, wrap(transform), wrap(flush), wrap(cancel));
  startPromise.resolve();
  return stream;
}

function controllerClearAlgorithms(controller) {
  controller[kState].transformAlgorithm = undefined;
  controller[kState].flushAlgorithm = undefined;
  controller[kState].cancelAlgorithm = undefined;
}

export function controllerEnqueue(controller, chunk) {
  const stream = controller[kState].stream;
  const readable = stream[kState].readable;
  const readableController = readable[kState].controller;
  if (!defaultControllerCanCloseOrEnqueue(readableController)) throw invalidState('Unable to enqueue');
  try {
    readableStreamDefaultControllerEnqueue(readableController, chunk);
  } catch (err) {
    transformStreamErrorWritableAndUnblockWrite(stream, err);
    throw readable[kState].storedError;
  }
  const backpressure = defaultControllerHasBackpressure(readableController);
  if (backpressure !== stream[kState].backpressure) transformStreamSetBackpressure(stream, true);
}

export function controllerTerminate(controller) {
  const stream = controller[kState].stream;
  readableStreamDefaultControllerClose(stream[kState].readable[kState].controller);
  transformStreamErrorWritableAndUnblockWrite(stream, invalidState('TransformStream has been terminated'));
}

export { transformStreamError };

function performTransform(controller, chunk) {
  return controller[kState].transformAlgorithm(chunk, controller).then(undefined, (err) => {
    transformStreamError(controller[kState].stream, err);
    throw err;
  });
}

function sinkWriteAlgorithm(stream, chunk) {
  const controller = stream[kState].controller;
  if (stream[kState].backpressure) {
    return stream[kState].backpressureChange.promise.then(() => {
      const writable = stream[kState].writable;
      if (writable[kState].state === 'erroring') throw writable[kState].storedError;
      return performTransform(controller, chunk);
    });
  }
  return performTransform(controller, chunk);
}

function finish(controller, start, onFulfilled, onRejected) {
  if (controller[kState].finishPromise !== undefined) return controller[kState].finishPromise.promise;
  const d = deferred();
  controller[kState].finishPromise = d;
  const promise = start();
  controllerClearAlgorithms(controller);
  react(promise, () => onFulfilled(d), (err) => onRejected(d, err));
  return d.promise;
}

function sinkAbortAlgorithm(stream, reason) {
  const { controller, readable } = stream[kState];
  return finish(controller, () => controller[kState].cancelAlgorithm(reason), (d) => {
    if (readable[kState].state === 'errored') {
      d.reject(readable[kState].storedError);
    } else {
      readableStreamDefaultControllerError(readable[kState].controller, reason);
      d.resolve();
    }
  }, (d, err) => {
    readableStreamDefaultControllerError(readable[kState].controller, err);
    d.reject(err);
  });
}

function sinkCloseAlgorithm(stream) {
  const { controller, readable } = stream[kState];
  return finish(controller, () => controller[kState].flushAlgorithm(controller), (d) => {
    if (readable[kState].state === 'errored') {
      d.reject(readable[kState].storedError);
    } else {
      readableStreamDefaultControllerClose(readable[kState].controller);
      d.resolve();
    }
  }, (d, err) => {
    readableStreamDefaultControllerError(readable[kState].controller, err);
    d.reject(err);
  });
}

function sourcePullAlgorithm(stream) {
  transformStreamSetBackpressure(stream, false);
  return stream[kState].backpressureChange.promise;
}

function sourceCancelAlgorithm(stream, reason) {
  const { controller, writable } = stream[kState];
  return finish(controller, () => controller[kState].cancelAlgorithm(reason), (d) => {
    if (writable[kState].state === 'errored') {
      d.reject(writable[kState].storedError);
    } else {
      writableControllerErrorIfNeeded(writable[kState].controller, reason);
      transformStreamUnblockWrite(stream);
      d.resolve();
    }
  }, (d, err) => {
    writableControllerErrorIfNeeded(writable[kState].controller, err);
    transformStreamUnblockWrite(stream);
    d.reject(err);
  });
}
