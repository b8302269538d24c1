// Node's Timeout and Immediate objects: `this` in callbacks, refresh() from the callback,
// close(), Symbol.dispose, _destroyed/_idleTimeout/_repeat, unref'd immediates.
const log = (...a) => console.log(...a);
const t = setTimeout(function () { log('this is timeout', this === t, this._destroyed); }, 1);
log(typeof t.ref, typeof t.unref, typeof t.hasRef, typeof t.refresh, typeof t.close, typeof t[Symbol.toPrimitive], typeof t[Symbol.dispose]);
log(t._idleTimeout, typeof t._onTimeout, t._repeat, t._destroyed, t.hasRef());
let n = 0;
const iv = setInterval(function () { n++; if (n === 3) { clearInterval(this); log('interval stopped by this', n, this._repeat); } }, 5);
let r = 0;
const again = setTimeout(function () { r++; if (r < 3) this.refresh(); else log('refreshed runs', r, this._destroyed); }, 25);
const imm = setImmediate(() => {});
log('imm hasRef', imm.hasRef(), imm.unref() === imm, imm.hasRef(), imm.ref().hasRef());
setTimeout(() => {
  const inner = setImmediate(function () { log('immediate this', this === inner, this._onImmediate === undefined, this._destroyed); });
}, 2);
const closed = setTimeout(() => log('never'), 1);
log('close returns', closed.close() === closed, closed._destroyed);
const disposed = setTimeout(() => log('never 2'), 1);
disposed[Symbol.dispose]();
const byId = setTimeout(() => log('never 3'), 1);
clearTimeout(+byId);
const unrefImm = setImmediate(() => log('unref immediate still runs while the loop runs'));
unrefImm.unref();
setTimeout(() => {
  log('after', t._destroyed, closed._destroyed, disposed._destroyed);
  const u = setImmediate(() => log('unref immediate alone'));
  u.unref();
}, 150);
process.on('exit', () => log('exit'));
// the 1 ms timer is due before the loop starts, so it runs before the first immediate (as in
// Node's first loop turn: timers, then immediates), however fast this script ran
for (const end = Date.now() + 5; Date.now() < end;);
