// require('internal/event_target') under --expose-internals (see ../node_internals.js): the
// sandbox's Event/EventTarget (qjsw:internal/event_target) with Node's names for its symbols,
// and NodeEventTarget, Node's EventTarget with EventEmitter-style methods.
import {
  Event, CustomEvent, EventTarget, defineEventHandler, isEventTarget, kEvents, kMaxEventTargetListeners,
  kNewListener, kRemoveListener, kTrustEvent, kResistStopPropagation, kWeakHandler, setTargetMaxListeners,
} from 'qjsw:internal/event_target';
import { invalidArgType, nodeError } from 'qjsw:internal/errors';

const invalidThis = () => nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type NodeEventTarget');
const nodeTargets = new WeakSet();
const isNodeEventTarget = (value) => nodeTargets.has(value);

// Node-style listeners (on/once/addListener) get the value emit() was given, or the Event when
// one was dispatched; each stands behind a wrapper, found again by removeListener/off.
const emitted = new WeakMap();
const wrappers = new WeakMap();
function wrapperOf(target, type, listener, make) {
  let byType = wrappers.get(target);
  if (!byType) wrappers.set(target, (byType = new Map()));
  let byListener = byType.get(type);
  if (!byListener) byType.set(type, (byListener = new Map()));
  let wrapper = byListener.get(listener);
  if (!wrapper && make) {
    wrapper = function(event) {
      const value = emitted.has(event) ? emitted.get(event) : event;
      return typeof listener === 'function' ? Reflect.apply(listener, this, [value]) : listener.handleEvent(value);
    };
    byListener.set(listener, wrapper);
  }
  return wrapper;
}

export function initNodeEventTarget(self) {
  nodeTargets.add(self);
}

export class NodeEventTarget extends EventTarget {
  static defaultMaxListeners = 10;

  constructor() {
    super();
    initNodeEventTarget(this);
  }

  setMaxListeners(n) {
    if (!isNodeEventTarget(this)) throw invalidThis();
    if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) {
      throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "n" is out of range. It must be a non-negative number. Received ${n}`);
    }
    setTargetMaxListeners(this, n);
  }

  getMaxListeners() {
    if (!isNodeEventTarget(this)) throw invalidThis();
    return this[kMaxEventTargetListeners];
  }

  eventNames() {
    if (!isNodeEventTarget(this)) throw invalidThis();
    return Array.from(this[kEvents].keys());
  }

  listenerCount(type) {
    if (!isNodeEventTarget(this)) throw invalidThis();
    return this[kEvents].get(String(type))?.size ?? 0;
  }

  off(type, listener, options) {
    if (!isNodeEventTarget(this)) throw invalidThis();
    const wrapper = wrapperOf(this, String(type), listener, false);
    if (wrapper) this.removeEventListener(type, wrapper, options);
    this.removeEventListener(type, listener, options);
    return this;
  }

  removeListener(type, listener, options) {
    if (!isNodeEventTarget(this)) throw invalidThis();
    return this.off(type, listener, options);
  }

  on(type, listener) {
    if (!isNodeEventTarget(this)) throw invalidThis();
    this.addEventListener(type, wrapperOf(this, String(type), listener, true));
    return this;
  }

  addListener(type, listener) {
    if (!isNodeEventTarget(this)) throw invalidThis();
    return this.on(type, listener);
  }

  emit(type, arg) {
    if (!isNodeEventTarget(this)) throw invalidThis();
    if (typeof type !== 'string') throw invalidArgType('type', 'string', type);
    const hadListeners = this.listenerCount(type) > 0;
    const event = new CustomEvent(type, { detail: arg });
    emitted.set(event, arg);
    this.dispatchEvent(event);
    return hadListeners;
  }

  once(type, listener) {
    if (!isNodeEventTarget(this)) throw invalidThis();
    this.addEventListener(type, wrapperOf(this, String(type), listener, true), { once: true });
    return this;
  }

  removeAllListeners(type) {
    if (!isNodeEventTarget(this)) throw invalidThis();
    if (type !== undefined) this[kEvents].delete(String(type));
    else this[kEvents].clear();
    return this;
  }
}

export {
  Event, CustomEvent, EventTarget, defineEventHandler, isEventTarget, kEvents, kNewListener, kRemoveListener, kTrustEvent,
  kResistStopPropagation, kMaxEventTargetListeners, kWeakHandler,
};

export default {
  Event, CustomEvent, EventTarget, NodeEventTarget, defineEventHandler, initNodeEventTarget, isEventTarget, kEvents,
  kNewListener, kRemoveListener, kTrustEvent, kWeakHandler, kResistStopPropagation, kMaxEventTargetListeners,
};
