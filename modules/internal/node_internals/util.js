// require('internal/util') under --expose-internals (see ../node_internals.js): the helpers of
// Node's lib/internal/util.js that its tests call, over the sandbox's own.
import { invalidArgType, outOfRange } from 'qjsw:internal/errors';
import { customInspectSymbol } from 'qjsw:internal/util/inspect';
import { isNativeError } from 'node:util/types';
import process from 'qjsw:internal/process_object';

// (the key node:util's promisify reads)
import { customPromisifyArgs } from 'qjsw:internal/symbols';
export { customPromisifyArgs, customInspectSymbol };
export const kEmptyObject = Object.freeze({ __proto__: null });
export const kEnumerableProperty = { __proto__: null, enumerable: true };

export function isError(e) {
  return isNativeError(e) || e instanceof Error;
}

// Node's uv_sleep: the thread stops for `msec` (here the guest spins: one thread, no other work
// could run meanwhile anyway; the run's CPU budget still applies)
export function sleep(msec) {
  if (typeof msec !== 'number') throw invalidArgType('msec', 'number', msec);
  if (!Number.isInteger(msec)) throw outOfRange('msec', 'an integer', msec);
  if (msec < 0 || msec > 0xffffffff) throw outOfRange('msec', '>= 0 && <= 4294967295', msec);
  const end = Date.now() + msec;
  while (Date.now() < end);
}

const experimentalWarnings = new Set();
export function emitExperimentalWarning(feature) {
  if (experimentalWarnings.has(feature)) return;
  experimentalWarnings.add(feature);
  const plural = feature.endsWith('s') ? 'are' : 'is';
  process.emitWarning(`${feature} ${plural} an experimental feature and might change at any time`, 'ExperimentalWarning');
}

export function filterOwnProperties(source, keys) {
  const filtered = { __proto__: null };
  for (const key of keys) {
    if (Object.prototype.hasOwnProperty.call(source, key)) filtered[key] = source[key];
  }
  return filtered;
}

export function deprecate(fn, msg, code) {
  let warned = false;
  return function deprecated(...args) {
    if (!warned) {
      warned = true;
      process.emitWarning(msg, 'DeprecationWarning', code);
    }
    return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
  };
}

export function createDeferredPromise() {
  let resolve, reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function once(callback) {
  let called = false;
  return function(...args) {
    if (called) return;
    called = true;
    return Reflect.apply(callback, this, args);
  };
}

export function spliceOne(list, index) {
  for (; index + 1 < list.length; index++) list[index] = list[index + 1];
  list.pop();
}

export default {
  customPromisifyArgs, customInspectSymbol, kEmptyObject, kEnumerableProperty, isError, sleep, emitExperimentalWarning,
  filterOwnProperties, deprecate, createDeferredPromise, once, spliceOne,
};
