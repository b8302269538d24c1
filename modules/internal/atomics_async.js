// Atomics.waitAsync, which Node 20 has and QuickJS has not. Every runtime here runs on one
// thread, so the only notify that can wake an async waiter is this runtime's own: the waiters
// are kept here and Atomics.notify (wrapped) wakes them first-come first-served, as V8 does;
// a waiter with a timeout settles 'timed-out' after it, without keeping the process alive.
import { importBuiltin } from 'qjsw:binding/module';

export function installAtomicsAsync(g) {
  const atomics = g.Atomics;
  if (!atomics || typeof atomics.waitAsync === 'function') return;
  const { wait, notify } = atomics;
  // [buffer, byte offset, resolve, timer], in the order they began waiting
  const waiters = [];
  const where = (ta, index) => ta.byteOffset + Math.trunc(Number(index) || 0) * ta.BYTES_PER_ELEMENT;
  const methods = {
    waitAsync(typedArray, index, value, timeout) {
      // the synchronous wait with no time checks the arguments and compares, in V8's words
      const now = wait(typedArray, index, value, 0);
      if (now === 'not-equal') return { async: false, value: now };
      const ms = timeout === undefined ? Infinity : Number(timeout);
      if (!(ms > 0) && !Number.isNaN(ms)) return { async: false, value: 'timed-out' };
      let waiter;
      const promise = new Promise((resolve) => {
        waiter = [typedArray.buffer, where(typedArray, index), resolve, null];
      });
      waiters.push(waiter);
      if (Number.isFinite(ms)) {
        waiter[3] = importBuiltin('node:timers').setTimeout(() => {
          const at = waiters.indexOf(waiter);
          if (at < 0) return;
          waiters.splice(at, 1);
          waiter[2]('timed-out');
        }, ms);
        waiter[3].unref();
      }
      return { async: true, value: promise };
    },
    notify(typedArray, index, count) {
      const woken = notify(typedArray, index, count);
      if (waiters.length === 0) return woken;
      let left = count === undefined ? Infinity : Math.max(0, Math.trunc(Number(count)) || 0);
      const buffer = typedArray.buffer;
      const offset = where(typedArray, index);
      let n = 0;
      for (let k = 0; k < waiters.length && left > 0; ) {
        const waiter = waiters[k];
        if (waiter[0] !== buffer || waiter[1] !== offset) {
          k++;
          continue;
        }
        waiters.splice(k, 1);
        if (waiter[3]) importBuiltin('node:timers').clearTimeout(waiter[3]);
        waiter[2]('ok');
        left--;
        n++;
      }
      return woken + n;
    },
  };
  for (const name of ['waitAsync', 'notify']) {
    Object.defineProperty(atomics, name, { __proto__: null, value: methods[name], writable: true, enumerable: false, configurable: true });
  }
}
