'use strict';
// import() in vm code without a usable importModuleDynamically rejects with Node's errors;
// what the engine refuses to assign or define throws with V8's messages.
require('../common');
const vm = require('vm');

const show = (label, p) => p.then((v) => console.log(label, 'resolved', typeof v), (e) => console.log(label, e.name, e.code, e.message));
const line = (label, fn) => {
  try {
    console.log(label, 'no error', fn());
  } catch (e) {
    console.log(label, `${e.name}: ${e.message}`);
  }
};

(async () => {
  await show('script', new vm.Script('import("fs")').runInThisContext());
  await show('script with callback', new vm.Script('import("fs")', { importModuleDynamically() {} }).runInThisContext());
  await show('nested function', vm.compileFunction('return () => import("fs")')()());
  await show('function with callback', vm.compileFunction('return import("fs")', [], { importModuleDynamically() {} })());
  await show('direct eval', vm.runInThisContext('eval("import(\'fs\')")'));
  await show('new context', vm.runInNewContext('import("fs")'));
  await show('main context', import('fs'));

  const ctx = vm.createContext();
  vm.runInContext('Object.defineProperty(this, "x", { value: 42 })', ctx);
  line('sloppy read-only', () => vm.runInContext('x = 0; x', ctx));
  // (V8 names a vm context's global '[object Object]' where the sandbox names the contextified
  // object '#<Object>': known, so only the message up to the object is compared here)
  try {
    vm.runInContext('"use strict"; x = 0', ctx);
  } catch (e) {
    console.log('strict read-only global', e.name, e.message.split(' of object')[0]);
  }
  line('strict read-only property', () => vm.runInContext('"use strict"; { const o = Object.freeze({ a: 1 }); o.a = 2; }', ctx));
  line('array length', () => vm.runInContext('"use strict"; { const a = []; Object.defineProperty(a, "length", { writable: false }); a.push(1); }', ctx));
  line('const', () => vm.runInContext('{ const c = 1; c = 2; }', ctx));
  line('declared twice', () => vm.runInContext('let twice = 1; let twice = 2;', ctx));
  line('declared again', () => vm.runInContext('let again = 1', ctx) + vm.runInContext('let again = 2', ctx));
  line('function name', () => vm.runInContext('(function f() { "use strict"; f = 1; })()', ctx));
  line('redefine', () => vm.runInContext('"use strict"; Object.defineProperty(this, "x", { value: 1 })', ctx));
  line('not extensible add', () => vm.runInContext('"use strict"; { const o = Object.preventExtensions({}); o.z = 1; }', ctx));
  line('not extensible define', () => vm.runInContext('Object.defineProperty(Object.preventExtensions({}), "y", { value: 1 })', ctx));
  line('reflect define', () => vm.runInContext('Reflect.defineProperty(Object.freeze({ a: 1 }), "a", { value: 2 })', ctx));
  for (const code of ['++x++', '++5', '5++', '5 = 1', '5 += 1', 'for (5 of []);', 'for (5 in {});', '[5] = []', '({ a: 5 } = {})', '"use strict"; eval = 1', '"use strict"; arguments++']) {
    line(code, () => new vm.Script(code));
  }
})();
