// node:test (only with the node: scheme, as in Node): test, suite/describe, it, hooks and mock,
// run in this process with the TAP reporter (qjsw:internal/test_runner/runner). run(), which
// starts test files in child processes, is not provided.
import { test, suite, before, after, beforeEach, afterEach } from 'qjsw:internal/test_runner/runner';
import { MockTracker } from 'qjsw:internal/test_runner/mock';
import { unavailableFunction } from 'qjsw:internal/unavailable';

const run = unavailableFunction('run', 'node:test run()');

const mock = new MockTracker();
Object.assign(test, { after, afterEach, before, beforeEach, describe: suite, it: test, run, suite, test });
Object.defineProperty(test, 'mock', {
  configurable: true,
  enumerable: true,
  get() {
    return mock;
  },
});

export default test;
export { after, afterEach, before, beforeEach, suite as describe, test as it, mock, run, suite, test };
