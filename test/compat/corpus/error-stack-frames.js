'use strict';
// Stack frames as V8 prints them (QuickJS patch 045): `at Type.method`, `at new F`, bare
// locations for anonymous functions, builtins as `at Array.map (<anonymous>)`, no frames for
// Function.prototype.call/apply, inferred names of functions assigned to properties, a call in
// `return f()` placed at f, the frame of Node's event loop that called a callback, and async
// frames below an async function resumed after an await.
// Each stack is printed down to this file's top-level frame (the module loader's frames below
// it are Node's own), with the file's path as <file>.
const here = (s) => s.split(__filename).join('<file>');
function show(err) {
  const lines = err.stack.split('\n');
  const top = lines.findIndex((l) => l.includes('at Object.<anonymous> (' + __filename));
  console.log(here(lines.slice(0, top < 0 ? lines.length : top + 1).join('\n')));
}
async function inner() { await null; return new Error('async'); }
async function outer() { return await inner(); }
class Service { async run() { return await outer(); } }
function plain() { return new Error('plain'); }
show(plain());
class Foo {
  constructor() { this.e = new Error('constructor'); }
  method() { return new Error('method'); }
  static make() { return new Error('static'); }
  get prop() { return new Error('getter'); }
}
class Bar extends Foo {}
show(new Foo().e);
show(new Bar().e);
show(new Foo().method());
show(new Bar().method());
show(Foo.make());
show(new Foo().prop);
function Ctx() {}
Ctx.prototype.run = function () { return new Error('inferred'); };
show(new Ctx().run());
const other = { go: Ctx.prototype.run };
show(other.go());
const obj = {
  f: function () { return new Error('object method'); },
  named: function realName() { return new Error('alias'); },
  'not-an-identifier': function () { return new Error('no type prefix'); },
};
show(obj.f());
show(obj.named());
show(obj['not-an-identifier']());
exports.exported = function () { return new Error('exports'); };
show(exports.exported());
const holder = {};
holder.cb = function () { return new Error('anonymous, by key'); };
show(holder.cb.call({ key: holder.cb }));
show((function () { return new Error('anonymous'); })());
show([1].map(function () { return new Error('in map'); })[0]);
show([1].map(() => new Error('arrow in map'))[0]);
function callee() { return new Error('callee'); }
show(callee.call(obj));
show(callee.apply(undefined, []));
show(Reflect.apply(callee, new Foo(), []));
function tail() { return callee(); }
show(tail());
show(callee.call(5));
show(callee.call('str'));
show(callee.call(new Map()));
show(callee.call(Object.create(null)));
show(callee.call({ [Symbol.toStringTag]: 'Tagged' }));
show(callee.call(globalThis));
new Promise(function (resolve) { show(new Error('executor')); resolve(); });
setImmediate(function () {
  show(new Error('immediate'));
  setTimeout(function () {
    show(new Error('timeout'));
    // (no output in this callback: Node runs the jobs it leaves from its
    // processTicksAndRejections, a frame more, when output queued a tick; here they run from
    // no frame of Node's)
    setTimeout(function () { new Service().run().then(show); }, 1);
  }, 1);
});
process.nextTick(function () { show(new Error('tick')); });
process.nextTick(function (a) { show(new Error('tick, ' + a)); }, 'one argument');
process.nextTick(function (...a) { show(new Error('tick, ' + a.length + ' arguments')); }, 1, 2, 3, 4, 5, 6);
require('util').callbackify(() => Promise.reject(null))((err) => show(err));
Error.prepareStackTrace = (err, sites) => sites.slice(0, 2).map((s) =>
  [s.getFunctionName(), s.getTypeName(), s.getMethodName(), s.isConstructor(), s.isToplevel(), here(String(s))].join('|')).join('\n');
console.log(new Foo().method().stack);
console.log(new Foo().e.stack);
console.log([1].map(() => new Error().stack)[0]);
Error.prepareStackTrace = undefined;
