// Buffer: a Uint8Array subclass with Node's encodings. This is the core the fs binding needs
// (utf8, latin1/binary, ascii, hex, base64, base64url); the full API grows in its own issue.
import { utf8Decode, utf8Encode, byteLengthUtf8 } from 'qjsw:binding/buffer';
import { invalidArgType, unknownEncoding } from 'qjsw:internal/errors';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_INDEX[B64.charCodeAt(i)] = i;
B64_INDEX['-'.charCodeAt(0)] = 62;
B64_INDEX['_'.charCodeAt(0)] = 63;

export function normalizeEncoding(enc) {
  if (enc === undefined || enc === null || enc === 'utf8' || enc === 'utf-8') return 'utf8';
  switch (String(enc).toLowerCase()) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'latin1': case 'binary': return 'latin1';
    case 'ascii': return 'ascii';
    case 'hex': return 'hex';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    default: return undefined;
  }
}

function encodingOrThrow(enc) {
  const e = normalizeEncoding(enc);
  if (e === undefined) throw unknownEncoding(enc);
  return e;
}

function hexValue(c) {
  if (c >= 48 && c <= 57) return c - 48;
  c |= 32;
  return c >= 97 && c <= 102 ? c - 87 : -1;
}

function encode(string, encoding) {
  switch (encoding) {
    case 'utf16le': {
      const out = new Uint8Array(string.length * 2);
      for (let i = 0; i < string.length; i++) {
        const c = string.charCodeAt(i);
        out[i * 2] = c & 0xff;
        out[i * 2 + 1] = c >> 8;
      }
      return out;
    }
    case 'utf8': return new Uint8Array(utf8Encode(string));
    case 'latin1': case 'ascii': {
      const out = new Uint8Array(string.length);
      for (let i = 0; i < string.length; i++) out[i] = string.charCodeAt(i) & 0xff;
      return out;
    }
    case 'hex': {
      const n = string.length >>> 1;
      const out = new Uint8Array(n);
      let i = 0;
      for (; i < n; i++) {
        const hi = hexValue(string.charCodeAt(i * 2));
        const lo = hexValue(string.charCodeAt(i * 2 + 1));
        if (hi < 0 || lo < 0) break; // Node stops at the first pair that is not hex
        out[i] = (hi << 4) | lo;
      }
      return i === n ? out : out.subarray(0, i);
    }
    case 'base64': case 'base64url': {
      const out = new Uint8Array(Math.ceil(string.length * 3 / 4));
      let bits = 0, acc = 0, n = 0;
      for (let i = 0; i < string.length; i++) {
        const c = string.charCodeAt(i);
        const v = c < 128 ? B64_INDEX[c] : -1;
        if (v < 0) { if (string[i] === '=') break; continue; }
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) { bits -= 8; out[n++] = (acc >> bits) & 0xff; }
      }
      return out.subarray(0, n);
    }
  }
}

function decode(bytes, encoding, start, end) {
  switch (encoding) {
    case 'utf16le': {
      let s = '';
      for (let i = start; i + 1 < end; i += 2) s += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
      return s;
    }
    case 'utf8': return utf8Decode(bytes, start, end);
    case 'latin1': case 'ascii': {
      const mask = encoding === 'ascii' ? 0x7f : 0xff;
      let s = '';
      for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i] & mask);
      return s;
    }
    case 'hex': {
      let s = '';
      for (let i = start; i < end; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
      return s;
    }
    case 'base64': case 'base64url': {
      const table = encoding === 'base64' ? B64 : B64URL;
      let s = '';
      let i = start;
      for (; i + 2 < end; i += 3) {
        const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
        s += table[n >> 18] + table[(n >> 12) & 63] + table[(n >> 6) & 63] + table[n & 63];
      }
      if (i < end) {
        const n = (bytes[i] << 16) | ((i + 1 < end ? bytes[i + 1] : 0) << 8);
        s += table[n >> 18] + table[(n >> 12) & 63];
        if (i + 1 < end) s += table[(n >> 6) & 63];
        if (encoding === 'base64') s += i + 1 < end ? '=' : '==';
      }
      return s;
    }
  }
}

export class Buffer extends Uint8Array {
  static from(value, encodingOrOffset, length) {
    if (typeof value === 'string') return fromBytes(encode(value, encodingOrOffset === undefined ? 'utf8' : encodingOrThrow(encodingOrOffset)));
    if (value instanceof ArrayBuffer) {
      const offset = encodingOrOffset === undefined ? 0 : +encodingOrOffset;
      const len = length === undefined ? value.byteLength - offset : +length;
      return new Buffer(value, offset, len);
    }
    if (ArrayBuffer.isView(value)) {
      const src = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      return fromBytes(src.slice());
    }
    if (Array.isArray(value) || (value && typeof value.length === 'number')) {
      const out = new Buffer(value.length);
      for (let i = 0; i < value.length; i++) out[i] = value[i];
      return out;
    }
    throw invalidArgType('first argument', ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
  }

  static alloc(size, fill) {
    const buf = new Buffer(size);
    if (fill !== undefined && fill !== 0) buf.fill(fill);
    return buf;
  }

  static allocUnsafe(size) {
    return new Buffer(size);
  }

  static isBuffer(value) {
    return value instanceof Buffer;
  }

  static isEncoding(encoding) {
    return typeof encoding === 'string' && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined;
  }

  static byteLength(value, encoding) {
    if (typeof value !== 'string') {
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value.byteLength;
      throw invalidArgType('string', ['string', 'Buffer', 'ArrayBuffer'], value);
    }
    const e = normalizeEncoding(encoding) || 'utf8';
    if (e === 'utf8') return byteLengthUtf8(value);
    return encode(value, e).length;
  }

  static concat(list, totalLength) {
    if (totalLength === undefined) totalLength = list.reduce((n, b) => n + b.length, 0);
    const out = Buffer.alloc(totalLength);
    let pos = 0;
    for (const b of list) {
      if (pos >= totalLength) break;
      const part = b.length > totalLength - pos ? b.subarray(0, totalLength - pos) : b;
      out.set(part, pos);
      pos += part.length;
    }
    return out;
  }

  toString(encoding, start = 0, end = this.length) {
    start = Math.max(0, start | 0);
    end = Math.min(this.length, end === undefined ? this.length : end | 0);
    if (end <= start) return '';
    return decode(this, encoding === undefined ? 'utf8' : encodingOrThrow(encoding), start, end);
  }

  // Node's Buffer#slice shares memory, unlike TypedArray#slice.
  slice(start, end) {
    return this.subarray(start, end);
  }

  equals(other) {
    if (this.length !== other.length) return false;
    for (let i = 0; i < this.length; i++) if (this[i] !== other[i]) return false;
    return true;
  }

  toJSON() {
    return { type: 'Buffer', data: Array.from(this) };
  }
}

function fromBytes(bytes) {
  return new Buffer(bytes.buffer, bytes.byteOffset, bytes.length);
}

export const kMaxLength = 2 ** 32 - 1;
export const constants = { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: 2 ** 30 - 25 };
export default { Buffer, constants, kMaxLength };
