// Node's OutgoingMessage, the half of an HTTP exchange that is written: headers kept as Node
// keeps them and written in Node's order (the caller's, then Date, Connection, Keep-Alive and
// the framing: Content-Length when the whole body is known at once, else chunked), the body
// framed to match, all through the connection's socket (buffered until there is one).
import { Stream } from 'node:stream';
import { validateHeaderName, validateHeaderValue } from 'node:_http_common';
import { invalidArgType, nodeError } from 'qjsw:internal/errors';
import { nextTick } from 'qjsw:internal/loop';

export { validateHeaderName, validateHeaderValue };
export const kHighWaterMark = Symbol('kHighWaterMark');
export const kUniqueHeaders = Symbol('kUniqueHeaders');
export const kOutHeaders = Symbol('kOutHeaders');
const kNeedDrain = Symbol('kNeedDrain');
const kCorked = Symbol('corked');

export function parseUniqueHeadersOption(headers) {
  return Array.isArray(headers) ? new Set(headers.map((h) => String(h).toLowerCase())) : null;
}

let dateCache;
let dateCacheSecond = -1;
export function utcDate() {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateCacheSecond) {
    dateCacheSecond = second;
    dateCache = new Date(now).toUTCString();
  }
  return dateCache;
}

const headersSentError = (what) => nodeError(Error, 'ERR_HTTP_HEADERS_SENT', `Cannot ${what} headers after they are sent to the client`);
const nop = () => {};

export function OutgoingMessage(options) {
  if (!(this instanceof OutgoingMessage)) return new OutgoingMessage(options);
  Stream.call(this);
  this.outputData = [];
  this.outputSize = 0;
  this.writable = true;
  this.destroyed = false;
  this._last = false;
  this.chunkedEncoding = false;
  this.shouldKeepAlive = true;
  this.maxRequestsOnConnectionReached = false;
  this._defaultKeepAlive = true;
  this.useChunkedEncodingByDefault = true;
  this.sendDate = false;
  this._removedConnection = false;
  this._removedContLen = false;
  this._removedTE = false;
  this.strictContentLength = false;
  this._contentLength = null;
  this._hasBody = true;
  this._trailer = '';
  this[kNeedDrain] = false;
  this.finished = false;
  this._headerSent = false;
  this[kCorked] = 0;
  this._closed = false;
  this.socket = null;
  this._header = null;
  this[kOutHeaders] = null;
  this._keepAliveTimeout = 0;
  this._onPendingData = nop;
  this[kHighWaterMark] = options?.highWaterMark ?? 16384;
}
Object.setPrototypeOf(OutgoingMessage.prototype, Stream.prototype);
Object.setPrototypeOf(OutgoingMessage, Stream);

Object.defineProperties(OutgoingMessage.prototype, {
  errored: { get() { return this._errored ?? null; }, set(v) { this._errored = v; }, configurable: true },
  closed: { get() { return this._closed; }, configurable: true },
  writableFinished: {
    get() { return this.finished && this.outputSize === 0 && (!this.socket || this.socket.writableLength === 0); },
    configurable: true,
  },
  writableObjectMode: { get() { return false; }, configurable: true },
  writableLength: { get() { return this.outputSize + (this.socket ? this.socket.writableLength : 0); }, configurable: true },
  writableHighWaterMark: { get() { return this.socket ? this.socket.writableHighWaterMark : this[kHighWaterMark]; }, configurable: true },
  writableCorked: { get() { return this.socket ? this.socket.writableCorked : this[kCorked]; }, configurable: true },
  writableEnded: { get() { return this.finished; }, configurable: true },
  writableNeedDrain: { get() { return !this.destroyed && !this.finished && this[kNeedDrain]; }, configurable: true },
  connection: { get() { return this.socket; }, set(v) { this.socket = v; }, configurable: true },
  headersSent: { get() { return !!this._header; }, configurable: true },
});

OutgoingMessage.prototype.cork = function cork() {
  if (this.socket) this.socket.cork();
  else this[kCorked]++;
};
OutgoingMessage.prototype.uncork = function uncork() {
  if (this.socket) this.socket.uncork();
  else if (this[kCorked]) this[kCorked]--;
};

OutgoingMessage.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (callback) this.on('timeout', callback);
  if (!this.socket) this.once('socket', (socket) => socket.setTimeout(msecs));
  else this.socket.setTimeout(msecs);
  return this;
};

OutgoingMessage.prototype.destroy = function destroy(error) {
  if (this.destroyed) return this;
  this.destroyed = true;
  this.errored = error;
  if (this.socket) this.socket.destroy(error);
  else this.once('socket', (socket) => socket.destroy(error));
  return this;
};

// Writes through the socket once it is this message's; until then into outputData.
OutgoingMessage.prototype._send = function _send(data, encoding, callback) {
  if (!this._headerSent && this._header !== null) {
    if (typeof data === 'string' && (encoding === 'utf8' || encoding === 'latin1' || !encoding)) {
      data = this._header + data;
    } else {
      this.outputData.unshift({ data: this._header, encoding: 'latin1', callback: null });
      this.outputSize += this._header.length;
      this._onPendingData(this._header.length);
    }
    this._headerSent = true;
  }
  return this._writeRaw(data, encoding, callback);
};

OutgoingMessage.prototype._writeRaw = function _writeRaw(data, encoding, callback) {
  const conn = this.socket;
  if (conn?.destroyed) return false;
  if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  if (conn && conn._httpMessage === this && conn.writable) {
    if (this.outputData.length) this._flushOutput(conn);
    return conn.write(data, encoding, callback);
  }
  this.outputData.push({ data, encoding, callback });
  this.outputSize += data.length;
  this._onPendingData(data.length);
  return this.outputSize < this[kHighWaterMark];
};

OutgoingMessage.prototype._flushOutput = function _flushOutput(socket) {
  while (this[kCorked]) {
    this[kCorked]--;
    socket.cork();
  }
  const { outputData } = this;
  if (!outputData.length) return undefined;
  socket.cork();
  let ret;
  for (const { data, encoding, callback } of outputData) {
    data.length ? ret = socket.write(data, encoding, callback) : callback?.();
  }
  socket.uncork();
  this.outputData = [];
  this._onPendingData(-this.outputSize);
  this.outputSize = 0;
  return ret;
};

OutgoingMessage.prototype._storeHeader = function _storeHeader(firstLine, headers) {
  const state = { connection: false, contLen: false, te: false, date: false, expect: false, trailer: false, header: firstLine };
  const add = (key, value) => {
    if (Array.isArray(value)) {
      for (const v of value) add(key, v);
      return;
    }
    validateHeaderName(key);
    validateHeaderValue(key, value);
    state.header += `${key}: ${value}\r\n`;
    const lower = key.toLowerCase();
    if (lower === 'connection') {
      state.connection = true;
      if (/(?:^|\W)close(?:$|\W)/i.test(String(value))) this._last = true;
      else this.shouldKeepAlive = true;
    } else if (lower === 'transfer-encoding') {
      state.te = true;
      if (/(?:^|\W)chunked(?:$|\W)/i.test(String(value))) this.chunkedEncoding = true;
    } else if (lower === 'content-length') state.contLen = true;
    else if (lower === 'date') state.date = true;
    else if (lower === 'expect') state.expect = true;
    else if (lower === 'trailer') state.trailer = true;
  };
  if (headers) {
    if (headers === this[kOutHeaders]) {
      for (const key in headers) add(headers[key][0], headers[key][1]);
    } else if (Array.isArray(headers)) {
      if (headers.length && Array.isArray(headers[0])) for (const [k, v] of headers) add(k, v);
      else for (let i = 0; i < headers.length; i += 2) add(headers[i], headers[i + 1]);
    } else {
      for (const key of Object.keys(headers)) add(key, headers[key]);
    }
  }
  if (this.sendDate && !state.date) state.header += `Date: ${utcDate()}\r\n`;
  if (!state.connection) {
    const sendKeepAlive = this.shouldKeepAlive && (state.contLen || this.useChunkedEncodingByDefault || this.agent);
    if (sendKeepAlive && this.maxRequestsOnConnectionReached) {
      state.header += 'Connection: close\r\n';
    } else if (sendKeepAlive) {
      state.header += 'Connection: keep-alive\r\n';
      if (this._keepAliveTimeout && this._defaultKeepAlive) {
        state.header += `Keep-Alive: timeout=${Math.floor(this._keepAliveTimeout / 1000)}\r\n`;
      }
    } else {
      this._last = true;
      state.header += 'Connection: close\r\n';
    }
  }
  if (!state.contLen && !state.te) {
    if (!this._hasBody) {
      this.chunkedEncoding = false;
    } else if (!this.useChunkedEncodingByDefault) {
      this._last = true;
    } else if (!state.trailer && !this._removedContLen && typeof this._contentLength === 'number') {
      state.header += `Content-Length: ${this._contentLength}\r\n`;
    } else if (!this._removedTE) {
      state.header += 'Transfer-Encoding: chunked\r\n';
      this.chunkedEncoding = true;
    } else {
      this._last = true;
    }
  }
  if (this.chunkedEncoding !== true && state.trailer) {
    throw nodeError(Error, 'ERR_HTTP_TRAILER_INVALID', 'Trailers are invalid with this transfer encoding');
  }
  this._header = `${state.header}\r\n`;
  this._headerSent = false;
  if (state.expect) this._send('');
};

OutgoingMessage.prototype.setHeader = function setHeader(name, value) {
  if (this._header) throw headersSentError('set');
  validateHeaderName(name);
  validateHeaderValue(name, value);
  (this[kOutHeaders] ??= { __proto__: null })[name.toLowerCase()] = [name, value];
  return this;
};

OutgoingMessage.prototype.setHeaders = function setHeaders(headers) {
  if (this._header) throw headersSentError('set');
  if (!headers || Array.isArray(headers) || typeof headers.keys !== 'function' || typeof headers.get !== 'function') {
    throw invalidArgType('headers', ['Headers', 'Map'], headers);
  }
  for (const key of headers.keys()) this.setHeader(key, headers.get(key));
  return this;
};

OutgoingMessage.prototype.appendHeader = function appendHeader(name, value) {
  if (this._header) throw headersSentError('append');
  validateHeaderName(name);
  validateHeaderValue(name, value);
  const field = name.toLowerCase();
  const headers = (this[kOutHeaders] ??= { __proto__: null });
  if (!(field in headers)) {
    headers[field] = [name, value];
    return this;
  }
  const existing = headers[field][1];
  headers[field][1] = [].concat(existing, value);
  return this;
};

OutgoingMessage.prototype.getHeader = function getHeader(name) {
  if (typeof name !== 'string') throw invalidArgType('name', 'string', name);
  return this[kOutHeaders]?.[name.toLowerCase()]?.[1];
};
OutgoingMessage.prototype.getHeaderNames = function getHeaderNames() {
  return this[kOutHeaders] ? Object.keys(this[kOutHeaders]) : [];
};
OutgoingMessage.prototype.getRawHeaderNames = function getRawHeaderNames() {
  return this[kOutHeaders] ? Object.values(this[kOutHeaders]).map(([name]) => name) : [];
};
OutgoingMessage.prototype.getHeaders = function getHeaders() {
  const out = { __proto__: null };
  if (this[kOutHeaders]) for (const key of Object.keys(this[kOutHeaders])) out[key] = this[kOutHeaders][key][1];
  return out;
};
OutgoingMessage.prototype.hasHeader = function hasHeader(name) {
  if (typeof name !== 'string') throw invalidArgType('name', 'string', name);
  return !!this[kOutHeaders] && name.toLowerCase() in this[kOutHeaders];
};
OutgoingMessage.prototype.removeHeader = function removeHeader(name) {
  if (typeof name !== 'string') throw invalidArgType('name', 'string', name);
  if (this._header) throw headersSentError('remove');
  const key = name.toLowerCase();
  if (key === 'connection') this._removedConnection = true;
  else if (key === 'content-length') this._removedContLen = true;
  else if (key === 'transfer-encoding') this._removedTE = true;
  else if (key === 'date') this.sendDate = false;
  if (this[kOutHeaders]) delete this[kOutHeaders][key];
};

OutgoingMessage.prototype._implicitHeader = function _implicitHeader() {
  throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _implicitHeader() method is not implemented');
};

function emitErrorNT(msg, err, callback) {
  callback(err);
  if (typeof msg.emit === 'function' && !msg.destroyed) msg.emit('error', err);
}
function onError(msg, err, callback) {
  nextTick(emitErrorNT, [msg, err, callback]);
}

function write_(msg, chunk, encoding, callback, fromEnd) {
  if (typeof callback !== 'function') callback = nop;
  if (chunk === null) throw nodeError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
  if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) throw invalidArgType('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
  let err;
  if (msg.finished) err = nodeError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
  else if (msg.destroyed) err = nodeError(Error, 'ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed');
  if (err) {
    if (!msg.destroyed) onError(msg, err, callback);
    else nextTick(callback, [err]);
    return false;
  }
  const len = typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding || 'utf8') : chunk.byteLength;
  if (!msg._header) {
    if (fromEnd) msg._contentLength = len;
    msg._implicitHeader();
  }
  if (!msg._hasBody) {
    nextTick(callback, []);
    return true;
  }
  if (!fromEnd && msg.socket && !msg.socket.writableCorked) {
    msg.socket.cork();
    nextTick((socket) => socket.uncork(), [msg.socket]);
  }
  if (msg.chunkedEncoding && len !== 0) {
    msg._send(`${len.toString(16)}\r\n`, 'latin1', null);
    msg._send(chunk, encoding, null);
    return msg._send('\r\n', 'latin1', callback);
  }
  return msg._send(chunk, encoding, callback);
}

OutgoingMessage.prototype.write = function write(chunk, encoding, callback) {
  if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  const ret = write_(this, chunk, encoding, callback, false);
  if (!ret) this[kNeedDrain] = true;
  return ret;
};

OutgoingMessage.prototype.addTrailers = function addTrailers(headers) {
  this._trailer = '';
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  for (const [field, value] of entries) {
    validateHeaderName(field, 'Trailer name');
    validateHeaderValue(field, value);
    this._trailer += `${field}: ${value}\r\n`;
  }
};

function onFinish(msg) {
  if (msg?.socket?._hadError) return;
  msg.emit('finish');
}

OutgoingMessage.prototype.end = function end(chunk, encoding, callback) {
  if (typeof chunk === 'function') {
    callback = chunk;
    chunk = null;
    encoding = null;
  } else if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  if (chunk) {
    if (this.finished) {
      onError(this, nodeError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end'), typeof callback !== 'function' ? nop : callback);
      return this;
    }
    this.socket?.cork();
    write_(this, chunk, encoding, null, true);
  } else if (this.finished) {
    if (typeof callback === 'function') {
      if (!this.writableFinished) this.on('finish', callback);
      else callback(nodeError(Error, 'ERR_STREAM_ALREADY_FINISHED', 'Cannot call end after a stream was finished'));
    }
    return this;
  } else if (!this._header) {
    this.socket?.cork();
    this._contentLength = 0;
    this._implicitHeader();
  }
  if (typeof callback === 'function') this.once('finish', callback);
  const finish = () => onFinish(this);
  if (this._hasBody && this.chunkedEncoding) this._send(`0\r\n${this._trailer}\r\n`, 'latin1', finish);
  else if (!this._headerSent || this.writableLength || chunk) this._send('', 'latin1', finish);
  else nextTick(finish, []);
  if (this.socket) {
    while (this.socket.writableCorked) this.socket.uncork();
  }
  this[kCorked] = 0;
  this.finished = true;
  if (this.outputData.length === 0 && this.socket && this.socket._httpMessage === this) this._finish();
  return this;
};

OutgoingMessage.prototype._finish = function _finish() {
  this.emit('prefinish');
};

OutgoingMessage.prototype.flushHeaders = function flushHeaders() {
  if (!this._header) this._implicitHeader();
  this._send('');
};

OutgoingMessage.prototype.pipe = function pipe() {
  this.emit('error', nodeError(Error, 'ERR_STREAM_CANNOT_PIPE', 'Cannot pipe, not readable'));
};

export default {
  kHighWaterMark, kUniqueHeaders, kOutHeaders, parseUniqueHeadersOption, validateHeaderName, validateHeaderValue,
  OutgoingMessage, utcDate,
};
