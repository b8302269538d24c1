// async_hooks' PROMISE resources and v8.promiseHooks: ids, triggers and the order of events
// for then(), await, a thenable resolution and queueMicrotask (which makes no promise).
const async_hooks = require('async_hooks');
const { promiseHooks } = require('v8');

const log = [];
const ids = new Map();
const name = (id) => (ids.has(id) ? ids.get(id) : id === 1 ? 'main' : `?${id}`);
const hook = async_hooks.createHook({
  init(id, type, trigger) {
    ids.set(id, `${type}${ids.size}`);
    log.push(`init ${name(id)} <- ${name(trigger)}`);
  },
  before(id) { log.push(`before ${name(id)}`); },
  after(id) { log.push(`after ${name(id)}`); },
  promiseResolve(id) { log.push(`resolve ${name(id)}`); },
}).enable();

async function inner() {
  await null;
  log.push(`in inner: exec ${name(async_hooks.executionAsyncId())}`);
  return 1;
}
async function outer() {
  const v = await inner();
  return Promise.resolve(v + 1);
}
Promise.resolve(1).then((v) => {
  log.push(`then: exec ${name(async_hooks.executionAsyncId())} trigger ${name(async_hooks.triggerAsyncId())}`);
  return v;
});
queueMicrotask(() => log.push('microtask'));
outer().then((v) => {
  hook.disable();
  log.push(`outer gave ${v}`);
  setImmediate(() => {
    console.log(log.join('\n'));
    // v8.promiseHooks: init with the parent, before/after naming the derived promise, settled
    const seen = [];
    const names = new Map();
    const n = (p) => { if (!names.has(p)) names.set(p, `p${names.size}`); return names.get(p); };
    const stop = promiseHooks.createHook({
      init(p, parent) { seen.push(`init ${n(p)} parent ${parent === undefined ? '-' : n(parent)}`); },
      before(p) { seen.push(`before ${n(p)}`); },
      after(p) { seen.push(`after ${n(p)}`); },
      settled(p) { seen.push(`settled ${n(p)}`); },
    });
    const a = Promise.resolve(1);
    const b = a.then(() => 2);
    b.then(() => {
      stop();
      console.log(seen.join('\n'));
    });
    for (const bad of [1, async () => {}, function* () {}]) {
      try {
        promiseHooks.onInit(bad);
      } catch (err) {
        console.log(err.code, err.message);
      }
    }
  });
});
