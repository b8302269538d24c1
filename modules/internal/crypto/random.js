// randomBytes, randomFill(Sync), randomInt, randomUUID and getRandomValues with Node 20's
// argument checks (lib/internal/crypto/random.js), over the platform's entropy.
import { Buffer, kMaxLength } from 'node:buffer';
import { isAnyArrayBuffer } from 'node:util/types';
import { fillRandom } from 'qjsw:binding/crypto';
import { invalidArgType, outOfRange } from 'qjsw:internal/errors';
import { validateBoolean, validateFunction, validateObject } from 'qjsw:internal/fs/utils';
import { validateNumber, lazyDOMException } from 'qjsw:internal/crypto/util';

const kMaxInt32 = 2 ** 31 - 1;
const kMaxPossibleLength = Math.min(kMaxLength, kMaxInt32);

function checkOffset(offset, elementSize, length) {
  validateNumber(offset, 'offset');
  offset *= elementSize;
  const maxLength = Math.min(length, kMaxPossibleLength);
  if (Number.isNaN(offset) || offset > maxLength || offset < 0) throw outOfRange('offset', `>= 0 && <= ${maxLength}`, offset);
  return offset >>> 0;
}

function checkSize(size, elementSize, offset, length) {
  validateNumber(size, 'size');
  size *= elementSize;
  if (Number.isNaN(size) || size > kMaxPossibleLength || size < 0) throw outOfRange('size', `>= 0 && <= ${kMaxPossibleLength}`, size);
  if (size + offset > length) throw outOfRange('size + offset', `<= ${length}`, size + offset);
  return size >>> 0;
}

function fill(buf, offset, size) {
  const bytes = isAnyArrayBuffer(buf) ? new Uint8Array(buf, offset, size) : new Uint8Array(buf.buffer, buf.byteOffset + offset, size);
  fillRandom(bytes);
}

function checkBuf(buf) {
  if (!isAnyArrayBuffer(buf) && !ArrayBuffer.isView(buf)) throw invalidArgType('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
}

export function randomBytes(size, callback) {
  size = checkSize(size, 1, 0, Infinity);
  if (callback !== undefined) validateFunction(callback, 'callback');
  const buf = Buffer.alloc(size);
  if (callback === undefined) {
    fill(buf, 0, size);
    return buf;
  }
  // the pool's job calls back on a later turn of the loop
  fill(buf, 0, size);
  setImmediate(() => callback.call(undefined, null, buf));
  return undefined;
}

export function randomFillSync(buf, offset = 0, size) {
  checkBuf(buf);
  const elementSize = buf.BYTES_PER_ELEMENT || 1;
  offset = checkOffset(offset, elementSize, buf.byteLength);
  size = size === undefined ? buf.byteLength - offset : checkSize(size, elementSize, offset, buf.byteLength);
  if (size !== 0) fill(buf, offset, size);
  return buf;
}

export function randomFill(buf, offset, size, callback) {
  checkBuf(buf);
  const elementSize = buf.BYTES_PER_ELEMENT || 1;
  if (typeof offset === 'function') {
    callback = offset;
    offset = 0;
    size = buf.length;
  } else if (typeof size === 'function') {
    callback = size;
    size = buf.length - offset;
  } else {
    validateFunction(callback, 'callback');
  }
  offset = checkOffset(offset, elementSize, buf.byteLength);
  size = size === undefined ? buf.byteLength - offset : checkSize(size, elementSize, offset, buf.byteLength);
  if (size === 0) {
    callback(null, buf);
    return;
  }
  fill(buf, offset, size);
  setImmediate(() => callback.call(undefined, null, buf));
}

// randomInt draws 48-bit integers from a cache of random bytes, rejecting those past the
// largest multiple of the range so that every value is equally likely.
const RAND_MAX = 0xffff_ffff_ffff;
const randomCache = Buffer.alloc(6 * 1024);
let randomCacheOffset = randomCache.length;

export function randomInt(min, max, callback) {
  const minNotSpecified = typeof max === 'undefined' || typeof max === 'function';
  if (minNotSpecified) {
    callback = max;
    max = min;
    min = 0;
  }
  const isSync = typeof callback === 'undefined';
  if (!isSync) validateFunction(callback, 'callback');
  if (!Number.isSafeInteger(min)) throw invalidArgType('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw invalidArgType('max', 'a safe integer', max);
  if (max <= min) throw outOfRange('max', `greater than the value of "min" (${min})`, max);
  const range = max - min;
  if (!(range <= RAND_MAX)) throw outOfRange(`max${minNotSpecified ? '' : ' - min'}`, `<= ${RAND_MAX}`, range);
  const randLimit = RAND_MAX - (RAND_MAX % range);
  for (;;) {
    if (randomCacheOffset === randomCache.length) {
      fillRandom(randomCache);
      randomCacheOffset = 0;
    }
    const x = randomCache.readUIntBE(randomCacheOffset, 6);
    randomCacheOffset += 6;
    if (x < randLimit) {
      const n = (x % range) + min;
      if (isSync) return n;
      process.nextTick(callback, undefined, n);
      return undefined;
    }
  }
}

const hexBytes = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function serializeUUID(b, o) {
  return hexBytes[b[o]] + hexBytes[b[o + 1]] + hexBytes[b[o + 2]] + hexBytes[b[o + 3]] + '-' +
    hexBytes[b[o + 4]] + hexBytes[b[o + 5]] + '-' +
    hexBytes[(b[o + 6] & 0x0f) | 0x40] + hexBytes[b[o + 7]] + '-' +
    hexBytes[(b[o + 8] & 0x3f) | 0x80] + hexBytes[b[o + 9]] + '-' +
    hexBytes[b[o + 10]] + hexBytes[b[o + 11]] + hexBytes[b[o + 12]] + hexBytes[b[o + 13]] + hexBytes[b[o + 14]] + hexBytes[b[o + 15]];
}

// UUIDs come from a batch of 128 drawn at once, unless disableEntropyCache asks for fresh bytes.
const kBatchSize = 128;
const uuidData = new Uint8Array(16 * kBatchSize);
let uuidBatch = 0;

export function randomUUID(options) {
  if (options !== undefined) validateObject(options, 'options');
  const { disableEntropyCache = false } = options || {};
  validateBoolean(disableEntropyCache, 'options.disableEntropyCache');
  if (disableEntropyCache) {
    const b = new Uint8Array(16);
    fillRandom(b);
    return serializeUUID(b, 0);
  }
  if (uuidBatch === 0) fillRandom(uuidData);
  uuidBatch = (uuidBatch + 1) % kBatchSize;
  return serializeUUID(uuidData, uuidBatch * 16);
}

const floatArrays = new Set(['Float32Array', 'Float64Array']);

function typedArrayName(v) {
  if (!ArrayBuffer.isView(v) || v instanceof DataView) return undefined;
  return Object.prototype.toString.call(v).slice(8, -1);
}

export function getRandomValues(data) {
  const name = typedArrayName(data);
  if (name === undefined || floatArrays.has(name)) {
    throw lazyDOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
  }
  if (data.byteLength > 65536) throw lazyDOMException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
  randomFillSync(data, 0);
  return data;
}
