// node:domain (deprecated in Node), as Node 20 builds it on async hooks: a resource made while a
// domain is active (timer, immediate, tick, queueMicrotask, fs request, AsyncResource) runs its
// callback in that domain; an error nothing catches goes to the active domain's 'error'
// listeners (through the uncaught-exception capture callback), and an emitter's unhandled
// 'error' to its domain. Its hook turns on the engine's promise hook (PROMISE resources), as
// Node's does: a promise callback runs in the domain it was registered in.
import { EventEmitter } from 'node:events';
import process from 'qjsw:internal/process_object';
import * as ac from 'qjsw:internal/async_context';
import { onRunReset } from 'qjsw:internal/loop';
import * as capture from 'qjsw:internal/uncaught_capture';
import { nodeError } from 'qjsw:internal/errors';

let current = null;
Object.defineProperty(process, 'domain', {
  enumerable: true,
  configurable: true,
  get() { return current; },
  set(value) { current = value; },
});

export let _stack = [];
export let active = null;
const setActive = (domain) => {
  active = domain;
  exported.active = domain;
  process.domain = domain;
};

// asyncId -> the domain its resource was made in
const pairing = new Map();
const hook = {
  init(asyncId, type, triggerAsyncId, resource) {
    const domain = process.domain;
    if (domain === null || domain === undefined) return;
    pairing.set(asyncId, domain);
    if (resource !== null && typeof resource === 'object' && resource !== ac.topLevelResource) {
      Object.defineProperty(resource, 'domain', { configurable: true, enumerable: false, value: domain, writable: true });
    }
  },
  before(asyncId) {
    pairing.get(asyncId)?.enter();
  },
  after(asyncId) {
    pairing.get(asyncId)?.exit();
  },
  destroy(asyncId) {
    pairing.delete(asyncId);
  },
};

function updateExceptionCapture() {
  capture.setUncaughtExceptionCaptureCallback(null);
  if (_stack.some((domain) => domain.listenerCount('error') > 0)) {
    capture.setUncaughtExceptionCaptureCallback((er) => process.domain._errorHandler(er));
  }
}

// An 'uncaughtException' listener sees no domain entered, as in Node: this one runs first.
function domainUncaughtExceptionClear() {
  _stack.length = 0;
  setActive(null);
  updateExceptionCapture();
}
function onNewListener(name, listener) {
  if (name === 'uncaughtException' && listener !== domainUncaughtExceptionClear) {
    process.removeListener(name, domainUncaughtExceptionClear);
    process.prependListener(name, domainUncaughtExceptionClear);
  }
}
function onRemoveListener(name, listener) {
  if (name === 'uncaughtException' && listener !== domainUncaughtExceptionClear) {
    const listeners = process.listeners('uncaughtException');
    if (listeners.length === 1 && listeners[0] === domainUncaughtExceptionClear) process.removeListener(name, domainUncaughtExceptionClear);
  }
}

// What loading node:domain does to the process and to EventEmitter; undone when a run ends (a
// new run is a new process, which has not loaded it), done again by the next Domain made.
const { init: eventInit } = EventEmitter;
const { emit: eventEmit } = EventEmitter.prototype;
const { setUncaughtExceptionCaptureCallback } = process;
let installed = false;
function install() {
  if (installed) return;
  if (capture.hasUncaughtExceptionCaptureCallback()) throw capture.domainNotAvailable();
  installed = true;
  const requiredAt = new Error('require(`domain`) at this point').stack;
  process.setUncaughtExceptionCaptureCallback = function () {
    const err = nodeError(Error, 'ERR_DOMAIN_CANNOT_SET_UNCAUGHT_EXCEPTION_CAPTURE',
      'The `domain` module is in use, which is mutually exclusive with calling process.setUncaughtExceptionCaptureCallback()');
    err.stack += `\n${'-'.repeat(40)}\n${requiredAt}`;
    throw err;
  };
  process.on('newListener', onNewListener);
  process.on('removeListener', onRemoveListener);
  EventEmitter.usingDomains = true;
  EventEmitter.init = domainInit;
  EventEmitter.prototype.emit = domainEmit;
}
onRunReset(() => {
  if (!installed) return;
  installed = false;
  process.setUncaughtExceptionCaptureCallback = setUncaughtExceptionCaptureCallback;
  EventEmitter.usingDomains = false;
  EventEmitter.init = eventInit;
  EventEmitter.prototype.emit = eventEmit;
  _stack = [];
  exported._stack = _stack;
  setActive(null);
  pairing.clear();
});

function domainInit(opts) {
  Object.defineProperty(this, 'domain', { configurable: true, enumerable: false, value: null, writable: true });
  if (active && !(this instanceof Domain)) this.domain = active;
  return Reflect.apply(eventInit, this, [opts]);
}

// An emitter of a domain: its listeners run in the domain, and an 'error' no listener takes
// goes to the domain's 'error' listeners (with the domains entered above it left meanwhile).
function domainEmit(...args) {
  const domain = this.domain;
  const type = args[0];
  if ((type === 'error' && this.listenerCount(type) > 0) || domain === null || domain === undefined || this === process) {
    return Reflect.apply(eventEmit, this, args);
  }
  if (type === 'error') {
    const er = args.length > 1 && args[1] ? args[1]
      : nodeError(Error, 'ERR_UNHANDLED_ERROR', 'Unhandled error.');
    if (typeof er === 'object') {
      er.domainEmitter = this;
      Object.defineProperty(er, 'domain', { configurable: true, enumerable: false, value: domain, writable: true });
      er.domainThrown = false;
    }
    const savedStack = _stack.slice();
    const savedActive = process.domain;
    let i = _stack.length - 1;
    while (i > -1 && process.domain === _stack[i]) i--;
    _stack.length = i < 0 ? 0 : i + 1;
    setActive(_stack.length > 0 ? _stack[_stack.length - 1] : null);
    updateExceptionCapture();
    domain.emit('error', er);
    _stack = savedStack;
    exported._stack = _stack;
    setActive(savedActive);
    updateExceptionCapture();
    return false;
  }
  domain.enter();
  const ret = Reflect.apply(eventEmit, this, args);
  domain.exit();
  return ret;
}

export class Domain extends EventEmitter {
  constructor() {
    super();
    install();
    this.members = [];
    if (!ac.hooks.includes(hook)) {
      ac.hooks.push(hook);
      ac.setHooks();
      // as Node's asyncHook.enable(): the engine's promise hook too, so a promise callback
      // runs in the domain it was registered in
      ac.updatePromiseHookMode();
    }
    this.on('removeListener', updateExceptionCapture);
    this.on('newListener', updateExceptionCapture);
  }
}
Domain.prototype.members = undefined;

// The domain's handling of an uncaught error thrown while it was entered: marks the error,
// leaves the domain and gives the error to its 'error' listeners (an error they throw goes to
// the domain entered around it, if any, else it is fatal).
Domain.prototype._errorHandler = function (er) {
  let caught = false;
  if ((typeof er === 'object' && er !== null) || typeof er === 'function') {
    Object.defineProperty(er, 'domain', { configurable: true, enumerable: false, value: this, writable: true });
    er.domainThrown = true;
  }
  while (active === this) this.exit();
  if (_stack.length === 0) {
    if (EventEmitter.listenerCount(this, 'error') > 0) {
      capture.setUncaughtExceptionCaptureCallback(null);
      try {
        caught = this.emit('error', er);
      } finally {
        updateExceptionCapture();
      }
    }
  } else {
    try {
      caught = this.emit('error', er);
    } catch (er2) {
      updateExceptionCapture();
      if (_stack.length) {
        setActive(_stack[_stack.length - 1]);
        caught = process.domain._errorHandler(er2);
      } else {
        throw er2;
      }
    }
  }
  domainUncaughtExceptionClear();
  return caught;
};

Domain.prototype.enter = function () {
  setActive(this);
  _stack.push(this);
  updateExceptionCapture();
};

Domain.prototype.exit = function () {
  const i = _stack.lastIndexOf(this);
  if (i === -1) return;
  _stack.length = i;
  setActive(_stack.length === 0 ? undefined : _stack[_stack.length - 1]);
  updateExceptionCapture();
};

Domain.prototype.add = function (ee) {
  if (ee.domain === this) return;
  if (ee.domain) ee.domain.remove(ee);
  // a domain added to one of its own parents would loop
  if (this.domain && ee instanceof Domain) {
    for (let d = this.domain; d; d = d.domain) if (ee === d) return;
  }
  Object.defineProperty(ee, 'domain', { configurable: true, enumerable: false, value: this, writable: true });
  this.members.push(ee);
};

Domain.prototype.remove = function (ee) {
  ee.domain = null;
  const i = this.members.indexOf(ee);
  if (i !== -1) this.members.splice(i, 1);
};

// Not try/finally, as in Node: an error thrown out of fn leaves the domain entered, so the
// uncaught-error handling finds it.
Domain.prototype.run = function (fn, ...args) {
  this.enter();
  const ret = Reflect.apply(fn, this, args);
  this.exit();
  return ret;
};

Domain.prototype.intercept = function (cb) {
  const self = this;
  return function runIntercepted(...args) {
    if (args[0] && args[0] instanceof Error) {
      const er = args[0];
      er.domainBound = cb;
      er.domainThrown = false;
      Object.defineProperty(er, 'domain', { configurable: true, enumerable: false, value: self, writable: true });
      self.emit('error', er);
      return undefined;
    }
    self.enter();
    const ret = Reflect.apply(cb, this, args.slice(1));
    self.exit();
    return ret;
  };
};

Domain.prototype.bind = function (cb) {
  const self = this;
  function runBound(...args) {
    self.enter();
    const ret = Reflect.apply(cb, this, args);
    self.exit();
    return ret;
  }
  Object.defineProperty(runBound, 'domain', { configurable: true, enumerable: false, value: this, writable: true });
  return runBound;
};

export function create() {
  return new Domain();
}
export const createDomain = create;

const exported = { _stack, Domain, createDomain, create, active };
export default exported;

install();
