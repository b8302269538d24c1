'use strict';
// run/exit/enterWith/disable, bind and snapshot, AsyncResource scopes, and what stays inside.
const common = require('../common');
const assert = require('assert');
const { AsyncLocalStorage, AsyncResource } = require('async_hooks');
const als = new AsyncLocalStorage();
const other = new AsyncLocalStorage();

console.log('before', als.getStore());
console.log('run returns', als.run(1, (a, b) => a + b, 2, 3));
als.run('outer', () => {
  other.run('o', () => {
    als.exit(() => console.log('exit', als.getStore(), other.getStore()));
    console.log('after exit', als.getStore(), other.getStore());
    als.run('inner', () => console.log('nested', als.getStore(), other.getStore()));
  });
});
assert.throws(() => als.run('t', () => { throw new Error('boom'); }), /boom/);
console.log('after throw', als.getStore());

const bound = als.run('bound', () => AsyncLocalStorage.bind((x) => `${x}:${als.getStore()}`));
console.log(bound('call'));
const snap = als.run('snap', () => AsyncLocalStorage.snapshot());
console.log(snap((x) => `${x}:${als.getStore()}`, 'snapshot'));

const resource = als.run('res', () => new AsyncResource('Thing'));
console.log('resource', resource.runInAsyncScope(function (a) { return `${a}:${als.getStore()}:${this.tag}`; }, { tag: 'this' }, 'arg'));
const fn = resource.bind(() => als.getStore());
console.log('bound resource', fn(), fn.length, Object.keys(fn));
assert.throws(() => new AsyncResource(1), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => new AsyncResource('X', { triggerAsyncId: -2 }), { code: 'ERR_INVALID_ASYNC_ID' });
assert.throws(() => resource.bind(1), { code: 'ERR_INVALID_ARG_TYPE' });

// made first, so it runs first: what enterWith() does in the next timer is that timer's own
let otherSaw = 'nothing yet';
setTimeout(common.mustCall(() => { otherSaw = als.getStore(); }), 1);
setTimeout(common.mustCall(() => {
  als.enterWith('entered');
  console.log('enterWith', als.getStore());
  setImmediate(common.mustCall(() => {
    console.log('immediate after enterWith', als.getStore());
    als.disable();
    console.log('disabled', als.getStore());
    als.run('again', () => console.log('run after disable', als.getStore()));
    console.log('a timer made before enterWith saw', otherSaw);
  }));
}), 1);

