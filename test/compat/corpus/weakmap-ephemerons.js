'use strict';
require('../common');
// WeakMap entries are ephemerons: a value is kept while its key is, through any chain of
// other entries' values, across collections made by churn (the sandbox removes the entries
// whose key is gone during the collection, patch 082). What stays reachable must read back
// whole.
const wm = new WeakMap();
const other = new WeakMap();
const ws = new WeakSet();

const roots = Array.from({ length: 200 }, (_, i) => ({ i }));
for (const k of roots) {
  wm.set(k, { k, i: k.i }); // the value reaches its key
  ws.add(k);
}
// a chain key -> value -> next key, only its head held
const head = { name: 'head' };
let cur = head;
for (let i = 0; i < 300; i++) {
  const next = { i };
  wm.set(cur, { next, back: cur });
  cur = next;
}
wm.set(cur, 'tail');
// a key reachable only through another map's value, and two maps whose values cross
const a = {};
const hidden = {};
other.set(a, { hidden });
wm.set(hidden, { a, label: 'hidden' });
const sym = Symbol('weak key');
wm.set(sym, { sym });
const ref = new WeakRef(roots[7]);

function churn(rounds) {
  for (let r = 0; r < rounds; r++) {
    let junk = [];
    for (let i = 0; i < 2000; i++) {
      const k = { s: 'x'.repeat(32) + i };
      wm.set(k, { k, list: [k, junk.length] });
      if (i % 3 === 0) ws.add(k);
      if (i % 50 === 0) junk.push(k);
    }
    junk = null;
  }
}

churn(30);
let n = 0;
for (let at = head; typeof wm.get(at) === 'object'; at = wm.get(at).next) {
  if (wm.get(at).back !== at) throw new Error('chain entry read back wrong');
  n++;
}
console.log('chain', n);
console.log('roots', roots.every((k) => wm.get(k).k === k && wm.get(k).i === k.i && ws.has(k)));
console.log('hidden', other.get(a).hidden === hidden, wm.get(other.get(a).hidden).a === a, wm.get(hidden).label);
console.log('symbol', wm.get(sym).sym === sym);
console.log('ref', ref.deref() === roots[7]);
console.log('fresh', wm.has({}), ws.has({}));

// deleting and setting again across churn
for (const k of roots.slice(0, 50)) wm.delete(k);
churn(10);
for (const k of roots.slice(0, 25)) wm.set(k, { again: k });
churn(10);
console.log('after delete', roots.slice(0, 25).every((k) => wm.get(k).again === k),
  roots.slice(25, 50).every((k) => !wm.has(k)), roots.slice(50).every((k) => wm.get(k).k === k));
