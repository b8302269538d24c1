// node:test's tests, suites and hooks, run as Node 20's runner runs them: top-level tests start
// once the file's synchronous part has queued them, one at a time (concurrency 1 unless asked),
// results are reported in creation order (TAP on stdout), a failed test sets process.exitCode
// to 1, and the summary is written when the loop has nothing left ('beforeExit').
// Node finds the test a call belongs to through async hooks; here it is the test or suite whose
// function is running synchronously, and an uncaught error goes to the innermost running test.
import { nodeError, invalidArgType, invalidArgValue, outOfRange } from 'qjsw:internal/errors';
import { tap, header } from 'qjsw:internal/test_runner/tap';
import { MockTracker } from 'qjsw:internal/test_runner/mock';
import assert from 'node:assert';

const kCallbackAndPromisePresent = 'callbackAndPromisePresent';
const kCancelledByParent = 'cancelledByParent';
const kAborted = 'testAborted';
const kParentAlreadyFinished = 'parentAlreadyFinished';
const kSubtestsFailed = 'subtestsFailed';
const kTestCodeFailure = 'testCodeFailure';
const kTestTimeoutFailure = 'testTimeoutFailure';
const kHookFailure = 'hookFailed';
const kMultipleCallbackInvocations = 'multipleCallbackInvocations';
const TIMEOUT_MAX = 2 ** 31 - 1;
const noop = () => {};
const hookNames = ['before', 'after', 'beforeEach', 'afterEach'];

export function testFailure(error, failureType) {
  const err = nodeError(Error, 'ERR_TEST_FAILURE', error?.message ?? error);
  err.failureType = failureType;
  err.cause = error;
  return err;
}
const isTestFailure = (err) => err?.code === 'ERR_TEST_FAILURE' && 'failureType' in err;

function deferred() {
  let resolve, reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

function once(fn) {
  let called = false;
  let value;
  return function (...args) {
    if (!called) {
      called = true;
      value = fn.apply(this, args);
    }
    return value;
  };
}

function testOnlyFlag() {
  return process.execArgv.includes('--test-only');
}

const now = () => process.hrtime.bigint();

// Where the caller of a node:test function is, `depth` frames up (Node's getCallerLocation).
function callerLocation(depth) {
  const frame = new Error().stack.split('\n')[depth + 1];
  const m = frame && /(?:\(|at )([^()]*):(\d+):(\d+)\)?$/.exec(frame);
  if (!m) return undefined;
  const file = m[1].startsWith('file://') ? decodeURIComponent(m[1].slice(7)) : m[1];
  return { __proto__: null, line: Number(m[2]), column: Number(m[3]), file };
}

// A promise that rejects when `timeout` ms pass (a test's time limit) and resolves when `signal`
// aborts; dispose() drops both.
function stopTest(timeout, signal) {
  const d = deferred();
  const onAbort = () => d.resolve();
  signal.addEventListener('abort', onAbort, { once: true });
  let timer;
  let promise = d.promise;
  if (timeout !== null) {
    timer = setTimeout(d.resolve, timeout);
    timer.unref();
    promise = promise.then(() => { throw testFailure(`test timed out after ${timeout}ms`, kTestTimeoutFailure); });
  }
  promise.dispose = () => {
    signal.removeEventListener('abort', onAbort);
    if (timer) clearTimeout(timer);
  };
  return promise;
}

// The test whose code is running now (synchronously), and the ones started and not finished.
const contextStack = [];
const running = new Set();

function currentParent() {
  return contextStack.length ? contextStack[contextStack.length - 1] : undefined;
}

function runIn(test, fn, thisArg, args) {
  contextStack.push(test);
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    contextStack.pop();
  }
}

class Reporter {
  started = false;
  listeners = new Set();

  emit(type, data) {
    for (const l of this.listeners) l(type, data);
    if (!this.started) {
      this.started = true;
      process.stdout.write(header);
    }
    const text = tap(type, data);
    if (text) process.stdout.write(text);
  }

  event(type, nesting, loc, extra) {
    this.emit(type, { __proto__: null, nesting, ...extra, ...loc });
  }
}

class TestPlan {
  constructor(count) {
    if (typeof count !== 'number') throw invalidArgType('count', 'number', count);
    if (!Number.isInteger(count) || count < 0 || count > 0xffffffff) throw outOfRange('count', '>= 0 && <= 4294967295', count);
    this.expected = count;
    this.actual = 0;
  }

  check() {
    if (this.actual !== this.expected) {
      throw testFailure(`plan expected ${this.expected} assertions but received ${this.actual}`, kTestCodeFailure);
    }
  }
}

const assertMethods = ['deepEqual', 'deepStrictEqual', 'doesNotMatch', 'doesNotReject', 'doesNotThrow', 'equal', 'fail',
  'ifError', 'match', 'notDeepEqual', 'notDeepStrictEqual', 'notEqual', 'notStrictEqual', 'rejects', 'strictEqual', 'throws'];

function fullName(test) {
  let name = test.name;
  for (let t = test.parent; t !== t.root; t = t.parent) name = `${t.name} > ${name}`;
  return name;
}

export class TestContext {
  #test;
  #assert;

  constructor(test) {
    this.#test = test;
  }

  get signal() { return this.#test.signal; }
  get name() { return this.#test.name; }
  get fullName() { return fullName(this.#test); }
  get error() { return this.#test.error; }
  get passed() { return this.#test.passed; }

  diagnostic(message) {
    this.#test.diagnostics.push(message);
  }

  plan(count) {
    if (this.#test.plan !== null) throw testFailure('cannot set plan more than once', kTestCodeFailure);
    this.#test.plan = new TestPlan(count);
  }

  get assert() {
    if (this.#assert === undefined) {
      const { plan } = this.#test;
      const counted = { __proto__: null };
      for (const name of assertMethods) {
        const method = assert[name];
        counted[name] = (...args) => {
          if (plan !== null) plan.actual++;
          return Reflect.apply(method, counted, args);
        };
      }
      counted.ok = function ok(...args) {
        if (plan !== null) plan.actual++;
        if (!args[0]) {
          // the failure as assert.ok reports it, its stack starting at the caller
          try {
            Reflect.apply(assert.ok, undefined, args.length ? args : [undefined]);
          } catch (err) {
            Error.captureStackTrace?.(err, ok);
            throw err;
          }
        }
      };
      this.#assert = counted;
    }
    return this.#assert;
  }

  get mock() {
    this.#test.mock ??= new MockTracker();
    return this.#test.mock;
  }

  runOnly(value) { this.#test.runOnlySubtests = !!value; }
  skip(message) { this.#test.skipped = true; this.#test.message = message; }
  todo(message) { this.#test.isTodo = true; this.#test.message = message; }

  test(name, options, fn) {
    const { plan } = this.#test;
    if (plan !== null) plan.actual++;
    // eslint-disable-next-line no-use-before-define
    return this.#test.createSubtest(Test, name, options, fn, { loc: callerLocation(2) }).start();
  }

  before(fn, options) { this.#test.createHook('before', fn, { ...options, loc: callerLocation(2) }); }
  after(fn, options) { this.#test.createHook('after', fn, { ...options, loc: callerLocation(2) }); }
  beforeEach(fn, options) { this.#test.createHook('beforeEach', fn, { ...options, loc: callerLocation(2) }); }
  afterEach(fn, options) { this.#test.createHook('afterEach', fn, { ...options, loc: callerLocation(2) }); }
}

export class SuiteContext {
  #suite;

  constructor(suite) {
    this.#suite = suite;
  }

  get signal() { return this.#suite.signal; }
  get name() { return this.#suite.name; }
  get fullName() { return fullName(this.#suite); }
}

function validateTimeout(timeout) {
  if (typeof timeout !== 'number') throw invalidArgType('options.timeout', 'number', timeout);
  if (!(timeout >= 0 && timeout <= TIMEOUT_MAX)) throw outOfRange('options.timeout', `>= 0 && <= ${TIMEOUT_MAX}`, timeout);
}

export class Test {
  #reportedStart = false;

  constructor(options) {
    let { fn, name, parent, skip } = options;
    const { concurrency, only, timeout, todo, signal, plan, loc } = options;
    if (typeof fn !== 'function') fn = noop;
    if (typeof name !== 'string' || name === '') name = fn.name || '<anonymous>';
    if (!(parent instanceof Test)) parent = null;
    const onlyFlag = testOnlyFlag();

    if (parent === null) {
      this.concurrency = 1;
      this.nesting = 0;
      this.only = onlyFlag;
      this.reporter = new Reporter();
      this.runOnlySubtests = this.only;
      this.testNumber = 0;
      this.timeout = null;
      this.root = this;
      this.hooks = { before: [], after: [], beforeEach: [], afterEach: [], ownAfterEachCount: 0 };
    } else {
      this.concurrency = parent.concurrency;
      this.nesting = parent.parent === null ? parent.nesting : parent.nesting + 1;
      this.only = only ?? !parent.runOnlySubtests;
      this.reporter = parent.reporter;
      this.runOnlySubtests = !this.only;
      this.testNumber = parent.subtests.length + 1;
      this.timeout = parent.timeout;
      this.root = parent.root;
      this.hooks = {
        before: [], after: [], beforeEach: parent.hooks.beforeEach.slice(), afterEach: parent.hooks.afterEach.slice(), ownAfterEachCount: 0,
      };
    }

    if (typeof concurrency === 'number') {
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 0xffffffff) {
        throw outOfRange('options.concurrency', '>= 1 && <= 4294967295', concurrency);
      }
      this.concurrency = concurrency;
    } else if (typeof concurrency === 'boolean') {
      this.concurrency = concurrency ? (parent === null ? 1 : Infinity) : 1;
    } else if (concurrency != null) {
      throw invalidArgType('options.concurrency', ['boolean', 'number'], concurrency);
    }
    if (timeout != null && timeout !== Infinity) {
      validateTimeout(timeout);
      this.timeout = timeout;
    }
    if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
      throw invalidArgType('options.signal', 'AbortSignal', signal);
    }

    this.name = name;
    this.parent = parent;
    if (onlyFlag && !this.only) skip = '\'only\' option not set';
    if (skip) fn = noop;

    this.abortController = new AbortController();
    this.outerSignal = signal;
    this.signal = this.abortController.signal;
    this.abortHandler = () => {
      const error = this.outerSignal?.reason || Object.assign(new Error('The test was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
      error.failureType = kAborted;
      this.cancel(error);
    };
    this.outerSignal?.addEventListener('abort', this.abortHandler);

    this.fn = fn;
    this.harness = null;
    this.mock = null;
    this.plan = null;
    this.expectedAssertions = plan;
    this.cancelled = false;
    this.skipped = skip !== undefined && skip !== false;
    this.isTodo = todo !== undefined && todo !== false;
    this.startTime = null;
    this.endTime = null;
    this.passed = false;
    this.error = null;
    this.diagnostics = [];
    this.message = typeof skip === 'string' ? skip : typeof todo === 'string' ? todo : null;
    this.activeSubtests = 0;
    this.pendingSubtests = [];
    this.readySubtests = new Map();
    this.subtests = [];
    this.waitingOn = 0;
    this.finished = false;
    this.loc = loc;

    if (!onlyFlag && (only || this.runOnlySubtests)) {
      this.diagnostics.push("'only' and 'runOnly' require the --test-only command-line option.");
    }
  }

  hasConcurrency() {
    return this.concurrency > this.activeSubtests;
  }

  async processPendingSubtests() {
    while (this.pendingSubtests.length > 0 && this.hasConcurrency()) {
      const next = this.pendingSubtests.shift();
      await next.test.run();
      next.resolve();
    }
  }

  processReadySubtestRange(canSend) {
    const start = this.waitingOn;
    const end = start + this.readySubtests.size;
    for (let i = start; i < end; i++) {
      const subtest = this.readySubtests.get(i);
      if (subtest === undefined) return;
      canSend ||= this.isClearToSend();
      if (!canSend) return;
      subtest.finalize();
      this.readySubtests.delete(i);
    }
  }

  createSubtest(Factory, name, options, fn, overrides) {
    if (typeof name === 'function') {
      fn = name;
    } else if (name !== null && typeof name === 'object') {
      fn = options;
      options = name;
    } else if (typeof options === 'function') {
      fn = options;
    }
    if (options === null || typeof options !== 'object') options = {};
    let parent = this;
    // a test added to one that has ended is reported at the top, as failed
    const tooLate = this.finished || this.buildPhaseFinished;
    if (tooLate) while (parent.parent !== null) parent = parent.parent;
    const test = new Factory({ __proto__: null, fn, name, parent, ...options, ...overrides });
    if (parent.waitingOn === 0) parent.waitingOn = test.testNumber;
    if (tooLate) test.fail(testFailure('test could not be started because its parent finished', kParentAlreadyFinished));
    parent.subtests.push(test);
    return test;
  }

  cancel(error) {
    if (this.endTime !== null || this.error !== null) return;
    this.fail(error || testFailure('test did not finish before its parent and was cancelled', kCancelledByParent));
    this.cancelled = true;
    this.abortController.abort();
  }

  createHook(name, fn, options) {
    if (!hookNames.includes(name)) throw invalidArgValue('hook name', name);
    if (options === null || typeof options !== 'object') options = {};
    // eslint-disable-next-line no-use-before-define
    const hook = new TestHook(fn, { ...options, parent: this, hookType: name });
    if (name === 'before' || name === 'after') hook.run = once(hook.run);
    if (name === 'before' && this.startTime !== null) {
      hook.run(this.getRunArgs()).then(() => {
        if (hook.error != null) this.fail(hook.error);
      });
    }
    if (name === 'afterEach') {
      // this test's own afterEach hooks run in creation order, before those of its ancestors
      this.hooks.afterEach.splice(this.hooks.ownAfterEachCount, 0, hook);
      this.hooks.ownAfterEachCount++;
    } else {
      this.hooks[name].push(hook);
    }
    return hook;
  }

  fail(err) {
    if (this.error !== null) return;
    this.passed = false;
    this.error = err;
  }

  pass() {
    if (this.error !== null) return;
    this.passed = true;
  }

  start() {
    if (!this.root.harness.allowTestsToRun || !this.parent.hasConcurrency()) {
      const d = deferred();
      d.test = this;
      this.parent.pendingSubtests.push(d);
      return d.promise;
    }
    return this.run();
  }

  shouldAbort() {
    if (this.signal.aborted || this.outerSignal?.aborted) {
      this.abortHandler();
      return true;
    }
    return false;
  }

  getRunArgs() {
    const ctx = new TestContext(this);
    return { ctx, args: [ctx] };
  }

  async runHook(hook, args) {
    try {
      for (const h of this.hooks[hook]) {
        await h.run(args);
        if (h.error) throw h.error;
      }
    } catch (err) {
      const error = testFailure(`failed running ${hook} hook`, kHookFailure);
      error.cause = isTestFailure(err) ? err.cause : err;
      throw error;
    }
  }

  async run() {
    if (this.parent !== null) this.parent.activeSubtests++;
    this.startTime ??= now();
    if (this.shouldAbort()) {
      this.postRun();
      return;
    }
    const hookArgs = this.getRunArgs();
    const { args, ctx } = hookArgs;
    if (this.plan === null && this.expectedAssertions) ctx.plan(this.expectedAssertions);
    const after = async () => {
      if (this.hooks.after.length > 0) await this.runHook('after', hookArgs);
    };
    const afterEach = once(async () => {
      if (this.parent?.hooks.afterEach.length > 0 && !this.skipped) await this.parent.runHook('afterEach', hookArgs);
    });
    let stop;
    running.add(this);
    try {
      if (this.parent?.hooks.before.length > 0) await this.parent.runHook('before', this.parent.getRunArgs());
      if (this.parent?.hooks.beforeEach.length > 0 && !this.skipped) await this.parent.runHook('beforeEach', hookArgs);
      stop = stopTest(this.timeout, this.signal);
      if (this.fn.length === args.length + 1) {
        // a test taking a callback (done): it ends when that is called
        const { promise, cb } = deferredCallback();
        const ret = runIn(this, this.fn, ctx, [...args, cb]);
        if (ret && typeof ret.then === 'function') {
          this.fail(testFailure('passed a callback but also returned a Promise', kCallbackAndPromisePresent));
          await Promise.race([ret, stop]);
        } else {
          await Promise.race([promise, stop]);
        }
      } else {
        const ret = runIn(this, this.fn, ctx, args);
        await Promise.race([Promise.resolve(ret), stop]);
      }
      this.shouldAbort();
      this.plan?.check();
      this.pass();
      await afterEach();
      await after();
    } catch (err) {
      if (isTestFailure(err)) {
        if (err.failureType === kTestTimeoutFailure) this.cancel(err);
        else this.fail(err);
      } else {
        this.fail(testFailure(err, kTestCodeFailure));
      }
      try { await afterEach(); } catch { /* the test fails already */ }
      try { await after(); } catch { /* the test fails already */ }
    } finally {
      running.delete(this);
      stop?.dispose();
      if (this.parent !== null) this.abortController.abort();
    }
    // the root's postRun comes at 'beforeExit', so late activity is still seen
    if (this.parent !== null || typeof this.hookType === 'string') this.postRun();
  }

  postRun(pendingError) {
    this.endTime ??= now();
    this.startTime ??= this.endTime;
    this.pendingSubtests = [];
    let failed = 0;
    for (const subtest of this.subtests) {
      if (!subtest.finished) {
        subtest.cancel(pendingError);
        subtest.postRun(pendingError);
      }
      if (!subtest.passed && !subtest.isTodo) failed++;
    }
    if ((this.passed || this.parent === null) && failed > 0) {
      this.fail(testFailure(`${failed} subtest${failed > 1 ? 's' : ''} failed`, kSubtestsFailed));
    }
    this.outerSignal?.removeEventListener('abort', this.abortHandler);
    this.mock?.reset();

    if (this.parent !== null) {
      this.parent.activeSubtests--;
      this.parent.readySubtests.set(this.testNumber, this);
      this.parent.processReadySubtestRange(false);
      this.parent.processPendingSubtests();
      const { root } = this;
      if (this.parent === root && root.activeSubtests === 0 && root.pendingSubtests.length === 0 && root.readySubtests.size === 0) {
        root.run();
      }
    } else if (!this.reported) {
      this.reported = true;
      const { reporter, harness: { counters } } = this;
      reporter.event('test:plan', 0, this.loc, { count: counters.topLevel });
      for (const message of this.diagnostics) reporter.event('test:diagnostic', 0, this.loc, { message });
      for (const [label, value] of [['tests', counters.all], ['suites', counters.suites], ['pass', counters.passed],
        ['fail', counters.failed], ['cancelled', counters.cancelled], ['skipped', counters.skipped], ['todo', counters.todo],
        ['duration_ms', this.duration()]]) {
        reporter.event('test:diagnostic', 0, this.loc, { message: `${label} ${value}` });
      }
    }
  }

  isClearToSend() {
    return this.parent === null || (this.parent.waitingOn === this.testNumber && this.parent.isClearToSend());
  }

  finalize() {
    this.processReadySubtestRange(true);
    this.report();
    this.parent.waitingOn++;
    this.finished = true;
  }

  duration() {
    return Number(this.endTime - this.startTime) / 1e6;
  }

  reportDetails() {
    let directive;
    const details = { __proto__: null, duration_ms: this.duration() };
    if (this.skipped) directive = { skip: this.message ?? true };
    else if (this.isTodo) directive = { todo: this.message ?? true };
    if (this.reportedType) details.type = this.reportedType;
    if (!this.passed) details.error = this.error;
    return { details, directive };
  }

  report() {
    countCompleted(this);
    if (this.subtests.length > 0) {
      this.reporter.event('test:plan', this.subtests[0].nesting, this.loc, { count: this.subtests.length });
    } else {
      this.reportStarted();
    }
    const { details, directive } = this.reportDetails();
    const data = { name: this.name, testNumber: this.testNumber, details, ...directive };
    this.reporter.event(this.passed ? 'test:pass' : 'test:fail', this.nesting, this.loc, data);
    for (const message of this.diagnostics) this.reporter.event('test:diagnostic', this.nesting, this.loc, { message });
  }

  reportStarted() {
    if (this.#reportedStart || this.parent === null) return;
    this.#reportedStart = true;
    this.parent.reportStarted();
    this.reporter.event('test:start', this.nesting, this.loc, { name: this.name });
  }
}

function countCompleted(test) {
  const { counters } = test.root.harness;
  if (test.nesting === 0) counters.topLevel++;
  if (test.reportedType === 'suite') {
    counters.suites++;
    return;
  }
  if (test.skipped) counters.skipped++;
  else if (test.isTodo) counters.todo++;
  else if (test.cancelled) counters.cancelled++;
  else if (!test.passed) counters.failed++;
  else counters.passed++;
  counters.all++;
}

function deferredCallback() {
  let calls = 0;
  const { promise, resolve, reject } = deferred();
  const cb = (err) => {
    calls++;
    if (calls > 1) {
      if (calls === 2) throw testFailure('callback invoked multiple times', kMultipleCallbackInvocations);
      return;
    }
    if (err) reject(err);
    else resolve();
  };
  return { promise, cb };
}

class TestHook extends Test {
  #args;

  constructor(fn, options) {
    const { timeout, signal, loc } = options;
    super({ __proto__: null, fn, timeout, signal, loc });
    this.parentTest = options.parent ?? null;
    this.hookType = options.hookType;
  }

  run(args) {
    if (this.error && !this.outerSignal?.aborted) {
      this.passed = false;
      this.error = null;
      this.abortController.abort();
      this.abortController = new AbortController();
      this.signal = this.abortController.signal;
    }
    this.#args = args;
    return super.run();
  }

  getRunArgs() {
    return this.#args;
  }

  postRun() {
    const { error, parentTest: parent } = this;
    // a failing after() of the root is reported as a test of its own
    if (error && parent !== null && parent === parent.root && this.hookType === 'after') {
      if (isTestFailure(error)) error.failureType = kHookFailure;
      this.endTime ??= now();
      parent.reporter.event('test:fail', 0, this.loc, {
        name: this.loc?.file, testNumber: parent.subtests.length + 1, details: { __proto__: null, duration_ms: this.duration(), error },
      });
    }
  }
}

export class Suite extends Test {
  reportedType = 'suite';

  constructor(options) {
    super(options);
    this.runOnlySubtests = testOnlyFlag();
    try {
      const { ctx, args } = this.getRunArgs();
      const built = runIn(this, this.fn, ctx, args);
      this.buildSuite = Promise.resolve(built)
        .then(undefined, (err) => this.fail(testFailure(err, kTestCodeFailure)))
        .finally(() => { this.buildPhaseFinished = true; });
    } catch (err) {
      this.fail(testFailure(err, kTestCodeFailure));
      this.buildPhaseFinished = true;
    }
    this.fn = noop;
  }

  getRunArgs() {
    const ctx = new SuiteContext(this);
    return { ctx, args: [ctx] };
  }

  async run() {
    const hookArgs = this.getRunArgs();
    let stop;
    const after = once(() => this.runHook('after', hookArgs));
    try {
      this.parent.activeSubtests++;
      await this.buildSuite;
      this.startTime = now();
      if (this.shouldAbort()) {
        this.subtests = [];
        this.postRun();
        return;
      }
      if (this.parent.hooks.before.length > 0) await this.parent.runHook('before', this.parent.getRunArgs());
      await this.runHook('before', hookArgs);
      stop = stopTest(this.timeout, this.signal);
      const subtests = this.skipped || this.error ? [] : this.subtests;
      await Promise.race([Promise.all(subtests.map((t) => t.start())), stop]);
      await after();
      this.pass();
    } catch (err) {
      try { await after(); } catch { /* the suite fails already */ }
      this.fail(isTestFailure(err) ? err : testFailure(err, kTestCodeFailure));
    } finally {
      stop?.dispose();
    }
    this.postRun();
  }
}

// ---- the harness: one root per run, reporting at 'beforeExit' ----

let root;

function uncaughtHandler(eventName) {
  return (err) => {
    const test = [...running].pop();
    if (!test || test.finished || test.hookType) {
      const msg = test
        ? `Error: ${test.hookType ? `Test hook "${test.hookType}"` : `Test "${test.name}"`} generated asynchronous activity after the test ended. This activity created the error "${err}" and would have caused the test to fail, but instead triggered an ${eventName} event.`
        : `Error: A resource generated asynchronous activity after the test ended. This activity created the error "${err}" which triggered an ${eventName} event, caught by the test runner.`;
      root.diagnostics.push(msg);
      process.exitCode = 1;
      return;
    }
    test.fail(testFailure(err, eventName));
    test.abortController.abort();
  };
}

function globalRoot() {
  if (root) return root;
  root = new Test({ __proto__: null, name: '<root>' });
  root.startTime = now();
  const counters = { all: 0, failed: 0, passed: 0, cancelled: 0, skipped: 0, todo: 0, topLevel: 0, suites: 0 };
  root.harness = { allowTestsToRun: false, bootstrapComplete: false, counters };
  root.reporter.listeners.add((type, data) => {
    if (type === 'test:fail' && (data.todo === undefined || data.todo === false)) process.exitCode = 1;
  });
  const onException = uncaughtHandler('uncaughtException');
  const onRejection = uncaughtHandler('unhandledRejection');
  const exitHandler = async () => {
    if (root.subtests.length === 0 && (root.hooks.before.length > 0 || root.hooks.after.length > 0)) await root.run();
    root.postRun(testFailure('Promise resolution is still pending but the event loop has already resolved', kCancelledByParent));
    process.removeListener('uncaughtException', onException);
    process.removeListener('unhandledRejection', onRejection);
    process.removeListener('beforeExit', exitHandler);
  };
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  process.on('beforeExit', exitHandler);
  return root;
}

function startSubtest(subtest) {
  const r = globalRoot();
  if (!r.harness.bootstrapComplete) {
    r.harness.bootstrapComplete = true;
    queueMicrotask(() => {
      r.harness.allowTestsToRun = true;
      r.processPendingSubtests();
    });
  }
  return subtest.start();
}

function inParentContext(Factory) {
  function run(name, options, fn, overrides) {
    const parent = currentParent() || globalRoot();
    const subtest = parent.createSubtest(Factory, name, options, fn, overrides);
    if (!(parent instanceof Suite)) return startSubtest(subtest);
    return Promise.resolve();
  }
  const test = (name, options, fn) => run(name, options, fn, { loc: callerLocation(2) });
  for (const keyword of ['skip', 'todo', 'only']) {
    test[keyword] = (name, options, fn) => run(name, options, fn, { [keyword]: true, loc: callerLocation(2) });
  }
  return test;
}

function hook(hookType) {
  return (fn, options) => {
    const parent = currentParent() || globalRoot();
    parent.createHook(hookType, fn, { ...options, loc: callerLocation(2) });
  };
}

export const test = inParentContext(Test);
export const suite = inParentContext(Suite);
export const before = hook('before');
export const after = hook('after');
export const beforeEach = hook('beforeEach');
export const afterEach = hook('afterEach');
