// The handles under node:zlib's streams, shaped as Node's binding objects (Zlib, BrotliEncoder,
// BrotliDecoder in src/node_zlib.cc) so modules/zlib.js can follow lib/zlib.js: init() with the
// write state (a Uint32Array [availOut, availIn]) and the write callback, write() and
// writeSync(), params(), reset(), close(); failures go to handle.onerror(message, errno, code).
// qjsw:binding/zlib does the work synchronously. write() only defers its outcome to a later
// turn of the loop, where Node's thread-pool completions arrive, so a stream still yields
// between chunks and its callbacks never run inside the caller's write.
import { create, init, initBrotli, write, params, reset, close } from 'qjsw:binding/zlib';
import { setImmediate } from 'qjsw:internal/loop';

const kNative = Symbol('kNative');
const kState = Symbol('kState');
const kCallback = Symbol('kCallback');

class Handle {
  constructor(mode) {
    // out of util.inspect's sight, as the internals of Node's handles are
    Object.defineProperty(this, kNative, { value: create(mode) });
    Object.defineProperty(this, kState, { value: null, writable: true });
    Object.defineProperty(this, kCallback, { value: null, writable: true });
  }

  write(flush, input, inOff, inLen, out, outOff, outLen) {
    const err = write(this[kNative], flush, input, inOff, inLen, out, outOff, outLen, this[kState]);
    setImmediate(() => {
      if (err) this.onerror(err[0], err[1], err[2]);
      else this[kCallback].call(this);
    });
  }

  writeSync(flush, input, inOff, inLen, out, outOff, outLen) {
    const err = write(this[kNative], flush, input, inOff, inLen, out, outOff, outLen, this[kState]);
    if (err) this.onerror(err[0], err[1], err[2]);
  }

  reset() {
    const err = reset(this[kNative]);
    if (err) this.onerror(err[0], err[1], err[2]);
  }

  close() {
    close(this[kNative]);
  }
}

export class Zlib extends Handle {
  // Returns the failure instead of calling onerror, which the stream sets only after init.
  init(windowBits, level, memLevel, strategy, writeState, writeCallback, dictionary) {
    this[kState] = writeState;
    this[kCallback] = writeCallback;
    return init(this[kNative], windowBits, level, memLevel, strategy, dictionary);
  }

  params(level, strategy) {
    const err = params(this[kNative], level, strategy);
    if (err) this.onerror(err[0], err[1], err[2]);
  }
}

class Brotli extends Handle {
  // false when brotli refuses a parameter, as Node's init()
  init(initParams, writeState, writeCallback) {
    this[kState] = writeState;
    this[kCallback] = writeCallback;
    return initBrotli(this[kNative], initParams);
  }

  // brotli cannot change parameters mid-stream; Node's binding ignores the call too
  params() {}
}

export class BrotliEncoder extends Brotli {}
export class BrotliDecoder extends Brotli {}
