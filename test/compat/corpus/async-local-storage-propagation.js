'use strict';
// AsyncLocalStorage follows await, then/catch/finally, queueMicrotask, nextTick, timers,
// immediates and fs callbacks from where they were queued; a plain EventEmitter listener sees
// the emitter's caller's store.
const common = require('../common');
const fs = require('fs');
const EventEmitter = require('events');
const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
const seen = [];
const note = (what) => seen.push(`${what}=${als.getStore()}`);

als.run('A', async () => {
  note('sync');
  await null;
  note('await');
  await Promise.resolve().then(() => note('then'));
  await Promise.reject(new Error('x')).catch(() => note('catch')).finally(() => note('finally'));
  queueMicrotask(() => note('queueMicrotask'));
  process.nextTick(() => note('nextTick'));
  setImmediate(() => note('setImmediate'));
  fs.stat(__filename, common.mustCall(() => note('fs.stat')));
  const ee = new EventEmitter();
  ee.on('x', () => note('listener'));
  setTimeout(() => {
    note('setTimeout');
    als.run('B', () => ee.emit('x'));
    done();
  }, 5);
  let ticks = 0;
  const interval = setInterval(() => {
    note('setInterval');
    if (++ticks === 2) {
      clearInterval(interval);
      done();
    }
  }, 1);
});
note('outside');

// A reaction runs in the store current when it was registered, not when the promise settled.
let resolveLater;
const later = new Promise((resolve) => { resolveLater = resolve; });
als.run('C', () => later.then(() => note('registered-in-C')));
als.run('D', () => resolveLater());

// printed once the timer and the interval are done (each also after the callbacks above)
let pending = 2;
const done = () => {
  if (--pending === 0) setTimeout(common.mustCall(() => console.log(seen.sort().join('\n'))), 20);
};
