'use strict';
require('../common');
// A WeakRef's target stays alive until the job queue is empty (the spec's KeptAlive list): in
// V8 `new WeakRef(obj).deref()` is obj even when nothing else holds it, through the rest of the
// synchronous code and its promise jobs. QuickJS freed it at once (patch 084). AbortSignal.timeout
// is held by nothing but its WeakRef here, as in Node's test-abortcontroller.js.
const ref = new WeakRef({ a: 1 });
console.log('same job', ref.deref()?.a);
const signals = [];
for (let i = 0; i < 3; i++) signals.push(new WeakRef(AbortSignal.timeout(60_000 + i)));
const handler = () => {};
for (const s of signals) {
  const signal = s.deref();
  console.log(signal instanceof AbortSignal, signal.aborted);
  signal.addEventListener('abort', handler);
  signal.removeEventListener('abort', handler);
}
Promise.resolve().then(() => {
  console.log('promise job', ref.deref()?.a, signals.every((s) => s.deref() instanceof AbortSignal));
});
// a fired timeout signal aborts with its TimeoutError when something listens
const listened = AbortSignal.timeout(5);
listened.addEventListener('abort', () => console.log('aborted', listened.reason.name, listened.reason.message));
// and one that a dependent signal (AbortSignal.any) waits on
const any = AbortSignal.any([AbortSignal.timeout(10)]);
any.onabort = () => console.log('any aborted', any.reason.name);
