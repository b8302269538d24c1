// AbortController and AbortSignal as Node has them: brand checks and errors, AbortSignal.any's
// dependent signals (aborted right after their source, in the order they were made), and the
// onabort handler attribute.
import { EventTarget, Event, kTrustEvent, kNewListener, kRemoveListener, defineEventHandler } from 'qjsw:internal/event_target';
import { DOMException } from 'qjsw:internal/dom_exception';
import { weakRef } from 'qjsw:binding/util';
import { invalidArgType, nodeError, outOfRange } from 'qjsw:internal/errors';

const kAborted = Symbol('kAborted');
const kReason = Symbol('kReason');
const kComposite = Symbol('kComposite');
const kSourceSignals = Symbol('kSourceSignals');
const kDependantSignals = Symbol('kDependantSignals');
const kTimeout = Symbol('kTimeout');
const kTransferable = Symbol('kTransferable');
const customInspect = Symbol.for('nodejs.util.inspect.custom');
const persistentSignals = new Set();
// a timeout signal's timer, cleared once the signal is collected (as Node's)
const clearTimeoutRegistry = new FinalizationRegistry((timer) => clearTimeout(timer));

const invalidThis = (type) => nodeError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);

function validateThisSignal(obj) {
  if (obj?.[kAborted] === undefined) throw invalidThis('AbortSignal');
}

export function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType(name, 'AbortSignal', signal);
  }
}

function inspectAs(self, fields, depth, options, inspect) {
  if (depth < 0) return self;
  return `${self.constructor.name} ${inspect(fields, { ...options, depth: options.depth === null ? null : options.depth - 1 })}`;
}

const abortReason = () => new DOMException('This operation was aborted', 'AbortError');

export class AbortSignal extends EventTarget {
  constructor() {
    throw nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  }

  get aborted() {
    validateThisSignal(this);
    return !!this[kAborted];
  }

  get reason() {
    validateThisSignal(this);
    return this[kReason];
  }

  throwIfAborted() {
    validateThisSignal(this);
    if (this[kAborted]) throw this[kReason];
  }

  [customInspect](depth, options, inspect) {
    return inspectAs(this, { aborted: this.aborted }, depth, options, inspect);
  }

  static abort(reason = abortReason()) {
    return createAbortSignal({ aborted: true, reason });
  }

  static timeout(delay) {
    if (typeof delay !== 'number') throw invalidArgType('delay', 'number', delay);
    if (!Number.isInteger(delay)) throw outOfRange('delay', 'an integer', delay);
    if (delay < 0 || delay > 4294967295) throw outOfRange('delay', '>= 0 && <= 4294967295', delay);
    const signal = createAbortSignal();
    signal[kTimeout] = true;
    // unref'd, as in Node: a pending timeout does not keep the event loop alive, nor does it keep
    // the signal: the timer knows it weakly and goes with it. Something waiting on the signal
    // holds it instead: an abort listener, or a signal made by AbortSignal.any (which knows its
    // sources weakly: V8 collects lazily, but QuickJS frees at once what nothing holds, and that
    // dependant would never abort).
    const ref = weakRef(signal);
    const timer = setTimeout(() => {
      const s = ref.deref();
      if (s) abortSignal(s, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, delay);
    timer.unref?.();
    clearTimeoutRegistry.register(signal, timer);
    return signal;
  }

  static any(signals) {
    if (!Array.isArray(signals)) throw invalidArgType('signals', 'Array', signals);
    for (let i = 0; i < signals.length; i++) {
      const s = signals[i];
      if (s == null) throw invalidArgType(`signals[${i}]`, 'AbortSignal', s);
      validateAbortSignal(s, `signals[${i}]`);
    }
    const result = createAbortSignal({ composite: true });
    if (!signals.length) return result;
    const resultRef = weakRef(result);
    result[kSourceSignals] = new Set();
    for (const signal of signals) {
      if (signal.aborted) {
        abortSignal(result, signal.reason);
        return result;
      }
      signal[kDependantSignals] ??= new Set();
      if (signal[kTimeout]) persistentSignals.add(signal);
      if (!signal[kComposite]) {
        result[kSourceSignals].add(weakRef(signal));
        signal[kDependantSignals].add(resultRef);
      } else if (signal[kSourceSignals]) {
        // a composite's sources become this one's: it depends on plain signals only
        for (const sourceRef of signal[kSourceSignals]) {
          const source = sourceRef.deref();
          if (!source || result[kSourceSignals].has(sourceRef)) continue;
          result[kSourceSignals].add(sourceRef);
          source[kDependantSignals].add(resultRef);
        }
      }
    }
    return result;
  }

  // a composite signal with sources, or a timeout one, is kept while it has abort listeners
  // (sources know their dependants only weakly): as Node keeps it from its GC
  [kNewListener](size, type, listener, once, capture, passive, weak) {
    super[kNewListener](size, type, listener, once, capture, passive, weak);
    const held = this[kTimeout] || (this[kComposite] && this[kSourceSignals]?.size);
    if (held && type === 'abort' && !this.aborted && !weak && size === 1) persistentSignals.add(this);
  }

  [kRemoveListener](size, type, listener, capture) {
    super[kRemoveListener](size, type, listener, capture);
    const held = (this[kTimeout] && !this[kDependantSignals]?.size) || (this[kComposite] && this[kSourceSignals]?.size);
    if (held && type === 'abort' && size === 0) persistentSignals.delete(this);
  }
}
Object.defineProperty(AbortSignal.prototype, 'aborted', { enumerable: true });
Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { writable: false, enumerable: false, configurable: true, value: 'AbortSignal' });
defineEventHandler(AbortSignal.prototype, 'abort');

function createAbortSignal({ aborted = false, reason = undefined, composite = false, transferable = false } = {}) {
  const signal = new EventTarget();
  Object.setPrototypeOf(signal, AbortSignal.prototype);
  signal[kAborted] = aborted;
  signal[kReason] = reason;
  signal[kComposite] = composite;
  return transferable ? makeTransferable(signal) : signal;
}

// Node's makeTransferable: a new object (each time) with the signal's own properties (its
// listeners and state shared) that a MessagePort's transfer list may carry
// (qjsw:internal/worker/message_codec).
function makeTransferable(signal) {
  const copy = Object.create(Object.getPrototypeOf(signal), Object.getOwnPropertyDescriptors(signal));
  copy[kTransferable] = true;
  return copy;
}

export const isTransferableSignal = (value) => value?.[kTransferable] === true && value[kAborted] !== undefined;

/** The signal a transfer made on the receiving side: aborted, or to abort when told. */
export const receivedSignal = (aborted, reason) => createAbortSignal({ aborted, reason, transferable: true });

export function transferableAbortSignal(signal) {
  if (signal?.[kAborted] === undefined) throw invalidArgType('signal', 'AbortSignal', signal);
  return makeTransferable(signal);
}

export function transferableAbortController() {
  const controller = new AbortController();
  setControllerSignal(controller, createAbortSignal({ transferable: true }));
  return controller;
}
let setControllerSignal;

/** Aborts `signal` (a builtin's own AbortSignal) with `reason`, then the signals that depend on it. */
export function abortSignal(signal, reason) {
  if (signal[kAborted]) return;
  persistentSignals.delete(signal);
  signal[kAborted] = true;
  signal[kReason] = reason;
  signal.dispatchEvent(new Event('abort', { [kTrustEvent]: true }));
  signal[kDependantSignals]?.forEach((ref) => {
    const dependant = ref.deref();
    if (dependant) abortSignal(dependant, reason);
  });
}

export class AbortController {
  #signal;

  static {
    setControllerSignal = (controller, signal) => {
      controller.#signal = signal;
    };
  }

  get signal() {
    this.#signal ??= createAbortSignal();
    return this.#signal;
  }

  abort(reason = abortReason()) {
    abortSignal((this.#signal ??= createAbortSignal()), reason);
  }

  [customInspect](depth, options, inspect) {
    return inspectAs(this, { signal: this.signal }, depth, options, inspect);
  }
}
Object.defineProperty(AbortController.prototype, 'signal', { enumerable: true });
Object.defineProperty(AbortController.prototype, 'abort', { enumerable: true });
Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { writable: false, enumerable: false, configurable: true, value: 'AbortController' });
