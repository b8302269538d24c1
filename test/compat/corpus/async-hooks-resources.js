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
// each resource's own events, in order (how resources interleave depends on timing)
const events = new Map();
const types = new Map();
const hook = ah.createHook({
  init(id, type, trigger) {
    if (['Timeout', 'Immediate', 'TickObject', 'Microtask', 'FSREQCALLBACK', 'Custom'].includes(type)) {
      types.set(id, type);
      events.set(id, [`init trigger=${trigger === ah.executionAsyncId() ? 'current' : trigger}`]);
    }
  },
  before(id) { if (types.has(id)) events.get(id).push(`before current=${id === ah.executionAsyncId()}`); },
  after(id) { if (types.has(id)) events.get(id).push('after'); },
  destroy(id) { if (types.has(id)) events.get(id).push('destroy'); },
}).enable();

let timerId;
setTimeout(function () {
  timerId = ah.executionAsyncId();
  log('timer resource is the Timeout', ah.executionAsyncResource() === this);
  process.nextTick(() => log('tick triggered by timer', ah.triggerAsyncId() === timerId));
  ready();
}, 1);
setImmediate(() => { log('immediate'); ready(); });
process.nextTick(() => log('tick', ah.triggerAsyncId()));
queueMicrotask(() => log('microtask', ah.triggerAsyncId()));
fs.stat(__filename, common.mustCall(() => { log('fs resource', ah.executionAsyncResource().constructor.name); ready(); }));
const r = new ah.AsyncResource('Custom');
r.runInAsyncScope(() => log('scope', ah.executionAsyncId() === r.asyncId(), ah.triggerAsyncId() === r.triggerAsyncId()));
r.emitDestroy();
const cleared = setTimeout(() => {}, 1000);
clearTimeout(cleared);

// printed well after the timer, the immediate and the fs callback ran (and their destroys)
let waiting = 3;
function ready() {
  if (--waiting === 0) setTimeout(common.mustCall(finish), 50);
}
function finish() {
  hook.disable();
  console.log(out.sort().join('\n'));
  for (const type of ['Timeout', 'Immediate', 'TickObject', 'Microtask', 'FSREQCALLBACK', 'Custom']) {
    const sequences = [...events].filter(([id]) => types.get(id) === type).map(([, list]) => list.join(' > '));
    console.log(type, sequences.sort().join(' | '));
  }
  console.log('providers', ah.asyncWrapProviders.TIMERWRAP, ah.asyncWrapProviders.PROMISE, Object.isFrozen(ah.asyncWrapProviders));
  assert.throws(() => ah.createHook({ init: 1 }), { code: 'ERR_ASYNC_CALLBACK', message: 'hook.init must be a function' });
}
