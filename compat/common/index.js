// The `common` helper of `quickjs-wasmfs compat`, with the conventions of Node core's tests
// (written from the public documentation of Node's test/common). A script in the run's
// test/parallel/ directory loads it with require('../common'); it behaves the same in real Node
// and in the sandbox. mustCall-style checks run at process exit: a mismatch is printed to
// stderr and the process exits with 1.
'use strict';

const assert = require('assert');
const path = require('path');
const { inspect } = require('util');

const isWindows = process.platform === 'win32';
const isMacOS = process.platform === 'darwin';
const isLinux = process.platform === 'linux';

const mustCallChecks = [];

function runCallChecks(exitCode) {
  if (exitCode !== 0) return;
  const failed = mustCallChecks.filter((check) =>
    'minimum' in check ? check.actual < check.minimum : check.actual !== check.exact);
  for (const check of failed) {
    process.stderr.write(`Mismatched ${check.name} function calls. Expected ${check.messageSegment}, actual ${check.actual}.\n` +
      `    at ${check.callSite}\n`);
  }
  if (failed.length) process.exit(1);
}

// "file:line" of the caller of the helper that called this (for messages only).
function getCallSite(depth = 2) {
  const lines = String(new Error().stack).split('\n').filter((l) => /^\s+at /.test(l));
  const frame = lines[depth] || lines[lines.length - 1] || '';
  // "file:line" without the column (engines count columns differently)
  const m = /\(?([^()\s]+?):(\d+)(?::\d+)?\)?\s*$/.exec(frame);
  return m ? `${m[1]}:${m[2]}` : '<unknown>';
}

function noop() {}

function makeCallCheck(fn, field, count) {
  if (typeof fn === 'number') {
    count = fn;
    fn = noop;
  } else if (fn === undefined) {
    fn = noop;
  }
  if (count === undefined) count = 1;
  if (typeof count !== 'number' || count < 0) throw new TypeError(`Invalid ${field} value: ${count}`);
  if (mustCallChecks.length === 0) process.on('exit', runCallChecks);
  const check = {
    [field]: count,
    actual: 0,
    name: fn.name || '<anonymous>',
    messageSegment: field === 'exact' ? String(count) : `at least ${count}`,
    callSite: getCallSite(3),
  };
  mustCallChecks.push(check);
  const wrapped = function(...args) {
    check.actual++;
    return fn.apply(this, args);
  };
  Object.defineProperty(wrapped, 'length', { value: fn.length });
  Object.defineProperty(wrapped, 'name', { value: fn.name });
  return wrapped;
}

/** fn (or a no-op) that must be called exactly `exact` times (default 1) by process exit. */
function mustCall(fn, exact) {
  return makeCallCheck(fn, 'exact', exact);
}

/** fn (or a no-op) that must be called at least `minimum` times (default 1). */
function mustCallAtLeast(fn, minimum) {
  return makeCallCheck(fn, 'minimum', minimum);
}

/** A callback that must be called once, with a null/undefined error first. */
function mustSucceed(fn, exact) {
  return mustCall(function(err, ...args) {
    assert.ifError(err);
    if (typeof fn === 'function') return fn.apply(this, args);
  }, exact);
}

/** A function that fails the test when called. */
function mustNotCall(msg) {
  const callSite = getCallSite(2);
  return function mustNotCall(...args) {
    const argsInfo = args.length > 0 ? `\ncalled with arguments: ${args.map((a) => inspect(a)).join(', ')}` : '';
    assert.fail(`${msg || 'function should not have been called'} at ${callSite}${argsInfo}`);
  };
}

const mutationTraps = new WeakMap();

/** A deep read-only view of `target`: any change through it throws. */
function mustNotMutateObjectDeep(target) {
  if (target === null || (typeof target !== 'object' && typeof target !== 'function')) return target;
  if (mutationTraps.has(target)) return mutationTraps.get(target);
  const refuse = (what) => (_target, key) => {
    assert.fail(`Expected no side effects, got ${what} ${typeof key === 'symbol' ? key.toString() : inspect(key)}`);
  };
  const proxy = new Proxy(target, {
    defineProperty: refuse('defineProperty of'),
    deleteProperty: refuse('delete of'),
    set: refuse('assignment to'),
    setPrototypeOf: () => assert.fail('Expected no side effects, got setPrototypeOf'),
    preventExtensions: () => assert.fail('Expected no side effects, got preventExtensions'),
    get(t, key, receiver) {
      return mustNotMutateObjectDeep(Reflect.get(t, key, receiver));
    },
  });
  mutationTraps.set(target, proxy);
  return proxy;
}

/** A callback (called `exact` times, default 1) whose error must match `validation`. */
function expectsError(validation, exact) {
  return mustCall((actual) => {
    assert.throws(() => { throw actual; }, validation);
    return true;
  }, exact);
}

/** Ends the test as skipped (exit code 0), in TAP form. */
function skip(msg) {
  process.stdout.write(`1..0 # Skipped: ${msg}\n`);
  process.exit(0);
}

function printSkipMessage(msg) {
  process.stdout.write(`1..0 # Skipped: ${msg}\n`);
}

/** A timeout scaled for slow platforms (none here: the same number in both worlds). */
function platformTimeout(ms) {
  if (typeof ms === 'bigint') return ms;
  return ms;
}

/** Whether this platform lets an unprivileged process make symlinks. */
function canCreateSymLink() {
  return !isWindows;
}

/** The " Received ..." tail of an ERR_INVALID_ARG_TYPE message for `input`, as Node words it. */
function invalidArgTypeHelper(input) {
  if (input == null) return ` Received ${input}`;
  if (typeof input === 'function') return ` Received function ${input.name}`;
  if (typeof input === 'object') {
    if (input.constructor && input.constructor.name) return ` Received an instance of ${input.constructor.name}`;
    return ` Received ${inspect(input, { depth: -1 })}`;
  }
  let inspected = inspect(input, { colors: false });
  if (inspected.length > 28) inspected = `${inspected.slice(0, 25)}...`;
  return ` Received type ${typeof input} (${inspected})`;
}

function hasModule(id) {
  try {
    require(id);
    return true;
  } catch {
    return false;
  }
}

module.exports = {
  mustCall,
  mustCallAtLeast,
  mustSucceed,
  mustNotCall,
  mustNotMutateObjectDeep,
  expectsError,
  skip,
  printSkipMessage,
  platformTimeout,
  canCreateSymLink,
  invalidArgTypeHelper,
  getCallSite,
  isWindows,
  isMacOS,
  isOSX: isMacOS,
  isLinux,
  isAIX: process.platform === 'aix',
  isSunOS: process.platform === 'sunos',
  isFreeBSD: process.platform === 'freebsd',
  isOpenBSD: process.platform === 'openbsd',
  isMainThread: true,
  get hasCrypto() { return hasModule('crypto'); },
  get hasIntl() { return typeof Intl === 'object' && Intl !== null; },
  // loaded on use, as in Node core
  get tmpdir() { return require('./tmpdir'); },
  get fixtures() { return require('./fixtures'); },
  fixturesDir: path.join(__dirname, '..', 'fixtures'),
};
