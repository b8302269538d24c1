// Duplex: a Readable that also has every Writable method; allowHalfOpen decides whether the
// end of the readable side ends the writable side too.
import { Readable } from 'qjsw:internal/streams/readable';
import { Writable } from 'qjsw:internal/streams/writable';
import { kDuplex } from 'qjsw:internal/streams/utils';
import { importBuiltin } from 'qjsw:binding/module';

export function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  this._events ??= {
    close: undefined, error: undefined, prefinish: undefined, finish: undefined, drain: undefined,
    data: undefined, end: undefined, readable: undefined,
  };
  Readable.call(this, options, kDuplex);
  Writable.call(this, options, kDuplex);
  if (options) {
    this.allowHalfOpen = options.allowHalfOpen !== false;
    if (options.readable === false) {
      this._readableState.readable = false;
      this._readableState.ended = true;
      this._readableState.endEmitted = true;
    }
    if (options.writable === false) {
      this._writableState.writable = false;
      this._writableState.ending = true;
      this._writableState.ended = true;
      this._writableState.finished = true;
    }
  } else {
    this.allowHalfOpen = true;
  }
}
Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
Object.setPrototypeOf(Duplex, Readable);

for (const key of Reflect.ownKeys(Writable.prototype)) {
  // What Readable already has (destroy, pipe, on, errored, closed...) stays Readable's, as in Node.
  if (key in Duplex.prototype) continue;
  Object.defineProperty(Duplex.prototype, key, Object.getOwnPropertyDescriptor(Writable.prototype, key));
}

// Writable's destroy, as in Node: writes still queued fail with ERR_STREAM_DESTROYED.
Duplex.prototype.destroy = Writable.prototype.destroy;

// Both sides share one destroyed/closed/errored state as far as callers can tell.
Object.defineProperties(Duplex.prototype, {
  destroyed: {
    get() {
      if (this._readableState === undefined || this._writableState === undefined) return false;
      return this._readableState.destroyed && this._writableState.destroyed;
    },
    set(value) {
      if (this._readableState && this._writableState) {
        this._readableState.destroyed = value;
        this._writableState.destroyed = value;
      }
    },
    configurable: true,
  },
});

// the web stream adapters load on first use
const adapters = () => importBuiltin('qjsw:internal/webstreams/adapters');
Duplex.fromWeb = function (pair, options) {
  return adapters().newStreamDuplexFromReadableWritablePair(pair, options);
};
Duplex.toWeb = function (duplex) {
  return adapters().newReadableWritablePairFromDuplex(duplex);
};
// loads on first use too: duplexify builds on Duplex itself
Duplex.from = function (body) {
  return importBuiltin('qjsw:internal/streams/duplexify').duplexify(body, 'body');
};
