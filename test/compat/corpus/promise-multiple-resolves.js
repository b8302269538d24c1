'use strict';
// 'multipleResolves' (V8's resolve/reject after resolved): from executors, from Promise.race's
// shared resolve functions and from a thenable; a tick of its own, and DEP0160 once it reached
// a listener. Without a listener nothing is queued.
new Promise((resolve) => { resolve(0); resolve(0); });
process.nextTick(() => console.log('no listener yet: nothing'));
setTimeout(() => {
  process.on('warning', (w) => console.log('warning', w.name, w.code, w.message));
  process.on('multipleResolves', (type, p, v) => console.log('multipleResolves', type, p === p1, v));
  const p1 = new Promise((resolve, reject) => { resolve(1); resolve(2); reject(3); });
  Promise.race([4, 5, 6]).then((v) => console.log('race', v));
  Promise.resolve({ then(ok, fail) { ok('a'); fail('b'); ok('c'); } }).then((v) => console.log('thenable', v));
  new Promise((r) => { r(); }).then(() => console.log('then'));
  process.nextTick(() => console.log('tick'));
}, 1);
