'use strict';
// A builtin given a callback it cannot call: V8 prints the value without side effects (array
// and typed-array methods), its type first (Map's and Set's forEach), or its own words
// (flatMap). QuickJS patch 099.
require('../common');
const out = [];
const t = (label, f) => { try { f(); out.push(`${label}: no error`); } catch (e) { out.push(`${label}: ${e.name}: ${e.message}`); } };
for (const m of ['forEach', 'some', 'every', 'filter', 'map', 'reduce', 'reduceRight', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap']) {
  t(`Array ${m}`, () => [1][m](5));
  t(`Uint8Array ${m}`, () => new Uint8Array(1)[m]?.(5));
}
const values = [undefined, null, true, 5, -0, 1.5, 10n, 'abc', Symbol('q'), {}, [1, 2], new Map(), new (class Foo {})(),
  new (class {})(), Object.create(null), new TypeError('bad'), { [Symbol.toStringTag]: 'Tg' }, new Date(0), /re/];
for (const [i, v] of values.entries()) {
  t(`forEach(values[${i}])`, () => [1].forEach(v));
  t(`Map forEach(values[${i}])`, () => new Map([[1, 1]]).forEach(v));
  t(`Set forEach(values[${i}])`, () => new Set([1]).forEach(v));
}
console.log(out.join('\n'));
