'use strict';
// Atomics on one thread: every operation on shared and plain integer arrays, wait's answers
// (not-equal, timed-out after at least its timeout, the sleep idiom), notify with no waiters,
// and the argument errors in V8's words.
const sab = new SharedArrayBuffer(64);
const i32 = new Int32Array(sab);
const u8 = new Uint8Array(sab, 16, 8);
const big = new BigInt64Array(sab, 32, 2);

console.log(typeof Atomics, Object.prototype.toString.call(Atomics), Object.getOwnPropertyNames(Atomics).sort().join());
console.log(Atomics.store(i32, 0, 5), Atomics.add(i32, 0, 3), Atomics.sub(i32, 0, 1), Atomics.load(i32, 0));
console.log(Atomics.and(i32, 0, 6), Atomics.or(i32, 0, 9), Atomics.xor(i32, 0, 3), Atomics.load(i32, 0));
console.log(Atomics.exchange(i32, 1, 42), Atomics.compareExchange(i32, 1, 42, 7), Atomics.compareExchange(i32, 1, 0, 9), i32[1]);
console.log(Atomics.add(u8, 0, 300), u8[0], Atomics.sub(u8, 1, 1), u8[1]);
console.log(Atomics.add(big, 0, 5n), Atomics.load(big, 0), Atomics.store(big, 1, -3n));
console.log(Atomics.isLockFree(1), Atomics.isLockFree(2), Atomics.isLockFree(3), Atomics.isLockFree(4), Atomics.isLockFree(8));
console.log(Atomics.add(new Int16Array(4), 2, 7), Atomics.load(new Uint32Array([4294967295]), 0));

console.log(Atomics.wait(i32, 0, 12345, 0), Atomics.wait(big, 0, 99n, 10));
let start = Date.now();
console.log(Atomics.wait(i32, 2, 0, 30), Date.now() - start >= 29);
start = Date.now();
// the synchronous sleep idiom
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
console.log('slept', Date.now() - start >= 49);
console.log(Atomics.wait(i32, 2, 0, -1), Atomics.wait(i32, 2, 0, NaN === 0 ? 1 : 0));
console.log(Atomics.notify(i32, 0), Atomics.notify(i32, 0, 1), Atomics.notify(new Int32Array(4), 0, 1));

const t = (f) => {
  try {
    console.log(f());
  } catch (e) {
    console.log(`${e.name}: ${e.message}`);
  }
};
t(() => Atomics.add(1, 0, 1));
t(() => Atomics.add({}, 0, 1));
t(() => Atomics.load([1, 2], 0));
t(() => Atomics.store(new Float64Array(2), 0, 1));
t(() => Atomics.store(new Uint8ClampedArray(2), 0, 1));
t(() => Atomics.add(new Int32Array(4), 9, 1));
t(() => Atomics.load(new Int32Array(4), -1));
t(() => Atomics.wait(new Int8Array(new SharedArrayBuffer(4)), 0, 0, 0));
t(() => Atomics.notify(new Uint32Array(new SharedArrayBuffer(4)), 0, 0));
t(() => Atomics.wait(new Int32Array(4), 0, 0, 0));
t(() => Atomics.add(new BigInt64Array(2), 0, 1));
t(() => Atomics.waitAsync(new Int32Array(4), 0, 0));
t(() => Atomics.waitAsync(new Uint8Array(new SharedArrayBuffer(4)), 0, 0));

// waitAsync: settled at once, woken by this thread's notify, or timed out
console.log(Atomics.waitAsync.length, Atomics.notify.length, Atomics.waitAsync.name);
console.log(Atomics.waitAsync(i32, 0, 999), Atomics.waitAsync(i32, 2, 0, 0), Atomics.waitAsync(i32, 2, 0, -5));
const a = Atomics.waitAsync(i32, 3, 0);
const b = Atomics.waitAsync(i32, 3, 0, 1000);
const c = Atomics.waitAsync(i32, 6, 0, 20);
const d = Atomics.waitAsync(new Int32Array(sab, 12, 1), 0, 0);
console.log(a.async, typeof a.value.then, b.async);
a.value.then((v) => console.log('a', v));
b.value.then((v) => console.log('b', v));
c.value.then((v) => console.log('c', v));
d.value.then((v) => console.log('d (same cell as i32[3])', v));
console.log('notify one', Atomics.notify(i32, 3, 1));
console.log('notify rest', Atomics.notify(i32, 3));
console.log('notify none', Atomics.notify(i32, 3));
// a waiter without a timeout keeps nothing alive
Atomics.waitAsync(i32, 7, 0).value.then(() => console.log('never'));
