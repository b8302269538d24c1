// What the web stream classes share: their internal-slot symbols, Node's error shapes for
// them, queue-with-sizes, promise helpers and argument checks (streams.spec.whatwg.org).
import { nodeError, invalidArgType } from 'qjsw:internal/errors';
import { inspect } from 'qjsw:internal/util/inspect';
import { transferArrayBuffer as nativeTransfer } from 'qjsw:binding/util';

export const kState = Symbol('kState');
export const kType = Symbol('kType');
export const kInspect = Symbol.for('nodejs.util.inspect.custom');
// The method a structured clone transfers a stream with (Node's name for it; see ./transfer.js)
export const kTransfer = Symbol('messaging_transfer_symbol');

export const invalidState = (msg, Base = TypeError) => nodeError(Base, 'ERR_INVALID_STATE', `Invalid state: ${msg}`);
export const invalidThis = (type) => nodeError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);
export const illegalConstructor = () => nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
export { invalidArgType };

export function invalidArgValue(name, value, reason = 'is invalid', Base = TypeError) {
  let shown = inspect(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  const kind = name.includes('.') ? 'property' : 'argument';
  return nodeError(Base, 'ERR_INVALID_ARG_VALUE', `The ${kind} '${name}' ${reason}. Received ${shown}`);
}

export const isBrand = (value, brand) => value != null && value[kState] !== undefined && value[kType] === brand;

// Node's validateObject with allowArray/allowFunction (kValidateObjectAllowObjects), and null
// only where the spec's dictionary may be null.
export function validateObject(value, name, nullable) {
  if (value === null ? !nullable : typeof value !== 'object' && typeof value !== 'function') {
    throw invalidArgType(name, 'Object', value);
  }
}

// Node's validateObject with its default options: no null, array or function.
export function validatePlainObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidArgType(name, 'Object', value);
}

export function validateFunction(value, name) {
  if (typeof value !== 'function') throw invalidArgType(name, 'Function', value);
}

export function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType(name, 'AbortSignal', signal);
  }
}

export function extractHighWaterMark(value, defaultHWM) {
  if (value === undefined) return defaultHWM;
  value = +value;
  if (Number.isNaN(value) || value < 0) throw invalidArgValue('strategy.highWaterMark', value, 'is invalid', RangeError);
  return value;
}

export function extractSizeAlgorithm(size) {
  if (size === undefined) return () => 1;
  validateFunction(size, 'strategy.size');
  return size;
}

// A callback of the underlying source/sink, called as WebIDL does: a throw becomes a rejection.
export function promiseCallback(name, fn, thisArg) {
  validateFunction(fn, name);
  return (...args) => {
    try {
      return Promise.resolve(fn.call(thisArg, ...args));
    } catch (err) {
      return Promise.reject(err);
    }
  };
}

// A promise with its resolving functions; `settled` says whether either ran.
export function deferred() {
  const d = { promise: undefined, settled: false, resolve: undefined, reject: undefined };
  d.promise = new Promise((res, rej) => {
    d.resolve = (v) => {
      if (!d.settled) { d.settled = true; res(v); }
    };
    d.reject = (e) => {
      if (!d.settled) { d.settled = true; rej(e); }
    };
  });
  return d;
}

export const settledDeferred = (promise) => ({ promise, settled: true, resolve() {}, reject() {} });

export function setPromiseHandled(promise) {
  promise.then(undefined, () => {});
}

// Both callbacks run as reactions, as the spec's "upon fulfillment/rejection".
export function react(promise, onFulfilled, onRejected) {
  promise.then(onFulfilled, onRejected);
}

// --- queue-with-sizes ---------------------------------------------------------------------

export function dequeueValue(state) {
  const { value, size } = state.queue.shift();
  state.queueTotalSize = Math.max(0, state.queueTotalSize - size);
  return value;
}

export function enqueueValueWithSize(state, value, size) {
  size = +size;
  if (Number.isNaN(size) || size < 0 || size === Infinity) throw invalidArgValue('size', size, 'is invalid', RangeError);
  state.queue.push({ value, size });
  state.queueTotalSize += size;
}

export function resetQueue(state) {
  state.queue = [];
  state.queueTotalSize = 0;
}

// --- array buffers ------------------------------------------------------------------------

export function isDetached(buffer) {
  if (buffer.byteLength !== 0) return false;
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

export function transferArrayBuffer(buffer) {
  try {
    return nativeTransfer(buffer);
  } catch {
    throw nodeError(TypeError, 'ERR_OPERATION_FAILED', 'Operation failed: The ArrayBuffer could not be transferred');
  }
}

export function cloneAsUint8Array(view) {
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

export function copyDataBlockBytes(to, toIndex, from, fromIndex, count) {
  new Uint8Array(to, toIndex, count).set(new Uint8Array(from, fromIndex, count));
}

// --- inspection ---------------------------------------------------------------------------

// `Name { ...data }` as Node prints its web stream objects; past the depth limit Node's helper
// returns its (unbound) `this`, so the object shows as `undefined` there.
// (called directly, as Node's tests do, without util.inspect's third argument: inspect's own)
export function customInspect(self, depth, options, inspectFn, name, data) {
  if (depth < 0) return undefined;
  const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
  return `${name} ${(typeof inspectFn === 'function' ? inspectFn : inspect)(data, opts)}`;
}

export function defineClassProperties(Class, names, tag) {
  const proto = Class.prototype;
  for (const name of names) {
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    desc.enumerable = true;
    Object.defineProperty(proto, name, desc);
  }
  Object.defineProperty(proto, Symbol.toStringTag, { value: tag, writable: false, enumerable: false, configurable: true });
}
