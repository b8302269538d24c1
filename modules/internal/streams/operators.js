// The cheap part of Node's experimental Readable helpers: toArray, forEach, map and filter,
// one item at a time; map/filter return async iterables that node:stream wraps in a Readable (the `concurrency` option is accepted but items are processed in order).
import { invalidArgType, outOfRange } from 'qjsw:internal/errors';
import { validateAbortSignal, validateObject, AbortError } from 'qjsw:internal/streams/utils';

function checkOptions(options) {
  if (options != null) validateObject(options, 'options');
  if (options?.signal != null) validateAbortSignal(options.signal, 'options.signal');
  if (options?.concurrency !== undefined) {
    const c = options.concurrency;
    if (typeof c !== 'number') throw invalidArgType('options.concurrency', 'number', c);
    if (!Number.isInteger(c)) throw outOfRange('options.concurrency', 'an integer', c);
    if (c < 1 || c > Number.MAX_SAFE_INTEGER) throw outOfRange('options.concurrency', `>= 1 && <= ${Number.MAX_SAFE_INTEGER}`, c);
  }
}

function checkFn(fn) {
  if (typeof fn !== 'function') throw invalidArgType('fn', ['Function', 'AsyncFunction'], fn);
}

export async function toArray(options) {
  if (options != null) validateObject(options, 'options');
  if (options?.signal != null) validateAbortSignal(options.signal, 'options.signal');
  const result = [];
  for await (const val of this) {
    if (options?.signal?.aborted) throw new AbortError(undefined, { cause: options.signal.reason });
    result.push(val);
  }
  return result;
}

export async function forEach(fn, options) {
  checkFn(fn);
  checkOptions(options);
  for await (const val of this) await fn(val, { signal: options?.signal });
}

export function map(fn, options) {
  checkFn(fn);
  checkOptions(options);
  const source = this;
  return (async function* mapped() {
    for await (const val of source) yield await fn(val, { signal: options?.signal });
  }());
}

export function filter(fn, options) {
  checkFn(fn);
  checkOptions(options);
  const source = this;
  return (async function* filtered() {
    for await (const val of source) if (await fn(val, { signal: options?.signal })) yield val;
  }());
}
