// Event, CustomEvent and EventTarget as Node has them (no DOM tree: an event's path is its
// target alone). Brand checks, errors, listener order and what a listener's throw becomes are
// Node's; the symbols below are the builtins' own handles, never reachable by a guest.
import { invalidArgType, nodeError } from 'qjsw:internal/errors';
import { importBuiltin } from 'qjsw:binding/module';
import { weakRef } from 'qjsw:binding/util';

const kType = Symbol('type');
const kDetail = Symbol('detail');
const kTarget = Symbol('kTarget');
const kIsBeingDispatched = Symbol('kIsBeingDispatched');
const kStop = Symbol('kStop');
const kEvents = Symbol('kEvents');
const kHandlers = Symbol('kHandlers');
const kMaxListeners = Symbol('events.maxEventTargetListeners');
const kMaxListenersWarned = Symbol('events.maxEventTargetListenersWarned');
const kIsEventTarget = Symbol.for('nodejs.event_target');
const customInspect = Symbol.for('nodejs.util.inspect.custom');
// addEventListener options only the builtins hold: a listener that still runs after
// stopImmediatePropagation() (events.addAbortListener's), and an event marked trusted.
export const kResistStopPropagation = Symbol('kResistStopPropagation');
export const kTrustEvent = Symbol('kTrustEvent');
// hooks a subclass (AbortSignal) overrides: a listener added or removed, with the new count
export const kNewListener = Symbol('kNewListener');
// Node's internal option: the listener is held only as long as the option's value is (and
// while it is alive at all), not by the target
export const kWeakHandler = Symbol('kWeak');
export const kRemoveListener = Symbol('kRemoveListener');
// (Node's names for them, given to a guest only under --expose-internals: node_internals/)
export { kEvents, kMaxListeners as kMaxEventTargetListeners };

// An event a builtin that is no EventTarget delivers (a MessagePort's message): its target.
export function setEventTarget(event, target) {
  event[kTarget] = target;
}

let timeOrigin;
function now() {
  return globalThis.performance?.now?.() ?? Date.now() - (timeOrigin ??= Date.now());
}

const lazy = {};
const inspect = (value, options) => (lazy.util ??= importBuiltin('node:util')).inspect(value, options);
const defaultMaxListeners = () => (lazy.events ??= importBuiltin('node:events')).default.defaultMaxListeners;

const invalidThis = (type) => nodeError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);
function missingArgs(...names) {
  const list = names.map((n) => `"${n}"`);
  const text = list.length === 1 ? `${list[0]} argument` : `${list.slice(0, -1).join(', ')} and ${list.at(-1)} arguments`;
  return nodeError(TypeError, 'ERR_MISSING_ARGS', `The ${text} must be specified`);
}

// util.inspect of an Event or EventTarget: its name and the fields Node shows.
function inspectAs(self, fields, depth, options) {
  const name = self.constructor.name;
  if (depth < 0) return name;
  const depthLeft = Number.isInteger(options.depth) ? options.depth - 1 : options.depth;
  return `${name} ${inspect(fields, { ...options, depth: depthLeft })}`;
}

const trusted = new WeakSet();
const isEvent = (value) => typeof value?.[kType] === 'string';

export class Event {
  #cancelable = false;
  #bubbles = false;
  #composed = false;
  #defaultPrevented = false;
  #timestamp = now();
  #propagationStopped = false;

  constructor(type, options = undefined) {
    if (arguments.length === 0) throw missingArgs('type');
    if (options != null && (typeof options !== 'object' || Array.isArray(options))) throw invalidArgType('options', 'Object', options);
    this.#bubbles = !!options?.bubbles;
    this.#cancelable = !!options?.cancelable;
    this.#composed = !!options?.composed;
    this[kType] = `${type}`;
    if (options?.[kTrustEvent]) trusted.add(this);
    this[kTarget] = null;
    this[kIsBeingDispatched] = false;
  }

  initEvent(type, bubbles = false, cancelable = false) {
    if (arguments.length === 0) throw missingArgs('type');
    if (this[kIsBeingDispatched]) return;
    this[kType] = `${type}`;
    this.#bubbles = !!bubbles;
    this.#cancelable = !!cancelable;
  }

  [customInspect](depth, options) {
    if (!isEvent(this)) throw invalidThis('Event');
    const fields = { type: this[kType], defaultPrevented: this.#defaultPrevented, cancelable: this.#cancelable, timeStamp: this.#timestamp };
    return inspectAs(this, fields, depth, options);
  }

  stopImmediatePropagation() {
    if (!isEvent(this)) throw invalidThis('Event');
    this.stopPropagation();
    this[kStop] = true;
  }

  preventDefault() {
    if (!isEvent(this)) throw invalidThis('Event');
    this.#defaultPrevented = true;
  }

  get target() {
    if (!isEvent(this)) throw invalidThis('Event');
    return this[kTarget];
  }

  get currentTarget() {
    if (!isEvent(this)) throw invalidThis('Event');
    return this[kIsBeingDispatched] ? this[kTarget] : null;
  }

  get srcElement() {
    if (!isEvent(this)) throw invalidThis('Event');
    return this[kTarget];
  }

  get type() {
    if (!isEvent(this)) throw invalidThis('Event');
    return this[kType];
  }

  get cancelable() {
    if (!isEvent(this)) throw invalidThis('Event');
    return this.#cancelable;
  }

  get defaultPrevented() {
    if (!isEvent(this)) throw invalidThis('Event');
    return this.#cancelable && this.#defaultPrevented;
  }

  get timeStamp() {
    if (!isEvent(this)) throw invalidThis('Event');
    return this.#timestamp;
  }

  composedPath() {
    if (!isEvent(this)) throw invalidThis('Event');
    return this[kIsBeingDispatched] ? [this[kTarget]] : [];
  }

  get returnValue() {
    if (!isEvent(this)) throw invalidThis('Event');
    return !this.#cancelable || !this.#defaultPrevented;
  }

  get bubbles() {
    if (!isEvent(this)) throw invalidThis('Event');
    return this.#bubbles;
  }

  get composed() {
    if (!isEvent(this)) throw invalidThis('Event');
    return this.#composed;
  }

  get eventPhase() {
    if (!isEvent(this)) throw invalidThis('Event');
    return this[kIsBeingDispatched] ? Event.AT_TARGET : Event.NONE;
  }

  get cancelBubble() {
    if (!isEvent(this)) throw invalidThis('Event');
    return this.#propagationStopped;
  }

  set cancelBubble(value) {
    if (!isEvent(this)) throw invalidThis('Event');
    if (value) this.#propagationStopped = true;
  }

  stopPropagation() {
    if (!isEvent(this)) throw invalidThis('Event');
    this.#propagationStopped = true;
  }
}

const enumerable = { enumerable: true };
function markEnumerable(proto, names) {
  for (const name of names) Object.defineProperty(proto, name, enumerable);
}
function defineTag(proto, tag) {
  Object.defineProperty(proto, Symbol.toStringTag, { writable: false, enumerable: false, configurable: true, value: tag });
}

markEnumerable(Event.prototype, [
  'initEvent', 'stopImmediatePropagation', 'preventDefault', 'target', 'currentTarget', 'srcElement', 'type', 'cancelable',
  'defaultPrevented', 'timeStamp', 'composedPath', 'returnValue', 'bubbles', 'composed', 'eventPhase', 'cancelBubble',
  'stopPropagation',
]);
defineTag(Event.prototype, 'Event');
Object.defineProperty(Event.prototype, 'isTrusted', {
  configurable: false,
  enumerable: true,
  get: Object.getOwnPropertyDescriptor({ get isTrusted() { return trusted.has(this); } }, 'isTrusted').get,
});
['NONE', 'CAPTURING_PHASE', 'AT_TARGET', 'BUBBLING_PHASE'].forEach((name, value) => {
  Object.defineProperty(Event, name, { writable: false, configurable: false, enumerable: true, value });
});

// CustomEvent (a global in Node 20): an Event that carries `detail` (null by default).
export class CustomEvent extends Event {
  constructor(type, options = {}) {
    if (arguments.length === 0) throw missingArgs('type');
    super(type, options);
    this[kDetail] = options?.detail ?? null;
  }

  get detail() {
    if (!isEvent(this) || this[kDetail] === undefined) throw invalidThis('CustomEvent');
    return this[kDetail];
  }
}
defineTag(CustomEvent.prototype, 'CustomEvent');
markEnumerable(CustomEvent.prototype, ['detail']);

// A listener's throw (or its returned promise's rejection) does not stop the dispatch: it
// becomes an uncaught exception on the next tick, as in Node.
function emitUncaught(err) {
  process.nextTick(() => {
    throw err;
  });
}

function addCatch(promise) {
  const then = promise.then;
  if (typeof then === 'function') Reflect.apply(then, promise, [undefined, emitUncaught]);
}

// Node's test of an EventTarget: its constructor says so (well-known, so across realms too).
export const isEventTarget = (obj) => obj?.constructor?.[kIsEventTarget];

function validateListener(listener) {
  if (typeof listener === 'function' || typeof listener?.handleEvent === 'function') return true;
  if (listener == null) return false;
  if (typeof listener === 'object') return true; // its handleEvent is looked up at each call
  throw invalidArgType('listener', 'EventListener', listener);
}

function listenerOptions(options) {
  if (typeof options === 'boolean') return { capture: options };
  if (options === null) return {};
  if (typeof options !== 'object' && typeof options !== 'function') throw invalidArgType('options', 'Object', options);
  return {
    once: Boolean(options.once),
    capture: Boolean(options.capture),
    passive: Boolean(options.passive),
    signal: options.signal,
    resist: options[kResistStopPropagation] ?? false,
    weak: options[kWeakHandler],
  };
}

// A weak listener's owner (the kWeakHandler value) holds it; the entry knows it by a WeakRef and
// goes once it is collected.
const weakListeners = new WeakMap();
const weakEntries = new FinalizationRegistry(({ target, type, entry }) => {
  const t = target.deref();
  const root = t?.[kEvents].get(type);
  if (root !== undefined) removeEntry(t, type, root, entry);
});
const listenerOf = (entry) => (entry.weak ? entry.listener.deref() : entry.listener);

// an object listener's handleEvent runs as Node runs it: inside an async function, so that
// what it throws becomes a rejection (reported as uncaught), and looked up when it is called
function callbackOf(listener) {
  if (typeof listener === 'function') return listener;
  return async (...args) => {
    if (listener.handleEvent) await Reflect.apply(listener.handleEvent, listener, args);
  };
}

export class EventTarget {
  static [kIsEventTarget] = true;

  constructor() {
    // type -> { size, next, resist }: the head of its listeners (see addEventListener)
    this[kEvents] = new Map();
    this[kMaxListeners] = defaultMaxListeners();
    this[kMaxListenersWarned] = false;
    this[kHandlers] = new Map();
  }

  [kNewListener](size, type) {
    const max = this[kMaxListeners];
    if (max > 0 && size > max && !this[kMaxListenersWarned]) {
      this[kMaxListenersWarned] = true;
      const w = new Error(`Possible EventTarget memory leak detected. ${size} ${type} listeners added to ` +
        `${inspect(this, { depth: -1 })}. MaxListeners is ${max}. Use events.setMaxListeners() to increase limit`);
      w.name = 'MaxListenersExceededWarning';
      w.target = this;
      w.type = type;
      w.count = size;
      process.emitWarning(w);
    }
  }

  [kRemoveListener]() {}

  addEventListener(type, listener, options = undefined) {
    if (!isEventTarget(this)) throw invalidThis('EventTarget');
    if (arguments.length < 2) throw missingArgs('type', 'listener');
    let opts = {};
    if (options !== undefined) {
      // the options are read before the listener is checked, as the spec has it
      opts = listenerOptions(options);
      const { signal } = opts;
      if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
        throw invalidArgType('options.signal', 'AbortSignal', signal);
      }
      if (signal) {
        if (signal.aborted) return;
        signal.addEventListener('abort', () => this.removeEventListener(type, listener, opts),
          { __proto__: null, once: true, [kResistStopPropagation]: true });
      }
    }
    if (!validateListener(listener)) {
      const w = new Error(`addEventListener called with ${listener} which has no effect.`);
      w.name = 'AddEventListenerArgumentTypeWarning';
      w.target = this;
      w.type = type;
      process.emitWarning(w);
      return;
    }
    type = `${type}`;
    const capture = Boolean(opts.capture);
    // each type's listeners are a linked list, as Node's: a dispatch follows `next` links, so
    // it reaches a listener added behind one still to run, and runs on past a removed one
    let root = this[kEvents].get(type);
    if (root === undefined) this[kEvents].set(type, (root = { size: 0, next: undefined, resist: false }));
    let last = root;
    for (let l = root.next; l !== undefined; l = l.next) {
      if (listenerOf(l) === listener && l.capture === capture) return;
      last = l;
    }
    const weak = Object(opts.weak) === opts.weak; // an object or a function: what can own it
    const entry = {
      listener, callback: callbackOf(listener), once: Boolean(opts.once), capture, passive: Boolean(opts.passive),
      resist: Boolean(opts.resist), removed: false, previous: last, next: undefined, weak,
    };
    if (weak) {
      weakListeners.set(opts.weak, [listener, entry.callback]);
      entry.listener = weakRef(listener);
      entry.callback = weakRef(entry.callback);
      weakEntries.register(listener, { target: weakRef(this), type, entry }, entry);
    }
    last.next = entry;
    root.size++;
    root.resist ||= entry.resist;
    this[kNewListener](root.size, type, listener, entry.once, capture, entry.passive, weak);
  }

  removeEventListener(type, listener, options = undefined) {
    if (!isEventTarget(this)) throw invalidThis('EventTarget');
    if (arguments.length < 2) throw missingArgs('type', 'listener');
    if (!validateListener(listener)) return;
    type = `${type}`;
    const capture = options?.capture === true;
    const root = this[kEvents].get(type);
    for (let l = root?.next; l !== undefined; l = l.next) {
      if (listenerOf(l) === listener && l.capture === capture) {
        removeEntry(this, type, root, l);
        break;
      }
    }
  }

  dispatchEvent(event) {
    if (!isEventTarget(this)) throw invalidThis('EventTarget');
    if (arguments.length < 1) throw missingArgs('event');
    if (!(event instanceof Event)) throw invalidArgType('event', 'Event', event);
    if (event[kIsBeingDispatched]) {
      throw nodeError(Error, 'ERR_EVENT_RECURSION', `The event "${event.type}" is already being dispatched`);
    }
    event[kTarget] = this;
    event[kIsBeingDispatched] = true;
    const type = event.type;
    const root = this[kEvents].get(type);
    let entry = root?.next;
    while (entry !== undefined && (root.resist || entry.passive || event[kStop] !== true)) {
      const next = entry.next;
      if (entry.removed || (event[kStop] === true && !entry.resist)) {
        entry = next;
        continue;
      }
      const callback = entry.weak ? entry.callback.deref() : entry.callback;
      if (callback === undefined) {
        removeEntry(this, type, root, entry);
        entry = next;
        continue;
      }
      if (entry.once) removeEntry(this, type, root, entry);
      try {
        const result = Reflect.apply(callback, this, [event]);
        // as in Node, an event stops counting as dispatched once its first listener returns
        event[kIsBeingDispatched] = false;
        if (result !== undefined && result !== null) addCatch(result);
      } catch (err) {
        emitUncaught(err);
      }
      entry = next;
    }
    event[kIsBeingDispatched] = false;
    return event.defaultPrevented !== true;
  }

  [customInspect](depth, options) {
    if (!isEventTarget(this)) throw invalidThis('EventTarget');
    return inspectAs(this, {}, depth, options);
  }
}
markEnumerable(EventTarget.prototype, ['addEventListener', 'removeEventListener', 'dispatchEvent']);
defineTag(EventTarget.prototype, 'EventTarget');

function removeEntry(target, type, root, entry) {
  if (entry.removed) return;
  entry.previous.next = entry.next;
  if (entry.next !== undefined) entry.next.previous = entry.previous;
  entry.removed = true;
  root.size--;
  if (root.size === 0) target[kEvents].delete(type);
  if (entry.weak) weakEntries.unregister(entry);
  target[kRemoveListener](root.size, type, listenerOf(entry), entry.capture);
}

/** An EventTarget's listeners of `type` (events.getEventListeners), or undefined if not one. */
export function targetListeners(target, type) {
  const events = target?.[kEvents];
  if (!(events instanceof Map)) return undefined;
  const out = [];
  for (let l = events.get(`${type}`)?.next; l !== undefined; l = l.next) {
    const listener = listenerOf(l);
    if (listener !== undefined) out.push(listener);
  }
  return out;
}

/** events.setMaxListeners(n, target) / getMaxListeners(target) for an EventTarget. */
export function isTarget(target) {
  return target?.[kEvents] instanceof Map;
}
export function setTargetMaxListeners(target, n) {
  target[kMaxListeners] = n;
  target[kMaxListenersWarned] = false;
}
export const targetMaxListeners = (target) => target[kMaxListeners];

// An `on<event>` attribute (onabort, onmessage): one listener, added when first set, that keeps
// its place in the order however often the handler changes; the getter gives what was set.
export function defineEventHandler(proto, name, event = name) {
  const prop = `on${name}`;
  function get() {
    if (!(this?.[kHandlers] instanceof Map)) throw invalidThis('EventTarget');
    return this[kHandlers].get(event)?.handler ?? null;
  }
  function set(value) {
    if (!(this?.[kHandlers] instanceof Map)) throw invalidThis('EventTarget');
    let wrapped = this[kHandlers].get(event);
    if (wrapped) {
      const root = this[kEvents].get(event);
      if (typeof wrapped.handler === 'function') this[kRemoveListener](root.size - 1, event, wrapped.handler, false);
      wrapped.handler = value;
      if (typeof value === 'function') this[kNewListener](root.size, event, value, false, false, false);
    } else {
      wrapped = function eventHandler(...args) {
        if (typeof wrapped.handler !== 'function') return undefined;
        return Reflect.apply(wrapped.handler, this, args);
      };
      wrapped.handler = value;
      this.addEventListener(event, wrapped);
    }
    this[kHandlers].set(event, wrapped);
  }
  Object.defineProperty(get, 'name', { value: `get ${prop}` });
  Object.defineProperty(set, 'name', { value: `set ${prop}` });
  Object.defineProperty(proto, prop, { get, set, configurable: true, enumerable: true });
}
