'use strict';
// Calling what is not callable: V8 names the callee after the call's source ("o.f is not a
// function", "x is not a constructor"). The forms here are the ones the sandbox prints as V8
// does (QuickJS patch 098); others keep QuickJS's "not a function".
require('../common');
const out = [];
const t = (label, f) => { try { f(); out.push(`${label}: no error`); } catch (e) { out.push(`${label}: ${e.name}: ${e.message}`); } };
const o = { a: { b: 1 }, n: null, arr: [1, 2], s: 'x' };
let u;
const k = 'a';
const x = 5;
class A { m() { return this.zz(); } static s() { return A.nope(); } get g() { return 1; } c() { return this.g(); } }
function outer() { const inner = 3; return function () { return inner(); }; }
function call(a, b) { return b(a); }
t('identifier', () => x());
t('undefined', () => u());
t('member', () => o.f());
t('deep member', () => o.a.b());
t('keyed by string', () => o['a']['b']());
t('keyed by variable', () => o[k].b());
t('keyed by number', () => o.arr[1]());
t('length', () => o.arr.length());
t('string method', () => o.s.nope());
t('this', function () { this.nothing(); }.bind({}));
t('this in a method', () => new A().m());
t('static', () => A.s());
t('getter value', () => new A().c());
t('closure variable', outer());
t('argument', () => call(1, 2));
t('call result', () => Math.abs(1)());
t('method call result', () => JSON.stringify({}).foo());
t('inside arguments', () => Math.max(o.a.b(), 1));
t('with arguments', () => String(o.a.b(1, 2, 3)));
t('optional member', () => o?.f());
t('optional deeper', () => o.a?.b());
t('function literal result', () => (() => 1)()());
t('spread arguments', () => x(...[1]));
t('in a loop', () => { for (let i = 0; i < 2; i++) o.arr[i](); });
t('in try/finally', () => { try { o.zz(); } finally { out.push('finally'); } });
t('generator', () => { function* gen() { yield o.gnope(); } gen().next(); });
t('callback', () => [1].forEach(() => o.cb()));
t('global', () => globalThis.nope());
t('new identifier', () => new x());
t('new member', () => new o.a());
t('new deep member', () => new o.a.b());
t('new call result', () => new (Math.abs(1))());
t('new object', () => new o());
(async () => {
  try { await null; o.anope(); } catch (e) { out.push(`async: ${e.message}`); }
  try { o.a.b(await 1); } catch (e) { out.push(`await in arguments: ${e.message}`); }
  console.log(out.join('\n'));
})();
