// node:async_hooks on QuickJS, which has no hooks into its promise jobs: AsyncLocalStorage
// keeps its store for the synchronous extent of run() (and enterWith() until the turn ends),
// not yet across await, timers or callbacks; AsyncResource runs functions in its scope;
// createHook() gives hooks that are never called (no resource lifecycle is observable).
import { invalidArgType } from 'qjsw:internal/errors';

let current = new Map();

export class AsyncLocalStorage {
  static bind(fn) { return AsyncResource.bind(fn); }
  static snapshot() {
    const saved = current;
    return (fn, ...args) => {
      const before = current;
      current = saved;
      try { return fn(...args); } finally { current = before; }
    };
  }
  constructor() { this._enabled = true; }
  getStore() { return this._enabled ? current.get(this) : undefined; }
  run(store, fn, ...args) {
    const before = current;
    current = new Map(current);
    current.set(this, store);
    this._enabled = true;
    try { return fn(...args); } finally { current = before; }
  }
  exit(fn, ...args) {
    const before = current;
    current = new Map(current);
    current.delete(this);
    try { return fn(...args); } finally { current = before; }
  }
  enterWith(store) {
    current = new Map(current);
    current.set(this, store);
    this._enabled = true;
  }
  disable() {
    this._enabled = false;
    current = new Map(current);
    current.delete(this);
  }
}

let nextId = 2;
export class AsyncResource {
  static bind(fn, type, thisArg) { return new AsyncResource(type ?? fn.name ?? 'bound-anonymous-fn').bind(fn, thisArg); }
  constructor(type, options = {}) {
    if (typeof type !== 'string') throw invalidArgType('type', 'string', type);
    this.type = type;
    this._id = nextId++;
    this._trigger = typeof options === 'number' ? options : (options.triggerAsyncId ?? 1);
    this._context = current;
  }
  runInAsyncScope(fn, thisArg, ...args) {
    const before = current;
    current = this._context;
    try { return Reflect.apply(fn, thisArg, args); } finally { current = before; }
  }
  emitDestroy() { return this; }
  asyncId() { return this._id; }
  triggerAsyncId() { return this._trigger; }
  bind(fn, thisArg) {
    if (typeof fn !== 'function') throw invalidArgType('fn', 'Function', fn);
    const bound = (...args) => this.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...args);
    Object.defineProperties(bound, { length: { value: fn.length }, asyncResource: { value: this, enumerable: true, writable: true, configurable: true } });
    return bound;
  }
}

export function createHook(callbacks) {
  if (callbacks === null || typeof callbacks !== 'object') throw invalidArgType('callbacks', 'Object', callbacks);
  return { enable() { return this; }, disable() { return this; } };
}
export const executionAsyncId = () => 1;
export const triggerAsyncId = () => 0;
export const executionAsyncResource = () => ({});
export const asyncWrapProviders = Object.freeze({ __proto__: null, ...{"NONE":0,"DIRHANDLE":1,"DNSCHANNEL":2,"ELDHISTOGRAM":3,"FILEHANDLE":4,"FILEHANDLECLOSEREQ":5,"BLOBREADER":6,"FSEVENTWRAP":7,"FSREQCALLBACK":8,"FSREQPROMISE":9,"GETADDRINFOREQWRAP":10,"GETNAMEINFOREQWRAP":11,"HEAPSNAPSHOT":12,"HTTP2SESSION":13,"HTTP2STREAM":14,"HTTP2PING":15,"HTTP2SETTINGS":16,"HTTPINCOMINGMESSAGE":17,"HTTPCLIENTREQUEST":18,"JSSTREAM":19,"JSUDPWRAP":20,"MESSAGEPORT":21,"PIPECONNECTWRAP":22,"PIPESERVERWRAP":23,"PIPEWRAP":24,"PROCESSWRAP":25,"PROMISE":26,"QUERYWRAP":27,"QUIC_LOGSTREAM":28,"QUIC_PACKET":29,"SHUTDOWNWRAP":30,"SIGNALWRAP":31,"STATWATCHER":32,"STREAMPIPE":33,"TCPCONNECTWRAP":34,"TCPSERVERWRAP":35,"TCPWRAP":36,"TTYWRAP":37,"UDPSENDWRAP":38,"UDPWRAP":39,"SIGINTWATCHDOG":40,"WORKER":41,"WORKERHEAPSNAPSHOT":42,"WRITEWRAP":43,"ZLIB":44,"CHECKPRIMEREQUEST":45,"PBKDF2REQUEST":46,"KEYPAIRGENREQUEST":47,"KEYGENREQUEST":48,"KEYEXPORTREQUEST":49,"CIPHERREQUEST":50,"DERIVEBITSREQUEST":51,"HASHREQUEST":52,"RANDOMBYTESREQUEST":53,"RANDOMPRIMEREQUEST":54,"SCRYPTREQUEST":55,"SIGNREQUEST":56,"TLSWRAP":57,"VERIFYREQUEST":58} });

export default { AsyncLocalStorage, createHook, executionAsyncId, triggerAsyncId, executionAsyncResource, asyncWrapProviders, AsyncResource };
