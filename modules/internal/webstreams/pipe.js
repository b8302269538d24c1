// ReadableStreamPipeTo (streams.spec.whatwg.org §4.9.4): reads from a locked source and writes
// to a locked destination, propagating close, errors and aborts as the pipe options say.
import { kState, invalidState, deferred, setPromiseHandled, validateAbortSignal } from 'qjsw:internal/webstreams/util';
import { AbortError } from 'qjsw:internal/streams/utils';
import { DOMException } from 'qjsw:internal/dom_exception';
import {
  ReadableStreamDefaultReader, readableStreamDefaultReaderRead, readableStreamReaderGenericRelease, readableStreamCancel,
} from 'qjsw:internal/webstreams/readablestream';
import {
  WritableStreamDefaultWriter, writerWrite, writerRelease, writableStreamAbort, writableStreamCloseQueuedOrInFlight,
  writerCloseWithErrorPropagation,
} from 'qjsw:internal/webstreams/writablestream';

export function readableStreamPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
  let reader, writer;
  try {
    reader = new ReadableStreamDefaultReader(source);
    writer = new WritableStreamDefaultWriter(dest);
  } catch (err) {
    return Promise.reject(err);
  }
  // pipeTo() checked its options already; this is for Node's internal callers
  if (signal !== undefined) {
    try {
      validateAbortSignal(signal, 'options.signal');
    } catch (err) {
      return Promise.reject(err);
    }
  }
  source[kState].disturbed = true;
  let shuttingDown = false;
  let currentWrite = Promise.resolve();
  const result = deferred();

  function finalize(rejected, error) {
    writerRelease(writer);
    readableStreamReaderGenericRelease(reader);
    if (signal !== undefined) signal.removeEventListener('abort', abortAlgorithm);
    if (rejected) result.reject(error);
    else result.resolve();
  }

  // Waits for the last write started, and for any started while waiting.
  function waitForCurrentWrite() {
    const write = currentWrite;
    return write.then(() => (write !== currentWrite ? waitForCurrentWrite() : undefined));
  }

  function destWritable() {
    return dest[kState].state === 'writable' && !writableStreamCloseQueuedOrInFlight(dest);
  }

  function shutdownWithAnAction(action, rejected, originalError) {
    if (shuttingDown) return;
    shuttingDown = true;
    const complete = () => {
      action().then(() => finalize(rejected, originalError), (err) => finalize(true, err));
    };
    if (destWritable()) waitForCurrentWrite().then(complete, (err) => finalize(true, err));
    else complete();
  }

  function shutdown(rejected, error) {
    if (shuttingDown) return;
    shuttingDown = true;
    if (destWritable()) waitForCurrentWrite().then(() => finalize(rejected, error), (err) => finalize(true, err));
    else finalize(rejected, error);
  }

  function abortAlgorithm() {
    // Node's own AbortError reason becomes the DOMException a web stream's abort is
    let error = signal.reason;
    if (error instanceof AbortError) error = new DOMException(error.message, 'AbortError');
    const actions = [];
    if (!preventAbort) actions.push(() => (dest[kState].state === 'writable' ? writableStreamAbort(dest, error) : Promise.resolve()));
    if (!preventCancel) actions.push(() => (source[kState].state === 'readable' ? readableStreamCancel(source, error) : Promise.resolve()));
    shutdownWithAnAction(() => Promise.all(actions.map((action) => action())), true, error);
  }

  // One read and the write it starts; resolves true when the pipe should stop reading.
  function step() {
    if (shuttingDown) return Promise.resolve(true);
    return writer[kState].ready.promise.then(() => {
      const d = deferred();
      readableStreamDefaultReaderRead(reader, {
        chunk(chunk) {
          currentWrite = writerWrite(writer, chunk);
          setPromiseHandled(currentWrite);
          d.resolve(false);
        },
        close: () => d.resolve(true),
        error: (err) => d.reject(err),
      });
      return d.promise;
    });
  }

  // a loop, not a chain of promises each resolved with the next (which would keep every step alive)
  async function run() {
    while (!(await step()));
  }

  if (signal !== undefined) {
    if (signal.aborted) {
      abortAlgorithm();
      return result.promise;
    }
    signal.addEventListener('abort', abortAlgorithm, { once: true });
  }

  setPromiseHandled(run());

  const watchErrored = (stream, promise, action) => {
    if (stream[kState].state === 'errored') action(stream[kState].storedError);
    else promise.then(undefined, action);
  };
  const watchClosed = (stream, promise, action) => {
    if (stream[kState].state === 'closed') action();
    else promise.then(action, () => {});
  };

  watchErrored(source, reader[kState].close.promise, (error) => {
    if (!preventAbort) shutdownWithAnAction(() => writableStreamAbort(dest, error), true, error);
    else shutdown(true, error);
  });
  watchErrored(dest, writer[kState].close.promise, (error) => {
    if (!preventCancel) shutdownWithAnAction(() => readableStreamCancel(source, error), true, error);
    else shutdown(true, error);
  });
  watchClosed(source, reader[kState].close.promise, () => {
    if (!preventClose) shutdownWithAnAction(() => writerCloseWithErrorPropagation(writer));
    else shutdown();
  });
  if (writableStreamCloseQueuedOrInFlight(dest) || dest[kState].state === 'closed') {
    const error = invalidState('Destination WritableStream is closed');
    if (!preventCancel) shutdownWithAnAction(() => readableStreamCancel(source, error), true, error);
    else shutdown(true, error);
  }
  return result.promise;
}
