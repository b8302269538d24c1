// V8's ValueSerializer wire format (version 15, as Node 20 writes and reads it) for node:v8's
// Serializer and Deserializer: the same tags, varints, object ids, padding before two-byte
// strings, and the same errors. Where V8 decides by a hidden representation (Smi or heap
// number, packed or holey array, one- or two-byte string) the decision is made from the value:
// integers of the int32 range are Smis, an array without holes is packed (and of doubles when
// any element is a non-Smi number), a string of code units below 256 is one-byte.
import { classOf } from 'qjsw:binding/util';
import { nodeError } from 'qjsw:internal/errors';
import { isHostObject } from 'qjsw:internal/host_objects';

const kLatestVersion = 15;
const T = (c) => c.charCodeAt(0);
const tag = {
  version: 0xff, padding: 0, verifyObjectCount: T('?'), theHole: T('-'), undefined: T('_'), null: T('0'),
  true: T('T'), false: T('F'), int32: T('I'), uint32: T('U'), double: T('N'), bigint: T('Z'), utf8String: T('S'),
  oneByteString: T('"'), twoByteString: T('c'), objectReference: T('^'), beginJSObject: T('o'), endJSObject: T('{'),
  beginSparseJSArray: T('a'), endSparseJSArray: T('@'), beginDenseJSArray: T('A'), endDenseJSArray: T('$'),
  date: T('D'), trueObject: T('y'), falseObject: T('x'), numberObject: T('n'), bigintObject: T('z'),
  stringObject: T('s'), regExp: T('R'), beginJSMap: T(';'), endJSMap: T(':'), beginJSSet: T('\''), endJSSet: T(','),
  arrayBuffer: T('B'), resizableArrayBuffer: T('~'), arrayBufferTransfer: T('t'), arrayBufferView: T('V'),
  sharedArrayBuffer: T('u'), sharedObject: T('p'), hostObject: T('\\'), error: T('r'),
};
// Typed array constructors by their view sub-tag, and back.
const viewTags = [
  ['b', Int8Array], ['B', Uint8Array], ['C', Uint8ClampedArray], ['w', Int16Array], ['W', Uint16Array],
  ['d', Int32Array], ['D', Uint32Array], ['f', Float32Array], ['F', Float64Array], ['q', BigInt64Array],
  ['Q', BigUint64Array], ['?', DataView],
].map(([c, ctor]) => [T(c), ctor]);
const viewTagOf = new Map(viewTags.map(([t, ctor]) => [ctor.prototype, t]));
const viewCtorOf = new Map(viewTags);
const errorTags = [
  ['E', 'EvalError', EvalError], ['R', 'RangeError', RangeError], ['F', 'ReferenceError', ReferenceError],
  ['S', 'SyntaxError', SyntaxError], ['T', 'TypeError', TypeError], ['U', 'URIError', URIError],
].map(([c, name, ctor]) => [T(c), name, ctor]);
const errorTag = { message: T('m'), cause: T('c'), stack: T('s'), end: T('.') };
// RegExp flags as V8 numbers them; bit 6 (/l, the linear engine) is refused as V8 does by default.
const regExpFlags = [['g', 1], ['i', 2], ['m', 4], ['y', 8], ['u', 16], ['s', 32], ['d', 128], ['v', 256]];

let ids;
const classIds = () => ids ??= {
  object: classOf({}), array: classOf([]), date: classOf(new Date(0)), regexp: classOf(/x/),
  number: classOf(Object(1)), string: classOf(Object('')), boolean: classOf(Object(true)),
  bigint: classOf(Object(1n)), symbol: classOf(Object(Symbol())), map: classOf(new Map()), set: classOf(new Set()),
  arrayBuffer: classOf(new ArrayBuffer(0)), error: classOf(new Error()),
  sharedArrayBuffer: typeof SharedArrayBuffer === 'function' ? classOf(new SharedArrayBuffer(0)) : -1,
};

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const typedArrayTagGetter = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
const typedArrayName = (v) => typedArrayTagGetter.call(v);
const isDataView = (v) => {
  try {
    Reflect.apply(Object.getOwnPropertyDescriptor(DataView.prototype, 'byteLength').get, v, []);
    return true;
  } catch {
    return false;
  }
};
// The prototype that names a view's kind (Buffer is a Uint8Array to V8).
const viewKind = (v) => (isDataView(v) ? DataView.prototype : globalThis[typedArrayName(v)].prototype);

const arrayBufferDetached = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'detached')?.get;
const arrayBufferResizable = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'resizable')?.get;

// What V8 prints for a value it cannot clone: a function's source, a symbol's description,
// otherwise #<Constructor name>.
function shown(value) {
  if (typeof value === 'function') return Function.prototype.toString.call(value);
  if (typeof value === 'symbol') return value.toString();
  let name = 'Object';
  try {
    const ctor = Object.getPrototypeOf(value)?.constructor;
    if (typeof ctor === 'function' && typeof ctor.name === 'string' && ctor.name !== '') name = ctor.name;
  } catch {
    // a Proxy's traps may throw: V8 names it Object
  }
  return `#<${name}>`;
}

const isArrayIndex = (key) => /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 2 ** 32 - 1;
const isSmi = (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 && !Object.is(n, -0);
const isOneByte = (s) => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
};
const varintSize = (n) => {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
};

const scratch = new DataView(new ArrayBuffer(8));

const empty = new Uint8Array(0);
class Writer {
  constructor() {
    this.bytes = empty;
    this.length = 0;
  }
  reserve(n) {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.length + n, this.bytes.length * 2) + 64);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
  byte(b) {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }
  // An unsigned integer of up to 53 bits as a base-128 varint.
  varint(n) {
    this.reserve(10);
    while (n >= 0x80) {
      this.bytes[this.length++] = (n % 128) | 0x80;
      n = Math.floor(n / 128);
    }
    this.bytes[this.length++] = n;
  }
  varintBig(n) {
    this.reserve(10);
    while (n >= 0x80n) {
      this.bytes[this.length++] = Number(n & 0x7fn) | 0x80;
      n >>= 7n;
    }
    this.bytes[this.length++] = Number(n);
  }
  zigzag(n) {
    this.varint(((n << 1) ^ (n >> 31)) >>> 0);
  }
  double(d) {
    scratch.setFloat64(0, d, true);
    this.raw(new Uint8Array(scratch.buffer, 0, 8));
  }
  raw(u8) {
    this.reserve(u8.length);
    this.bytes.set(u8, this.length);
    this.length += u8.length;
  }
  release() {
    const out = this.bytes.slice(0, this.length);
    this.bytes = empty;
    this.length = 0;
    return out;
  }
}

function bigintContents(w, n) {
  const negative = n < 0n;
  let magnitude = negative ? -n : n;
  const digits = [];
  while (magnitude > 0n) {
    digits.push(magnitude & 0xffffffffffffffffn);
    magnitude >>= 64n;
  }
  w.varint(digits.length * 8 * 2 + (negative ? 1 : 0));
  const out = new DataView(new ArrayBuffer(digits.length * 8));
  digits.forEach((d, i) => out.setBigUint64(i * 8, d, true));
  w.raw(new Uint8Array(out.buffer));
}

// The state behind one Serializer: its output, object ids, transfers, and, while a value is
// written, the Serializer whose _writeHostObject and _getDataCloneError hooks are called.
export class SerializerState {
  constructor() {
    this.owner = null;
    this.out = new Writer();
    this.ids = new Map();
    this.nextId = 0;
    this.transfers = new Map();
    this.viewsAsHostObjects = false;
  }
  cloneError(message) {
    const make = this.owner._getDataCloneError;
    throw make.call(this.owner, message);
  }
  writeHeader() {
    this.out.byte(tag.version);
    this.out.varint(kLatestVersion);
  }
  writeString(s) {
    const w = this.out;
    if (isOneByte(s)) {
      w.byte(tag.oneByteString);
      w.varint(s.length);
      w.reserve(s.length);
      for (let i = 0; i < s.length; i++) w.bytes[w.length++] = s.charCodeAt(i);
      return;
    }
    const byteLength = s.length * 2;
    // V8's reader expects two-byte characters at an even offset.
    if ((w.length + 1 + varintSize(byteLength)) & 1) w.byte(tag.padding);
    w.byte(tag.twoByteString);
    w.varint(byteLength);
    w.reserve(byteLength);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      w.bytes[w.length++] = c & 0xff;
      w.bytes[w.length++] = c >> 8;
    }
  }
  writeValue(value) {
    const w = this.out;
    switch (typeof value) {
      case 'undefined': w.byte(tag.undefined); return;
      case 'boolean': w.byte(value ? tag.true : tag.false); return;
      case 'number':
        if (isSmi(value)) {
          w.byte(tag.int32);
          w.zigzag(value);
        } else {
          w.byte(tag.double);
          w.double(value);
        }
        return;
      case 'bigint': w.byte(tag.bigint); bigintContents(w, value); return;
      case 'string': this.writeString(value); return;
      case 'symbol': this.cloneError(`${shown(value)} could not be cloned.`); return;
      default:
        if (value === null) {
          w.byte(tag.null);
          return;
        }
    }
    // A view's buffer goes first, before the view has an id, when V8 writes the view itself.
    if (typeof value === 'object' && ArrayBuffer.isView(value) && !this.ids.has(value) && !this.viewsAsHostObjects) {
      this.writeReceiver(value.buffer);
    }
    this.writeReceiver(value);
  }
  writeReceiver(obj) {
    const w = this.out;
    const known = this.ids.get(obj);
    if (known !== undefined) {
      w.byte(tag.objectReference);
      w.varint(known);
      return;
    }
    this.ids.set(obj, this.nextId++);
    if (typeof obj === 'function') this.cloneError(`${shown(obj)} could not be cloned.`);
    if (isHostObject(obj)) {
      this.writeHostObject(obj);
      return;
    }
    const ids = classIds();
    const cls = classOf(obj);
    if (ArrayBuffer.isView(obj)) {
      this.writeView(obj);
      return;
    }
    switch (cls) {
      case ids.array: this.writeArray(obj); return;
      case ids.object: this.writeObject(obj); return;
      case ids.date:
        w.byte(tag.date);
        w.double(Date.prototype.getTime.call(obj));
        return;
      case ids.boolean: w.byte(Boolean.prototype.valueOf.call(obj) ? tag.trueObject : tag.falseObject); return;
      case ids.number:
        w.byte(tag.numberObject);
        w.double(Number.prototype.valueOf.call(obj));
        return;
      case ids.bigint:
        w.byte(tag.bigintObject);
        bigintContents(w, BigInt.prototype.valueOf.call(obj));
        return;
      case ids.string:
        w.byte(tag.stringObject);
        this.writeString(String.prototype.valueOf.call(obj));
        return;
      case ids.regexp: {
        w.byte(tag.regExp);
        this.writeString(Object.getOwnPropertyDescriptor(RegExp.prototype, 'source').get.call(obj));
        const flags = Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get.call(obj);
        w.varint(regExpFlags.reduce((bits, [c, bit]) => (flags.includes(c) ? bits | bit : bits), 0));
        return;
      }
      case ids.map: {
        const entries = [...Map.prototype.entries.call(obj)];
        w.byte(tag.beginJSMap);
        for (const [k, v] of entries) {
          this.writeValue(k);
          this.writeValue(v);
        }
        w.byte(tag.endJSMap);
        w.varint(entries.length * 2);
        return;
      }
      case ids.set: {
        const values = [...Set.prototype.values.call(obj)];
        w.byte(tag.beginJSSet);
        for (const v of values) this.writeValue(v);
        w.byte(tag.endJSSet);
        w.varint(values.length);
        return;
      }
      case ids.arrayBuffer: this.writeArrayBuffer(obj); return;
      case ids.sharedArrayBuffer: {
        if (typeof this.owner._getSharedArrayBufferId !== 'function') this.cloneError(`${shown(obj)} could not be cloned.`);
        const id = this.owner._getSharedArrayBufferId(obj);
        w.byte(tag.sharedArrayBuffer);
        w.varint(Number(id) >>> 0);
        return;
      }
      case ids.error: this.writeError(obj); return;
      case ids.symbol: this.cloneError('[object Symbol] could not be cloned.'); return;
      default: this.cloneError(`${shown(obj)} could not be cloned.`);
    }
  }
  writeProperties(obj, keys) {
    let written = 0;
    for (const key of keys) {
      if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
      const value = obj[key];
      if (isArrayIndex(key)) this.writeValue(Number(key));
      else this.writeString(key);
      this.writeValue(value);
      written++;
    }
    return written;
  }
  writeObject(obj) {
    this.out.byte(tag.beginJSObject);
    const written = this.writeProperties(obj, Object.keys(obj));
    this.out.byte(tag.endJSObject);
    this.out.varint(written);
  }
  writeArray(arr) {
    const w = this.out;
    const length = arr.length;
    const keys = Object.keys(arr);
    let indices = 0;
    while (indices < keys.length && isArrayIndex(keys[indices])) indices++;
    if (indices !== length) {
      w.byte(tag.beginSparseJSArray);
      w.varint(length);
      const written = this.writeProperties(arr, keys);
      w.byte(tag.endSparseJSArray);
      w.varint(written);
      w.varint(length);
      return;
    }
    w.byte(tag.beginDenseJSArray);
    w.varint(length);
    let allNumbers = length > 0;
    let anyDouble = false;
    for (let i = 0; i < length && allNumbers; i++) {
      const v = arr[i];
      if (typeof v !== 'number') allNumbers = false;
      else if (!isSmi(v)) anyDouble = true;
    }
    if (allNumbers && anyDouble) {
      for (let i = 0; i < length; i++) {
        w.byte(tag.double);
        w.double(arr[i]);
      }
    } else {
      for (let i = 0; i < length; i++) {
        if (!Object.prototype.hasOwnProperty.call(arr, i)) w.byte(tag.theHole);
        else this.writeValue(arr[i]);
      }
    }
    const written = this.writeProperties(arr, keys.slice(indices));
    w.byte(tag.endDenseJSArray);
    w.varint(written);
    w.varint(length);
  }
  writeArrayBuffer(ab) {
    const w = this.out;
    const transfer = this.transfers.get(ab);
    if (transfer !== undefined) {
      w.byte(tag.arrayBufferTransfer);
      w.varint(transfer);
      return;
    }
    if (arrayBufferDetached?.call(ab)) this.cloneError('An ArrayBuffer is detached and could not be cloned.');
    const bytes = new Uint8Array(ab);
    if (arrayBufferResizable?.call(ab)) {
      w.byte(tag.resizableArrayBuffer);
      w.varint(bytes.length);
      w.varint(ab.maxByteLength);
    } else {
      w.byte(tag.arrayBuffer);
      w.varint(bytes.length);
    }
    w.raw(bytes);
  }
  writeView(view) {
    if (this.viewsAsHostObjects) {
      this.writeHostObject(view);
      return;
    }
    const w = this.out;
    w.byte(tag.arrayBufferView);
    w.varint(viewTagOf.get(viewKind(view)));
    w.varint(view.byteOffset);
    w.varint(view.byteLength);
    // Whether a view over a resizable buffer tracks its length is not visible from JS here:
    // such views are written as fixed-length ones.
    const resizable = !!arrayBufferResizable?.call(view.buffer);
    const tracking = false;
    w.varint((tracking ? 1 : 0) | (resizable ? 2 : 0));
  }
  writeHostObject(obj) {
    this.out.byte(tag.hostObject);
    if (typeof this.owner._writeHostObject !== 'function') {
      throw new Error(`${shown(obj)} could not be cloned.`);
    }
    this.owner._writeHostObject(obj);
  }
  writeError(err) {
    const w = this.out;
    const message = Object.getOwnPropertyDescriptor(err, 'message');
    const cause = Object.getOwnPropertyDescriptor(err, 'cause');
    w.byte(tag.error);
    const name = String(err.name);
    const known = errorTags.find(([, n]) => n === name);
    if (known) w.byte(known[0]);
    if (message && 'value' in message) {
      w.byte(errorTag.message);
      this.writeString(String(message.value));
    }
    if (cause && 'value' in cause) {
      w.byte(errorTag.cause);
      this.writeValue(cause.value);
    }
    const stack = err.stack;
    if (typeof stack === 'string') {
      w.byte(errorTag.stack);
      this.writeString(stack);
    }
    w.byte(errorTag.end);
  }
}

export const kFail = Symbol('deserialization failed');
const fail = () => {
  throw kFail;
};

export class DeserializerState {
  constructor(view) {
    this.owner = null;
    this.data = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    this.pos = 0;
    this.version = 0;
    this.objects = [];
    this.nextId = 0;
    this.transfers = new Map();
  }
  readHeader() {
    const versionError = () => new Error('Unable to deserialize cloned data due to invalid or unsupported version.');
    if (this.pos < this.data.length && this.data[this.pos] === tag.version) {
      this.pos++;
      const v = this.varint(32);
      if (v === undefined || v > kLatestVersion) throw versionError();
      this.version = v;
    }
    // Node does not ask V8 for the legacy formats (before 13).
    if (this.version < 13) throw versionError();
    return true;
  }
  // A base-128 varint of `bits` bits (more significant bits are dropped); undefined at the end.
  varint(bits) {
    let value = 0;
    let scale = 1;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.data.length) return undefined;
      const b = this.data[this.pos];
      if (shift >= bits) return value;
      value += (b & 0x7f) * scale;
      scale *= 128;
      shift += 7;
      this.pos++;
      if (!(b & 0x80)) break;
    }
    return bits === 32 ? value % 2 ** 32 : bits === 8 ? value % 256 : value;
  }
  varint64() {
    let value = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.data.length) return undefined;
      const b = this.data[this.pos];
      if (shift >= 64n) return value;
      value |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      this.pos++;
      if (!(b & 0x80)) break;
    }
    return value & 0xffffffffffffffffn;
  }
  u32() {
    const v = this.varint(32);
    return v === undefined ? fail() : v;
  }
  u8() {
    const v = this.varint(8);
    return v === undefined ? fail() : v;
  }
  double() {
    if (this.pos + 8 > this.data.length) return undefined;
    const d = new DataView(this.data.buffer, this.data.byteOffset + this.pos, 8).getFloat64(0, true);
    this.pos += 8;
    return d;
  }
  readDouble() {
    const d = this.double();
    return d === undefined ? fail() : d;
  }
  rawBytes(n) {
    if (n > this.data.length - this.pos) return undefined;
    const start = this.pos;
    this.pos += n;
    return start;
  }
  readTag() {
    let t;
    do {
      if (this.pos >= this.data.length) fail();
      t = this.data[this.pos++];
    } while (t === tag.padding);
    return t;
  }
  peekTag() {
    let p = this.pos;
    while (p < this.data.length && this.data[p] === tag.padding) p++;
    return p < this.data.length ? this.data[p] : undefined;
  }
  consumeTag() {
    this.readTag();
  }
  add(id, obj) {
    this.objects[id] = obj;
    return obj;
  }
  readValue() {
    try {
      return this.readObject();
    } catch (e) {
      if (e === kFail) throw new Error('Unable to deserialize cloned data.');
      throw e;
    }
  }
  readObject() {
    let result = this.readObjectInternal();
    if (result instanceof ArrayBuffer || classOf(result) === classIds().sharedArrayBuffer) {
      if (this.peekTag() === tag.arrayBufferView) {
        this.consumeTag();
        result = this.readView(result);
      }
    }
    return result;
  }
  readString() {
    const s = this.readObject();
    return typeof s === 'string' ? s : fail();
  }
  oneByte(n) {
    const start = this.rawBytes(n) ?? fail();
    let s = '';
    for (let i = start; i < start + n; i += 8192) {
      s += String.fromCharCode.apply(null, this.data.subarray(i, Math.min(i + 8192, start + n)));
    }
    return s;
  }
  bigint() {
    const bitfield = this.u32();
    const byteLength = (bitfield >>> 1) & 0x3fffffff;
    const start = this.rawBytes(byteLength) ?? fail();
    let n = 0n;
    for (let i = byteLength - 1; i >= 0; i--) n = (n << 8n) | BigInt(this.data[start + i]);
    return bitfield & 1 ? -n : n;
  }
  readObjectInternal() {
    const t = this.readTag();
    switch (t) {
      case tag.verifyObjectCount: this.u32(); return this.readObject();
      case tag.undefined: return undefined;
      case tag.null: return null;
      case tag.true: return true;
      case tag.false: return false;
      case tag.int32: { const u = this.u32(); return (u >>> 1) ^ -(u & 1); }
      case tag.uint32: return this.u32();
      case tag.double: return this.readDouble();
      case tag.bigint: return this.bigint();
      case tag.utf8String: {
        const n = this.u32();
        const start = this.rawBytes(n) ?? fail();
        return new TextDecoder().decode(this.data.subarray(start, start + n));
      }
      case tag.oneByteString: return this.oneByte(this.u32());
      case tag.twoByteString: {
        const n = this.u32();
        if (n % 2) fail();
        const start = this.rawBytes(n) ?? fail();
        let s = '';
        for (let i = start; i < start + n; i += 2) s += String.fromCharCode(this.data[i] | (this.data[i + 1] << 8));
        return s;
      }
      case tag.objectReference: {
        const id = this.u32();
        return Object.prototype.hasOwnProperty.call(this.objects, id) ? this.objects[id] : fail();
      }
      case tag.beginJSObject: {
        const obj = this.add(this.nextId++, {});
        const n = this.readProperties(obj, tag.endJSObject);
        if (this.u32() !== n) fail();
        return obj;
      }
      case tag.beginSparseJSArray: {
        const length = this.u32();
        const arr = this.add(this.nextId++, new Array(length));
        const n = this.readProperties(arr, tag.endSparseJSArray);
        if (this.u32() !== n || this.u32() !== length) fail();
        return arr;
      }
      case tag.beginDenseJSArray: {
        const length = this.u32();
        if (length > this.data.length - this.pos) fail();
        const arr = this.add(this.nextId++, new Array(length));
        for (let i = 0; i < length; i++) {
          if (this.peekTag() === tag.theHole) {
            this.consumeTag();
            continue;
          }
          const el = this.readObject();
          if (this.version < 11 && el === undefined) continue;
          arr[i] = el;
        }
        const n = this.readProperties(arr, tag.endDenseJSArray);
        if (this.u32() !== n || this.u32() !== length) fail();
        return arr;
      }
      case tag.date: {
        const time = this.readDouble();
        return this.add(this.nextId++, new Date(time));
      }
      case tag.trueObject: return this.add(this.nextId++, Object(true));
      case tag.falseObject: return this.add(this.nextId++, Object(false));
      case tag.numberObject: {
        const id = this.nextId++;
        return this.add(id, Object(this.readDouble()));
      }
      case tag.bigintObject: {
        const id = this.nextId++;
        return this.add(id, Object(this.bigint()));
      }
      case tag.stringObject: {
        const id = this.nextId++;
        return this.add(id, Object(this.readString()));
      }
      case tag.regExp: {
        const id = this.nextId++;
        const pattern = this.readString();
        const bits = this.u32();
        let flags = '';
        let known = 0;
        for (const [c, bit] of regExpFlags) {
          if (bits & bit) flags += c;
          known |= bit;
        }
        if (bits & ~known) fail();
        let re;
        try {
          re = new RegExp(pattern, flags);
        } catch {
          fail();
        }
        return this.add(id, re);
      }
      case tag.beginJSMap: {
        const map = this.add(this.nextId++, new Map());
        let n = 0;
        for (;;) {
          const p = this.peekTag();
          if (p === undefined) fail();
          if (p === tag.endJSMap) break;
          const k = this.readObject();
          const v = this.readObject();
          Map.prototype.set.call(map, k, v);
          n += 2;
        }
        this.consumeTag();
        if (this.u32() !== n) fail();
        return map;
      }
      case tag.beginJSSet: {
        const set = this.add(this.nextId++, new Set());
        let n = 0;
        for (;;) {
          const p = this.peekTag();
          if (p === undefined) fail();
          if (p === tag.endJSSet) break;
          Set.prototype.add.call(set, this.readObject());
          n++;
        }
        this.consumeTag();
        if (this.u32() !== n) fail();
        return set;
      }
      case tag.arrayBuffer:
      case tag.resizableArrayBuffer: {
        const id = this.nextId++;
        const length = this.u32();
        let max = length;
        if (t === tag.resizableArrayBuffer) {
          max = this.u32();
          if (length > max) fail();
        }
        const start = this.rawBytes(length) ?? fail();
        const ab = t === tag.resizableArrayBuffer ? new ArrayBuffer(length, { maxByteLength: max }) : new ArrayBuffer(length);
        new Uint8Array(ab).set(this.data.subarray(start, start + length));
        return this.add(id, ab);
      }
      case tag.arrayBufferTransfer: {
        const id = this.nextId++;
        const transferId = this.u32();
        if (!this.transfers.has(transferId)) fail();
        return this.add(id, this.transfers.get(transferId));
      }
      case tag.sharedArrayBuffer: {
        this.nextId++;
        this.u32();
        return fail();
      }
      case tag.error: return this.readError();
      case tag.hostObject: return this.readHostObject();
      default:
        // Before version 13 every unknown tag was the host's.
        if (this.version < 13) {
          this.pos--;
          return this.readHostObject();
        }
        return fail();
    }
  }
  readProperties(obj, endTag) {
    let n = 0;
    for (;;) {
      const p = this.peekTag();
      if (p === undefined) fail();
      if (p === endTag) {
        this.consumeTag();
        return n;
      }
      const key = this.readObject();
      if (typeof key !== 'string' && typeof key !== 'number') fail();
      const value = this.readObject();
      if (Object.prototype.hasOwnProperty.call(obj, key)) fail();
      Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
      n++;
    }
  }
  readView(buffer) {
    const bufferLength = buffer.byteLength;
    const viewTag = this.u8();
    const offset = this.u32();
    const length = this.u32();
    if (offset > bufferLength || length > bufferLength - offset) fail();
    const flags = this.version >= 14 ? this.u32() : 0;
    const id = this.nextId++;
    const Ctor = viewCtorOf.get(viewTag);
    if (!Ctor) fail();
    const tracking = !!(flags & 1);
    const backedByRab = !!(flags & 2);
    const resizable = !!arrayBufferResizable?.call(buffer);
    if ((tracking || backedByRab) && !resizable) fail();
    if (resizable && !backedByRab) fail();
    if (Ctor === DataView) return this.add(id, tracking ? new DataView(buffer, offset) : new DataView(buffer, offset, length));
    const size = Ctor.BYTES_PER_ELEMENT;
    if (offset % size || length % size) fail();
    return this.add(id, tracking ? new Ctor(buffer, offset) : new Ctor(buffer, offset, length / size));
  }
  readError() {
    const id = this.nextId++;
    let Ctor = Error;
    let message;
    let options;
    let stack;
    for (let done = false; !done;) {
      const t = this.u8();
      const known = errorTags.find(([c]) => c === t);
      if (known) Ctor = known[2];
      else if (t === errorTag.message) message = this.readString();
      else if (t === errorTag.cause) {
        options = {};
        Object.defineProperty(options, 'cause', { value: this.readObject(), writable: true, enumerable: false, configurable: true });
      } else if (t === errorTag.stack) stack = this.readString();
      else if (t === errorTag.end) done = true;
      else fail();
    }
    const err = options ? new Ctor(message, options) : new Ctor(message);
    Object.defineProperty(err, 'stack', { value: stack, writable: true, enumerable: false, configurable: true });
    return this.add(id, err);
  }
  readHostObject() {
    const id = this.nextId++;
    if (typeof this.owner._readHostObject !== 'function') fail();
    const obj = this.owner._readHostObject();
    if (obj === null || (typeof obj !== 'object' && typeof obj !== 'function')) {
      throw new TypeError('readHostObject must return an object');
    }
    return this.add(id, obj);
  }
}

// as the C++ of Node's serdes binding throws them (THROW_ERR_INVALID_ARG_TYPE): a TypeError
// with a code, whose toString() has no [code], unlike a NodeError's
const cppTypeError = (message) => Object.assign(new TypeError(message), { code: 'ERR_INVALID_ARG_TYPE' });
export const invalidSource = () => cppTypeError('source must be a TypedArray or a DataView');
export const invalidBuffer = () => cppTypeError('buffer must be a TypedArray or a DataView');
