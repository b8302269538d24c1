'use strict';
// A new context has its own builtins; values cross as objects, errors are the context's own.
const assert = require('assert');
const vm = require('vm');

console.log(vm.runInNewContext('Object') !== Object, vm.runInNewContext('[]') instanceof Array);
console.log(Array.isArray(vm.runInNewContext('[1, 2]')), vm.runInNewContext('[1, 2]').map((x) => x * 2));
console.log(vm.runInNewContext('Object.getPrototypeOf([]) === Array.prototype'));
const ctx = vm.createContext({ outer: { list: [1, 2, 3] }, add: (a, b) => a + b });
console.log(vm.runInContext('outer.list instanceof Array', ctx), vm.runInContext('Array.isArray(outer.list)', ctx));
console.log(vm.runInContext('add(2, 3) + outer.list.length', ctx));
const made = vm.runInContext('({ when: new Date(0), re: /a+/g, m: new Map([[1, 2]]), s: new Set([1]), sym: Symbol.for("k") })', ctx);
console.log(made, made.when instanceof Date, made.sym === Symbol.for('k'));
console.log(JSON.stringify(vm.runInContext('({ a: [1, { b: 2 }] })', ctx)));

// errors thrown inside are the context's
for (const code of ['throw new TypeError("t")', 'null.x', 'missing', 'new Array(-1)']) {
  try {
    vm.runInContext(code, ctx);
  } catch (e) {
    const Inner = vm.runInContext(e.name, ctx);
    console.log(e.name, e instanceof Error, e instanceof Inner, Object.prototype.toString.call(e));
  }
}
try {
  vm.runInNewContext('a b');
} catch (e) {
  console.log(e.name, e instanceof SyntaxError);
}
try {
  new vm.Script('a b');
} catch (e) {
  console.log(e.name, e instanceof SyntaxError);
}

// no Node globals inside unless put on the object
console.log(vm.runInNewContext('[typeof require, typeof process, typeof Buffer, typeof setTimeout, typeof module].join()'));
console.log(vm.runInNewContext('typeof console + typeof console.log + console.log("not printed")'));
console.log(vm.runInNewContext('typeof p.version', { p: process }));

// promises of a context are awaited from outside
const inner = vm.runInNewContext('Promise.resolve(41).then((v) => v + 1)');
console.log(inner instanceof Promise, typeof inner.then);
inner.then((v) => console.log('resolved', v));
vm.runInNewContext('Promise.reject(new RangeError("r"))').catch((e) => console.log('rejected', e.name, e instanceof RangeError));

// functions made inside run there
const fn = vm.runInNewContext('(function () { return [this === globalThis, typeof Object] })');
console.log(fn());
const { lex } = vm.runInNewContext('let hidden = 7; ({ lex: () => hidden })');
console.log(lex());

// DONT_CONTEXTIFY: the context's own global, an ordinary object
const plain = vm.createContext(vm.constants.DONT_CONTEXTIFY);
console.log(vm.isContext(plain), vm.runInContext('globalThis', plain) === plain, Object.keys(plain));
vm.runInContext('var v = 1; globalThis.w = 2', plain);
console.log(plain.v, plain.w, typeof plain.Array, plain.Array !== Array);
assert.strictEqual(vm.createContext(vm.constants.DONT_CONTEXTIFY) === plain, false);
