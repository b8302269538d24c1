'use strict';
// createHook sees the resources the loop queues, with ids that link callbacks to their
// makers; promise callbacks run with execution id 0 when no hook follows promises.
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const ah = require('async_hooks');

console.log('top', ah.executionAsyncId(), ah.triggerAsyncId());
// (fs callbacks and timers may come in either order: what each saw is printed sorted)
const out = [];
const log = (...args) => out.push(args.join(' '));
const events = [];
const types = new Map();
const hook = ah.createHook({
  init(id, type, trigger) {
    if (['Timeout', 'Immediate', 'TickObject', 'Microtask', 'FSREQCALLBACK', 'Custom'].includes(type)) {
      types.set(id, type);
      events.push(`init ${type} trigger=${trigger === ah.executionAsyncId() ? 'current' : trigger}`);
    }
  },
  before(id) { if (types.has(id)) events.push(`before ${types.get(id)} current=${id === ah.executionAsyncId()}`); },
  after(id) { if (types.has(id)) events.push(`after ${types.get(id)}`); },
  destroy(id) { if (types.has(id)) events.push(`destroy ${types.get(id)}`); },
}).enable();

let timerId;
setTimeout(function () {
  timerId = ah.executionAsyncId();
  log('timer resource is the Timeout', ah.executionAsyncResource() === this);
  process.nextTick(() => log('tick triggered by timer', ah.triggerAsyncId() === timerId));
}, 1);
setImmediate(() => log('immediate'));
process.nextTick(() => log('tick', ah.triggerAsyncId()));
queueMicrotask(() => log('microtask', ah.triggerAsyncId()));
fs.stat(__filename, common.mustCall(() => log('fs resource', ah.executionAsyncResource().constructor.name)));
const r = new ah.AsyncResource('Custom');
r.runInAsyncScope(() => log('scope', ah.executionAsyncId() === r.asyncId(), ah.triggerAsyncId() === r.triggerAsyncId()));
r.emitDestroy();
const cleared = setTimeout(() => {}, 1000);
clearTimeout(cleared);

setTimeout(common.mustCall(() => {
  hook.disable();
  console.log(out.sort().join('\n'));
  for (const type of ['Timeout', 'Immediate', 'TickObject', 'Microtask', 'FSREQCALLBACK', 'Custom']) {
    console.log(type, events.filter((e) => e.includes(` ${type}`)).join(', '));
  }
  console.log('providers', ah.asyncWrapProviders.TIMERWRAP, ah.asyncWrapProviders.PROMISE, Object.isFrozen(ah.asyncWrapProviders));
  assert.throws(() => ah.createHook({ init: 1 }), { code: 'ERR_ASYNC_CALLBACK', message: 'hook.init must be a function' });
}), 30);
