// node:events — EventEmitter (the core that process and streams need; `once`/`on` helpers and
// EventTarget grow in the builtins issue).
import { invalidArgType, outOfRange, nodeError, abortError } from 'qjsw:internal/errors';
import { importBuiltin } from 'qjsw:binding/module';
import { dispose as SymbolDispose } from 'qjsw:internal/symbols';

const kCapture = Symbol('kCapture');
const kRejection = Symbol.for('nodejs.rejection');
let defaultMaxListeners = 10;
// EventTarget's module is read when an EventTarget-like object is first handled here: one can
// exist only once it is loaded, and most runs use emitters alone.
const eventTarget = () => importBuiltin('qjsw:internal/event_target');

// Node's validateNumber(value, name, 0)
function validateMax(n, name) {
  if (typeof n !== 'number') throw invalidArgType(name, 'number', n);
  if (n < 0 || Number.isNaN(n)) throw outOfRange(name, '>= 0', n);
}

function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw invalidArgType(name, 'boolean', value);
}

// util.inspect, loaded when first needed (node:util needs node:events itself).
let inspect;
function lazyInspect(value, options) {
  inspect ??= importBuiltin('node:util').inspect;
  return inspect(value, options);
}

function checkListener(listener) {
  if (typeof listener !== 'function') throw invalidArgType('listener', 'Function', listener);
}

function addListener(target, type, listener, prepend) {
  checkListener(listener);
  let events = target._events;
  if (events === undefined) {
    events = target._events = Object.create(null);
    target._eventsCount = 0;
  } else if (events.newListener !== undefined) {
    target.emit('newListener', type, listener.listener ?? listener);
    events = target._events;
  }
  const existing = events[type];
  if (existing === undefined) {
    events[type] = listener;
    target._eventsCount++;
  } else {
    const list = typeof existing === 'function' ? [existing] : existing;
    if (prepend) list.unshift(listener);
    else list.push(listener);
    events[type] = list;
    const max = maxListenersOf(target);
    if (max > 0 && list.length > max && !list.warned) {
      list.warned = true;
      const warning = new Error(`Possible EventEmitter memory leak detected. ${list.length} ${String(type)} listeners ` +
        `added to ${lazyInspect(target, { depth: -1 })}. MaxListeners is ${max}. Use emitter.setMaxListeners() to increase limit`);
      warning.name = 'MaxListenersExceededWarning';
      warning.emitter = target;
      warning.type = type;
      warning.count = list.length;
      globalThis.process?.emitWarning?.(warning);
    }
  }
  return target;
}

function maxListenersOf(target) {
  return target._maxListeners === undefined ? defaultMaxListeners : target._maxListeners;
}

// captureRejections: a listener's rejected promise becomes the emitter's 'error' (or its
// Symbol.for('nodejs.rejection') method's call), on the next tick.
function addCatch(that, promise, type, args) {
  if (!that[kCapture]) return;
  try {
    const then = promise.then;
    if (typeof then === 'function') {
      then.call(promise, undefined, (err) => process.nextTick(emitUnhandledRejectionOrErr, that, err, type, args));
    }
  } catch (err) {
    that.emit('error', err);
  }
}

function emitUnhandledRejectionOrErr(ee, err, type, args) {
  if (typeof ee[kRejection] === 'function') {
    ee[kRejection](err, type, ...args);
  } else {
    const prev = ee[kCapture];
    try {
      ee[kCapture] = false;
      ee.emit('error', err);
    } finally {
      ee[kCapture] = prev;
    }
  }
}

function onceWrapper(target, type, listener) {
  const state = { fired: false, target, type, listener };
  const wrapped = function (...args) {
    if (state.fired) return undefined;
    state.target.removeListener(state.type, wrapped);
    state.fired = true;
    return state.listener.apply(state.target, args);
  };
  wrapped.listener = listener;
  return wrapped;
}

// Node's EventEmitter is a plain function, not a class: old-style code calls
// EventEmitter.call(this) and util.inherits() from it. Its methods (enumerable, as Node's
// assignments make them) come from the class below.
export function EventEmitter(opts) {
  EventEmitter.init.call(this, opts);
}

class EventEmitterMethods {
  static init(opts) {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    }
    this._maxListeners = this._maxListeners || undefined;
    if (opts?.captureRejections) {
      validateBoolean(opts.captureRejections, 'options.captureRejections');
      this[kCapture] = Boolean(opts.captureRejections);
    } else {
      this[kCapture] = EventEmitter.prototype[kCapture];
    }
  }

  static get defaultMaxListeners() {
    return defaultMaxListeners;
  }

  static set defaultMaxListeners(n) {
    validateMax(n, 'defaultMaxListeners');
    defaultMaxListeners = n;
  }

  setMaxListeners(n) {
    validateMax(n, 'setMaxListeners');
    this._maxListeners = n;
    return this;
  }

  getMaxListeners() {
    return maxListenersOf(this);
  }

  emit(type, ...args) {
    const events = this._events;
    // errorMonitor listeners see an 'error' first, whether or not anything handles it
    if (type === 'error' && events?.[EventEmitter.errorMonitor] !== undefined) this.emit(EventEmitter.errorMonitor, ...args);
    if (type === 'error' && (events === undefined || events.error === undefined)) {
      const er = args[0];
      if (er instanceof Error) throw er;
      let shown;
      try {
        shown = lazyInspect(er);
      } catch {
        shown = er;
      }
      const err = nodeError(Error, 'ERR_UNHANDLED_ERROR', `Unhandled error. (${shown})`);
      err.context = er;
      throw err;
    }
    const handler = events?.[type];
    if (handler === undefined) return false;
    if (typeof handler === 'function') {
      const result = handler.apply(this, args);
      if (result !== undefined && result !== null) addCatch(this, result, type, args);
    } else {
      for (const listener of handler.slice()) {
        const result = listener.apply(this, args);
        if (result !== undefined && result !== null) addCatch(this, result, type, args);
      }
    }
    return true;
  }

  addListener(type, listener) {
    return addListener(this, type, listener, false);
  }

  on(type, listener) {
    return addListener(this, type, listener, false);
  }

  prependListener(type, listener) {
    return addListener(this, type, listener, true);
  }

  once(type, listener) {
    checkListener(listener);
    return this.on(type, onceWrapper(this, type, listener));
  }

  prependOnceListener(type, listener) {
    checkListener(listener);
    return this.prependListener(type, onceWrapper(this, type, listener));
  }

  removeListener(type, listener) {
    checkListener(listener);
    const events = this._events;
    const list = events?.[type];
    if (list === undefined) return this;
    if (list === listener || list.listener === listener) {
      if (--this._eventsCount === 0) this._events = Object.create(null);
      else delete events[type];
      if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
    } else if (typeof list !== 'function') {
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) {
          const [removed] = list.splice(i, 1);
          if (list.length === 1) events[type] = list[0];
          if (events.removeListener !== undefined) this.emit('removeListener', type, removed.listener || removed);
          break;
        }
      }
    }
    return this;
  }

  off(type, listener) {
    return this.removeListener(type, listener);
  }

  removeAllListeners(type) {
    const events = this._events;
    if (events === undefined) return this;
    if (events.removeListener === undefined) {
      if (type === undefined) {
        this._events = Object.create(null);
        this._eventsCount = 0;
      } else if (events[type] !== undefined) {
        if (--this._eventsCount === 0) this._events = Object.create(null);
        else delete events[type];
      }
      return this;
    }
    if (type === undefined) {
      for (const key of Reflect.ownKeys(events)) if (key !== 'removeListener') this.removeAllListeners(key);
      this.removeAllListeners('removeListener');
      this._events = Object.create(null);
      this._eventsCount = 0;
      return this;
    }
    const listeners = events[type];
    if (typeof listeners === 'function') this.removeListener(type, listeners);
    else if (listeners !== undefined) for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
    return this;
  }

  listeners(type) {
    const l = this._events?.[type];
    if (l === undefined) return [];
    return typeof l === 'function' ? [l.listener || l] : l.map((x) => x.listener || x);
  }

  rawListeners(type) {
    const l = this._events?.[type];
    if (l === undefined) return [];
    return typeof l === 'function' ? [l] : l.slice();
  }

  listenerCount(type, listener) {
    const l = this._events?.[type];
    if (l === undefined) return 0;
    const all = typeof l === 'function' ? [l] : l;
    return listener === undefined ? all.length : all.filter((x) => x === listener || x.listener === listener).length;
  }

  eventNames() {
    return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
  }
}

// Node's key order: the three fields first, then the methods.
EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;
for (const [from, to, skip] of [
  [EventEmitterMethods.prototype, EventEmitter.prototype, 'constructor'],
  [EventEmitterMethods, EventEmitter, 'prototype'],
]) {
  for (const [key, desc] of Object.entries(Object.getOwnPropertyDescriptors(from))) {
    if (key === skip || key === 'length' || key === 'name') continue;
    Object.defineProperty(to, key, { ...desc, enumerable: true });
  }
}

// One function under two names, as in Node: a subclass overriding one (minipass overrides
// both, each calling the other's super) must not recurse through the other.
EventEmitter.prototype.on = EventEmitter.prototype.addListener;
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;
EventEmitter.EventEmitter = EventEmitter;
EventEmitter.errorMonitor = Symbol('events.errorMonitor');
EventEmitter.captureRejectionSymbol = kRejection;
Object.defineProperty(EventEmitter, 'captureRejections', {
  __proto__: null,
  get() {
    return EventEmitter.prototype[kCapture];
  },
  set(value) {
    validateBoolean(value, 'EventEmitter.captureRejections');
    EventEmitter.prototype[kCapture] = value;
  },
  enumerable: true,
  configurable: true,
});
Object.defineProperty(EventEmitter.prototype, kCapture, { __proto__: null, value: false, writable: true, enumerable: false });

export const errorMonitor = EventEmitter.errorMonitor;

// Listens on an EventEmitter, or on an EventTarget-like object (addEventListener).
function listen(target, name, listener, once) {
  if (typeof target.on === 'function') {
    if (once) target.once(name, listener);
    else target.on(name, listener);
  } else if (typeof target.addEventListener === 'function') {
    target.addEventListener(name, listener, { __proto__: null, once, [eventTarget().kResistStopPropagation]: once });
  } else {
    throw invalidArgType('emitter', 'EventEmitter', target);
  }
}

function unlisten(target, name, listener) {
  if (typeof target.removeListener === 'function') target.removeListener(name, listener);
  else if (typeof target.removeEventListener === 'function') target.removeEventListener(name, listener);
}

function checkOptions(options) {
  const signal = options?.signal;
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType('options.signal', 'AbortSignal', signal);
  }
  return signal;
}

// events.once(emitter, name[, { signal }]): a promise of the arguments of the next `name`
// event, rejected by an 'error' event first.
export async function once(emitter, name, options = {}) {
  const signal = checkOptions(options);
  if (signal?.aborted) throw abortError(signal);
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      unlisten(emitter, name, resolver);
      if (name !== 'error') unlisten(emitter, 'error', errorListener);
      signal?.removeEventListener?.('abort', abortListener);
    };
    const resolver = (...args) => {
      cleanup();
      resolve(args);
    };
    const errorListener = (err) => {
      cleanup();
      reject(err);
    };
    const abortListener = () => {
      cleanup();
      reject(abortError(signal));
    };
    listen(emitter, name, resolver, true);
    if (name !== 'error' && typeof emitter.once === 'function') emitter.once('error', errorListener);
    signal?.addEventListener?.('abort', abortListener, { __proto__: null, once: true, [eventTarget().kResistStopPropagation]: true });
  });
}

// events.on(emitter, name[, { signal }]): an async iterator of the arguments of each `name`
// event; an 'error' event ends it by throwing.
export function on(emitter, name, options = {}) {
  const signal = checkOptions(options);
  if (signal?.aborted) throw abortError(signal);
  const events = [];
  const waiting = [];
  let error = null;
  let done = false;
  const push = (...args) => {
    if (waiting.length) waiting.shift().resolve({ value: args, done: false });
    else events.push(args);
  };
  const fail = (err) => {
    if (waiting.length) waiting.shift().reject(err);
    else error = err;
    finish();
  };
  const abort = () => fail(abortError(signal));
  function finish() {
    done = true;
    unlisten(emitter, name, push);
    if (name !== 'error') unlisten(emitter, 'error', fail);
    signal?.removeEventListener?.('abort', abort);
    for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true });
  }
  listen(emitter, name, push, false);
  if (name !== 'error' && typeof emitter.on === 'function') emitter.on('error', fail);
  signal?.addEventListener?.('abort', abort, { once: true });
  return {
    next() {
      if (events.length) return Promise.resolve({ value: events.shift(), done: false });
      if (error) {
        const err = error;
        error = null;
        return Promise.reject(err);
      }
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      finish();
      return Promise.resolve({ value: undefined, done: true });
    },
    // as Node's: the error ends the iteration after the events already queued; nothing returned
    throw(err) {
      if (!err || !(err instanceof Error)) throw invalidArgType('EventEmitter.AsyncIterator', 'Error', err);
      fail(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

export function getEventListeners(emitter, name) {
  if (typeof emitter.listeners === 'function') return emitter.listeners(name);
  const listeners = eventTarget().targetListeners(emitter, name);
  if (listeners) return listeners;
  throw invalidArgType('emitter', ['EventEmitter', 'EventTarget'], emitter);
}

export function getMaxListeners(emitterOrTarget) {
  if (typeof emitterOrTarget?.getMaxListeners === 'function') return maxListenersOf(emitterOrTarget);
  const et = eventTarget();
  if (et.isTarget(emitterOrTarget) && et.targetMaxListeners(emitterOrTarget)) return et.targetMaxListeners(emitterOrTarget);
  throw invalidArgType('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
}

export function setMaxListeners(n = defaultMaxListeners, ...targets) {
  validateMax(n, 'setMaxListeners');
  if (targets.length === 0) defaultMaxListeners = n;
  for (const t of targets) {
    const et = eventTarget();
    if (et.isTarget(t)) et.setTargetMaxListeners(t, n);
    else if (typeof t?.setMaxListeners === 'function') t.setMaxListeners(n);
    else throw invalidArgType('eventTargets', ['EventEmitter', 'EventTarget'], t);
  }
}

export function listenerCount(emitter, type) {
  return emitter.listenerCount(type);
}

// events.addAbortListener(signal, listener): runs `listener` once on abort, even when an
// earlier listener stopped the event's propagation; the result's [Symbol.dispose]() removes it.
export function addAbortListener(signal, listener) {
  if (signal === undefined) throw invalidArgType('signal', 'AbortSignal', signal);
  if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) throw invalidArgType('signal', 'AbortSignal', signal);
  checkListener(listener);
  let remove;
  if (signal.aborted) {
    queueMicrotask(() => listener());
  } else {
    signal.addEventListener('abort', listener, { __proto__: null, once: true, [eventTarget().kResistStopPropagation]: true });
    remove = () => signal.removeEventListener('abort', listener);
  }
  return {
    __proto__: null,
    [SymbolDispose]() {
      remove?.();
    },
  };
}

// EventEmitterAsyncResource: an EventEmitter whose listeners run in the async scope of an
// AsyncResource made with it. node:async_hooks needs node:events (through node:process), so
// its AsyncResource is taken on the first construction.
const kAsyncResource = Symbol('kAsyncResource');
const kEventEmitter = Symbol('kEventEmitter');
let ReferencingAsyncResource;
function referencingAsyncResource() {
  if (ReferencingAsyncResource) return ReferencingAsyncResource;
  const { AsyncResource } = importBuiltin('node:async_hooks');
  ReferencingAsyncResource = class EventEmitterReferencingAsyncResource extends AsyncResource {
    constructor(ee, type, options) {
      super(type, options);
      this[kEventEmitter] = ee;
    }

    get eventEmitter() {
      if (this[kEventEmitter] === undefined) throw invalidThis('EventEmitterReferencingAsyncResource');
      return this[kEventEmitter];
    }
  };
  return ReferencingAsyncResource;
}

const invalidThis = (type) => nodeError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);

export class EventEmitterAsyncResource extends EventEmitter {
  constructor(options = undefined) {
    let name;
    if (typeof options === 'string') {
      name = options;
      options = undefined;
    } else {
      if (new.target === EventEmitterAsyncResource && typeof options?.name !== 'string') {
        throw invalidArgType('options.name', 'string', options?.name);
      }
      name = options?.name || new.target.name;
    }
    super(options);
    const Resource = referencingAsyncResource();
    this[kAsyncResource] = new Resource(this, name, options);
  }

  emit(event, ...args) {
    if (this[kAsyncResource] === undefined) throw invalidThis('EventEmitterAsyncResource');
    const { asyncResource } = this;
    return asyncResource.runInAsyncScope(super.emit, this, event, ...args);
  }

  emitDestroy() {
    if (this[kAsyncResource] === undefined) throw invalidThis('EventEmitterAsyncResource');
    this.asyncResource.emitDestroy();
  }

  get asyncId() {
    if (this[kAsyncResource] === undefined) throw invalidThis('EventEmitterAsyncResource');
    return this.asyncResource.asyncId();
  }

  get triggerAsyncId() {
    if (this[kAsyncResource] === undefined) throw invalidThis('EventEmitterAsyncResource');
    return this.asyncResource.triggerAsyncId();
  }

  get asyncResource() {
    if (this[kAsyncResource] === undefined) throw invalidThis('EventEmitterAsyncResource');
    return this[kAsyncResource];
  }
}

EventEmitter.once = once;
EventEmitter.addAbortListener = addAbortListener;
Object.defineProperty(EventEmitter, 'EventEmitterAsyncResource', {
  __proto__: null,
  enumerable: true,
  configurable: true,
  get: function lazyEventEmitterAsyncResource() {
    return EventEmitterAsyncResource;
  },
  set: undefined,
});
EventEmitter.on = on;
EventEmitter.getEventListeners = getEventListeners;
EventEmitter.setMaxListeners = setMaxListeners;
EventEmitter.getMaxListeners = getMaxListeners;
EventEmitter.listenerCount = listenerCount;
EventEmitter.usingDomains = false;

// Node's order of the module's keys (Object.keys(require('events'))), and its two fixed ones.
for (const key of ['addAbortListener', 'once', 'on', 'getEventListeners', 'getMaxListeners', 'EventEmitter', 'usingDomains',
  'captureRejectionSymbol', 'captureRejections', 'EventEmitterAsyncResource', 'errorMonitor', 'defaultMaxListeners',
  'setMaxListeners', 'init', 'listenerCount']) {
  const desc = Object.getOwnPropertyDescriptor(EventEmitter, key);
  delete EventEmitter[key];
  const fixed = key === 'captureRejections' || key === 'defaultMaxListeners';
  Object.defineProperty(EventEmitter, key, { ...desc, enumerable: true, configurable: !fixed });
}
// Node's namespace of a builtin: default and each enumerable own property, read now
const {
  usingDomains, captureRejectionSymbol, captureRejections, defaultMaxListeners: maxListenersAtLoad, init,
} = EventEmitter;
export { usingDomains, captureRejectionSymbol, captureRejections, maxListenersAtLoad as defaultMaxListeners, init };
export default EventEmitter;
