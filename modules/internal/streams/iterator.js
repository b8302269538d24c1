// Async iteration of a Readable (`for await`). A hand-written iterator rather than an async
// generator: QuickJS does not wait for a generator's return() when a loop breaks, so cleanup
// must happen synchronously inside return() itself.
import { eos } from 'qjsw:internal/streams/end-of-stream';
import { destroyer } from 'qjsw:internal/streams/destroy';
import { aggregateTwoErrors } from 'qjsw:internal/streams/utils';

export function createAsyncIterator(stream, options) {
  let wake = null;
  // undefined while running, null once ended cleanly, else the error that ended it.
  let error;
  let done = false;
  const notify = () => {
    const w = wake;
    wake = null;
    if (w) w();
  };
  stream.on('readable', notify);
  const cleanup = eos(stream, { writable: false }, (err) => {
    error = err ? aggregateTwoErrors(error, err) : null;
    notify();
  });

  // Mirrors the `finally` of Node's generator: destroy on early exit or error, else detach.
  function finish() {
    if (done) return;
    done = true;
    if ((error || options?.destroyOnReturn !== false) && (error === undefined || stream._readableState.autoDestroy)) {
      destroyer(stream, null);
    } else {
      stream.off('readable', notify);
      cleanup();
    }
  }

  async function step() {
    for (;;) {
      if (done) return { value: undefined, done: true };
      const chunk = stream.destroyed ? null : stream.read();
      if (chunk !== null) return { value: chunk, done: false };
      if (error) {
        finish();
        throw error;
      }
      if (error === null) {
        finish();
        return { value: undefined, done: true };
      }
      await new Promise((resolve) => {
        wake = resolve;
      });
    }
  }

  // Concurrent next() calls are answered in order. An idle iterator reads at once, as Node's
  // generator does (so its read() comes before the 'readable' listener's nextTick read(0)), and
  // answers a tick later, as the generator's `yield` does.
  let pending = 0;
  let tail;
  const settle = () => { pending--; };
  const same = (r) => r;
  return {
    next() {
      const result = pending === 0 ? step().then(same) : tail.then(step);
      pending++;
      tail = result.then(settle, settle);
      return result;
    },
    return(value) {
      finish();
      return Promise.resolve({ value, done: true });
    },
    throw(err) {
      error = aggregateTwoErrors(error, err);
      finish();
      return Promise.reject(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
