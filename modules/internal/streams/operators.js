// Node 20's Readable helpers. The stream-returning ones (map, filter, flatMap, drop, take,
// asIndexedPairs) return async iterables that node:stream wraps in Readable.from; the others
// return promises. map is the engine of filter/forEach/some/every/find: it runs up to
// `concurrency` calls of fn at once and yields their results in source order.
import process from 'qjsw:internal/process_object';
import { invalidArgType, outOfRange, nodeError } from 'qjsw:internal/errors';
import { validateAbortSignal, validateObject, AbortError } from 'qjsw:internal/streams/utils';
import { AbortSignal, AbortController } from 'qjsw:internal/abort';
import { finished } from 'qjsw:internal/streams/end-of-stream';

// fn results that map must not yield (filter's rejects, forEach's calls)
const kSkip = Symbol('kSkip');
const kEnd = Symbol('kEnd');

function checkOptions(options) {
  if (options != null) validateObject(options, 'options');
  if (options?.signal != null) validateAbortSignal(options.signal, 'options.signal');
}

function checkFn(fn, name = 'fn') {
  if (typeof fn !== 'function') throw invalidArgType(name, ['Function', 'AsyncFunction'], fn);
}

// Node's validateInteger with the default upper bound
function checkInteger(value, name, min) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > Number.MAX_SAFE_INTEGER) {
    throw outOfRange(name, `>= ${min} && <= ${Number.MAX_SAFE_INTEGER}`, value);
  }
}

export function map(fn, options) {
  checkFn(fn);
  checkOptions(options);
  const concurrency = options?.concurrency != null ? Math.floor(options.concurrency) : 1;
  let extra = options?.highWaterMark != null ? Math.floor(options.highWaterMark) : concurrency - 1;
  checkInteger(concurrency, 'options.concurrency', 1);
  checkInteger(extra, 'options.highWaterMark', 0);
  const limit = extra + concurrency;
  const source = this;

  return (async function* mapped() {
    // fn sees a signal of its own that follows the caller's (Node's AbortSignal.any)
    const signal = AbortSignal.any(options?.signal ? [options.signal] : []);
    const fnOptions = { signal };
    const pending = []; // promises of results in source order, then kEnd
    let running = 0;
    let stopped = false;
    let wakeConsumer = null;
    let wakeProducer = null;

    const notifyConsumer = () => {
      if (wakeConsumer) {
        const wake = wakeConsumer;
        wakeConsumer = null;
        wake();
      }
    };
    const maybeResumeProducer = () => {
      if (wakeProducer && !stopped && running < concurrency && pending.length < limit) {
        const wake = wakeProducer;
        wakeProducer = null;
        wake();
      }
    };
    const settled = () => {
      running--;
      maybeResumeProducer();
    };
    const failed = () => {
      stopped = true;
      settled();
    };
    const track = (promise) => {
      running++;
      promise.then(settled, failed);
      pending.push(promise);
    };

    (async function produce() {
      try {
        for await (const value of source) {
          if (stopped) return;
          if (signal.aborted) throw new AbortError();
          let result;
          try {
            result = fn(value, fnOptions);
            if (result === kSkip) continue;
            result = Promise.resolve(result);
          } catch (err) {
            result = Promise.reject(err);
          }
          track(result);
          notifyConsumer();
          if (!stopped && (pending.length >= limit || running >= concurrency)) {
            await new Promise((resolve) => { wakeProducer = resolve; });
          }
        }
        pending.push(kEnd);
      } catch (err) {
        track(Promise.reject(err));
      } finally {
        stopped = true;
        notifyConsumer();
      }
    }());

    try {
      for (;;) {
        while (pending.length > 0) {
          const result = await pending[0];
          if (result === kEnd) return;
          if (signal.aborted) throw new AbortError();
          if (result !== kSkip) yield result;
          pending.shift();
          maybeResumeProducer();
        }
        await new Promise((resolve) => { wakeConsumer = resolve; });
      }
    } finally {
      stopped = true;
      if (wakeProducer) {
        const wake = wakeProducer;
        wakeProducer = null;
        wake();
      }
    }
  }());
}

export function filter(fn, options) {
  checkFn(fn);
  return map.call(this, async (value, opts) => ((await fn(value, opts)) ? value : kSkip), options);
}

export async function forEach(fn, options) {
  checkFn(fn);
  for await (const unused of map.call(this, async (value, opts) => { await fn(value, opts); return kSkip; }, options)) {
    void unused;
  }
}

export async function some(fn, options = undefined) {
  for await (const unused of filter.call(this, fn, options)) {
    void unused;
    return true;
  }
  return false;
}

export async function every(fn, options = undefined) {
  checkFn(fn);
  return !(await some.call(this, async (...args) => !(await fn(...args)), options));
}

export async function find(fn, options) {
  for await (const found of filter.call(this, fn, options)) return found;
  return undefined;
}

// Node's message for an empty stream without an initial value, under ERR_MISSING_ARGS
function reduceOfEmpty() {
  return nodeError(TypeError, 'ERR_MISSING_ARGS', 'Reduce of an empty stream requires an initial value');
}

export async function reduce(reducer, initialValue, options) {
  checkFn(reducer, 'reducer');
  checkOptions(options);
  let hasAccumulator = arguments.length > 1;
  let accumulator = initialValue;
  if (options?.signal?.aborted) {
    const err = new AbortError(undefined, { cause: options.signal.reason });
    this.once('error', () => {}); // the rejection below reports it
    await finished(this.destroy(err));
    throw err;
  }
  const ac = new AbortController();
  const onAbort = () => ac.abort();
  options?.signal?.addEventListener('abort', onAbort, { once: true });
  let sawItem = false;
  try {
    for await (const value of this) {
      sawItem = true;
      if (options?.signal?.aborted) throw new AbortError();
      if (!hasAccumulator) {
        accumulator = value;
        hasAccumulator = true;
      } else {
        accumulator = await reducer(accumulator, value, { signal: ac.signal });
      }
    }
    if (!sawItem && !hasAccumulator) throw reduceOfEmpty();
  } finally {
    options?.signal?.removeEventListener('abort', onAbort);
    ac.abort();
  }
  return accumulator;
}

export async function toArray(options) {
  checkOptions(options);
  const result = [];
  for await (const val of this) {
    if (options?.signal?.aborted) throw new AbortError(undefined, { cause: options.signal.reason });
    result.push(val);
  }
  return result;
}

export function flatMap(fn, options) {
  const values = map.call(this, fn, options);
  return (async function* flatMap() {
    for await (const val of values) yield* val;
  }());
}

// Coerced as the iterator-helpers proposal does; negative counts are Node's ERR_OUT_OF_RANGE
function toIntegerOrInfinity(number) {
  number = Number(number);
  if (Number.isNaN(number)) return 0;
  if (number < 0) throw outOfRange('number', '>= 0', number);
  return number;
}

export function drop(number, options = undefined) {
  checkOptions(options);
  let left = toIntegerOrInfinity(number);
  const source = this;
  return (async function* drop() {
    if (options?.signal?.aborted) throw new AbortError();
    for await (const val of source) {
      if (options?.signal?.aborted) throw new AbortError();
      if (left-- <= 0) yield val;
    }
  }());
}

export function take(number, options = undefined) {
  checkOptions(options);
  let left = toIntegerOrInfinity(number);
  const source = this;
  return (async function* take() {
    if (options?.signal?.aborted) throw new AbortError();
    for await (const val of source) {
      if (options?.signal?.aborted) throw new AbortError();
      if (left-- > 0) yield val;
      // stop before pulling another item once the count is reached
      if (left <= 0) return;
    }
  }());
}

function indexedPairs(options = undefined) {
  checkOptions(options);
  const source = this;
  return (async function* asIndexedPairs() {
    let index = 0;
    for await (const val of source) {
      // Node 20 passes the options bag as the message here, so the message reads [object Object]
      if (options?.signal?.aborted) throw new AbortError({ cause: options.signal.reason });
      yield [index++, val];
    }
  }());
}

// Deprecated in Node 20 without a code: one DeprecationWarning per process
let warnedIndexedPairs = false;
export function asIndexedPairs(...args) {
  if (!process.noDeprecation && !warnedIndexedPairs) {
    warnedIndexedPairs = true;
    process.emitWarning('readable.asIndexedPairs will be removed in a future version.', 'DeprecationWarning', asIndexedPairs);
  }
  return indexedPairs.apply(this, args);
}
// Node's deprecate() wrapper is what stream.js names the method after
Object.defineProperty(asIndexedPairs, 'name', { value: 'deprecated' });
