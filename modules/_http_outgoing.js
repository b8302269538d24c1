// Node's OutgoingMessage: headers kept as Node keeps them; nothing is ever sent.
import { Stream } from 'node:stream';
import { validateHeaderName, validateHeaderValue } from 'node:_http_common';

export { validateHeaderName, validateHeaderValue };
export const kHighWaterMark = Symbol('kHighWaterMark');
export const kUniqueHeaders = Symbol('kUniqueHeaders');
export function parseUniqueHeadersOption(headers) {
  return Array.isArray(headers) ? new Set(headers.map((h) => String(h).toLowerCase())) : null;
}

const kHeaders = Symbol('kOutHeaders');

export class OutgoingMessage extends Stream {
  constructor() {
    super();
    this[kHeaders] = Object.create(null);
    this.headersSent = false;
    this.finished = false;
    this.writableEnded = false;
    this.destroyed = false;
    this.sendDate = false;
  }
  setHeader(name, value) {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    this[kHeaders][name.toLowerCase()] = [name, value];
    return this;
  }
  appendHeader(name, value) {
    const prev = this.getHeader(name);
    return this.setHeader(name, prev === undefined ? value : [].concat(prev, value));
  }
  getHeader(name) { return this[kHeaders][String(name).toLowerCase()]?.[1]; }
  getHeaders() {
    const out = Object.create(null);
    for (const [key, [, value]] of Object.entries(this[kHeaders])) out[key] = value;
    return out;
  }
  getHeaderNames() { return Object.keys(this[kHeaders]); }
  getRawHeaderNames() { return Object.values(this[kHeaders]).map(([name]) => name); }
  hasHeader(name) { return String(name).toLowerCase() in this[kHeaders]; }
  removeHeader(name) { delete this[kHeaders][String(name).toLowerCase()]; }
  flushHeaders() {}
  setTimeout(ms, cb) { if (cb) this.once('timeout', cb); return this; }
  write(chunk, encoding, cb) {
    if (typeof encoding === 'function') cb = encoding;
    if (typeof cb === 'function') setTimeout(cb, 0);
    return true;
  }
  end(chunk, encoding, cb) {
    if (typeof chunk === 'function') cb = chunk;
    else if (typeof encoding === 'function') cb = encoding;
    this.finished = this.writableEnded = true;
    if (typeof cb === 'function') this.once('finish', cb);
    return this;
  }
  destroy(err) {
    if (this.destroyed) return this;
    this.destroyed = true;
    setTimeout(() => {
      if (err) this.emit('error', err);
      this.emit('close');
    }, 0);
    return this;
  }
}

export default { kHighWaterMark, kUniqueHeaders, parseUniqueHeadersOption, validateHeaderName, validateHeaderValue, OutgoingMessage };
