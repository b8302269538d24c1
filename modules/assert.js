// node:assert (legacy mode: equal/deepEqual are the loose ones) with Node 20's errors.
import { AssertionError } from 'qjsw:internal/assert/assertion_error';
import { CallTracker as CallTrackerClass } from 'qjsw:internal/assert/call_tracker';
import { deprecate } from 'node:util';
import process from 'qjsw:internal/process_object';
import { isDeepEqual, isDeepStrictEqual } from 'qjsw:internal/util/comparisons';
import { inspect, isRegExp, isPromise, isNativeError } from 'qjsw:internal/util/inspect';
import { readFileUtf8, constants as fsConstants } from 'qjsw:binding/fs';
import { invalidArgType, invalidArgValue, nodeError, describeReceived } from 'qjsw:internal/errors';

const NO_EXCEPTION_SENTINEL = {};

function innerFail(obj) {
  if (obj.message instanceof Error) throw obj.message;
  throw new AssertionError(obj);
}

// an error of another realm (vm context) counts too
const isError = (e) => isNativeError(e) || e instanceof Error;

// --- assert.ok's message: the source text of the failing call, as Node prints it ---------------

// The frame that called `fn`: file (an ES module's URL made a path, as Node's getErrMessage
// does), line, column; undefined when it has no file (a builtin's frame).
function callSite(fn) {
  const holder = {};
  // a few frames whatever the guest set Error.stackTraceLimit to (native ones are skipped)
  const limit = Error.stackTraceLimit;
  const writable = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')?.writable !== false && Object.isExtensible(Error);
  if (writable) Error.stackTraceLimit = 10;
  try {
    Error.captureStackTrace(holder, fn);
  } finally {
    if (writable) Error.stackTraceLimit = limit;
  }
  for (const line of (holder.stack ?? '').split('\n').slice(1)) {
    const m = /\((.*):(\d+):(\d+)\)$/.exec(line) ?? /^\s*at (.*):(\d+):(\d+)$/.exec(line);
    if (!m) return undefined;
    const file = m[1].startsWith('file://') ? decodeURIComponent(m[1].slice(7)) : m[1];
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

// Messages already made for a call site: its file is read once, as Node's errorCache.
const errorCache = new Map();

// The call expression starting at or around `column` of `text`: callee and balanced arguments.
// The index of the `[` that opens the `]` at `close` (strings inside skipped), or -1.
function matchingBracket(text, close) {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      const open = text.lastIndexOf(c, i - 1);
      if (open < 0) return -1;
      i = open;
    } else if (c === ']') {
      depth++;
    } else if (c === '[' && --depth === 0) {
      return i;
    }
  }
  return -1;
}

function callExpression(text, column) {
  let start = Math.max(0, column - 1);
  if (text[start] === '(') start--;
  // back over the callee: names, dots and bracketed keys (`assert['ok']["apply"]`)
  const nameChar = /[\p{ID_Continue}$\u200c\u200d.]/u;
  for (;;) {
    if (start > 0 && nameChar.test(text[start - 1])) {
      start--;
    } else if (start > 0 && text[start - 1] === ']') {
      const open = matchingBracket(text, start - 1);
      if (open < 0) break;
      start = open;
    } else if (text[start] === ']') {
      const open = matchingBracket(text, start);
      if (open < 0) break;
      start = open;
    } else {
      break;
    }
  }
  // a member call broken before its dot (`assert\n  .ok(x)`) shows from the property name
  while (text[start] === '.') start++;
  const open = text.indexOf('(', start);
  if (open < 0) return undefined;
  let depth = 0;
  let quote = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
    } else if (c === ')' || c === ']' || c === '}') {
      if (--depth === 0) return [start, text.slice(start, i + 1)];
    }
  }
  return undefined;
}

function getErrMessage(message, fn) {
  const site = callSite(fn);
  if (!site) return message;
  const identifier = `${site.file}${site.line - 1}${site.column - 1}`;
  // a call from a builtin module: no source is read
  if (site.file.startsWith('node:') || site.file.startsWith('qjsw:')) {
    errorCache.set(identifier, undefined);
    return undefined;
  }
  if (errorCache.has(identifier)) return errorCache.get(identifier);
  const made = messageFromSource(site);
  errorCache.set(identifier, made);
  return made;
}

function messageFromSource(site) {
  const source = readFileUtf8(site.file, fsConstants.O_RDONLY);
  if (typeof source !== 'string') return undefined;
  const lines = source.split('\n');
  const rest = [lines[site.line - 1] ?? '', ...lines.slice(site.line)].join('\n');
  const found = callExpression(rest, site.column);
  if (found === undefined) return undefined;
  const [column, raw] = found;
  // control characters shown as escapes, as Node's
  const code = raw.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, (c) => {
    if (c === '\b') return '\\b';
    if (c === '\f') return '\\f';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  // later lines lose the indentation up to the expression's own column, as Node's
  const [first, ...more] = code.split('\n');
  let shown = first;
  for (const line of more) {
    let pos = 0;
    while (pos < column && (line[pos] === ' ' || line[pos] === '\t')) pos++;
    shown += `\n  ${line.slice(pos)}`;
  }
  return `The expression evaluated to a falsy value:\n\n  ${shown}\n`;
}

function innerOk(fn, argLen, value, message) {
  if (!value) {
    let generatedMessage = false;
    if (argLen === 0) {
      generatedMessage = true;
      message = 'No value argument passed to `assert.ok()`';
    } else if (message == null) {
      generatedMessage = true;
      message = getErrMessage(message, fn);
    } else if (isError(message)) {
      throw message;
    }
    const err = new AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

export function ok(...args) {
  innerOk(ok, args.length, ...args);
}

const assert = function assert(...args) {
  innerOk(assert, args.length, ...args);
};

function missingArgs() {
  return nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "actual" and "expected" arguments must be specified');
}

let failWarned = false;

export function fail(actual, expected, message, operator, stackStartFn) {
  const argsLen = arguments.length;
  let internalMessage = false;
  if (actual == null && argsLen <= 1) {
    internalMessage = true;
    message = 'Failed';
  } else if (argsLen === 1) {
    message = actual;
    actual = undefined;
  } else {
    if (!failWarned) {
      failWarned = true;
      process.emitWarning('assert.fail() with more than one argument is deprecated. ' +
        'Please use assert.strictEqual() instead or only pass a message.', 'DeprecationWarning', 'DEP0094');
    }
    if (argsLen === 2) operator = '!=';
  }
  if (message instanceof Error) throw message;
  const errArgs = { actual, expected, operator: operator === undefined ? 'fail' : operator, stackStartFn: stackStartFn || fail, message };
  const err = new AssertionError(errArgs);
  if (internalMessage) err.generatedMessage = true;
  throw err;
}

export function equal(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs();
  // eslint-disable-next-line eqeqeq
  if (actual != expected && (!Number.isNaN(actual) || !Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '==', stackStartFn: equal });
  }
}

export function notEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs();
  // eslint-disable-next-line eqeqeq
  if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '!=', stackStartFn: notEqual });
  }
}

export function deepEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs();
  if (!isDeepEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'deepEqual', stackStartFn: deepEqual });
}

export function notDeepEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs();
  if (isDeepEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'notDeepEqual', stackStartFn: notDeepEqual });
}

export function deepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs();
  if (!isDeepStrictEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: deepStrictEqual });
  }
}

export function notDeepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs();
  if (isDeepStrictEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notDeepStrictEqual', stackStartFn: notDeepStrictEqual });
  }
}

export function strictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs();
  if (!Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'strictEqual', stackStartFn: strictEqual });
}

export function notStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs();
  if (Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'notStrictEqual', stackStartFn: notStrictEqual });
}

// --- throws / rejects ---------------------------------------------------------------------

// The properties of `obj` named by `keys`, shown in diffs under the name "Comparison".
class Comparison {
  constructor(obj, keys, actual) {
    for (const key of keys) {
      if (key in obj) {
        if (actual !== undefined && typeof actual[key] === 'string' && isRegExp(obj[key]) && obj[key].exec(actual[key]) !== null) {
          this[key] = actual[key];
        } else {
          this[key] = obj[key];
        }
      }
    }
  }
}

function compareExceptionKey(actual, expected, key, message, keys, fn) {
  if (!(key in actual) || !isDeepStrictEqual(actual[key], expected[key])) {
    if (!message) {
      const a = new Comparison(actual, keys);
      const b = new Comparison(expected, keys, actual);
      const err = new AssertionError({ actual: a, expected: b, operator: 'deepStrictEqual', stackStartFn: fn });
      err.actual = actual;
      err.expected = expected;
      err.operator = fn.name;
      throw err;
    }
    innerFail({ actual, expected, message, operator: fn.name, stackStartFn: fn });
  }
}

function expectedException(actual, expected, message, fn) {
  let generatedMessage = false;
  let throwError = false;
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) {
      const str = String(actual);
      if (expected.exec(str) !== null) return;
      if (!message) {
        generatedMessage = true;
        message = `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(str)}\n`;
      }
      throwError = true;
    } else if (typeof actual !== 'object' || actual === null) {
      const err = new AssertionError({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: fn });
      err.operator = fn.name;
      throw err;
    } else {
      const keys = Object.keys(expected);
      if (expected instanceof Error) keys.push('name', 'message');
      else if (keys.length === 0) throw invalidArgValue('error', expected, 'may not be an empty object');
      for (const key of keys) {
        if (typeof actual[key] === 'string' && isRegExp(expected[key]) && expected[key].exec(actual[key]) !== null) continue;
        compareExceptionKey(actual, expected, key, message, keys, fn);
      }
      return;
    }
  } else if (expected.prototype !== undefined && actual instanceof expected) {
    return;
  } else if (Error.isPrototypeOf(expected) || expected === Error) {
    if (!message) {
      generatedMessage = true;
      message = 'The error is expected to be an instance of ' +
        `"${expected.name}". Received `;
      if (isError(actual)) {
        const name = (actual.constructor && actual.constructor.name) || actual.name;
        if (expected.name === name) message += 'an error with identical name but a different prototype.';
        else message += `"${name}"`;
        if (actual.message) message += `\n\nError message:\n\n${actual.message}`;
      } else {
        message += `"${inspect(actual, { depth: -1 })}"`;
      }
    }
    throwError = true;
  } else {
    const res = Reflect.apply(expected, {}, [actual]);
    if (res !== true) {
      if (!message) {
        generatedMessage = true;
        const name = expected.name ? `"${expected.name}" ` : '';
        message = `The ${name}validation function is expected to return "true". Received ${inspect(res)}`;
        if (isError(actual)) message += `\n\nCaught error:\n\n${actual}`;
      }
      throwError = true;
    }
  }
  if (throwError) {
    const err = new AssertionError({ actual, expected, message, operator: fn.name, stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

function getActual(fn) {
  if (typeof fn !== 'function') throw invalidArgType('fn', 'Function', fn);
  try {
    fn();
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION_SENTINEL;
}

function checkIsPromise(obj) {
  return isPromise(obj) || (obj !== null && typeof obj === 'object' && typeof obj.then === 'function' && typeof obj.catch === 'function');
}

async function waitForActual(promiseFn) {
  let resultPromise;
  if (typeof promiseFn === 'function') {
    resultPromise = promiseFn();
    if (!checkIsPromise(resultPromise)) {
      throw nodeError(TypeError, 'ERR_INVALID_RETURN_VALUE',
        `Expected instance of Promise to be returned from the "promiseFn" function but got ${describeReturned(resultPromise)}.`);
    }
  } else if (checkIsPromise(promiseFn)) {
    resultPromise = promiseFn;
  } else {
    throw invalidArgType('promiseFn', ['Function', 'Promise'], promiseFn);
  }
  try {
    await resultPromise;
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION_SENTINEL;
}

// Node's "specific type" wording, as in the "Received ..." part of ERR_INVALID_ARG_TYPE.
const describeReturned = (value) => describeReceived(value).slice(' Received '.length);

function expectsError(stackStartFn, actual, error, message) {
  if (typeof error === 'string') {
    if (arguments.length === 4) {
      throw invalidArgType('error', ['Object', 'Error', 'Function', 'RegExp'], error);
    }
    if (typeof actual === 'object' && actual !== null) {
      if (actual.message === error) {
        throw nodeError(TypeError, 'ERR_AMBIGUOUS_ARGUMENT',
          `The "error/message" argument is ambiguous. The error message "${actual.message}" is identical to the message.`);
      }
    } else if (actual === error) {
      throw nodeError(TypeError, 'ERR_AMBIGUOUS_ARGUMENT',
        `The "error/message" argument is ambiguous. The error "${actual}" is identical to the message.`);
    }
    message = error;
    error = undefined;
  } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
    throw invalidArgType('error', ['Object', 'Error', 'Function', 'RegExp'], error);
  }
  if (actual === NO_EXCEPTION_SENTINEL) {
    let details = '';
    if (error && error.name) details += ` (${error.name})`;
    details += message ? `: ${message}` : '.';
    const fnType = stackStartFn === rejects ? 'rejection' : 'exception';
    innerFail({ actual: undefined, expected: error, operator: stackStartFn.name, message: `Missing expected ${fnType}${details}`, stackStartFn });
  }
  if (!error) return;
  expectedException(actual, error, message, stackStartFn);
}

function hasMatchingError(actual, expected) {
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) return expected.exec(String(actual)) !== null;
    throw invalidArgType('expected', ['Function', 'RegExp'], expected);
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Error.isPrototypeOf(expected)) return false;
  return Reflect.apply(expected, {}, [actual]) === true;
}

function expectsNoError(stackStartFn, actual, error, message) {
  if (actual === NO_EXCEPTION_SENTINEL) return;
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (!error || hasMatchingError(actual, error)) {
    const details = message ? `: ${message}` : '.';
    const fnType = stackStartFn === doesNotReject ? 'rejection' : 'exception';
    innerFail({
      actual,
      expected: error,
      operator: stackStartFn.name,
      message: `Got unwanted ${fnType}${details}\nActual message: "${actual && actual.message}"`,
      stackStartFn,
    });
  }
  throw actual;
}

export function throws(promiseFn, ...args) {
  expectsError(throws, getActual(promiseFn), ...args);
}

export async function rejects(promiseFn, ...args) {
  expectsError(rejects, await waitForActual(promiseFn), ...args);
}

export function doesNotThrow(fn, ...args) {
  expectsNoError(doesNotThrow, getActual(fn), ...args);
}

export async function doesNotReject(fn, ...args) {
  expectsNoError(doesNotReject, await waitForActual(fn), ...args);
}

export function ifError(err) {
  if (err !== null && err !== undefined) {
    let message = 'ifError got unwanted exception: ';
    if (typeof err === 'object' && typeof err.message === 'string') {
      if (err.message.length === 0 && err.constructor) message += err.constructor.name;
      else message += err.message;
    } else {
      message += inspect(err);
    }
    const newErr = new AssertionError({ actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError });
    throw newErr;
  }
}

function internalMatch(string, regexp, message, fn) {
  if (!isRegExp(regexp)) throw invalidArgType('regexp', 'RegExp', regexp);
  const match = fn === match_;
  if (typeof string !== 'string' || (regexp.exec(string) !== null) !== match) {
    if (message instanceof Error) throw message;
    const generatedMessage = !message;
    message = message || (typeof string !== 'string'
      ? `The "string" argument must be of type string. Received type ${typeof string} (${inspect(string)})`
      : (match ? 'The input did not match the regular expression ' : 'The input was expected to not match the regular expression ') +
        `${inspect(regexp)}. Input:\n\n${inspect(string)}\n`);
    const err = new AssertionError({ actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

function match_(string, regexp, message) {
  internalMatch(string, regexp, message, match_);
}
Object.defineProperty(match_, 'name', { value: 'match' });

export function doesNotMatch(string, regexp, message) {
  internalMatch(string, regexp, message, doesNotMatch);
}

const CallTracker = deprecate(CallTrackerClass, 'assert.CallTracker is deprecated.', 'DEP0173');

export { match_ as match, AssertionError, CallTracker };

function strict(...args) {
  innerOk(strict, args.length, ...args);
}

Object.assign(assert, {
  ok, fail, equal, notEqual, deepEqual, notDeepEqual, deepStrictEqual, notDeepStrictEqual, strictEqual,
  notStrictEqual, throws, rejects, doesNotThrow, doesNotReject, ifError, match: match_, doesNotMatch, AssertionError,
  CallTracker,
});

Object.assign(strict, assert, {
  equal: strictEqual,
  deepEqual: deepStrictEqual,
  notEqual: notStrictEqual,
  notDeepEqual: notDeepStrictEqual,
});
assert.strict = strict;
assert.strict.strict = assert.strict;


export { strict };
export default assert;
