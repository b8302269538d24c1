// Transferring a web stream in a structured clone (structuredClone(rs, { transfer: [rs] })), as
// Node does it: the original is piped to (or from) one end of a message port pair and the
// receiver gets a new stream over the other end (the protocol of Node's
// lib/internal/webstreams/transfer.js: 'chunk', 'close', 'error' and 'pull' messages, a writer
// that waits for the reader's pull). Within one thread the port pair is emulated: a message is
// structured-cloned when posted and delivered on a later turn of the loop, as a MessagePort's is.
import { kState, kType, deferred, setPromiseHandled } from 'qjsw:internal/webstreams/util';
import {
  isReadableStream, isReadableStreamLocked, createReadableStream, readableStreamDefaultControllerEnqueue,
  readableStreamDefaultControllerClose, readableStreamDefaultControllerError,
} from 'qjsw:internal/webstreams/readablestream';
import {
  isWritableStream, isWritableStreamLocked, createWritableStream, controllerErrorIfNeeded,
} from 'qjsw:internal/webstreams/writablestream';
import { TransformStream, isTransformStream } from 'qjsw:internal/webstreams/transformstream';
import { readableStreamPipeTo } from 'qjsw:internal/webstreams/pipe';
import { DOMException } from 'qjsw:internal/dom_exception';
import { structuredClone } from 'qjsw:internal/structured_clone';
import { setImmediate } from 'qjsw:internal/loop';

export const isTransferableStream = (value) => isReadableStream(value) || isWritableStream(value) || isTransformStream(value);

export const streamKind = (value) =>
  (isReadableStream(value) ? 'ReadableStream' : isWritableStream(value) ? 'WritableStream' : 'TransformStream');

const locked = (kind) => new DOMException(`Cannot transfer a locked ${kind}`, 'DataCloneError');

// A DOMException crosses as a new one with its message and name (Node's CloneableDOMException).
function cloneValue(value) {
  if (value instanceof DOMException) return new DOMException(value.message, value.name);
  return structuredClone(value);
}

class Port {
  constructor() {
    this.peer = null;
    this.onmessage = null;
    this.closed = false;
  }

  postMessage(type, value) {
    if (this.closed) return;
    const data = { type, value: value === undefined ? undefined : cloneValue(value) };
    const peer = this.peer;
    setImmediate(() => {
      if (!peer.closed && peer.onmessage) peer.onmessage(data);
    });
  }

  close() {
    this.closed = true;
  }
}

function portPair() {
  const a = new Port();
  const b = new Port();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

// The reading end: what the other end writes comes out of a ReadableStream.
function crossRealmReadable(port, highWaterMark) {
  let controller;
  port.onmessage = ({ type, value }) => {
    if (type === 'chunk') {
      readableStreamDefaultControllerEnqueue(controller, value);
    } else if (type === 'close') {
      readableStreamDefaultControllerClose(controller);
      port.close();
    } else if (type === 'error') {
      readableStreamDefaultControllerError(controller, value);
      port.close();
    }
  };
  const stream = createReadableStream(
    () => {},
    () => {
      port.postMessage('pull');
      return Promise.resolve();
    },
    (reason) => {
      try {
        postError(port, reason);
        return Promise.resolve();
      } catch (err) {
        return Promise.reject(err);
      } finally {
        port.close();
      }
    },
    highWaterMark,
  );
  controller = stream[kState].controller;
  return stream;
}

// An error reason that cannot be cloned reaches the other end as the DataCloneError, and throws.
function postError(port, reason) {
  try {
    port.postMessage('error', reason);
  } catch (err) {
    port.postMessage('error', err);
    throw err;
  }
}

// The writing end: each chunk waits for the reader's pull before it is posted.
function crossRealmWritable(port) {
  let controller;
  let backpressure = deferred();
  const release = () => {
    if (backpressure !== undefined) backpressure.resolve();
    backpressure = undefined;
  };
  port.onmessage = ({ type, value }) => {
    if (type === 'pull') {
      release();
    } else if (type === 'error') {
      controllerErrorIfNeeded(controller, value);
      release();
    }
  };
  const stream = createWritableStream(
    () => {},
    async (chunk) => {
      if (backpressure === undefined) backpressure = { promise: Promise.resolve() };
      await backpressure.promise;
      backpressure = deferred();
      try {
        port.postMessage('chunk', chunk);
      } catch (err) {
        port.postMessage('error', err);
        port.close();
        throw err;
      }
    },
    () => {
      port.postMessage('close');
      port.close();
      return Promise.resolve();
    },
    (reason) => {
      try {
        postError(port, reason);
        return Promise.resolve();
      } catch (err) {
        return Promise.reject(err);
      } finally {
        port.close();
      }
    },
  );
  controller = stream[kState].controller;
  return stream;
}

const pipe = (from, to) => setPromiseHandled(readableStreamPipeTo(from, to, false, false, false, undefined));

// { out: the stream on the receiving side, commit(): connects the original to it }. Nothing is
// locked before commit(), so a clone that fails later leaves the original as it was.
export function prepareTransfer(stream) {
  if (isReadableStream(stream)) {
    if (isReadableStreamLocked(stream)) throw locked('ReadableStream');
    const [near, far] = portPair();
    return { out: crossRealmReadable(far, 0), commit: () => pipe(stream, crossRealmWritable(near)) };
  }
  if (isWritableStream(stream)) {
    if (isWritableStreamLocked(stream)) throw locked('WritableStream');
    const [near, far] = portPair();
    return { out: crossRealmWritable(far), commit: () => pipe(crossRealmReadable(near, 1), stream) };
  }
  const { readable, writable } = stream[kState];
  if (isReadableStreamLocked(readable)) throw locked('ReadableStream');
  if (isWritableStreamLocked(writable)) throw locked('WritableStream');
  const r = prepareTransfer(readable);
  const w = prepareTransfer(writable);
  // a TransformStream over the two transferred sides, without a transformer of its own
  const out = Object.create(TransformStream.prototype);
  out[kType] = 'TransformStream';
  out[kState] = { readable: r.out, writable: w.out, backpressure: undefined, controller: undefined };
  return {
    out,
    commit() {
      r.commit();
      w.commit();
    },
  };
}

// What [kTransfer]() does on its own: the stream as a receiver would get it.
export function transferStream(stream) {
  const { out, commit } = prepareTransfer(stream);
  commit();
  return out;
}
