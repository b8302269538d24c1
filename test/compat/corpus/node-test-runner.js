'use strict';
// node:test in this process: order of tests, hooks and subtests, skip/todo/plan, a failing
// test's exit code, and the TAP lines the default (non-terminal) reporter writes.
require('../common');
const { test, describe, it, before, after, beforeEach, afterEach, mock } = require('node:test');
const nodeTest = require('node:test');

const tap = [];
const write = process.stdout.write;
// TAP lines without timings or stacks, which differ between engines
process.stdout.write = function(chunk, ...rest) {
  for (const line of String(chunk).split('\n')) {
    if (/^\s*(ok|not ok|# Subtest|1\.\.|# (tests|suites|pass|fail|cancelled|skipped|todo) |  +(error|code|failureType|type):)/.test(line)) tap.push(line);
  }
  return true;
};
const log = [];
log.push(`${typeof nodeTest} ${nodeTest === test} ${nodeTest.it === test} ${nodeTest.describe === nodeTest.suite}`);
const { isBuiltin, builtinModules } = require('module');
log.push(`${isBuiltin('node:test')} ${isBuiltin('test')} ${builtinModules.includes('test')}`);
try { require('test'); } catch (e) { log.push(e.code); }

before(() => log.push('root before'));
after(() => log.push('root after'));
test('sync', () => log.push('sync'));
test('async with subtests', async (t) => {
  log.push(`start ${t.name}`);
  t.beforeEach((c) => log.push(`beforeEach ${c.name}`));
  await t.test('one', () => log.push('one'));
  await t.test('two', (c, done) => { log.push('two'); setTimeout(done, 1); });
  t.diagnostic('a note');
});
describe('suite', () => {
  beforeEach(() => log.push('suite beforeEach'));
  afterEach(() => log.push('suite afterEach'));
  it('x', () => log.push('x'));
  it.skip('skipped', () => log.push('never'));
  it.todo('todo failing', () => { throw new Error('todo'); });
  it('with plan', (t) => { t.plan(2); t.assert.ok(true); t.assert.strictEqual(1, 1); });
  describe('nested', () => {
    it('deep', () => log.push(`deep`));
  });
});
test('fails', () => { throw new TypeError('boom'); });
test('bad plan', (t) => { t.plan(2); t.assert.ok(true); });
test('callback error', (t, done) => done(new Error('cb')));
test('mock', () => {
  const fn = mock.fn((a, b) => a + b);
  log.push(`mock ${fn(1, 2)} ${fn.mock.callCount()} ${JSON.stringify(fn.mock.calls[0].arguments)}`);
  const obj = { m() { return 'real'; } };
  mock.method(obj, 'm', () => 'fake');
  log.push(`method ${obj.m()}`);
  mock.restoreAll();
  log.push(`restored ${obj.m()}`);
});
log.push('sync end');
process.on('exit', (code) => {
  process.stdout.write = write;
  console.log(log.join('\n'));
  console.log(tap.join('\n'));
  console.log('exitCode', code, process.exitCode);
  process.exitCode = 0;
});
