'use strict';
// What a for-of, a spread or an iterating builtin cannot iterate, in V8's words (QuickJS patch
// 099): named after the source where V8 does, with the value's type where V8 does.
require('../common');
const out = [];
const t = (label, f) => { try { f(); out.push(`${label}: no error`); } catch (e) { out.push(`${label}: ${e.name}: ${e.message}`); } };
const o = { a: {}, n: 5, m() { return 1; } };
const num = 5;
function g() { return 1; }
t('for-of a number', () => { for (const a of 5); });
t('for-of an empty object literal', () => { for (const a of {}); });
t('for-of a variable', () => { for (const a of num); });
t('for-of a member', () => { for (const a of o.a); });
t('for-of a call', () => { for (const a of g()); });
t('for-of a method call', () => { for (const a of o.m()); });
t('array spread of a number', () => [...5]);
t('array spread of a member', () => [1, ...o.n, 2]);
t('spread arguments', () => g(...o));
t('yield*', () => { function* h() { yield* 5; } h().next(); });
for (const v of [5, true, {}]) {
  t(`new Map(${typeof v})`, () => new Map(v));
  t(`new Set(${typeof v})`, () => new Set(v));
  t(`new WeakMap(${typeof v})`, () => new WeakMap(v));
  t(`new WeakSet(${typeof v})`, () => new WeakSet(v));
  t(`Object.fromEntries(${typeof v})`, () => Object.fromEntries(v));
}
(async () => {
  for (const m of ['all', 'race', 'any', 'allSettled']) {
    try { await Promise[m](5); } catch (e) { out.push(`Promise.${m}: ${e.message}`); }
  }
  console.log(out.join('\n'));
})();
