// Event and EventTarget as Node has them (no DOM tree: an event's path is its target alone).
import { invalidArgType, nodeError } from 'qjsw:internal/errors';

const kStop = Symbol('kStop');
const kTarget = Symbol('kTarget');
let timeOrigin;

function now() {
  return globalThis.performance?.now?.() ?? Date.now() - (timeOrigin ??= Date.now());
}

export class Event {
  #type;
  #bubbles;
  #cancelable;
  #composed;
  #defaultPrevented = false;
  #timestamp = now();
  #propagationStopped = false;

  constructor(type, options = undefined) {
    if (arguments.length === 0) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "type" argument must be specified');
    if (options != null && typeof options !== 'object') throw invalidArgType('options', 'object', options);
    this.#type = `${type}`;
    this.#bubbles = Boolean(options?.bubbles);
    this.#cancelable = Boolean(options?.cancelable);
    this.#composed = Boolean(options?.composed);
    this[kTarget] = null;
    this[kStop] = false;
  }

  get type() { return this.#type; }
  get bubbles() { return this.#bubbles; }
  get cancelable() { return this.#cancelable; }
  get composed() { return this.#composed; }
  get defaultPrevented() { return this.#cancelable && this.#defaultPrevented; }
  get timeStamp() { return this.#timestamp; }
  get isTrusted() { return false; }
  get target() { return this[kTarget]; }
  get currentTarget() { return this[kStop] === 'dispatching' ? this[kTarget] : null; }
  get srcElement() { return this[kTarget]; }
  get eventPhase() { return this[kStop] === 'dispatching' ? Event.AT_TARGET : Event.NONE; }
  get returnValue() { return !this.defaultPrevented; }
  set returnValue(value) { if (!value) this.preventDefault(); }
  get cancelBubble() { return this.#propagationStopped; }
  set cancelBubble(value) { if (value) this.stopPropagation(); }

  preventDefault() {
    this.#defaultPrevented = true;
  }

  stopPropagation() {
    this.#propagationStopped = true;
  }

  stopImmediatePropagation() {
    this.#propagationStopped = true;
    this.immediateStopped = true;
  }

  composedPath() {
    return this[kStop] === 'dispatching' ? [this[kTarget]] : [];
  }

  get [Symbol.toStringTag]() {
    return 'Event';
  }
}
for (const [name, value] of [['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]]) {
  Object.defineProperty(Event, name, { value, enumerable: true });
  Object.defineProperty(Event.prototype, name, { value, enumerable: true });
}

// CustomEvent (a global in Node 20): an Event that carries `detail` (null by default).
export class CustomEvent extends Event {
  #detail;

  constructor(type, options = undefined) {
    if (arguments.length === 0) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "type" argument must be specified');
    super(type, options);
    this.#detail = options?.detail ?? null;
  }

  get detail() { return this.#detail; }

  get [Symbol.toStringTag]() {
    return 'CustomEvent';
  }
}

// A listener error does not stop the dispatch; it surfaces as an uncaught exception, as in Node.
function report(err) {
  setTimeout(() => {
    throw err;
  }, 0);
}

export class EventTarget {
  #listeners = new Map();

  addEventListener(type, listener, options = undefined) {
    if (arguments.length < 2) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "type" and "listener" arguments must be specified');
    if (listener == null) return;
    const opts = typeof options === 'boolean' ? { capture: options } : options ?? {};
    const once = Boolean(opts.once);
    const capture = Boolean(opts.capture);
    const signal = opts.signal;
    if (signal?.aborted) return;
    type = `${type}`;
    let list = this.#listeners.get(type);
    if (!list) this.#listeners.set(type, (list = []));
    if (list.some((l) => l.listener === listener && l.capture === capture)) return;
    const entry = { listener, once, capture, removed: false };
    list.push(entry);
    signal?.addEventListener?.('abort', () => this.removeEventListener(type, listener, { capture }), { once: true });
  }

  removeEventListener(type, listener, options = undefined) {
    const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
    const list = this.#listeners.get(`${type}`);
    if (!list) return;
    const i = list.findIndex((l) => l.listener === listener && l.capture === capture);
    if (i >= 0) {
      list[i].removed = true;
      list.splice(i, 1);
    }
  }

  dispatchEvent(event) {
    if (!(event instanceof Event)) throw invalidArgType('event', 'Event', event);
    if (event[kStop] === 'dispatching') {
      throw nodeError(Error, 'ERR_EVENT_RECURSION', `The event "${event.type}" is already being dispatched`);
    }
    event[kTarget] = this;
    event[kStop] = 'dispatching';
    const list = this.#listeners.get(event.type);
    if (list) {
      for (const entry of list.slice()) {
        if (entry.removed) continue;
        if (entry.once) this.removeEventListener(event.type, entry.listener, { capture: entry.capture });
        try {
          const { listener } = entry;
          if (typeof listener === 'function') listener.call(this, event);
          else if (typeof listener?.handleEvent === 'function') listener.handleEvent(event);
        } catch (err) {
          report(err);
        }
        if (event.immediateStopped) break;
      }
    }
    event[kStop] = 'done';
    return !event.defaultPrevented;
  }

  get [Symbol.toStringTag]() {
    return 'EventTarget';
  }
}
