// node:util for guest code. inspect/format live in qjsw:internal/util/inspect (console uses
// them too), deep equality in qjsw:internal/util/comparisons (shared with assert).
import {
  inspect, format, formatWithOptions, stripVTControlCharacters, isDate, isRegExp, isNativeError,
} from 'qjsw:internal/util/inspect';
import { isDeepStrictEqual } from 'qjsw:internal/util/comparisons';
import { parseArgs } from 'qjsw:internal/util/parse_args';
import { parseEnv } from 'qjsw:internal/util/parse_env';
import { TextEncoder, TextDecoder } from 'qjsw:internal/encoding';
import { errno as errnoConstants, message as uvMessage, errname, UV_UNKNOWN } from 'qjsw:binding/uv';
import { invalidArgType, invalidArgValue, outOfRange, nodeError } from 'qjsw:internal/errors';
import types from 'node:util/types';
import { transferableAbortSignal, transferableAbortController } from 'qjsw:internal/abort';
import { customPromisifyArgs as kCustomPromisifyArgs } from 'qjsw:internal/symbols';
import { onRunReset } from 'qjsw:internal/loop';

export { transferableAbortSignal, transferableAbortController };
// (the namespace's isRegExp/isDate are the deprecated util ones, as require('util')'s)
export { isRegExpLegacy as isRegExp, isDateLegacy as isDate };
export { inspect, format, formatWithOptions, stripVTControlCharacters, isDeepStrictEqual, parseArgs, parseEnv, TextEncoder, TextDecoder, types };

function validateFunction(value, name) {
  if (typeof value !== 'function') throw invalidArgType(name, 'Function', value);
}

const kCustomPromisified = Symbol.for('nodejs.util.promisify.custom');

export function promisify(original) {
  validateFunction(original, 'original');
  if (original[kCustomPromisified]) {
    const fn = original[kCustomPromisified];
    validateFunction(fn, 'util.promisify.custom');
    return Object.defineProperty(fn, kCustomPromisified, { value: fn, enumerable: false, writable: false, configurable: true });
  }
  const argumentNames = original[kCustomPromisifyArgs];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      args.push((err, ...values) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const obj = {};
          for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
          resolve(obj);
        } else {
          resolve(values[0]);
        }
      });
      Reflect.apply(original, this, args);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisified, { value: fn, enumerable: false, writable: false, configurable: true });
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = kCustomPromisified;

// (as Node's: the error's stack starts at the loop's frame that called this)
function callbackifyOnRejected(reason, cb) {
  if (!reason) {
    const err = nodeError(Error, 'ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value');
    err.reason = reason;
    const holder = {};
    Error.captureStackTrace(holder, callbackifyOnRejected);
    const at = typeof holder.stack === 'string' ? holder.stack.indexOf('\n') : -1;
    err.stack = `${err.name} [${err.code}]: ${err.message}${at < 0 ? '' : holder.stack.slice(at)}`;
    reason = err;
  }
  return cb(reason);
}

export function callbackify(original) {
  validateFunction(original, 'original');
  function callbackified(...args) {
    const maybeCb = args.pop();
    validateFunction(maybeCb, 'last argument');
    const cb = maybeCb.bind(this);
    Reflect.apply(original, this, args).then(
      (ret) => process.nextTick(cb, null, ret),
      (rej) => process.nextTick(callbackifyOnRejected, rej, cb),
    );
  }
  const descriptors = Object.getOwnPropertyDescriptors(original);
  if (typeof descriptors.length?.value === 'number') descriptors.length.value++;
  if (typeof descriptors.name?.value === 'string') descriptors.name.value += 'Callbackified';
  Object.defineProperties(callbackified, descriptors);
  return callbackified;
}

export function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw invalidArgType('ctor', 'Function', ctor);
  if (superCtor === undefined || superCtor === null) throw invalidArgType('superCtor', 'Function', superCtor);
  if (superCtor.prototype === undefined) throw invalidArgType('superCtor.prototype', 'Object', superCtor.prototype);
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

// Once per process is once per run here: a run starts with no deprecation warned, also of the
// functions deprecated when a module loaded in an earlier run.
const codesWarned = new Set();
let run = 0;
onRunReset(() => {
  codesWarned.clear();
  run++;
});

export function deprecate(fn, msg, code) {
  if (process.noDeprecation === true) return fn;
  if (code !== undefined && typeof code !== 'string') throw invalidArgType('code', 'string', code);
  let warnedIn = -1;
  function deprecated(...args) {
    if (warnedIn !== run) {
      warnedIn = run;
      if (code !== undefined) {
        if (!codesWarned.has(code)) {
          process.emitWarning(msg, 'DeprecationWarning', code, deprecated);
          codesWarned.add(code);
        }
      } else {
        process.emitWarning(msg, 'DeprecationWarning', deprecated);
      }
    }
    if (new.target) return Reflect.construct(fn, args, new.target);
    return Reflect.apply(fn, this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

// NODE_DEBUG=a,b* turns on util.debuglog('a') and every section starting with "b".
let debugPatterns;
function debugEnabled(section) {
  if (debugPatterns === undefined) {
    const spec = (process.env.NODE_DEBUG ?? '').trim();
    debugPatterns = spec
      ? spec.split(/[\s,]+/).filter(Boolean).map((p) => new RegExp(`^${p.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i'))
      : [];
  }
  return debugPatterns.some((re) => re.test(section));
}

export function debuglog(section, cb) {
  let enabled;
  const test = () => {
    if (enabled === undefined) {
      enabled = debugEnabled(section);
      if (typeof cb === 'function') cb(enabled ? logger : () => {});
    }
    return enabled;
  };
  function logger(...args) {
    if (!test()) return;
    process.stderr.write(`${section.toUpperCase()} ${process.pid}: ${format(...args)}\n`);
  }
  Object.defineProperty(logger, 'enabled', { get: test, configurable: true, enumerable: true });
  return logger;
}
export const debug = debuglog;

export function getSystemErrorName(err) {
  if (typeof err !== 'number') throw invalidArgType('err', 'number', err);
  if (err >= 0 || !Number.isSafeInteger(err)) throw outOfRange('err', 'a negative integer', err);
  const name = errname(err);
  return name === 'UNKNOWN' && err !== UV_UNKNOWN ? `Unknown system error ${err}` : name;
}

export function getSystemErrorMap() {
  const map = new Map();
  for (const [name, value] of Object.entries(errnoConstants)) map.set(-value, [name, uvMessage(-value)]);
  return map;
}

export function toUSVString(input) {
  return `${input}`.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

export function styleText(formatArg, text, { validateStream = true, stream = process.stdout } = {}) {
  if (typeof text !== 'string') throw invalidArgType('text', 'string', text);
  const formats = Array.isArray(formatArg) ? formatArg : [formatArg];
  let left = '';
  let right = '';
  for (const key of formats) {
    const code = inspect.colors[key];
    if (code === undefined) throw invalidArgValue('format', key, `must be one of: ${Object.keys(inspect.colors).join(', ')}`);
    left += `\u001b[${code[0]}m`;
    right = `\u001b[${code[1]}m${right}`;
  }
  // Node leaves text plain for a stream that is not a terminal.
  if (validateStream && !stream?.isTTY) return text;
  return `${left}${text}${right}`;
}

export function aborted(signal, resource) {
  if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) throw invalidArgType('signal', 'AbortSignal', signal);
  if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) throw invalidArgType('resource', 'object', resource);
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

// The pre-ES2015 type checks Node still ships (deprecated).
export const isArray = Array.isArray;
export const isBoolean = (arg) => typeof arg === 'boolean';
export const isNull = (arg) => arg === null;
export const isNullOrUndefined = (arg) => arg === null || arg === undefined;
export const isNumber = (arg) => typeof arg === 'number';
export const isString = (arg) => typeof arg === 'string';
export const isSymbol = (arg) => typeof arg === 'symbol';
export const isUndefined = (arg) => arg === undefined;
const isRegExpLegacy = isRegExp;
export const isObject = (arg) => arg !== null && typeof arg === 'object';
const isDateLegacy = isDate;
export const isError = (e) => isNativeError(e) || e instanceof Error;
export const isFunction = (arg) => typeof arg === 'function';
export const isPrimitive = (arg) => arg === null || (typeof arg !== 'object' && typeof arg !== 'function');
export const isBuffer = (arg) => globalThis.Buffer?.isBuffer(arg) ?? false;

export function _extend(target, source) {
  if (source === null || typeof source !== 'object') return target;
  for (const key of Object.keys(source)) target[key] = source[key];
  return target;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export function log(...args) {
  const d = new Date();
  const time = [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  process.stdout.write(`${d.getDate()} ${months[d.getMonth()]} ${time} - ${format(...args)}\n`);
}

export default {
  _extend, aborted, callbackify, debug, debuglog, deprecate, format, formatWithOptions, getSystemErrorMap,
  getSystemErrorName, inherits, inspect, isArray, isBoolean, isBuffer, isDeepStrictEqual, isNull,
  isNullOrUndefined, isNumber, isString, isSymbol, isUndefined, isRegExp: isRegExpLegacy, isObject,
  isDate: isDateLegacy, isError, isFunction, isPrimitive, log, parseArgs, parseEnv, promisify, stripVTControlCharacters,
  styleText, toUSVString, transferableAbortSignal, transferableAbortController, TextDecoder, TextEncoder, types,
};
