'use strict';
// process APIs Node's tests use: the uncaught-exception capture callback, active resources
// (timers and immediates), process.assert, memory figures' types, release.lts,
// getBuiltinModule.
const common = require('../common');

process.on('warning', (w) => console.log('warning', w.name, w.code, w.message));
console.log(process.release.name, process.release.lts);
console.log(typeof process.availableMemory(), typeof process.constrainedMemory());
process.assert(1, 'fine');
for (const args of [[false, 'errorMessage'], [false]]) {
  try { process.assert(...args); } catch (e) { console.log(e.name, e.code, e.message); }
}
for (const bad of [1, undefined, {}, Symbol('s')]) {
  try { process.getBuiltinModule(bad); } catch (e) { console.log(e.code); }
}
console.log(process.getBuiltinModule('fs') === require('fs'), process.getBuiltinModule('node:test') === require('node:test'),
            process.getBuiltinModule('test'), process.getBuiltinModule('internal/util'));

const count = (type) => process.getActiveResourcesInfo().filter((t) => t === type).length;
console.log('timeouts at start', count('Timeout'), 'immediates', count('Immediate'));
// one after another: a main module's setTimeout(0) and setImmediate race, in Node too
const t = setTimeout(common.mustCall(() => {
  console.log('in callback', count('Timeout'));
  clearTimeout(t);
  console.log('cleared', count('Timeout'));
  const i = setImmediate(common.mustCall(() => {
    console.log('in immediate', count('Immediate'));
    setTimeout(() => { throw new Error('thrown in a timer'); }, 1);
  }));
  console.log('after setImmediate', count('Immediate'), typeof i);
}), 0);
const u = setTimeout(() => {}, 5).unref();
console.log('after setTimeout', count('Timeout'), u.hasRef());

console.log(process.hasUncaughtExceptionCaptureCallback());
try { process.setUncaughtExceptionCaptureCallback(42); } catch (e) { console.log(e.code, e.message); }
process.setUncaughtExceptionCaptureCallback(common.mustCall((err) => {
  console.log('captured', err.message);
  process.setUncaughtExceptionCaptureCallback(null);
  console.log(process.hasUncaughtExceptionCaptureCallback());
}));
try { process.setUncaughtExceptionCaptureCallback(() => {}); } catch (e) { console.log(e.code, e.message); }
process.on('uncaughtException', common.mustNotCall());
process.on('uncaughtExceptionMonitor', common.mustCall((err, origin) => console.log('monitor', err.message, origin)));
