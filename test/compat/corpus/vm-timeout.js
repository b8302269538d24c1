'use strict';
// `timeout` ends only the vm call that ran out of time; the sandbox goes on.
const vm = require('vm');

function attempt(label, f) {
  try {
    console.log(label, 'returned', f());
  } catch (e) {
    console.log(label, e.name, e.code, e.message);
  }
}

const ctx = vm.createContext({ log: [] });
attempt('loop', () => vm.runInContext('for (;;) {}', ctx, { timeout: 30 }));
attempt('catch and finally do not run', () => vm.runInContext('try { for (;;) {} } catch (e) { log.push("caught") } finally { log.push("finally") }', ctx, { timeout: 30 }));
console.log(ctx.log);
attempt('recursion', () => vm.runInContext('function f() { try { f() } catch { f() } } f()', ctx, { timeout: 30 }));
attempt('this context', () => vm.runInThisContext('while (true) {}', { timeout: 30 }));
attempt('new context', () => new vm.Script('for (;;) {}').runInNewContext({}, { timeout: 30 }));
attempt('in time', () => vm.runInContext('let n = 0; for (let i = 0; i < 1000; i++) n += i; n', ctx, { timeout: 5000 }));
console.log('context still usable:', vm.runInContext('log.length + 1', ctx));

// nested: the inner call's timeout ends it, the outer one goes on to its own
const outer = vm.createContext({ vm, results: [] });
attempt('nested', () => vm.runInContext(`
  try { vm.runInNewContext('for (;;) {}', {}, { timeout: 20 }) } catch (e) { results.push(e.code) }
  for (;;) {}
`, outer, { timeout: 100 }));
console.log(outer.results);
// an inner call with a longer timeout is still stopped by the outer one
attempt('outer first', () => vm.runInContext(`
  try { vm.runInNewContext('for (;;) {}', {}, { timeout: 100000 }) } catch (e) { results.push('inner caught ' + e.code) }
`, outer, { timeout: 30 }));
console.log(outer.results);

// microtaskMode 'afterEvaluate': the context's promise jobs run within the call and its timeout
attempt('afterEvaluate', () => vm.runInNewContext('Promise.resolve().then(() => { for (;;) {} }); "queued"', {},
  { timeout: 30, microtaskMode: 'afterEvaluate' }));
const order = [];
const ev = vm.createContext({ order }, { microtaskMode: 'afterEvaluate' });
vm.runInContext('Promise.resolve().then(() => order.push("job"))', ev);
order.push('after call');
console.log(order);

// without it the jobs run later, outside the timeout
const later = vm.runInNewContext('Promise.resolve().then(() => "job ran later")', {}, { timeout: 30 });
later.then((v) => console.log(v));
setTimeout(() => console.log('timers still run'), 5);
