// HTTP/1.x message framing for node:http, in the part of llhttp Node uses: a start line and
// headers (latin1, at most maxHeaderSize bytes), then a body framed by Transfer-Encoding:
// chunked, Content-Length, or (responses only) the end of the connection. Messages follow one
// another on a connection (pipelining). Errors carry llhttp's codes (HPE_*), as Node's do.
import { METHODS } from 'node:_http_common';

const CR = 13;
const LF = 10;
const tokenRegExp = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
// the methods llhttp knows; any other is HPE_INVALID_METHOD
const methods = new Set(METHODS);
const isMethod = (m) => methods.has(m);

// What the parser read of a message's head (onHeaders' info), on an IncomingMessage.
export function fromHead(message, info) {
  message.httpVersionMajor = info.versionMajor;
  message.httpVersionMinor = info.versionMinor;
  message.httpVersion = `${info.versionMajor}.${info.versionMinor}`;
  message._addHeaderLines(info.rawHeaders);
  return message;
}

export const REQUEST = 1;
export const RESPONSE = 2;

function parseError(code, reason, bytesParsed, rawPacket) {
  const err = new Error(`Parse Error: ${reason}`);
  err.code = code;
  err.reason = reason;
  err.bytesParsed = bytesParsed;
  err.rawPacket = rawPacket;
  return err;
}

// Where the head (start line and headers) ends in `buf`: the index after its blank line, or -1.
function headEnd(buf, from) {
  for (let i = Math.max(from, 1); i < buf.length; i++) {
    if (buf[i] !== LF) continue;
    if (buf[i - 1] === LF) return i + 1;
    if (buf[i - 1] === CR && i >= 2 && buf[i - 2] === LF) return i + 1;
  }
  return -1;
}

export class HTTPParser {
  /**
   * @param {number} type REQUEST or RESPONSE
   * @param {{ onHeaders(info): boolean|void, onBody(chunk), onComplete(trailers) }} callbacks
   * onHeaders returns true when the message has no body whatever its headers say (the response
   * to a HEAD request).
   */
  constructor(type, callbacks, { maxHeaderSize = 16384, lenient = false } = {}) {
    this.type = type;
    this.callbacks = callbacks;
    this.maxHeaderSize = maxHeaderSize;
    this.lenient = lenient;
    this.state = 'head';
    this.pending = null; // bytes of an incomplete head, chunk-size line or trailer block
    this.remaining = 0;
    this.bytesParsed = 0;
    this.paused = false;
    this.upgraded = false;
  }

  /** Feeds bytes; returns undefined, or the parse error (the connection is then unusable). */
  execute(chunk) {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    let pos = 0;
    while (pos < buf.length && !this.upgraded) {
      if (this.state === 'head') {
        // empty lines before a request's start line are ignored, as llhttp does
        while (pos < buf.length && (buf[pos] === CR || buf[pos] === LF)) pos++;
        if (pos === buf.length) break;
        const end = headEnd(buf, pos);
        if (end < 0) {
          if (buf.length - pos > this.maxHeaderSize) return this.fail('HPE_HEADER_OVERFLOW', 'Header overflow', buf);
          this.pending = buf.subarray(pos);
          break;
        }
        if (end - pos > this.maxHeaderSize) return this.fail('HPE_HEADER_OVERFLOW', 'Header overflow', buf);
        const err = this.head(buf.latin1Slice(pos, end));
        if (err) return this.fail(err[0], err[1], buf);
        this.bytesParsed += end - pos;
        pos = end;
        if (this.upgraded) {
          this.upgradeHead = buf.subarray(pos);
          break;
        }
        continue;
      }
      if (this.state === 'body') {
        const n = Math.min(this.remaining, buf.length - pos);
        const part = buf.subarray(pos, pos + n);
        pos += n;
        this.remaining -= n;
        this.bytesParsed += n;
        this.callbacks.onBody(part);
        if (this.remaining === 0) this.complete([]);
        continue;
      }
      if (this.state === 'eof-body') {
        this.bytesParsed += buf.length - pos;
        this.callbacks.onBody(buf.subarray(pos));
        pos = buf.length;
        continue;
      }
      if (this.state === 'chunk-size') {
        const lf = buf.indexOf(LF, pos);
        if (lf < 0) {
          // as llhttp, a size is checked as it arrives: a byte that cannot start one fails now
          const partial = buf.latin1Slice(pos, buf.length);
          if (buf.length - pos > 1024 || !/^[0-9a-fA-F]*(?:[;\r][^]*)?$/.test(partial) || /^[;\r]/.test(partial)) {
            return this.fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size', buf);
          }
          this.pending = buf.subarray(pos);
          break;
        }
        const line = buf.latin1Slice(pos, lf).replace(/\r$/, '');
        const sizeText = line.split(';')[0].trim();
        if (!/^[0-9a-fA-F]+$/.test(sizeText) || sizeText.length > 15) {
          return this.fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size', buf);
        }
        this.bytesParsed += lf + 1 - pos;
        pos = lf + 1;
        this.remaining = parseInt(sizeText, 16);
        this.state = this.remaining === 0 ? 'trailers' : 'chunk-data';
        continue;
      }
      if (this.state === 'chunk-data') {
        const n = Math.min(this.remaining, buf.length - pos);
        if (n > 0) this.callbacks.onBody(buf.subarray(pos, pos + n));
        pos += n;
        this.remaining -= n;
        this.bytesParsed += n;
        if (this.remaining === 0) this.state = 'chunk-end';
        continue;
      }
      if (this.state === 'chunk-end') {
        // the CRLF after a chunk's data
        if (buf[pos] === CR) {
          if (pos + 1 >= buf.length) {
            this.pending = buf.subarray(pos);
            break;
          }
          pos++;
        }
        if (buf[pos] !== LF) return this.fail('HPE_STRICT', 'Expected LF after chunk data', buf);
        pos++;
        this.bytesParsed += 2;
        this.state = 'chunk-size';
        continue;
      }
      if (this.state === 'trailers') {
        // an empty trailer block is its blank line alone
        if (buf[pos] === LF || (buf[pos] === CR && buf[pos + 1] === LF)) {
          pos += buf[pos] === LF ? 1 : 2;
          this.complete([]);
          continue;
        }
        if (buf[pos] === CR && pos + 1 >= buf.length) {
          this.pending = buf.subarray(pos);
          break;
        }
        const end = headEnd(buf, pos);
        if (end < 0) {
          this.pending = buf.subarray(pos);
          break;
        }
        const trailers = this.fields(buf.latin1Slice(pos, end).split(/\r?\n/).slice(0, -2));
        if (!trailers) return this.fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header token', buf);
        pos = end;
        this.complete(trailers);
        continue;
      }
      break;
    }
    return undefined;
  }

  /** The connection ended: a body read until the end is complete; else an unfinished message is an error. */
  finish() {
    // as llhttp_finish: a parser that failed already reports nothing more
    if (this.state === 'error') return undefined;
    if (this.state === 'eof-body') {
      this.complete([]);
      return undefined;
    }
    if (this.state === 'head' && !this.pending) return undefined;
    if (this.state === 'head') return parseError('HPE_INVALID_EOF_STATE', 'Invalid EOF state', this.bytesParsed, this.pending);
    return parseError('HPE_INVALID_EOF_STATE', 'Invalid EOF state', this.bytesParsed, Buffer.alloc(0));
  }

  fail(code, reason, buf) {
    this.state = 'error';
    return parseError(code, reason, this.bytesParsed, buf);
  }

  // [name, value, ...] of header lines, or null when one is not a header
  fields(lines) {
    const raw = [];
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) return null;
      const name = line.slice(0, colon);
      if (!tokenRegExp.test(name)) return null;
      raw.push(name, line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, ''));
    }
    return raw;
  }

  head(text) {
    const lines = text.split(/\r?\n/);
    lines.length -= 2; // the blank line's two empty strings
    const start = lines.shift();
    const info = { rawHeaders: null, upgrade: false, shouldKeepAlive: false };
    if (this.type === REQUEST) {
      const m = /^(\S+) (\S+) HTTP\/(\d)\.(\d)$/.exec(start);
      if (!m) {
        const method = start.split(' ')[0];
        if (!isMethod(method)) return ['HPE_INVALID_METHOD', 'Invalid method encountered'];
        return ['HPE_INVALID_CONSTANT', 'Expected HTTP/'];
      }
      if (!isMethod(m[1])) return ['HPE_INVALID_METHOD', 'Invalid method encountered'];
      info.method = m[1];
      info.url = m[2];
      info.versionMajor = Number(m[3]);
      info.versionMinor = Number(m[4]);
    } else {
      const m = /^HTTP\/(\d)\.(\d) (\d{3})(?: (.*))?$/.exec(start);
      if (!m) return ['HPE_INVALID_CONSTANT', 'Expected HTTP/'];
      info.versionMajor = Number(m[1]);
      info.versionMinor = Number(m[2]);
      info.statusCode = Number(m[3]);
      info.statusMessage = m[4] ?? '';
    }
    const raw = this.fields(lines);
    if (!raw) return ['HPE_INVALID_HEADER_TOKEN', 'Invalid header token'];
    info.rawHeaders = raw;
    let contentLength = null;
    let chunked = false;
    let connection = '';
    let hasUpgrade = false;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i].toLowerCase();
      const value = raw[i + 1];
      if (name === 'content-length') {
        if (!/^\d+$/.test(value) || (contentLength !== null && contentLength !== Number(value))) {
          return ['HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length'];
        }
        contentLength = Number(value);
      } else if (name === 'transfer-encoding') {
        chunked = /(?:^|,)\s*chunked\s*$/i.test(value);
      } else if (name === 'connection') {
        connection += `,${value.toLowerCase()}`;
      } else if (name === 'upgrade') {
        hasUpgrade = true;
      }
    }
    if (chunked && contentLength !== null && !this.lenient) {
      return ['HPE_UNEXPECTED_CONTENT_LENGTH', 'Content-Length can\'t be present with Transfer-Encoding'];
    }
    const http11 = info.versionMajor === 1 && info.versionMinor >= 1;
    const close = /(?:^|,)\s*close\s*(?:,|$)/.test(connection);
    const keepAlive = /(?:^|,)\s*keep-alive\s*(?:,|$)/.test(connection);
    info.upgrade = (hasUpgrade && /(?:^|,)\s*upgrade\s*(?:,|$)/.test(connection)) || info.method === 'CONNECT';
    const bodyless = this.type === RESPONSE && (info.statusCode < 200 || info.statusCode === 204 || info.statusCode === 304);
    const keepAliveIf = (untilEof) => !untilEof && (http11 ? !close : keepAlive);
    info.shouldKeepAlive = keepAliveIf(this.type === RESPONSE && !bodyless && !chunked && contentLength === null);
    const noBody = this.callbacks.onHeaders(info) === true || bodyless;
    if (info.upgrade && (this.type === REQUEST || info.statusCode === 101)) {
      this.upgraded = true;
      this.keepAlive = false;
      this.callbacks.onComplete([], true);
      return undefined;
    }
    const untilEof = !noBody && !chunked && contentLength === null && this.type === RESPONSE;
    this.keepAlive = keepAliveIf(untilEof);
    if (noBody || (!chunked && !untilEof && !contentLength)) {
      this.complete([]);
    } else if (untilEof) {
      this.state = 'eof-body';
    } else if (chunked) {
      this.state = 'chunk-size';
    } else {
      this.remaining = contentLength;
      this.state = 'body';
    }
    return undefined;
  }

  complete(rawTrailers) {
    this.state = 'head';
    this.remaining = 0;
    this.callbacks.onComplete(rawTrailers, false);
  }
}
