'use strict';
const common = require('../common');
const assert = require('assert');
const obj = common.mustNotMutateObjectDeep({ a: { b: [1, 2] }, c: 1 });
for (const f of [() => { obj.c = 2; }, () => { obj.a.b.push(3); }, () => { delete obj.a; }, () => { Object.defineProperty(obj, 'x', { value: 1 }); }, () => { Object.setPrototypeOf(obj.a, null); }]) {
  try { f(); console.log('mutated!'); } catch (e) { console.log(e.code); }
}
console.log(obj.a.b[1], JSON.stringify(obj), Object.keys(obj));
