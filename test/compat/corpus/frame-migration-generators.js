'use strict';
// Generators and async functions whose frames loop long enough to move on (patch 104) between
// and across their yields and awaits: the values, the order, throw() and return() into them.
const out = [];
function* counter() {
  let total = 0;
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 120000; i++) total += i & 1;
    const got = yield total;
    out.push('gen got ' + got);
  }
  try {
    for (let i = 0; i < 100000; i++) total++;
    yield 'before throw';
    out.push('not reached');
  } catch (e) {
    out.push('gen caught ' + e.message + ' ' + total);
  } finally {
    for (let i = 0; i < 50000; i++) total--;
    out.push('gen finally ' + total);
  }
  return total;
}
const g = counter();
out.push(JSON.stringify(g.next('first')));
out.push(JSON.stringify(g.next('a')));
out.push(JSON.stringify(g.next('b')));
out.push(JSON.stringify(g.next('c')));
out.push(JSON.stringify(g.throw(new Error('boom'))));
function* cleanup() { try { let s = 0; for (let i = 0; ; i++) { s += i; if (i % 200000 === 0) yield s; } } finally { out.push('cleanup finally'); } }
const c = cleanup(); c.next(); c.next(); out.push(JSON.stringify(c.return(7)));
// a long loop in one activation yielding late
function* late() { let s = 0; for (let i = 0; i < 2500000; i++) s += i % 3; yield s; yield s + 1; }
out.push([...late()].join());
async function worker(name, n) {
  let acc = 0;
  for (let step = 0; step < 3; step++) {
    for (let i = 0; i < n; i++) acc = (acc + i) % 1000003;
    await new Promise((r) => setImmediate(r));
    out.push(`${name} step ${step} ${acc}`);
  }
  for (let i = 0; i < 300000; i++) if (i === 299999) throw new Error(name + ' failed at ' + i);
}
async function* agen() { for (let k = 0; k < 2; k++) { let s = 0; for (let i = 0; i < 150000; i++) s += i; yield s + k; await null; } }
(async () => {
  const results = await Promise.allSettled([worker('a', 200000), worker('b', 90000)]);
  out.push(results.map((r) => r.status + ' ' + (r.reason && r.reason.message)).join(' | '));
  for await (const v of agen()) out.push('agen ' + v);
  console.log(out.join('\n'));
})();
