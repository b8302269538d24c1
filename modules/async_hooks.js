// node:async_hooks. AsyncLocalStorage keeps its store in the async context
// (qjsw:internal/async_context), which promise jobs (await, then/catch/finally), queueMicrotask,
// process.nextTick, timers, immediates and fs callbacks carry from where they were queued, as
// Node 20 does; a plain EventEmitter listener runs in the emitter's caller's context, as there.
// createHook() sees the resources the guest JS queues (Timeout, Immediate, TickObject,
// Microtask, FSREQCALLBACK, AsyncResource) and, through the engine's promise hook (QuickJS
// patch 056), PROMISE resources; without an enabled hook promise callbacks run with execution
// id 0, as Node's do when no hook follows promises.
import { invalidArgType, nodeError } from 'qjsw:internal/errors';
import * as ac from 'qjsw:internal/async_context';
import { onRunReset } from 'qjsw:internal/loop';
import process from 'qjsw:internal/process_object';

const asyncCallback = (name) => nodeError(TypeError, 'ERR_ASYNC_CALLBACK', `${name} must be a function`);

const kHook = Symbol('hook');
class AsyncHook {
  constructor({ init, before, after, destroy, promiseResolve }) {
    const fns = { init, before, after, destroy, promiseResolve };
    for (const [name, fn] of Object.entries(fns)) {
      if (fn !== undefined && typeof fn !== 'function') throw asyncCallback(`hook.${name}`);
    }
    // the hook's own functions, called with the AsyncHook as `this` as in Node
    this[kHook] = { __proto__: null, ...fns };
  }
  enable() {
    if (!ac.hooks.some((h) => h.owner === this)) {
      const h = this[kHook];
      ac.hooks.push({
        owner: this,
        init: h.init && ((...a) => Reflect.apply(h.init, this, a)),
        before: h.before && ((...a) => Reflect.apply(h.before, this, a)),
        after: h.after && ((...a) => Reflect.apply(h.after, this, a)),
        destroy: h.destroy && ((...a) => Reflect.apply(h.destroy, this, a)),
        promiseResolve: h.promiseResolve && ((...a) => Reflect.apply(h.promiseResolve, this, a)),
      });
      ac.setHooks();
      ac.updatePromiseHookMode();
    }
    return this;
  }
  disable() {
    const i = ac.hooks.findIndex((h) => h.owner === this);
    if (i !== -1) {
      ac.hooks.splice(i, 1);
      ac.setHooks();
      if (!ac.hooksOn) ac.disableHooks();
    }
    return this;
  }
}

export function createHook(fns) {
  return new AsyncHook(fns);
}

export const executionAsyncId = () => ac.executionAsyncId();
export const triggerAsyncId = () => ac.triggerAsyncId();
export const executionAsyncResource = () => ac.executionAsyncResource();

const kAsyncId = Symbol('async_id_symbol');
const kTriggerId = Symbol('trigger_async_id_symbol');
const kContext = Symbol('asyncContext');
const kDestroyed = Symbol('destroyed');

let asyncResourceWarned = false;
onRunReset(() => {
  asyncResourceWarned = false;
});
function warnAsyncResource() {
  if (asyncResourceWarned) return;
  asyncResourceWarned = true;
  process.emitWarning('The asyncResource property on bound functions is deprecated', 'DeprecationWarning', 'DEP0172');
}

export class AsyncResource {
  constructor(type, opts = {}) {
    if (typeof type !== 'string') throw invalidArgType('type', 'string', type);
    let trigger = opts;
    let requireManualDestroy = false;
    if (typeof opts !== 'number') {
      trigger = opts.triggerAsyncId === undefined ? ac.defaultTriggerAsyncId() : opts.triggerAsyncId;
      requireManualDestroy = !!opts.requireManualDestroy;
    }
    if (!Number.isSafeInteger(trigger) || trigger < -1) {
      throw nodeError(RangeError, 'ERR_INVALID_ASYNC_ID', `Invalid triggerAsyncId value: ${trigger}`);
    }
    const id = ac.newAsyncId();
    this[kAsyncId] = id;
    this[kTriggerId] = trigger;
    this[kContext] = ac.currentContext();
    if (ac.hooksOn) {
      if (type.length === 0) throw nodeError(TypeError, 'ERR_ASYNC_TYPE', `Invalid name for async "type": ${type}`);
      ac.emitInit(id, type, trigger, this);
    }
    // destroy when collected, unless emitDestroy() came first (Node's registerDestroyHook)
    if (!requireManualDestroy && ac.hasHooks('destroy')) {
      const destroyed = { id, destroyed: false };
      this[kDestroyed] = destroyed;
      ac.destroyOnCollect(this, destroyed);
    }
  }
  runInAsyncScope(fn, thisArg, ...args) {
    const id = this[kAsyncId];
    ac.enter(id, this[kTriggerId], this, this[kContext]);
    try {
      return Reflect.apply(fn, thisArg, args);
    } finally {
      // enterWith() inside changes this resource's store, as in Node
      if (ac.tracking) this[kContext] = ac.currentContext();
      ac.leave(id);
    }
  }
  emitDestroy() {
    if (this[kDestroyed] !== undefined) this[kDestroyed].destroyed = true;
    ac.emitDestroy(this[kAsyncId]);
    return this;
  }
  asyncId() {
    return this[kAsyncId];
  }
  triggerAsyncId() {
    return this[kTriggerId];
  }
  bind(fn, thisArg) {
    if (typeof fn !== 'function') throw invalidArgType('fn', 'Function', fn);
    const resource = this;
    let self = this;
    const bound = thisArg === undefined
      ? function (...args) { return resource.runInAsyncScope(fn, this, ...args); }
      : (...args) => resource.runInAsyncScope(fn, thisArg, ...args);
    Object.defineProperties(bound, {
      length: { configurable: true, enumerable: false, value: fn.length, writable: false },
      asyncResource: {
        configurable: true,
        enumerable: true,
        get() {
          warnAsyncResource();
          return self;
        },
        set(v) {
          warnAsyncResource();
          self = v;
        },
      },
    });
    return bound;
  }
  static bind(fn, type, thisArg) {
    type = type || fn.name;
    return new AsyncResource(type || 'bound-anonymous-fn').bind(fn, thisArg);
  }
}

// A store is a key of the context Map; disable() stops this storage everywhere until the next
// run() or enterWith(), as Node's does.
export class AsyncLocalStorage {
  #key = Symbol('kResourceStore');
  #enabled = false;
  static bind(fn) {
    return AsyncResource.bind(fn);
  }
  static snapshot() {
    return AsyncLocalStorage.bind((cb, ...args) => cb(...args));
  }
  disable() {
    if (this.#enabled) {
      this.#enabled = false;
      // what a later run() or enterWith() starts from: no store anywhere
      this.#key = Symbol('kResourceStore');
    }
  }
  getStore() {
    if (!this.#enabled) return undefined;
    return ac.currentContext()?.get(this.#key);
  }
  enterWith(store) {
    this.#enabled = true;
    ac.setContext(ac.contextWith(this.#key, store));
  }
  run(store, callback, ...args) {
    if (Object.is(store, this.getStore())) return Reflect.apply(callback, null, args);
    this.#enabled = true;
    const before = ac.currentContext();
    ac.setContext(ac.contextWith(this.#key, store));
    try {
      return Reflect.apply(callback, null, args);
    } finally {
      ac.setContext(before);
    }
  }
  exit(callback, ...args) {
    if (!this.#enabled) return Reflect.apply(callback, null, args);
    const before = ac.currentContext();
    ac.setContext(ac.contextWith(this.#key, undefined, true));
    try {
      return Reflect.apply(callback, null, args);
    } finally {
      ac.setContext(before);
    }
  }
}

export const asyncWrapProviders = Object.freeze({ __proto__: null, ...{"NONE":0,"DIRHANDLE":1,"DNSCHANNEL":2,"ELDHISTOGRAM":3,"FILEHANDLE":4,"FILEHANDLECLOSEREQ":5,"BLOBREADER":6,"FSEVENTWRAP":7,"FSREQCALLBACK":8,"FSREQPROMISE":9,"GETADDRINFOREQWRAP":10,"GETNAMEINFOREQWRAP":11,"HEAPSNAPSHOT":12,"HTTP2SESSION":13,"HTTP2STREAM":14,"HTTP2PING":15,"HTTP2SETTINGS":16,"HTTPINCOMINGMESSAGE":17,"HTTPCLIENTREQUEST":18,"JSSTREAM":19,"JSUDPWRAP":20,"MESSAGEPORT":21,"PIPECONNECTWRAP":22,"PIPESERVERWRAP":23,"PIPEWRAP":24,"PROCESSWRAP":25,"PROMISE":26,"QUERYWRAP":27,"QUIC_LOGSTREAM":28,"QUIC_PACKET":29,"SHUTDOWNWRAP":30,"SIGNALWRAP":31,"STATWATCHER":32,"STREAMPIPE":33,"TCPCONNECTWRAP":34,"TCPSERVERWRAP":35,"TCPWRAP":36,"TTYWRAP":37,"UDPSENDWRAP":38,"UDPWRAP":39,"SIGINTWATCHDOG":40,"WORKER":41,"WORKERHEAPSNAPSHOT":42,"WRITEWRAP":43,"ZLIB":44,"CHECKPRIMEREQUEST":45,"PBKDF2REQUEST":46,"KEYPAIRGENREQUEST":47,"KEYGENREQUEST":48,"KEYEXPORTREQUEST":49,"CIPHERREQUEST":50,"DERIVEBITSREQUEST":51,"HASHREQUEST":52,"RANDOMBYTESREQUEST":53,"RANDOMPRIMEREQUEST":54,"SCRYPTREQUEST":55,"SIGNREQUEST":56,"TLSWRAP":57,"VERIFYREQUEST":58} });

export default { AsyncLocalStorage, createHook, executionAsyncId, triggerAsyncId, executionAsyncResource, asyncWrapProviders, AsyncResource };
