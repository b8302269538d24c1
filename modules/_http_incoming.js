// Node's IncomingMessage: a request a server received or a response a client received, read
// from its socket by the connection's parser (qjsw:internal/http_parser). Headers are joined
// as Node joins duplicates.
import { Readable, finished } from 'node:stream';
import { nextTick } from 'qjsw:internal/loop';

const kHeaders = Symbol('kHeaders');
const kHeadersDistinct = Symbol('kHeadersDistinct');
const kTrailers = Symbol('kTrailers');
const kTrailersDistinct = Symbol('kTrailersDistinct');

// duplicates of these are dropped (the first one counts), as Node's matchKnownFields
const SINGLE = new Set(['content-type', 'content-length', 'user-agent', 'referer', 'host', 'authorization',
  'proxy-authorization', 'if-modified-since', 'if-unmodified-since', 'from', 'location', 'max-forwards',
  'retry-after', 'etag', 'last-modified', 'server', 'age', 'expires']);

function joinHeaders(raw, joinDuplicates) {
  const out = {};
  for (let i = 0; i < raw.length; i += 2) addHeaderLine(raw[i], raw[i + 1], out, joinDuplicates);
  return out;
}

function addHeaderLine(field, value, dest, joinDuplicates = false) {
  const name = field.toLowerCase();
  if (name === 'set-cookie') {
    if (dest[name] !== undefined) dest[name].push(value);
    else dest[name] = [value];
  } else if (dest[name] === undefined) {
    dest[name] = value;
  } else if (name === 'cookie') {
    dest[name] += `; ${value}`;
  } else if (joinDuplicates || !SINGLE.has(name)) {
    dest[name] += `, ${value}`;
  }
}

function distinct(raw) {
  const out = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    (out[name] ??= []).push(raw[i + 1]);
  }
  return out;
}

export function IncomingMessage(socket) {
  if (!(this instanceof IncomingMessage)) return new IncomingMessage(socket);
  Readable.call(this, socket ? { highWaterMark: socket.readableHighWaterMark } : undefined);
  this._readableState.readingMore = true;
  this.socket = socket ?? null;
  this[kHeaders] = null;
  this[kHeadersDistinct] = null;
  this.rawHeaders = [];
  this[kTrailers] = null;
  this[kTrailersDistinct] = null;
  this.rawTrailers = [];
  this.joinDuplicateHeaders = false;
  this.aborted = false;
  this.upgrade = null;
  this.url = '';
  this.method = null;
  this.statusCode = null;
  this.statusMessage = null;
  this.client = this.socket;
  this._consuming = false;
  this._dumped = false;
  this.complete = false;
  this.httpVersionMajor = null;
  this.httpVersionMinor = null;
  this.httpVersion = null;
}
Object.setPrototypeOf(IncomingMessage.prototype, Readable.prototype);
Object.setPrototypeOf(IncomingMessage, Readable);

Object.defineProperties(IncomingMessage.prototype, {
  connection: {
    get() { return this.socket; },
    set(value) { this.socket = value; },
    configurable: true,
  },
  headers: {
    get() {
      return (this[kHeaders] ??= joinHeaders(this.rawHeaders, this.joinDuplicateHeaders));
    },
    set(value) { this[kHeaders] = value; },
    configurable: true,
  },
  headersDistinct: {
    get() { return (this[kHeadersDistinct] ??= distinct(this.rawHeaders)); },
    set(value) { this[kHeadersDistinct] = value; },
    configurable: true,
  },
  trailers: {
    get() { return (this[kTrailers] ??= joinHeaders(this.rawTrailers, this.joinDuplicateHeaders)); },
    set(value) { this[kTrailers] = value; },
    configurable: true,
  },
  trailersDistinct: {
    get() { return (this[kTrailersDistinct] ??= distinct(this.rawTrailers)); },
    set(value) { this[kTrailersDistinct] = value; },
    configurable: true,
  },
});

IncomingMessage.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (callback) this.on('timeout', callback);
  this.socket?.setTimeout(msecs);
  return this;
};

IncomingMessage.prototype._read = function _read() {
  if (!this._consuming) {
    this._readableState.readingMore = false;
    this._consuming = true;
  }
};

// An unfinished message destroyed is aborted, and takes its socket with it.
IncomingMessage.prototype._destroy = function _destroy(err, cb) {
  if (!this.readableEnded || !this.complete) {
    this.aborted = true;
    this.emit('aborted');
  }
  const { socket } = this;
  if (socket && !socket.destroyed && this.aborted) {
    socket.destroy(err);
    const cleanup = finished(socket, (e) => {
      if (e?.code === 'ERR_STREAM_PREMATURE_CLOSE') e = null;
      cleanup();
      nextTick(onError, [this, e || err, cb]);
    });
  } else {
    nextTick(onError, [this, err, cb]);
  }
};

// Node emits a message's error only to listeners of it: unheard, it is not an uncaught one.
function onError(self, error, cb) {
  if (self.listenerCount('error') === 0) cb();
  else cb(error);
}

IncomingMessage.prototype._addHeaderLines = function _addHeaderLines(headers) {
  this.rawHeaders = headers;
  this[kHeaders] = null;
  this[kHeadersDistinct] = null;
};
IncomingMessage.prototype._addHeaderLine = function _addHeaderLine(field, value, dest) {
  addHeaderLine(field, value, dest, this.joinDuplicateHeaders);
};

// Reads and drops the body nobody reads, so the connection can go on.
IncomingMessage.prototype._dump = function _dump() {
  if (this._dumped) return;
  this._dumped = true;
  this.removeAllListeners('data');
  this.resume();
};

export function readStart(socket) {
  if (socket && !socket._paused && socket.readable) socket.resume();
}
export function readStop(socket) {
  socket?.pause();
}

export default { IncomingMessage, readStart, readStop };
