// node:buffer as Node 20 has it: Buffer is a function (made in C, see makeBuffer) whose
// instances are FastBuffers, a Uint8Array subclass sharing Buffer.prototype, with Node's
// encodings, argument checks and error messages. The byte work (encoding, decoding, compare,
// search) is in native/bindings/buffer.c.
import {
  utf8Decode, utf8Encode, byteLengthUtf8, encode as encodeBytes, write as writeBytes,
  decode as decodeBytes, compare as compareBytes, search as searchBytes,
  isUtf8 as isUtf8Bytes, isAscii as isAsciiBytes, makeBuffer, stackScriptNames,
} from 'qjsw:binding/buffer';
import { invalidArgType, invalidArgValue, outOfRange, unknownEncoding as unknownEncodingError, nodeError, inspectValue } from 'qjsw:internal/errors';

export const kMaxLength = 2 ** 32;
export const kStringMaxLength = 2 ** 29 - 24;
export const constants = Object.defineProperties({}, {
  MAX_LENGTH: { value: kMaxLength, writable: false, enumerable: true },
  MAX_STRING_LENGTH: { value: kStringMaxLength, writable: false, enumerable: true },
});
export let INSPECT_MAX_BYTES = 50;
import { Blob, File } from 'qjsw:internal/blob';
// by internal class, as V8's IsAnyArrayBuffer: buffers of other contexts count, look-alikes don't
import { markAsUntransferable } from 'qjsw:internal/worker/untransferable';
import process from 'qjsw:internal/process_object';
import { onRunReset } from 'qjsw:internal/loop';
import { FastBuffer } from 'qjsw:internal/buffer';
import { isAnyArrayBuffer, getOwnNonIndexProperties, inspect as utilInspect } from 'qjsw:internal/util/inspect';

// Encodings by number, as the binding takes them.
const UTF8 = 0, LATIN1 = 1, ASCII = 2, UCS2 = 3, HEX = 4, BASE64 = 5, BASE64URL = 6;

// ---------------------------------------------------------------- primordials and checks

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const getTypedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
const TypedArrayFill = TypedArrayPrototype.fill;
const getTypedArrayLength = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'length').get;
const TypedArraySet = TypedArrayPrototype.set;
const TypedArraySlice = TypedArrayPrototype.slice;
const TypedArrayIndexOf = TypedArrayPrototype.indexOf;
const TypedArrayLastIndexOf = TypedArrayPrototype.lastIndexOf;

const isUint8Array = (v) => getTypedArrayTag.call(v) === 'Uint8Array';
const isTypedArray = (v) => getTypedArrayTag.call(v) !== undefined;

function bufferOutOfBounds(name) {
  return nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS',
    name ? `"${name}" is outside of buffer bounds` : 'Attempt to access memory outside buffer bounds');
}

// Node formats the encoding with util.format's %s: objects with a built-in toString are
// inspected, anything else is String()ed.
const builtInToStrings = [Object, Array, Error, Date, RegExp, Function].map((C) => C.prototype.toString);
function unknownEncoding(encoding) {
  if (typeof encoding === 'object' && encoding !== null && builtInToStrings.includes(encoding.toString)) {
    return unknownEncodingError(inspectValue(encoding));
  }
  if (typeof encoding === 'bigint') return unknownEncodingError(`${encoding}n`);
  if (Object.is(encoding, -0)) return unknownEncodingError('-0');
  return unknownEncodingError(typeof encoding === 'symbol' ? encoding.toString() : encoding);
}

// The C++ side of Node (ParseArrayIndex) reports a bad index with this one message.
const indexOutOfRange = () => nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'Index out of range');

function invalidFillValue(value) {
  // util.inspect shows an empty Buffer as `<Buffer >`.
  if (value instanceof Buffer && value.length === 0) {
    return nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'value' is invalid. Received <Buffer >");
  }
  return invalidArgValue('value', value);
}

function validateNumber(value, name, min, max) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if ((min != null && value < min) || (max != null && value > max) ||
      ((min != null || max != null) && Number.isNaN(value))) {
    throw outOfRange(name,
      `${min != null ? `>= ${min}` : ''}${min != null && max != null ? ' && ' : ''}${max != null ? `<= ${max}` : ''}`,
      value);
  }
}

function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

const validateOffset = (value, name, min = 0, max = kMaxLength) => validateInteger(value, name, min, max);

function toInteger(n, defaultVal) {
  n = +n;
  if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) {
    return n % 1 === 0 ? n : Math.floor(n);
  }
  return defaultVal;
}

// node::ParseArrayIndex: undefined is the default, anything else an integer >= 0.
function parseArrayIndex(value, def) {
  if (value === undefined) return def;
  const n = Math.trunc(+value) || 0;
  if (n < 0) throw indexOutOfRange();
  return n;
}

// ---------------------------------------------------------------- encodings

// Node's normalizeEncoding (internal/util): the canonical name, or undefined.
function normalizeEncoding(enc) {
  if (enc == null || enc === 'utf8' || enc === 'utf-8') return 'utf8';
  switch (enc.length) {
    case 4:
      if (enc === 'UTF8') return 'utf8';
      if (enc === 'ucs2' || enc === 'UCS2') return 'utf16le';
      enc = `${enc}`.toLowerCase();
      if (enc === 'utf8') return 'utf8';
      if (enc === 'ucs2') return 'utf16le';
      break;
    case 3:
      if (enc === 'hex' || enc === 'HEX' || `${enc}`.toLowerCase() === 'hex') return 'hex';
      break;
    case 5:
      if (enc === 'ascii') return 'ascii';
      if (enc === 'ucs-2') return 'utf16le';
      if (enc === 'UTF-8') return 'utf8';
      if (enc === 'ASCII') return 'ascii';
      if (enc === 'UCS-2') return 'utf16le';
      enc = `${enc}`.toLowerCase();
      if (enc === 'utf-8') return 'utf8';
      if (enc === 'ascii') return 'ascii';
      if (enc === 'ucs-2') return 'utf16le';
      break;
    case 6:
      if (enc === 'base64') return 'base64';
      if (enc === 'latin1' || enc === 'binary') return 'latin1';
      if (enc === 'BASE64') return 'base64';
      if (enc === 'LATIN1' || enc === 'BINARY') return 'latin1';
      enc = `${enc}`.toLowerCase();
      if (enc === 'base64') return 'base64';
      if (enc === 'latin1' || enc === 'binary') return 'latin1';
      break;
    case 7:
      if (enc === 'utf16le' || enc === 'UTF16LE' || `${enc}`.toLowerCase() === 'utf16le') return 'utf16le';
      break;
    case 8:
      if (enc === 'utf-16le' || enc === 'UTF-16LE' || `${enc}`.toLowerCase() === 'utf-16le') return 'utf16le';
      break;
    case 9:
      if (enc === 'base64url' || enc === 'BASE64URL' || `${enc}`.toLowerCase() === 'base64url') return 'base64url';
      break;
    default:
      if (enc === '') return 'utf8';
  }
  return undefined;
}

const ENCODING_CODES = { utf8: UTF8, latin1: LATIN1, ascii: ASCII, utf16le: UCS2, hex: HEX, base64: BASE64, base64url: BASE64URL };

// Node's getEncodingOps: the encoding's number, or -1. Unlike normalizeEncoding, '' and null
// are not encodings here.
function getEncoding(encoding) {
  switch (encoding) {
    case 'utf8': case 'utf-8': return UTF8;
    case 'latin1': case 'binary': return LATIN1;
    case 'base64': return BASE64;
    case 'hex': return HEX;
    case 'ascii': return ASCII;
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return UCS2;
    case 'base64url': return BASE64URL;
  }
  encoding += '';
  const n = encoding.length;
  if (n < 3 || n > 9) return -1;
  const name = normalizeEncoding(encoding.toLowerCase());
  return name === undefined || encoding === '' ? -1 : ENCODING_CODES[name];
}

function base64ByteLength(str, bytes) {
  if (str.charCodeAt(bytes - 1) === 0x3D) bytes--;
  if (bytes > 1 && str.charCodeAt(bytes - 1) === 0x3D) bytes--;
  return (bytes * 3) >>> 2;
}

function byteLengthIn(string, enc) {
  switch (enc) {
    case UTF8: return byteLengthUtf8(string);
    case LATIN1: case ASCII: return string.length;
    case UCS2: return string.length * 2;
    case HEX: return string.length >>> 1;
    default: return base64ByteLength(string, string.length);
  }
}

// The bytes of `string` in `enc`, as a Uint8Array of exactly that length.
function stringBytes(string, enc) {
  return new Uint8Array(enc === UTF8 ? utf8Encode(string) : encodeBytes(string, enc));
}

function sliceIn(buf, enc, start, end) {
  if (end - start > kStringMaxLength >>> 1) return sliceLarge(buf, enc, start, end);
  return enc === UTF8 ? utf8Decode(buf, start, end) : decodeBytes(buf, start, end, enc);
}

// V8 makes no string longer than kStringMaxLength: Node fails with ERR_STRING_TOO_LONG where
// the decoded text would be longer, which this engine (whose limit is higher) must check.
function stringTooLong() {
  return nodeError(Error, 'ERR_STRING_TOO_LONG', `Cannot create a string longer than 0x${kStringMaxLength.toString(16)} characters`);
}

function sliceLarge(buf, enc, start, end) {
  const n = end - start;
  let chars = n;
  if (enc === HEX) chars = n * 2;
  else if (enc === BASE64) chars = Math.ceil(n / 3) * 4;
  else if (enc === BASE64URL) chars = Math.floor(n / 3) * 4 + [0, 2, 3][n % 3];
  else if (enc === UCS2) chars = n >>> 1;
  if (chars > kStringMaxLength && (enc !== UTF8 || isAsciiBytes(buf.subarray(start, end)))) throw stringTooLong();
  if (enc !== UTF8) return decodeBytes(buf, start, end, enc);
  // UTF-8 gives at most one unit per byte, fewer for multi-byte characters: decode to know
  let text;
  try {
    text = utf8Decode(buf, start, end);
  } catch (e) {
    if (n > kStringMaxLength && e instanceof RangeError) throw stringTooLong();
    throw e;
  }
  if (text.length > kStringMaxLength) throw stringTooLong();
  return text;
}

// ---------------------------------------------------------------- Buffer and FastBuffer

// Buffer(arg, encodingOrOffset, length), with or without `new` (deprecated in Node, still
// working). The native function builds `new Buffer(arrayBuffer)` itself and calls this for
// the rest.
function bufferSlow(arg, encodingOrOffset, length) {
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') throw invalidArgType('string', 'string', arg);
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}

// DEP0005, as Node: Buffer() warns once, unless every caller on the stack is outside
// node_modules (--pending-deprecation: always). Node's own modules never call Buffer(); ours
// do (fs wraps what it reads), and such a call is not the guest's.
const bufferWarning = 'Buffer() is deprecated due to security and usability issues. Please use the ' +
  'Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.';
const kNodeModules = /[\\/]node_modules[\\/]/;
const isBuiltinScript = (name) => name.startsWith('node:') || name.startsWith('qjsw:');
let bufferWarningAlreadyEmitted = false;
let nodeModulesCheckCounter = 0;
// once per process, and a run starts as a new process would
onRunReset(() => {
  bufferWarningAlreadyEmitted = false;
  nodeModulesCheckCounter = 0;
});

// Node's isInsideNodeModules(100, true): true past 100 frames, as it stops looking there.
function isInsideNodeModules(names) {
  if (names.length >= 100) return true;
  for (const name of names) {
    if (name !== '' && !isBuiltinScript(name) && kNodeModules.test(name)) return true;
  }
  return false;
}

function pendingDeprecation() {
  const { execArgv, env } = process;
  return (Array.isArray(execArgv) && execArgv.includes('--pending-deprecation')) ||
    env?.NODE_PENDING_DEPRECATION === '1';
}

function showFlaggedDeprecation() {
  if (bufferWarningAlreadyEmitted) return;
  // names[0] is stackScriptNames, then this module's and native frames, then the caller
  // (the few innermost first: fs reads call this each time)
  const inner = stackScriptNames(8);
  let caller = 0;
  while (caller < inner.length && (inner[caller] === '' || inner[caller] === 'node:buffer')) caller++;
  if (caller < inner.length && isBuiltinScript(inner[caller])) return;
  if (++nodeModulesCheckCounter > 10000 || (!pendingDeprecation() && isInsideNodeModules(stackScriptNames(100)))) return;
  process.emitWarning(bufferWarning, 'DeprecationWarning', 'DEP0005');
  bufferWarningAlreadyEmitted = true;
}

export const Buffer = makeBuffer(Uint8Array, FastBuffer, bufferSlow, showFlaggedDeprecation);
Object.defineProperty(Buffer, 'name', { value: 'Buffer', configurable: true });
FastBuffer.prototype.constructor = Buffer;
Object.defineProperty(Buffer, 'prototype', { value: FastBuffer.prototype, writable: true, enumerable: false, configurable: false });
Object.setPrototypeOf(Buffer, Uint8Array);
Object.defineProperty(Buffer, Symbol.species, { enumerable: false, configurable: true, get() { return FastBuffer; } });

Buffer.poolSize = 8 * 1024;

// Small buffers are slices of a shared pool, as in Node (`Buffer.from('a').buffer` is 8 KiB,
// and two of them share it). Every slice is handed out once from a fresh, zeroed pool, so
// allocUnsafe still gives zeroes. A transfer list copies the pool rather than detaching it.
let poolSize, poolOffset, allocPool;
function createPool() {
  poolSize = Buffer.poolSize;
  allocPool = new ArrayBuffer(poolSize);
  markAsUntransferable(allocPool);
  poolOffset = 0;
}
createPool();

// A slice of `size` bytes (0 < size < poolSize / 2), with the next one 8-byte aligned.
function poolSlice(size) {
  if (size > poolSize - poolOffset) createPool();
  const b = new FastBuffer(allocPool, poolOffset, size);
  poolOffset += size;
  if (poolOffset & 7) poolOffset = (poolOffset | 7) + 1;
  return b;
}

function fromString(string, encoding) {
  let enc = UTF8;
  if (typeof encoding === 'string' && encoding.length !== 0) {
    enc = getEncoding(encoding);
    if (enc < 0) throw unknownEncoding(encoding);
  }
  if (string.length === 0) return new FastBuffer();
  const bytes = enc === UTF8 ? utf8Encode(string) : encodeBytes(string, enc);
  const half = Buffer.poolSize >>> 1;
  if (string.length >= half || bytes.byteLength >= half || bytes.byteLength === 0) return new FastBuffer(bytes);
  const b = poolSlice(bytes.byteLength);
  TypedArraySet.call(b, new Uint8Array(bytes), 0);
  return b;
}

function fromArrayBuffer(obj, byteOffset, length) {
  if (byteOffset === undefined) {
    byteOffset = 0;
  } else {
    byteOffset = +byteOffset;
    if (Number.isNaN(byteOffset)) byteOffset = 0;
  }
  const maxLength = obj.byteLength - byteOffset;
  if (maxLength < 0) throw bufferOutOfBounds('offset');
  if (length === undefined) {
    length = maxLength;
  } else {
    length = +length;
    if (length > 0) {
      if (length > maxLength) throw bufferOutOfBounds('length');
    } else {
      length = 0;
    }
  }
  return new FastBuffer(obj, byteOffset, length);
}

function fromArrayLike(obj) {
  const length = obj.length;
  if (length <= 0) return new FastBuffer();
  if (length < (Buffer.poolSize >>> 1)) {
    const b = poolSlice(length);
    TypedArraySet.call(b, obj, 0);
    return b;
  }
  return new FastBuffer(obj);
}

function fromObject(obj) {
  if (obj.length !== undefined || isAnyArrayBuffer(obj.buffer)) {
    if (typeof obj.length !== 'number') return new FastBuffer();
    return fromArrayLike(obj);
  }
  if (obj.type === 'Buffer' && Array.isArray(obj.data)) return fromArrayLike(obj.data);
  return undefined;
}

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') return fromString(value, encodingOrOffset);
  if (typeof value === 'object' && value !== null) {
    if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
    const valueOf = value.valueOf && value.valueOf();
    if (valueOf != null && valueOf !== value && (typeof valueOf === 'string' || typeof valueOf === 'object')) {
      return from(valueOf, encodingOrOffset, length);
    }
    const b = fromObject(value);
    if (b) return b;
    if (typeof value[Symbol.toPrimitive] === 'function') {
      const primitive = value[Symbol.toPrimitive]('string');
      if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
    }
  }
  throw invalidArgType('first argument', ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
};

Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
  if (!isTypedArray(view)) throw invalidArgType('view', ['TypedArray'], view);
  const viewLength = view.length;
  if (viewLength === 0) return Buffer.alloc(0);
  if (offset !== undefined || length !== undefined) {
    if (offset !== undefined) {
      validateInteger(offset, 'offset', 0);
      if (offset >= viewLength) return new FastBuffer();
    } else {
      offset = 0;
    }
    let end;
    if (length !== undefined) {
      validateInteger(length, 'length', 0);
      end = offset + length;
    } else {
      end = viewLength;
    }
    view = TypedArraySlice.call(view, offset, end);
  }
  return fromArrayLike(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
};

Buffer.of = function of(...items) {
  const b = new FastBuffer(items.length);
  for (let k = 0; k < items.length; k++) b[k] = items[k];
  return b;
};

const assertSize = (size) => validateNumber(size, 'size', 0, kMaxLength);

Buffer.alloc = function alloc(size, fill, encoding) {
  assertSize(size);
  if (fill !== undefined && fill !== 0 && size > 0) {
    const buf = new FastBuffer(size);
    return fillRange(buf, fill, 0, buf.length, encoding);
  }
  return new FastBuffer(size);
};

// New ArrayBuffers are zeroed and pool slices are never reused, so "unsafe" buffers are
// zero-filled too.
Buffer.allocUnsafe = function allocUnsafe(size) {
  assertSize(size);
  if (size <= 0) return new FastBuffer();
  return size < (Buffer.poolSize >>> 1) ? poolSlice(size) : new FastBuffer(size);
};

Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
  assertSize(size);
  return new FastBuffer(size);
};

export function SlowBuffer(size) {
  assertSize(size);
  return new FastBuffer(size);
}
Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

Buffer.isBuffer = function isBuffer(b) {
  return b instanceof Buffer;
};

Buffer.compare = function compare(buf1, buf2) {
  if (!isUint8Array(buf1)) throw invalidArgType('buf1', ['Buffer', 'Uint8Array'], buf1);
  if (!isUint8Array(buf2)) throw invalidArgType('buf2', ['Buffer', 'Uint8Array'], buf2);
  if (buf1 === buf2) return 0;
  return compareBytes(buf1, buf2);
};

Buffer.isEncoding = function isEncoding(encoding) {
  return typeof encoding === 'string' && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined;
};

Buffer.concat = function concat(list, length) {
  if (!Array.isArray(list)) throw invalidArgType('list', 'Array', list);
  if (list.length === 0) return new FastBuffer();
  if (length === undefined) {
    length = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i].length) length += list[i].length;
    }
  } else {
    validateOffset(length, 'length');
  }
  const buffer = Buffer.allocUnsafe(length);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    if (!isUint8Array(buf)) throw invalidArgType(`list[${i}]`, ['Buffer', 'Uint8Array'], list[i]);
    pos += copyBytes(buf, buffer, pos, 0, buf.length);
  }
  if (pos < length) TypedArrayFill.call(buffer, 0, pos, length);
  return buffer;
};

Buffer.byteLength = function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string)) return string.byteLength;
    throw invalidArgType('string', ['string', 'Buffer', 'ArrayBuffer'], string);
  }
  if (string.length === 0) return 0;
  if (!encoding) return byteLengthUtf8(string);
  const enc = getEncoding(encoding);
  return byteLengthIn(string, enc < 0 ? UTF8 : enc);
};

// ---------------------------------------------------------------- copy, compare, fill

function copyBytes(source, target, targetStart, sourceStart, sourceEnd) {
  if (sourceEnd - sourceStart > target.length - targetStart) sourceEnd = sourceStart + target.length - targetStart;
  let nb = sourceEnd - sourceStart;
  const sourceLen = source.length - sourceStart;
  if (nb > sourceLen) nb = sourceLen;
  if (sourceStart !== 0 || sourceEnd < source.length) {
    source = new Uint8Array(source.buffer, source.byteOffset + sourceStart, nb);
  }
  TypedArraySet.call(target, source, targetStart);
  return nb;
}

function copyChecked(source, target, targetStart, sourceStart, sourceEnd) {
  if (!isUint8Array(source)) throw invalidArgType('source', ['Buffer', 'Uint8Array'], source);
  if (!isUint8Array(target)) throw invalidArgType('target', ['Buffer', 'Uint8Array'], target);
  if (targetStart === undefined) {
    targetStart = 0;
  } else {
    targetStart = toInteger(targetStart, 0);
    if (targetStart < 0) throw outOfRange('targetStart', '>= 0', targetStart);
  }
  if (sourceStart === undefined) {
    sourceStart = 0;
  } else {
    sourceStart = toInteger(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > source.length) {
      throw outOfRange('sourceStart', `>= 0 && <= ${source.length}`, sourceStart);
    }
  }
  if (sourceEnd === undefined) {
    sourceEnd = source.length;
  } else {
    sourceEnd = toInteger(sourceEnd, 0);
    if (sourceEnd < 0) throw outOfRange('sourceEnd', '>= 0', sourceEnd);
  }
  if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
  return copyBytes(source, target, targetStart, sourceStart, sourceEnd);
}

function fillRange(buf, value, offset, end, encoding) {
  let enc;
  if (typeof value === 'string') {
    if (offset === undefined || typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = buf.length;
    } else if (typeof end === 'string') {
      encoding = end;
      end = buf.length;
    }
    const normalized = normalizeEncoding(encoding);
    if (normalized === undefined) {
      if (typeof encoding !== 'string') throw invalidArgType('encoding', 'string', encoding);
      throw unknownEncoding(encoding);
    }
    enc = ENCODING_CODES[normalized];
    if (value.length === 0) {
      value = 0; // '' fills with zeroes
    } else if (value.length === 1) {
      // A single byte: fill with the number.
      if (enc === UTF8) {
        const code = value.charCodeAt(0);
        if (code < 128) value = code;
      } else if (enc === LATIN1) {
        value = value.charCodeAt(0);
      }
    }
  }

  if (offset === undefined) {
    offset = 0;
    end = buf.length;
  } else {
    validateOffset(offset, 'offset');
    if (end === undefined) end = buf.length;
    else validateOffset(end, 'end', 0, buf.length);
    if (offset >= end) return buf;
  }
  // a `length` the program redefined cannot take the fill past the bytes (Node's C++ checks)
  if (end > getTypedArrayLength.call(buf)) throw bufferOutOfBounds();

  if (typeof value === 'number') {
    TypedArrayFill.call(buf, value, offset, end);
    return buf;
  }
  let pattern;
  if (ArrayBuffer.isView(value)) {
    pattern = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  } else if (typeof value !== 'string') {
    // Anything else is a number to Node's binding (ToUint32, low byte).
    TypedArrayFill.call(buf, (value >>> 0) & 255, offset, end);
    return buf;
  } else {
    pattern = stringBytes(value, enc);
  }
  const fillLength = end - offset;
  const n = pattern.length < fillLength ? pattern.length : fillLength;
  if (n === 0) throw invalidFillValue(value);
  TypedArraySet.call(buf, n === pattern.length ? pattern : pattern.subarray(0, n), offset);
  // Double the filled part until the range is full.
  for (let done = n; done < fillLength; done *= 2) {
    buf.copyWithin(offset + done, offset, offset + Math.min(done, fillLength - done));
  }
  return buf;
}

// ---------------------------------------------------------------- search

// node::IndexOfOffset: where to start, or -1 when no search is needed.
function searchStart(length, offset, needleLength, isForward) {
  if (offset < 0) {
    if (offset + length >= 0) return length + offset;
    if (isForward || needleLength === 0) return 0;
    return -1;
  }
  if (offset + needleLength <= length) return offset;
  if (needleLength === 0) return length;
  if (isForward) return -1;
  return length - 1;
}

// node::IndexOfString / IndexOfBuffer over bytes; `ucs2` searches 2-byte units.
function searchIn(buffer, needle, offset, isForward, ucs2, haystackLength) {
  const needleLength = needle.length;
  const opt = searchStart(haystackLength, offset, needleLength, isForward);
  if (needleLength === 0) return opt;
  if (haystackLength === 0 || opt <= -1) return -1;
  if ((isForward && needleLength + opt > haystackLength) || needleLength > haystackLength) return -1;
  if (!ucs2) return searchBytes(buffer, needle, opt, isForward, 1);
  if (haystackLength < 2 || needleLength < 2) return -1;
  const units = haystackLength & ~1;
  const r = searchBytes(buffer.subarray(0, units), needle.subarray(0, needleLength & ~1), opt, isForward, 2);
  // Node turns "not found" (the length in units) into bytes and compares it with the byte
  // length: an odd haystack reports its last even index.
  return r === -1 && units !== haystackLength ? units : r;
}

function findIndex(buffer, val, byteOffset, encoding, dir) {
  if (!ArrayBuffer.isView(buffer)) throw invalidArgType('buffer', ['Buffer', 'TypedArray', 'DataView'], buffer);
  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  } else if (byteOffset > 0x7fffffff) {
    byteOffset = 0x7fffffff;
  } else if (byteOffset < -0x80000000) {
    byteOffset = -0x80000000;
  }
  byteOffset = +byteOffset;
  if (Number.isNaN(byteOffset)) byteOffset = dir ? 0 : (buffer.length || buffer.byteLength);
  byteOffset = Math.trunc(byteOffset);

  if (typeof val === 'number') {
    const needle = (val >>> 0) & 255;
    const opt = searchStart(buffer.length, byteOffset, 1, dir);
    if (opt <= -1 || buffer.length === 0) return -1;
    return dir ? TypedArrayIndexOf.call(buffer, needle, opt) : TypedArrayLastIndexOf.call(buffer, needle, opt);
  }

  const enc = encoding === undefined ? UTF8 : getEncoding(encoding);
  if (typeof val === 'string') {
    if (enc < 0) throw unknownEncoding(encoding);
    const needle = stringBytes(val, enc === ASCII ? LATIN1 : enc);
    if (enc === UCS2) return searchIn(buffer, needle, byteOffset, dir, true, buffer.length & ~1);
    return searchIn(buffer, needle, byteOffset, dir, false, buffer.length);
  }
  if (isUint8Array(val)) return searchIn(buffer, val, byteOffset, dir, enc === UCS2, buffer.length);
  throw invalidArgType('value', ['number', 'string', 'Buffer', 'Uint8Array'], val);
}

// ---------------------------------------------------------------- numbers
//
// Every read*/write* method is generated from one table: fixed sizes go through a DataView,
// the 1-6 byte variable-length ones through a byte loop. Errors follow Node's: the offset must
// be a number, then an integer, then inside the buffer (ERR_BUFFER_OUT_OF_BOUNDS when the
// buffer is shorter than the value); a written value must lie in the type's range.

const viewOf = (buf) => new DataView(buf.buffer, buf.byteOffset, buf.byteLength);

// A number argument that must be an integer in [0, last] (or `low`..`last` for byteLength).
function checkIndex(value, last, name = 'offset', low = 0) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (Number.isInteger(value) && value >= low && value <= last) return;
  if (Math.floor(value) !== value) throw outOfRange(name, 'an integer', value);
  if (last < 0) throw bufferOutOfBounds();
  throw outOfRange(name, `>= ${low} and <= ${last}`, value);
}

const checkOffset = (buf, offset, size) => checkIndex(offset, buf.length - size);
const checkByteLength = (n) => checkIndex(n, 6, 'byteLength', 1);

// The range text Node prints for a value that does not fit `size` bytes.
function rangeText(size, signed, big) {
  const n = big ? 'n' : '';
  const bits = size * 8;
  if (size <= 4) {
    const min = signed ? -(2 ** (bits - 1)) : 0;
    const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
    return `>= ${min}${n} and <= ${max}${n}`;
  }
  return signed ? `>= -(2${n} ** ${bits - 1}${n}) and < 2${n} ** ${bits - 1}${n}` : `>= 0${n} and < 2${n} ** ${bits}${n}`;
}

function checkValue(value, size, signed, big) {
  const bits = size * 8;
  const one = big ? 1n : 1;
  const two = big ? 2n : 2;
  const min = signed ? -(two ** (big ? BigInt(bits - 1) : bits - 1)) : (big ? 0n : 0);
  const max = (signed ? two ** (big ? BigInt(bits - 1) : bits - 1) : two ** (big ? BigInt(bits) : bits)) - one;
  if (value < min || value > max) throw outOfRange('value', rangeText(size, signed, big), value);
}

// Unsigned value of `size` bytes (at most 6, so exact in a double).
function loadUint(buf, offset, size, little) {
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + buf[little ? offset + size - 1 - i : offset + i];
  return v;
}

// The low 32 bits as ToUint32 gives them, the rest from floor(value / 2^32): the same bytes
// Node stores for fractional and negative values.
function storeInt(buf, value, offset, size, little) {
  const lo = value >>> 0;
  const hi = Math.floor(value * 2 ** -32) >>> 0;
  for (let i = 0; i < size; i++) {
    const byte = i < 4 ? (lo >>> (8 * i)) & 255 : (hi >>> (8 * (i - 4))) & 255;
    buf[little ? offset + i : offset + size - 1 - i] = byte;
  }
  return offset + size;
}

function loadInt(buf, offset, size, signed, little) {
  const u = loadUint(buf, offset, size, little);
  return signed && u >= 2 ** (size * 8 - 1) ? u - 2 ** (size * 8) : u;
}

const numberMethods = {};

// Fixed-size integers: [name suffix, bytes, signed].
for (const [type, size, signed] of [['UInt8', 1, false], ['Int8', 1, true], ['UInt16', 2, false],
  ['Int16', 2, true], ['UInt32', 4, false], ['Int32', 4, true]]) {
  for (const end of size === 1 ? [''] : ['LE', 'BE']) {
    const little = end !== 'BE';
    numberMethods[`read${type}${end}`] = function (offset = 0) {
      checkOffset(this, offset, size);
      return loadInt(this, offset, size, signed, little);
    };
    numberMethods[`write${type}${end}`] = function (value, offset = 0) {
      value = +value;
      checkValue(value, size, signed, false);
      checkOffset(this, offset, size);
      return storeInt(this, value, offset, size, little);
    };
  }
}

// Variable-length integers (1-6 bytes).
for (const [type, signed] of [['UInt', false], ['Int', true]]) {
  for (const end of ['LE', 'BE']) {
    const little = end === 'LE';
    numberMethods[`read${type}${end}`] = function (offset, byteLength) {
      if (offset === undefined) throw invalidArgType('offset', 'number', offset);
      checkByteLength(byteLength);
      checkOffset(this, offset, byteLength);
      return loadInt(this, offset, byteLength, signed, little);
    };
    numberMethods[`write${type}${end}`] = function (value, offset, byteLength) {
      checkByteLength(byteLength);
      value = +value;
      checkValue(value, byteLength, signed, false);
      checkOffset(this, offset, byteLength);
      return storeInt(this, value, offset, byteLength, little);
    };
  }
}

// Floats and 64-bit integers through DataView: [name, bytes, getter, setter, coerce].
for (const [type, size, get, set, big, signed] of [
  ['Float', 4, 'getFloat32', 'setFloat32', false], ['Double', 8, 'getFloat64', 'setFloat64', false],
  ['BigUInt64', 8, 'getBigUint64', 'setBigUint64', true, false],
  ['BigInt64', 8, 'getBigInt64', 'setBigUint64', true, true],
]) {
  for (const end of ['LE', 'BE']) {
    const little = end === 'LE';
    numberMethods[`read${type}${end}`] = function (offset = 0) {
      checkOffset(this, offset, size);
      return viewOf(this)[get](offset, little);
    };
    numberMethods[`write${type}${end}`] = function (value, offset = 0) {
      if (big) {
        checkValue(value, size, signed, true);
        // as Node's `value & 0xffffffffn`: a TypeError for anything but a BigInt
        value &= 0xffffffffffffffffn;
      } else {
        value = +value;
      }
      checkOffset(this, offset, size);
      viewOf(this)[set](offset, value, little);
      return offset + size;
    };
  }
}

// Node's lower-case "Uint" aliases.
for (const name of Object.keys(numberMethods)) {
  if (/UInt/.test(name)) numberMethods[name.replace('UInt', 'Uint')] = numberMethods[name];
}

// ---------------------------------------------------------------- prototype

function clampIndex(offset, length) {
  offset = Math.trunc(offset);
  if (offset === 0 || Number.isNaN(offset)) return 0;
  if (offset < 0) {
    offset += length;
    return offset > 0 ? offset : 0;
  }
  return offset < length ? offset : length;
}

function swapBytes(b, n, m) {
  const i = b[n];
  b[n] = b[m];
  b[m] = i;
}

function invalidBufferSize(bits) {
  return nodeError(RangeError, 'ERR_INVALID_BUFFER_SIZE', `Buffer size must be a multiple of ${bits}`);
}

// buf.<encoding>Slice(start, end): Node's StringSlice.
function makeSlice(enc) {
  return function (start, end) {
    const len = this.length;
    if (len === 0) return '';
    start = parseArrayIndex(start, 0);
    end = parseArrayIndex(end, len);
    if (end < start) end = start;
    if (end > len) throw indexOutOfRange();
    return sliceIn(this, enc, start, end);
  };
}

// buf.<encoding>Write(string, offset, length): Node's StringWrite.
function makeWrite(enc) {
  return function (string, offset, length) {
    if (typeof string !== 'string') throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
    const len = this.length;
    offset = parseArrayIndex(offset, 0);
    if (offset > len) throw bufferOutOfBounds('offset');
    let max = parseArrayIndex(length, len - offset);
    if (max > len - offset) max = len - offset;
    if (max === 0) return 0;
    return writeBytes(this, string, offset, max, enc);
  };
}

const proto = Buffer.prototype;
// Plain functions, as Node's: `new buf.indexOf()` reaches the argument checks.
const methods = {
  toString: function toString(encoding, start, end) {
    if (encoding === undefined && start === undefined && end === undefined) return sliceIn(this, UTF8, 0, this.length);
    const len = this.length;
    if (start <= 0) start = 0;
    else if (start >= len) return '';
    else start = Math.trunc(start) || 0;
    if (end === undefined || end > len) end = len;
    else end = Math.trunc(end) || 0;
    if (end <= start) return '';
    if (encoding === undefined) return sliceIn(this, UTF8, start, end);
    const enc = getEncoding(encoding);
    if (enc < 0) throw unknownEncoding(encoding);
    return sliceIn(this, enc, start, end);
  },

  equals: function equals(otherBuffer) {
    if (!isUint8Array(otherBuffer)) throw invalidArgType('otherBuffer', ['Buffer', 'Uint8Array'], otherBuffer);
    if (this === otherBuffer) return true;
    const len = this.byteLength;
    if (len !== otherBuffer.byteLength) return false;
    return len === 0 || compareBytes(this, otherBuffer) === 0;
  },

  compare: function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
    if (!isUint8Array(target)) throw invalidArgType('target', ['Buffer', 'Uint8Array'], target);
    if (targetStart === undefined && targetEnd === undefined && sourceStart === undefined && sourceEnd === undefined) {
      return compareBytes(this, target);
    }
    if (targetStart === undefined) targetStart = 0;
    else validateOffset(targetStart, 'targetStart');
    if (targetEnd === undefined) targetEnd = target.length;
    else validateOffset(targetEnd, 'targetEnd', 0, target.length);
    if (sourceStart === undefined) sourceStart = 0;
    else validateOffset(sourceStart, 'sourceStart');
    if (sourceEnd === undefined) sourceEnd = this.length;
    else validateOffset(sourceEnd, 'sourceEnd', 0, this.length);
    if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
    if (targetStart >= targetEnd) return 1;
    return compareBytes(this, target, sourceStart, sourceEnd, targetStart, targetEnd);
  },

  copy: function copy(target, targetStart, sourceStart, sourceEnd) {
    return copyChecked(this, target, targetStart, sourceStart, sourceEnd);
  },

  fill: function fill(value, offset, end, encoding) {
    return fillRange(this, value, offset, end, encoding);
  },

  write: function write(string, offset, length, encoding) {
    if (offset === undefined) return this.utf8Write(string, 0, this.length);
    if (length === undefined && typeof offset === 'string') {
      encoding = offset;
      length = this.length;
      offset = 0;
    } else {
      validateOffset(offset, 'offset', 0, this.length);
      const remaining = this.length - offset;
      if (length === undefined) {
        length = remaining;
      } else if (typeof length === 'string') {
        encoding = length;
        length = remaining;
      } else {
        validateOffset(length, 'length', 0, this.length);
        if (length > remaining) length = remaining;
      }
    }
    if (!encoding || encoding === 'utf8') return this.utf8Write(string, offset, length);
    if (encoding === 'ascii') return this.asciiWrite(string, offset, length);
    const enc = getEncoding(encoding);
    if (enc < 0) throw unknownEncoding(encoding);
    return makeWriteFor[enc].call(this, string, offset, length);
  },

  indexOf: function indexOf(val, byteOffset, encoding) {
    return findIndex(this, val, byteOffset, encoding, true);
  },

  lastIndexOf: function lastIndexOf(val, byteOffset, encoding) {
    return findIndex(this, val, byteOffset, encoding, false);
  },

  includes: function includes(val, byteOffset, encoding) {
    return this.indexOf(val, byteOffset, encoding) !== -1;
  },

  toJSON: function toJSON() {
    if (this.length > 0) {
      const data = new Array(this.length);
      for (let i = 0; i < this.length; ++i) data[i] = this[i];
      return { type: 'Buffer', data };
    }
    return { type: 'Buffer', data: [] };
  },

  subarray: function subarray(start, end) {
    const srcLength = this.length;
    start = clampIndex(start, srcLength);
    end = end !== undefined ? clampIndex(end, srcLength) : srcLength;
    const newLength = end > start ? end - start : 0;
    return new FastBuffer(this.buffer, this.byteOffset + start, newLength);
  },

  // Node's slice shares memory, unlike TypedArray#slice.
  slice: function slice(start, end) {
    return this.subarray(start, end);
  },

  swap16: function swap16() {
    const len = this.length;
    if (len % 2 !== 0) throw invalidBufferSize('16-bits');
    for (let i = 0; i < len; i += 2) swapBytes(this, i, i + 1);
    return this;
  },

  swap32: function swap32() {
    const len = this.length;
    if (len % 4 !== 0) throw invalidBufferSize('32-bits');
    for (let i = 0; i < len; i += 4) {
      swapBytes(this, i, i + 3);
      swapBytes(this, i + 1, i + 2);
    }
    return this;
  },

  swap64: function swap64() {
    const len = this.length;
    if (len % 8 !== 0) throw invalidBufferSize('64-bits');
    for (let i = 0; i < len; i += 8) {
      swapBytes(this, i, i + 7);
      swapBytes(this, i + 1, i + 6);
      swapBytes(this, i + 2, i + 5);
      swapBytes(this, i + 3, i + 4);
    }
    return this;
  },

  asciiSlice: makeSlice(ASCII), base64Slice: makeSlice(BASE64), base64urlSlice: makeSlice(BASE64URL),
  latin1Slice: makeSlice(LATIN1), hexSlice: makeSlice(HEX), ucs2Slice: makeSlice(UCS2), utf8Slice: makeSlice(UTF8),
  asciiWrite: makeWrite(ASCII), base64Write: makeWrite(BASE64), base64urlWrite: makeWrite(BASE64URL),
  latin1Write: makeWrite(LATIN1), hexWrite: makeWrite(HEX), ucs2Write: makeWrite(UCS2), utf8Write: makeWrite(UTF8),
};

const makeWriteFor = [UTF8, LATIN1, ASCII, UCS2, HEX, BASE64, BASE64URL].map(makeWrite);

Object.assign(methods, numberMethods);

// buf.inspect() and util.inspect's hook; with util.inspect's ctx, other own properties too.
methods.inspect = function inspect(recurseTimes, ctx) {
  const max = INSPECT_MAX_BYTES;
  const actualMax = Math.min(max, this.length);
  const remaining = this.length - max;
  let str = decodeBytes(this, 0, actualMax, HEX).replace(/(.{2})/g, '$1 ').trim();
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  if (ctx) {
    const extras = { __proto__: null };
    let any = false;
    for (const key of getOwnNonIndexProperties(this, ctx.showHidden)) {
      any = true;
      extras[key] = this[key];
    }
    if (any) {
      if (this.length !== 0) str += ', ';
      // without the '[Object: null prototype] { ' before and the ' }' after
      str += utilInspect(extras, { ...ctx, breakLength: Infinity, compact: true }).slice(27, -2);
    }
  }
  return `<${this.constructor.name} ${str}>`;
};
methods.toLocaleString = methods.toString;

const accessors = {
  parent() { return this instanceof Buffer ? this.buffer : undefined; },
  offset() { return this instanceof Buffer ? this.byteOffset : undefined; },
};

// In Node's order, so that for-in and Object.keys list them as Node does.
const protoOrder = [
  'readBigUInt64LE', 'readBigUInt64BE', 'readBigUint64LE', 'readBigUint64BE', 'readBigInt64LE', 'readBigInt64BE',
  'writeBigUInt64LE', 'writeBigUInt64BE', 'writeBigUint64LE', 'writeBigUint64BE', 'writeBigInt64LE', 'writeBigInt64BE',
  'readUIntLE', 'readUInt32LE', 'readUInt16LE', 'readUInt8', 'readUIntBE', 'readUInt32BE', 'readUInt16BE',
  'readUintLE', 'readUint32LE', 'readUint16LE', 'readUint8', 'readUintBE', 'readUint32BE', 'readUint16BE',
  'readIntLE', 'readInt32LE', 'readInt16LE', 'readInt8', 'readIntBE', 'readInt32BE', 'readInt16BE',
  'writeUIntLE', 'writeUInt32LE', 'writeUInt16LE', 'writeUInt8', 'writeUIntBE', 'writeUInt32BE', 'writeUInt16BE',
  'writeUintLE', 'writeUint32LE', 'writeUint16LE', 'writeUint8', 'writeUintBE', 'writeUint32BE', 'writeUint16BE',
  'writeIntLE', 'writeInt32LE', 'writeInt16LE', 'writeInt8', 'writeIntBE', 'writeInt32BE', 'writeInt16BE',
  'readFloatLE', 'readFloatBE', 'readDoubleLE', 'readDoubleBE', 'writeFloatLE', 'writeFloatBE', 'writeDoubleLE', 'writeDoubleBE',
  'asciiSlice', 'base64Slice', 'base64urlSlice', 'latin1Slice', 'hexSlice', 'ucs2Slice', 'utf8Slice',
  'asciiWrite', 'base64Write', 'base64urlWrite', 'latin1Write', 'hexWrite', 'ucs2Write', 'utf8Write',
  'parent', 'offset', 'copy', 'toString', 'equals', 'inspect', 'compare', 'indexOf', 'lastIndexOf', 'includes', 'fill',
  'write', 'toJSON', 'subarray', 'slice', 'swap16', 'swap32', 'swap64', 'toLocaleString',
];
for (const name of [...protoOrder, ...Object.keys(methods).filter((n) => !protoOrder.includes(n))]) {
  if (Object.prototype.hasOwnProperty.call(accessors, name)) {
    Object.defineProperty(proto, name, { get: accessors[name], enumerable: true, configurable: true });
  } else {
    const fn = methods[name];
    if (fn.name === '') Object.defineProperty(fn, 'name', { value: name, configurable: true });
    Object.defineProperty(proto, name, { value: fn, writable: true, enumerable: true, configurable: true });
  }
}
proto[Symbol.for('nodejs.util.inspect.custom')] = methods.inspect;

// ---------------------------------------------------------------- module functions

// A detached ArrayBuffer (byteLength 0, and no view can be made on it) is an error to Node;
// a view of one just has no bytes.
function validateAttached(input) {
  if (!isAnyArrayBuffer(input) || input.byteLength !== 0) return;
  try {
    new Uint8Array(input);
  } catch {
    throw nodeError(Error, 'ERR_INVALID_STATE', 'Cannot validate on a detached buffer');
  }
}

export function isUtf8(input) {
  validateAttached(input);
  // no bytes, nothing invalid: a view of a detached buffer too, which the binding refuses
  if (isTypedArray(input)) return input.byteLength === 0 || isUtf8Bytes(input);
  if (isAnyArrayBuffer(input)) return isUtf8Bytes(input);
  throw invalidArgType('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

export function isAscii(input) {
  validateAttached(input);
  // no bytes, nothing invalid: a view of a detached buffer too, which the binding refuses
  if (isTypedArray(input)) return input.byteLength === 0 || isAsciiBytes(input);
  if (isAnyArrayBuffer(input)) return isAsciiBytes(input);
  throw invalidArgType('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

// atob/btoa throw a DOMException: the host's when the guest has one, else a stand-in with
// the same name, code and message.
const DOMExceptionCtor = typeof globalThis.DOMException === 'function' ? globalThis.DOMException : class DOMException extends Error {
  constructor(message = '', name = 'Error') {
    super(message);
    Object.defineProperty(this, 'name', { value: name, configurable: true, writable: true });
    Object.defineProperty(this, 'code', { value: name === 'InvalidCharacterError' ? 5 : 0, configurable: true, writable: true });
  }
};
const invalidCharacter = (message = 'Invalid character') => new DOMExceptionCtor(message, 'InvalidCharacterError');
const missingInput = () => nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "input" argument must be specified');

export function btoa(input) {
  if (arguments.length === 0) throw missingInput();
  input = `${input}`;
  for (let n = 0; n < input.length; n++) {
    if (input.charCodeAt(n) > 0xff) throw invalidCharacter();
  }
  return decodeBytes(encodeBytes(input, LATIN1), 0, input.length, BASE64);
}

// Forgiving-base64 (WHATWG): ASCII whitespace ignored, '=' only at the end.
export function atob(input) {
  if (arguments.length === 0) throw missingInput();
  input = `${input}`;
  let nonAsciiWhitespaceCharCount = 0;
  let equalCharCount = 0;
  for (let n = 0; n < input.length; n++) {
    const c = input.charCodeAt(n);
    if (c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20) continue;
    const isBase64 = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) ||
      c === 0x2b || c === 0x2f;
    if (!isBase64 && c !== 0x3d) throw invalidCharacter();
    nonAsciiWhitespaceCharCount++;
    if (c === 0x3d) equalCharCount++;
    else if (equalCharCount) throw invalidCharacter();
    if (equalCharCount > 2) throw invalidCharacter();
  }
  let reminder = nonAsciiWhitespaceCharCount % 4;
  if (!reminder) reminder = (nonAsciiWhitespaceCharCount - equalCharCount) % 4;
  else if (equalCharCount) throw invalidCharacter();
  if (reminder === 1) throw invalidCharacter('The string to be decoded is not correctly encoded.');
  const bytes = encodeBytes(input, BASE64);
  return decodeBytes(bytes, 0, bytes.byteLength, LATIN1);
}

export { Blob, File };

export default {
  Buffer, SlowBuffer, isUtf8, isAscii, kMaxLength, kStringMaxLength, btoa, atob, constants, Blob, File,
  get INSPECT_MAX_BYTES() { return INSPECT_MAX_BYTES; },
  set INSPECT_MAX_BYTES(val) {
    validateNumber(val, 'INSPECT_MAX_BYTES', 0);
    INSPECT_MAX_BYTES = val;
  },
};
