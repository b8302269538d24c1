// node:crypto, the part scripts use without keys or ciphers: hashes and HMACs (MD5, SHA-1,
// SHA-224/256/384/512, computed in C by qjsw:binding/crypto), random bytes, UUIDs and integers
// from the platform's entropy, timingSafeEqual, and webcrypto.getRandomValues/randomUUID.
// Ciphers, signatures, key derivation and webcrypto.subtle are not provided.
import { digest, fillRandom } from 'qjsw:binding/crypto';
import { Buffer } from 'node:buffer';
import { DOMException } from 'qjsw:internal/dom_exception';
import { invalidArgType, outOfRange, nodeError } from 'qjsw:internal/errors';

// Numbered as native/crypto.c numbers them; block sizes for HMAC.
const algorithms = new Map([
  ['md5', [0, 64]], ['sha1', [1, 64]], ['sha224', [2, 64]], ['sha256', [3, 64]], ['sha384', [4, 128]], ['sha512', [5, 128]],
]);

function algorithmOf(name) {
  if (typeof name !== 'string') throw invalidArgType('algorithm', 'string', name);
  const found = algorithms.get(name.toLowerCase().replace(/^sha-/, 'sha').replace(/^rsa-/, ''));
  if (!found) throw new Error('Digest method not supported');
  return found;
}

function toBytes(data, encoding, name = 'data') {
  if (typeof data === 'string') return Buffer.from(data, encoding ?? 'utf8');
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw invalidArgType(name, ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function output(bytes, encoding) {
  const buf = Buffer.from(bytes);
  return encoding === undefined || encoding === 'buffer' ? buf : buf.toString(encoding);
}

const finalized = () => nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');

export class Hash {
  #algorithm;
  #id;
  #chunks = [];
  #done = false;

  constructor(algorithm, options) {
    [this.#id] = algorithmOf(algorithm);
    this.#algorithm = algorithm;
    void options;
  }

  update(data, inputEncoding) {
    if (this.#done) throw finalized();
    // a view is copied (the caller may change it before digest); a string's bytes are new
    this.#chunks.push(typeof data === 'string' ? toBytes(data, inputEncoding) : toBytes(data).slice());
    return this;
  }

  digest(outputEncoding) {
    if (this.#done) throw finalized();
    this.#done = true;
    return output(new Uint8Array(digest(this.#id, concat(this.#chunks))), outputEncoding);
  }

  copy() {
    if (this.#done) throw finalized();
    const copy = new Hash(this.#algorithm);
    copy.#chunks = this.#chunks.slice();
    return copy;
  }
}

// HMAC over Hash: H((K ^ opad) || H((K ^ ipad) || message)).
export class Hmac {
  #algorithm;
  #key;
  #inner;
  #done = false;

  constructor(algorithm, key) {
    const [id, block] = algorithmOf(algorithm);
    let k = toBytes(key, 'utf8', 'key');
    if (k.length > block) k = new Uint8Array(digest(id, k));
    this.#algorithm = algorithm;
    this.#key = new Uint8Array(block);
    this.#key.set(k);
    this.#inner = new Hash(algorithm).update(this.#pad(0x36));
  }

  #pad(byte) {
    return this.#key.map((b) => b ^ byte);
  }

  update(data, inputEncoding) {
    this.#inner.update(data, inputEncoding);
    return this;
  }

  digest(outputEncoding) {
    // Node returns an empty digest on a second call instead of throwing.
    if (this.#done) return output(new Uint8Array(0), outputEncoding);
    this.#done = true;
    return new Hash(this.#algorithm).update(this.#pad(0x5c)).update(this.#inner.digest()).digest(outputEncoding);
  }
}

export const createHash = (algorithm, options) => new Hash(algorithm, options);
export const createHmac = (algorithm, key, options) => new Hmac(algorithm, key, options);

// crypto.hash(algorithm, data[, outputEncoding = 'hex']): a one-shot digest.
export function hash(algorithm, data, outputEncoding = 'hex') {
  if (typeof data !== 'string' && !ArrayBuffer.isView(data)) throw invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  const [id] = algorithmOf(algorithm);
  return output(new Uint8Array(digest(id, toBytes(data))), outputEncoding);
}

export function getHashes() {
  return ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
}

const kMaxSize = 2 ** 31 - 1;

function validateSize(size, name = 'size', max = kMaxSize) {
  if (typeof size !== 'number') throw invalidArgType(name, 'number', size);
  if (!(size >= 0 && size <= max) || !Number.isInteger(size)) throw outOfRange(name, `>= 0 && <= ${max}`, size);
}

function validateCallback(cb) {
  if (typeof cb !== 'function') throw invalidArgType('callback', 'Function', cb);
}

export function randomBytes(size, callback) {
  validateSize(size);
  if (callback !== undefined) validateCallback(callback);
  const buf = Buffer.alloc(size);
  fillRandom(buf);
  if (callback === undefined) return buf;
  process.nextTick(callback, null, buf);
  return undefined;
}

function viewBytes(buf) {
  if (buf instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && buf instanceof SharedArrayBuffer)) return new Uint8Array(buf);
  if (ArrayBuffer.isView(buf)) return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  throw invalidArgType('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
}

export function randomFillSync(buf, offset = 0, size) {
  const bytes = viewBytes(buf);
  const elementSize = ArrayBuffer.isView(buf) ? buf.BYTES_PER_ELEMENT ?? 1 : 1;
  validateSize(offset, 'offset', bytes.length);
  offset *= elementSize;
  if (size === undefined) size = bytes.length - offset;
  else {
    validateSize(size, 'size', bytes.length);
    size *= elementSize;
  }
  if (offset + size > bytes.length) throw outOfRange('size + offset', `<= ${bytes.length}`, offset + size);
  fillRandom(bytes.subarray(offset, offset + size));
  return buf;
}

export function randomFill(buf, offset, size, callback) {
  if (typeof offset === 'function') [callback, offset, size] = [offset, 0, undefined];
  else if (typeof size === 'function') [callback, size] = [size, undefined];
  validateCallback(callback);
  randomFillSync(buf, offset, size);
  process.nextTick(callback, null, buf);
}

export function randomUUID(options) {
  if (options !== undefined && (options === null || typeof options !== 'object')) throw invalidArgType('options', 'Object', options);
  const b = new Uint8Array(16);
  fillRandom(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// A uniform integer in [min, max) by rejection sampling over 48 random bits.
export function randomInt(min, max, callback) {
  if (typeof max === 'function' || max === undefined) [callback, max, min] = [max, min, 0];
  if (!Number.isSafeInteger(min)) throw invalidArgType('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw invalidArgType('max', 'a safe integer', max);
  if (max <= min) {
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE',
      `The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
  }
  const range = max - min;
  if (range > 2 ** 48) throw outOfRange('max - min', `<= ${2 ** 48}`, range);
  if (callback !== undefined) validateCallback(callback);
  const limit = 2 ** 48 - (2 ** 48 % range);
  const b = new Uint8Array(6);
  let x;
  do {
    fillRandom(b);
    x = b.reduce((n, byte) => n * 256 + byte, 0);
  } while (x >= limit);
  const value = min + (x % range);
  if (callback === undefined) return value;
  process.nextTick(callback, undefined, value);
  return undefined;
}

export function timingSafeEqual(a, b) {
  const x = viewBytes(a);
  const y = viewBytes(b);
  if (x.length !== y.length) throw nodeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}

const integerArrays = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array'];

export function getRandomValues(array) {
  if (!ArrayBuffer.isView(array) || !integerArrays.includes(Object.prototype.toString.call(array).slice(8, -1))) {
    throw new DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
  }
  if (array.byteLength > 65536) throw new DOMException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
  fillRandom(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return array;
}

export const webcrypto = {
  getRandomValues,
  randomUUID,
  get [Symbol.toStringTag]() {
    return 'Crypto';
  },
};

export const constants = {};

export default {
  createHash, createHmac, getHashes, hash, randomBytes, randomFill, randomFillSync, randomInt, randomUUID,
  timingSafeEqual, constants, webcrypto, getRandomValues, Hash, Hmac,
};
