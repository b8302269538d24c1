// node:v8 on QuickJS: heap figures from the real heap (process.memoryUsage), flags accepted,
// V8's serializer wire format (qjsw:internal/v8_serdes); what needs V8 itself (heap snapshots,
// coverage) fails when called.
import { unavailableFunction } from 'qjsw:internal/unavailable';
import { invalidArgType, nodeError } from 'qjsw:internal/errors';
import { inspect } from 'node:util';
import { Buffer } from 'node:buffer';
import { DeserializerState, SerializerState, invalidBuffer, invalidSource } from 'qjsw:internal/v8_serdes';
import * as ph from 'qjsw:internal/promise_hooks';

// V8's tag is a hash of its version and the flags that change code caching: here a hash of the
// flags set so far, so that setting one changes it as in Node.
let flagsSet = '';
export function cachedDataVersionTag() {
  let h = 0x811c9dc5;
  const text = `quickjs-wasmfs${flagsSet}`;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
export function getHeapStatistics() {
  const m = process.memoryUsage();
  const limit = Math.max(m.heapTotal, typeof process.constrainedMemory === 'function' ? process.constrainedMemory() || 0 : 0);
  return {
    total_heap_size: m.heapTotal, total_heap_size_executable: 0, total_physical_size: m.heapTotal,
    total_available_size: Math.max(0, limit - m.heapUsed), used_heap_size: m.heapUsed, heap_size_limit: limit,
    malloced_memory: m.external, peak_malloced_memory: m.external, does_zap_garbage: 0,
    number_of_native_contexts: 1, number_of_detached_contexts: 0, total_global_handles_size: 0,
    used_global_handles_size: 0, external_memory: m.external,
  };
}
const heapSpaces = ['read_only_space', 'new_space', 'old_space', 'code_space', 'shared_space', 'new_large_object_space',
  'large_object_space', 'code_large_object_space', 'shared_large_object_space'];
// QuickJS has one heap: it is all in old_space, the other spaces are empty.
export function getHeapSpaceStatistics() {
  const m = process.memoryUsage();
  return heapSpaces.map((space_name) => {
    const old = space_name === 'old_space';
    return {
      space_name, space_size: old ? m.heapTotal : 0, space_used_size: old ? m.heapUsed : 0,
      space_available_size: old ? Math.max(0, m.heapTotal - m.heapUsed) : 0, physical_space_size: old ? m.heapTotal : 0,
    };
  });
}
export function getHeapCodeStatistics() {
  return { code_and_metadata_size: 0, bytecode_and_metadata_size: 0, external_script_source_size: 0, cpu_profiler_metadata_size: 0 };
}
export function setFlagsFromString(flags) {
  if (typeof flags !== 'string') throw invalidArgType('flags', 'string', flags);
  flagsSet += ` ${flags}`;
}
export const getHeapSnapshot = unavailableFunction('getHeapSnapshot', 'v8.getHeapSnapshot');
export const writeHeapSnapshot = unavailableFunction('writeHeapSnapshot', 'v8.writeHeapSnapshot');
export function takeCoverage() {}
export function stopCoverage() {}
export const promiseHooks = {
  createHook: ph.createHook, onInit: ph.onInit, onBefore: ph.onBefore, onAfter: ph.onAfter, onSettled: ph.onSettled,
};
export const queryObjects = unavailableFunction('queryObjects', 'v8.queryObjects');
// A sandbox never builds a startup snapshot: the callbacks fail as in a Node run without
// --build-snapshot.
const notBuildingSnapshot = () =>
  nodeError(Error, 'ERR_NOT_BUILDING_SNAPSHOT', 'Operation cannot be invoked when not building startup snapshot');
export const startupSnapshot = {
  isBuildingSnapshot() { return false; },
  addSerializeCallback() { throw notBuildingSnapshot(); },
  addDeserializeCallback() { throw notBuildingSnapshot(); },
  setDeserializeMainFunction() { throw notBuildingSnapshot(); },
};
export function setHeapSnapshotNearHeapLimit() {}
// QuickJS's collector reports no events: a profile has no statistics.
export class GCProfiler {
  #startTime = null;
  start() {
    this.#startTime ??= Date.now();
  }
  stop() {
    if (this.#startTime === null) return undefined;
    const data = { version: 1, startTime: this.#startTime, statistics: [], endTime: Date.now() };
    this.#startTime = null;
    return data;
  }
}

// ---- Serializer and Deserializer
// The state of each is a private field stamped on the instance (a WeakMap from instance to
// state costs QuickJS far more per object, and serialize() makes one per call).
class Stamp {
  constructor(target) {
    return target;
  }
}
class WithState extends Stamp {
  #state;
  constructor(target, state) {
    super(target);
    this.#state = state;
  }
  static of(target) {
    if (target === null || (typeof target !== 'object' && typeof target !== 'function') || !(#state in target)) {
      throw new TypeError('Illegal invocation');
    }
    return target.#state;
  }
}
const constructCallRequired = (name) =>
  nodeError(TypeError, 'ERR_CONSTRUCT_CALL_REQUIRED', `Class constructor ${name} cannot be invoked without 'new'`);
const serializerOf = (self) => WithState.of(self);
const deserializerOf = (self) => WithState.of(self);
const toUint32 = (v) => Number(v) >>> 0;

export function Serializer() {
  if (new.target === undefined) throw constructCallRequired('Serializer');
  new WithState(this, new SerializerState());
}
defineMethods(Serializer.prototype, {
  writeHeader() { serializerOf(this).writeHeader(); },
  writeValue(value) {
    const state = serializerOf(this);
    // The hooks (_writeHostObject, _getDataCloneError) are looked up on the serializer as Node does.
    const outer = state.owner;
    state.owner = this;
    try {
      state.writeValue(value);
    } finally {
      state.owner = outer;
    }
    return true;
  },
  releaseBuffer() { return Buffer.from(serializerOf(this).out.release().buffer); },
  transferArrayBuffer(id, arrayBuffer) {
    const state = serializerOf(this);
    const n = toUint32(id);
    if (!(arrayBuffer instanceof ArrayBuffer)) throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'arrayBuffer must be an ArrayBuffer');
    state.transfers.set(arrayBuffer, n);
  },
  writeUint32(value) { const state = serializerOf(this); state.out.varint(toUint32(value)); },
  writeUint64(hi, lo) {
    const state = serializerOf(this);
    const h = toUint32(hi);
    const l = toUint32(lo);
    state.out.varintBig((BigInt(h) << 32n) | BigInt(l));
  },
  writeDouble(value) { const state = serializerOf(this); state.out.double(Number(value)); },
  writeRawBytes(source) {
    const state = serializerOf(this);
    if (!ArrayBuffer.isView(source)) throw invalidSource();
    state.out.raw(new Uint8Array(source.buffer, source.byteOffset, source.byteLength));
  },
  _setTreatArrayBufferViewsAsHostObjects(value) { serializerOf(this).viewsAsHostObjects = !!value; },
});
Serializer.prototype._getDataCloneError = Error;

export function Deserializer(buffer) {
  if (new.target === undefined) throw constructCallRequired('Deserializer');
  if (!ArrayBuffer.isView(buffer)) throw invalidBuffer();
  new WithState(this, new DeserializerState(buffer));
  this.buffer = buffer;
}
defineMethods(Deserializer.prototype, {
  readHeader() { return deserializerOf(this).readHeader(); },
  readValue() {
    const state = deserializerOf(this);
    const outer = state.owner;
    state.owner = this;
    try {
      return state.readValue();
    } finally {
      state.owner = outer;
    }
  },
  getWireFormatVersion() { return deserializerOf(this).version; },
  transferArrayBuffer(id, arrayBuffer) {
    const state = deserializerOf(this);
    const n = toUint32(id);
    const shared = typeof SharedArrayBuffer === 'function' && arrayBuffer instanceof SharedArrayBuffer;
    if (!(arrayBuffer instanceof ArrayBuffer) && !shared) {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'arrayBuffer must be an ArrayBuffer or SharedArrayBuffer');
    }
    state.transfers.set(n, arrayBuffer);
  },
  readUint32() {
    const v = deserializerOf(this).varint(32);
    if (v === undefined) throw new Error('ReadUint32() failed');
    return v;
  },
  readUint64() {
    const v = deserializerOf(this).varint64();
    if (v === undefined) throw new Error('ReadUint64() failed');
    return [Number(v >> 32n), Number(v & 0xffffffffn)];
  },
  readDouble() {
    const v = deserializerOf(this).double();
    if (v === undefined) throw new Error('ReadDouble() failed');
    return v;
  },
  _readRawBytes(length) {
    const state = deserializerOf(this);
    const n = Math.trunc(Number(length)) || 0;
    const offset = n < 0 ? undefined : state.rawBytes(n);
    if (offset === undefined) throw new Error('ReadRawBytes() failed');
    return offset;
  },
  readRawBytes(length) {
    const offset = this._readRawBytes(length);
    return Buffer.from(this.buffer.buffer, this.buffer.byteOffset + offset, length);
  },
});

function defineMethods(proto, methods) {
  for (const [name, fn] of Object.entries(methods)) {
    Object.defineProperty(proto, name, { value: fn, writable: true, enumerable: true, configurable: true });
  }
}

// Node's index of each view kind in a host object (10 is Buffer).
const viewIndex = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'Float32Array', 'Float64Array', 'DataView', 'Buffer', 'BigInt64Array', 'BigUint64Array'];
const viewCtors = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, DataView, null, BigInt64Array, BigUint64Array];

export class DefaultSerializer extends Serializer {
  constructor() {
    super();
    this._setTreatArrayBufferViewsAsHostObjects(true);
  }
  _writeHostObject(abView) {
    let i = 10;
    if (abView.constructor !== Buffer) {
      i = viewIndex.indexOf(Object.prototype.toString.call(abView).slice(8, -1));
      if (i === -1 || i === 10) throw new this._getDataCloneError(`Unserializable host object: ${inspect(abView)}`);
    }
    this.writeUint32(i);
    this.writeUint32(abView.byteLength);
    this.writeRawBytes(new Uint8Array(abView.buffer, abView.byteOffset, abView.byteLength));
  }
}

export class DefaultDeserializer extends Deserializer {
  _readHostObject() {
    const typeIndex = this.readUint32();
    const byteLength = this.readUint32();
    const byteOffset = this._readRawBytes(byteLength);
    const offset = this.buffer.byteOffset + byteOffset;
    if (typeIndex === 10) return Buffer.from(this.buffer.buffer, offset, byteLength);
    const Ctor = viewCtors[typeIndex];
    const size = Ctor.BYTES_PER_ELEMENT || 1;
    if (offset % size === 0) return new Ctor(this.buffer.buffer, offset, byteLength / size);
    // An unaligned typed array is made over a copy.
    const copy = Buffer.allocUnsafe(byteLength);
    copy.set(new Uint8Array(this.buffer.buffer, offset, byteLength));
    return new Ctor(copy.buffer, copy.byteOffset, byteLength / size);
  }
}

export function serialize(value) {
  const ser = new DefaultSerializer();
  ser.writeHeader();
  ser.writeValue(value);
  return ser.releaseBuffer();
}

export function deserialize(buffer) {
  const der = new DefaultDeserializer(buffer);
  der.readHeader();
  return der.readValue();
}

export default {
  cachedDataVersionTag, getHeapSnapshot, getHeapStatistics, getHeapSpaceStatistics, getHeapCodeStatistics, setFlagsFromString,
  Serializer, Deserializer, DefaultSerializer, DefaultDeserializer, deserialize, takeCoverage, stopCoverage, serialize,
  writeHeapSnapshot, promiseHooks, queryObjects, startupSnapshot, setHeapSnapshotNearHeapLimit, GCProfiler,
};
