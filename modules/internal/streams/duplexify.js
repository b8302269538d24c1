// Duplex.from(body): turns whatever Node accepts there (a stream, a web stream, a
// { readable, writable } pair, an (async) iterable, an async generator function of the written
// chunks, a promise, a Blob) into a Duplex, as lib/internal/streams/duplexify.js does.
import process from 'qjsw:internal/process_object';
import { invalidArgType } from 'qjsw:internal/errors';
import { Blob } from 'qjsw:internal/blob';
import { AbortController } from 'qjsw:internal/abort';
import { Duplex } from 'qjsw:internal/streams/duplex';
import { Readable } from 'qjsw:internal/streams/readable';
import { Writable } from 'qjsw:internal/streams/writable';
import { from } from 'qjsw:internal/streams/from';
import { eos } from 'qjsw:internal/streams/end-of-stream';
import { destroyer } from 'qjsw:internal/streams/destroy';
import {
  errors, AbortError, isReadable, isWritable, isIterable, isNodeStream, isReadableNodeStream, isWritableNodeStream,
  isReadableStream, isWritableStream,
} from 'qjsw:internal/streams/utils';

export function isDuplexNodeStream(obj) {
  return !!(obj && typeof obj.pipe === 'function' && obj._readableState && typeof obj.on === 'function' &&
    typeof obj.write === 'function');
}

// A Duplex whose options may switch a side off from the start.
class Duplexify extends Duplex {
  constructor(options) {
    super(options);
    if (options?.readable === false) {
      const r = this._readableState;
      r.readable = false;
      r.ended = true;
      r.endEmitted = true;
    }
    if (options?.writable === false) {
      const w = this._writableState;
      w.writable = false;
      w.ending = true;
      w.ended = true;
      w.finished = true;
    }
  }
}

const bodyTypes = ['Blob', 'ReadableStream', 'WritableStream', 'Stream', 'Iterable', 'AsyncIterable', 'Function',
  '{ readable, writable } pair', 'Promise'];

export function duplexify(body, name) {
  if (isDuplexNodeStream(body)) return body;
  if (isReadableNodeStream(body)) return joinSides({ readable: body });
  if (isWritableNodeStream(body)) return joinSides({ writable: body });
  if (isNodeStream(body)) return joinSides({ writable: false, readable: false });
  if (isReadableStream(body)) return joinSides({ readable: Readable.fromWeb(body) });
  if (isWritableStream(body)) return joinSides({ writable: Writable.fromWeb(body) });

  if (typeof body === 'function') {
    const { value, write, final, destroy } = fromAsyncGen(body);
    // a constructor may hand back a stream of its own
    if (isDuplexNodeStream(value)) return value;
    if (isIterable(value)) return from(Duplexify, value, { objectMode: true, write, final, destroy });
    const then = value?.then;
    if (typeof then === 'function') {
      let d;
      // The function consumed the written chunks and settles once done: the Duplex finishes then.
      const done = then.call(value, (val) => {
        if (val != null) throw errors.invalidReturnValue('nully', 'body', val);
      }, (err) => {
        destroyer(d, err);
      });
      d = new Duplexify({
        objectMode: true,
        readable: false,
        write,
        final(cb) {
          final(async () => {
            try {
              await done;
              process.nextTick(cb, null);
            } catch (err) {
              process.nextTick(cb, err);
            }
          });
        },
        destroy,
      });
      return d;
    }
    throw errors.invalidReturnValue('Iterable, AsyncIterable or AsyncFunction', name, value);
  }

  if (body instanceof Blob) return duplexify(body.arrayBuffer());
  if (isIterable(body)) return from(Duplexify, body, { objectMode: true, writable: false });
  if (isReadableStream(body?.readable) && isWritableStream(body?.writable)) return Duplexify.fromWeb(body);

  if (typeof body?.writable === 'object' || typeof body?.readable === 'object') {
    const side = (s, isNode) => (s ? (isNode(s) ? s : duplexify(s)) : undefined);
    return joinSides({
      readable: side(body?.readable, isReadableNodeStream),
      writable: side(body?.writable, isWritableNodeStream),
    });
  }

  const then = body?.then;
  if (typeof then === 'function') {
    let d;
    then.call(body, (val) => {
      if (val != null) d.push(val);
      d.push(null);
    }, (err) => {
      destroyer(d, err);
    });
    d = new Duplexify({ objectMode: true, writable: false, read() {} });
    return d;
  }

  throw invalidArgType(name, bodyTypes, body);
}

// The function gets an async iterable of what is written to the Duplex (each write calls back
// once the function takes the chunk) and a signal that aborts when the Duplex is destroyed.
function fromAsyncGen(fn) {
  let { promise, resolve } = deferred();
  const ac = new AbortController();
  const signal = ac.signal;
  async function* written() {
    for (;;) {
      const current = promise;
      promise = null;
      const { chunk, done, cb } = await current;
      process.nextTick(cb);
      if (done) return;
      if (signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
      ({ promise, resolve } = deferred());
      yield chunk;
    }
  }
  const value = fn(written(), { signal });
  // the Writable side writes one chunk at a time, each after the previous one was taken
  const hand = (item) => {
    const r = resolve;
    resolve = null;
    r(item);
  };
  return {
    value,
    write(chunk, encoding, cb) {
      hand({ chunk, done: false, cb });
    },
    final(cb) {
      hand({ done: true, cb });
    },
    destroy(err, cb) {
      ac.abort();
      cb(err);
    },
  };
}

function deferred() {
  let resolve;
  const promise = new Promise((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

// One Duplex over a readable and/or a writable Node stream: writes go to the writable, reads
// come from the readable, and either side's failure destroys the whole.
function joinSides(pair) {
  const r = pair.readable && typeof pair.readable.read !== 'function' ? Readable.wrap(pair.readable) : pair.readable;
  const w = pair.writable;
  let readable = !!isReadable(r);
  let writable = !!isWritable(w);
  let ondrain;
  let onfinish;
  let onreadable;
  let onclose;
  let d;

  function onfinished(err) {
    const cb = onclose;
    onclose = null;
    if (cb) cb(err);
    else if (err) d.destroy(err);
  }

  d = new Duplexify({
    readableObjectMode: !!r?.readableObjectMode,
    writableObjectMode: !!w?.writableObjectMode,
    readable,
    writable,
  });

  if (writable) {
    eos(w, (err) => {
      writable = false;
      if (err) destroyer(r, err);
      onfinished(err);
    });
    d._write = function (chunk, encoding, callback) {
      if (w.write(chunk, encoding)) callback();
      else ondrain = callback;
    };
    d._final = function (callback) {
      w.end();
      onfinish = callback;
    };
    w.on('drain', () => {
      const cb = ondrain;
      ondrain = null;
      if (cb) cb();
    });
    w.on('finish', () => {
      const cb = onfinish;
      onfinish = null;
      if (cb) cb();
    });
  }

  if (readable) {
    eos(r, (err) => {
      readable = false;
      if (err) destroyer(r, err);
      onfinished(err);
    });
    r.on('readable', () => {
      const cb = onreadable;
      onreadable = null;
      if (cb) cb();
    });
    r.on('end', () => {
      d.push(null);
    });
    d._read = function () {
      for (;;) {
        const buf = r.read();
        if (buf === null) {
          onreadable = d._read;
          return;
        }
        if (!d.push(buf)) return;
      }
    };
  }

  d._destroy = function (err, callback) {
    if (!err && onclose !== null) err = new AbortError();
    onreadable = null;
    ondrain = null;
    onfinish = null;
    if (onclose === null) {
      callback(err);
    } else {
      onclose = callback;
      destroyer(w, err);
      destroyer(r, err);
    }
  };
  return d;
}
