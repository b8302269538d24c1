// node:timers/promises — setTimeout/setImmediate as promises and setInterval as an async
// iterator, on the guest event loop. Signals are duck-typed (`aborted` + addEventListener), as
// Node accepts them. Argument errors reject (or, for setInterval, fail the first next()).
import { setTimeout as setTimeoutCb, setImmediate as setImmediateCb, setInterval as setIntervalCb, clearTimeout, clearImmediate, clearInterval } from 'qjsw:internal/loop';
import { invalidArgType, nodeError } from 'qjsw:internal/errors';

class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

const abortError = (signal) => new AbortError(undefined, { cause: signal?.reason });

function validateOptions(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw invalidArgType('options', 'Object', options);
  const { signal, ref } = options;
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType('options.signal', 'AbortSignal', signal);
  }
  if (ref !== undefined && typeof ref !== 'boolean') throw invalidArgType('options.ref', 'boolean', ref);
  return { signal, ref: ref ?? true };
}

// One timer or immediate as a promise; `clear` cancels it when the signal aborts.
function later(start, clear, value, options) {
  const { signal, ref } = validateOptions(options);
  if (signal?.aborted) return Promise.reject(abortError(signal));
  let onAbort;
  const promise = new Promise((resolve, reject) => {
    const handle = start(() => resolve(value));
    if (!ref) handle.unref();
    if (signal) {
      onAbort = () => {
        clear(handle);
        reject(abortError(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  return onAbort ? promise.finally(() => signal.removeEventListener('abort', onAbort)) : promise;
}

export function setTimeout(after, value, options = {}) {
  try {
    if (after !== undefined && typeof after !== 'number') throw invalidArgType('delay', 'number', after);
    return later((fn) => setTimeoutCb(fn, after), clearTimeout, value, options);
  } catch (err) {
    return Promise.reject(err);
  }
}

export function setImmediate(value, options = {}) {
  try {
    return later((fn) => setImmediateCb(fn), clearImmediate, value, options);
  } catch (err) {
    return Promise.reject(err);
  }
}

const kAborted = Symbol('aborted');

// An async iterator rather than an async generator: QuickJS does not wait for a generator's
// return() when `for await` breaks, and the interval must stop at once.
export function setInterval(after, value, options = {}) {
  let failure;
  let signal;
  let ref = true;
  try {
    if (after !== undefined && typeof after !== 'number') throw invalidArgType('delay', 'number', after);
    ({ signal, ref } = validateOptions(options));
  } catch (err) {
    failure = err;
  }
  let interval = null;
  let notYielded = 0;
  let wake = null;
  let done = false;
  let onAbort;

  function stop() {
    done = true;
    if (interval) clearInterval(interval);
    interval = null;
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }

  function start() {
    interval = setIntervalCb(() => {
      notYielded++;
      if (wake) {
        const w = wake;
        wake = null;
        w();
      }
    }, after);
    if (!ref) interval.unref();
    if (signal) {
      onAbort = () => {
        if (interval) clearInterval(interval);
        interval = null;
        if (wake) {
          const w = wake;
          wake = null;
          w(kAborted);
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }
  }

  let started = false;
  let queue = Promise.resolve();
  async function step() {
    if (done) return { value: undefined, done: true };
    if (failure) {
      done = true;
      throw failure;
    }
    if (!started) {
      started = true;
      if (signal?.aborted) {
        done = true;
        throw abortError(signal);
      }
      start();
    }
    // As Node's generator: the ticks that came while the consumer was busy are all yielded,
    // even once the signal has aborted; with none left, an abort ends the iteration.
    if (notYielded === 0) {
      if (signal?.aborted) {
        stop();
        throw abortError(signal);
      }
      const woken = await new Promise((resolve) => { wake = resolve; });
      if (done) return { value: undefined, done: true };
      if (woken === kAborted) {
        stop();
        throw abortError(signal);
      }
    }
    notYielded--;
    return { value, done: false };
  }

  return {
    next() {
      const result = queue.then(step);
      queue = result.then(() => {}, () => {});
      return result;
    },
    return(v) {
      stop();
      if (wake) {
        const w = wake;
        wake = null;
        w();
      }
      return Promise.resolve({ value: v, done: true });
    },
    throw(err) {
      stop();
      return Promise.reject(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

// Node's Scheduler: one instance (made past its throwing constructor), methods that check
// their receiver.
const kScheduler = Symbol('kScheduler');
class Scheduler {
  constructor() {
    throw nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  }
  yield() {
    if (!this[kScheduler]) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type Scheduler');
    return setImmediate();
  }
  wait(delay, options) {
    if (!this[kScheduler]) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type Scheduler');
    return setTimeout(delay, undefined, options);
  }
}
export const scheduler = Reflect.construct(function() {
  this[kScheduler] = true;
}, [], Scheduler);

export default { setTimeout, setImmediate, setInterval, scheduler };
