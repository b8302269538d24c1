// AbortController and AbortSignal (abort, timeout, any, throwIfAborted, onabort).
import { EventTarget, Event } from 'qjsw:internal/event_target';
import { DOMException } from 'qjsw:internal/dom_exception';
import { invalidArgType } from 'qjsw:internal/errors';

const kCreate = Symbol('kCreate');

export class AbortSignal extends EventTarget {
  #aborted = false;
  #reason = undefined;
  #onabort = null;

  constructor(key) {
    if (key !== kCreate) {
      const err = new TypeError('Illegal constructor');
      err.code = 'ERR_ILLEGAL_CONSTRUCTOR';
      throw err;
    }
    super();
  }

  get aborted() {
    return this.#aborted;
  }

  get reason() {
    return this.#reason;
  }

  get onabort() {
    return this.#onabort;
  }

  set onabort(fn) {
    if (this.#onabort) this.removeEventListener('abort', this.#onabort);
    this.#onabort = typeof fn === 'function' ? fn : null;
    if (this.#onabort) this.addEventListener('abort', this.#onabort);
  }

  throwIfAborted() {
    if (this.#aborted) throw this.#reason;
  }

  static abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
    const signal = new AbortSignal(kCreate);
    signal.#aborted = true;
    signal.#reason = reason;
    return signal;
  }

  static timeout(delay) {
    if (typeof delay !== 'number') throw invalidArgType('delay', 'number', delay);
    const signal = new AbortSignal(kCreate);
    // unref'd, as in Node: a pending timeout signal does not keep the event loop alive
    setTimeout(() => signal._abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), delay).unref?.();
    return signal;
  }

  static any(signals) {
    if (!Array.isArray(signals)) throw invalidArgType('signals', 'Array', signals);
    const signal = new AbortSignal(kCreate);
    for (const s of signals) {
      if (s.aborted) {
        signal.#aborted = true;
        signal.#reason = s.reason;
        return signal;
      }
    }
    for (const s of signals) s.addEventListener('abort', () => signal._abort(s.reason), { once: true });
    return signal;
  }

  _abort(reason) {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.dispatchEvent(new Event('abort'));
  }

  get [Symbol.toStringTag]() {
    return 'AbortSignal';
  }
}
Object.defineProperty(AbortSignal.prototype, '_abort', { enumerable: false });

export class AbortController {
  #signal = new AbortSignal(kCreate);

  get signal() {
    return this.#signal;
  }

  abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
    this.#signal._abort(reason);
  }

  get [Symbol.toStringTag]() {
    return 'AbortController';
  }
}
