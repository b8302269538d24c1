// Loops long enough that QuickJS moves their frame to the heap and goes on in a new call (patch
// 104, frame migration), once and several times: closures, mapped arguments, rest, try/catch/
// finally, exceptions, iterators, generators, this, new.target, async, recursion, eval, with.
'use strict';
const out = [];
// closures over loop and function variables made before and after the moves
function closures(n) {
  let captured = 0; const fns = [];
  for (let i = 0; i < n; i++) { captured += i & 1; if (i % 100000 === 0) fns.push(() => [i, captured]); }
  captured = -1;
  return fns.map((f) => f().join(':')).join(',');
}
out.push(closures(3000000));
// mapped arguments (sloppy) and rest
const sloppy = new Function('a', 'b', `
  var args = arguments; var s = 0;
  for (var i = 0; i < 300000; i++) { s += i & 3; if (i === 100) a = 'changed'; }
  b = 'late';
  return [args[0], args[1], args.length, a, b, s, arguments[2]].join('|');`);
out.push(sloppy('x', 'y', 'z'));
function rest(first, ...more) { let s = 0; for (let i = 0; i < 300000; i++) s += more.length; return [first, more.join(), s, arguments.length].join('|'); }
out.push(rest(1, 2, 3));
function fewer(a, b, c) { let s = 0; for (let i = 0; i < 300000; i++) s += (c === undefined) ? 1 : 0; c = 5; return [a, b, c, s, arguments.length].join('|'); }
out.push(fewer(1));
// try/catch/finally across moves, and an exception after a move
function tryCatch() {
  let log = [];
  try {
    for (let i = 0; i < 2500000; i++) { if (i === 2400000) throw new Error('at ' + i); }
  } catch (e) { log.push(e.message); } finally { log.push('finally'); }
  try { for (let i = 0; ; i++) { if (i === 400000) null.x; } } catch (e) { log.push(e.constructor.name); }
  return log.join(',');
}
out.push(tryCatch());
function thrower() { for (let i = 0; i < 300000; i++); throw new RangeError('thrown after moving'); }
try { thrower(); } catch (e) { out.push(e.message + ' ' + (e.stack.split('\n')[1] || '').trim().split(' ')[1]); }
// for-of and for-in iterators open across a move; generators
function iter() {
  const m = new Map(); for (let i = 0; i < 70000; i++) m.set(i, i * 2);
  let s = 0; for (const [k, v] of m) s += v - k;
  const o = {}; for (let i = 0; i < 50000; i++) o['k' + i] = i;
  let c = 0; for (const k in o) c++;
  function* g() { for (let i = 0; i < 100000; i++) yield i; }
  let gs = 0; for (const x of g()) gs += x;
  return [s, c, gs].join(',');
}
out.push(iter());
// this and new.target
class A { constructor() { let s = 0; for (let i = 0; i < 300000; i++) s++; this.nt = new.target === A; this.s = s; } m() { let s = 0; for (let i = 0; i < 300000; i++) s++; return this === a && s; } }
const a = new A(); out.push([a.nt, a.s, a.m()].join(','));
// async function with a long loop between awaits
(async () => {
  let s = 0; for (let i = 0; i < 300000; i++) s++;
  await null; for (let i = 0; i < 300000; i++) s++;
  out.push('async ' + s);
  // recursion whose every level loops long enough to move
  function rec(d) { let s = 0; for (let i = 0; i < 40000; i++) s++; return d === 0 ? s : rec(d - 1) + s; }
  out.push('rec ' + rec(50));
  // eval'd and with code
  out.push('eval ' + eval('let e = 0; for (let i = 0; i < 300000; i++) e += 2; e'));
  const o = { w: 0 }; const sloppyWith = new Function('o', 'with (o) { for (var i = 0; i < 300000; i++) w++; } return o.w;'); out.push('with ' + sloppyWith(o));
  console.log(out.join('\n'));
})();
