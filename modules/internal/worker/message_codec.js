// worker_threads messages between QuickJS runtimes: no value can be shared between two
// runtimes, so the sender encodes a structured clone into bytes and the receiver decodes it.
// The bytes are [u32 length of the JSON record][the JSON record][the ArrayBuffers' bytes]; the
// record is a tree of tagged arrays in which every object has a number, so that shared and
// cyclic references come out shared and cyclic. JSON.stringify escapes lone surrogates, so
// every string arrives as it was sent.
import { DOMException } from 'qjsw:internal/dom_exception';
import {
  isDate, isRegExp, isMap, isSet, isNativeError, isArrayBuffer, isBoxedPrimitive, isNumberObject, isStringObject,
  isBooleanObject, isBigIntObject,
} from 'qjsw:internal/util/inspect';
import { detachArrayBuffer } from 'qjsw:binding/util';
import { nodeError } from 'qjsw:internal/errors';
import { markAsUntransferable, isMarkedAsUntransferable } from 'qjsw:internal/worker/untransferable';
import { isTransferableSignal, receivedSignal, abortSignal } from 'qjsw:internal/abort';
import { isFileHandle, kTransferFd, kDetach } from 'qjsw:internal/fs/file_handle_refs';
import { importBuiltin } from 'qjsw:binding/module';

// A MessageChannel maker (node:worker_threads gives it): a transferred AbortSignal that has not
// aborted yet travels as a port, on which its sender posts the reason when it aborts.
let newChannel;
export function setChannelFactory(fn) {
  newChannel = fn;
}

const errorConstructors = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
const viewTypes = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array,
  Float64Array, BigInt64Array, BigUint64Array, DataView,
};
export { markAsUntransferable, isMarkedAsUntransferable };

export function dataCloneError(message) {
  return new DOMException(message, 'DataCloneError');
}

function uncloneable(value) {
  let shown;
  if (typeof value === 'function') shown = Function.prototype.toString.call(value);
  else if (typeof value === 'symbol') shown = value.toString();
  else shown = `#<${value?.constructor?.name ?? 'Object'}>`;
  return dataCloneError(`${shown} could not be cloned.`);
}

function viewType(value) {
  const name = value instanceof DataView ? 'DataView' : Object.prototype.toString.call(value).slice(8, -1);
  return viewTypes[name] ? name : 'Uint8Array';
}

class Encoder {
  constructor(isPort, ports, signals, handles) {
    this.signals = signals;
    this.handles = handles;
    this.ids = new Map();
    this.buffers = [];
    // a MessagePort met in the value: passed by identity within one runtime (`ports`, those of
    // the transfer list), an error across runtimes
    this.isPort = isPort;
    this.ports = ports;
  }

  number(n) {
    if (Number.isNaN(n) || n === Infinity || n === -Infinity || Object.is(n, -0)) return ['n', String(Object.is(n, -0) ? '-0' : n)];
    return n;
  }

  value(v) {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        return this.number(v);
      case 'undefined':
        return ['u'];
      case 'bigint':
        return ['b', v.toString()];
      case 'symbol':
      case 'function':
        throw uncloneable(v);
    }
    if (v === null) return null;
    const seen = this.ids.get(v);
    if (seen !== undefined) return ['r', seen];
    if (this.isPort?.(v)) {
      if (!this.ports) throw dataCloneError('MessagePort in transfer list is not transferable to another thread here');
      const at = this.ports.indexOf(v);
      if (at < 0) {
        throw nodeError(TypeError, 'ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST',
          'Object that needs transfer was found in message but not listed in transferList');
      }
      return ['p', at];
    }
    if (isFileHandle(v)) {
      // its fd moves to the receiver (the same module's fd table): listed ones only
      if (!this.handles?.has(v)) {
        throw nodeError(TypeError, 'ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST',
          'Object that needs transfer was found in message but not listed in transferList');
      }
      const id = this.ids.size;
      this.ids.set(v, id);
      return ['F', id, this.handles.get(v)];
    }
    const id = this.ids.size;
    this.ids.set(v, id);
    if (this.signals?.has(v)) return this.signal(v, id);
    if (Array.isArray(v)) return ['a', id, v.length, this.entries(v)];
    if (isDate(v)) return ['d', id, this.number(Date.prototype.getTime.call(v))];
    if (isRegExp(v)) return ['x', id, v.source, v.flags];
    if (isBoxedPrimitive(v)) {
      if (isNumberObject(v)) return ['P', id, 'n', this.number(Number.prototype.valueOf.call(v))];
      if (isStringObject(v)) return ['P', id, 's', String.prototype.valueOf.call(v)];
      if (isBooleanObject(v)) return ['P', id, 'b', Boolean.prototype.valueOf.call(v)];
      if (isBigIntObject(v)) return ['P', id, 'i', BigInt.prototype.valueOf.call(v).toString()];
      throw uncloneable(v);
    }
    if (isArrayBuffer(v)) {
      this.buffers.push(new Uint8Array(v).slice());
      return ['B', id, this.buffers.length - 1];
    }
    if (Object.prototype.toString.call(v) === '[object SharedArrayBuffer]') {
      // no memory is shared between runtimes: the receiver gets a copy (README, limits)
      this.buffers.push(new Uint8Array(v).slice());
      return ['S', id, this.buffers.length - 1];
    }
    if (ArrayBuffer.isView(v)) {
      const type = viewType(v);
      const length = type === 'DataView' ? v.byteLength : v.length;
      return ['v', id, type, this.value(v.buffer), v.byteOffset, length];
    }
    if (isMap(v)) {
      const out = [];
      for (const [k, x] of v) out.push(this.value(k), this.value(x));
      return ['m', id, out];
    }
    if (isSet(v)) {
      const out = [];
      for (const x of v) out.push(this.value(x));
      return ['s', id, out];
    }
    if (isNativeError(v)) {
      const name = errorConstructors[v.name] ? v.name : 'Error';
      const own = (key) => Object.prototype.hasOwnProperty.call(v, key);
      return [
        'e', id, name,
        own('message') ? String(v.message) : null,
        typeof v.stack === 'string' ? v.stack : null,
        own('cause') ? [this.value(v.cause)] : null,
      ];
    }
    if (Object.prototype.toString.call(v) !== '[object Object]' || isHostObject(v)) throw uncloneable(v);
    return ['o', id, this.entries(v)];
  }

  // a transferable AbortSignal of the transfer list (util.transferableAbortSignal)
  signal(v, id) {
    if (v.aborted) return ['A', id, true, this.value(v.reason)];
    if (!this.ports || !newChannel) throw uncloneable(v);
    const { port1, port2 } = newChannel();
    v.addEventListener('abort', () => {
      port1.postMessage(v.reason);
      port1.close();
    }, { once: true });
    this.ports.push(port2);
    return ['A', id, false, this.ports.length - 1];
  }

  entries(v) {
    const out = [];
    for (const key of Object.keys(v)) out.push(key, this.value(v[key]));
    return out;
  }
}

// Objects V8 will not clone although their tag says Object: promises, weak collections, proxies
// of them and the like show another tag; what is left here is a generator or iterator object.
function isHostObject(v) {
  return typeof v.next === 'function' && Symbol.iterator in v && typeof v[Symbol.iterator] === 'function' &&
    Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null;
}

class Decoder {
  constructor(buffers, ports) {
    this.objects = [];
    this.buffers = buffers;
    this.ports = ports;
  }

  number(n) {
    return Array.isArray(n) ? Number(n[1]) : n;
  }

  value(r) {
    if (r === null || typeof r !== 'object') return r;
    const [tag, id] = r;
    switch (tag) {
      case 'u': return undefined;
      case 'n': return Number(r[1]);
      case 'b': return BigInt(r[1]);
      case 'r': return this.objects[id];
      case 'p': return this.ports[id];
      case 'A': {
        if (r[2]) return (this.objects[id] = receivedSignal(true, this.value(r[3])));
        const signal = receivedSignal(false);
        this.objects[id] = signal;
        const port = this.ports[r[3]];
        port.onmessage = ({ data }) => {
          abortSignal(signal, data);
          port.close();
          port.onmessage = undefined;
        };
        // the receiving end alone never keeps the event loop alive
        port.unref();
        return signal;
      }
      case 'a': {
        const out = new Array(r[2]);
        this.objects[id] = out;
        this.fill(out, r[3]);
        return out;
      }
      case 'o': {
        const out = {};
        this.objects[id] = out;
        this.fill(out, r[2]);
        return out;
      }
      case 'F': {
        const { FileHandle } = importBuiltin('node:fs/promises');
        return (this.objects[id] = new FileHandle(r[2]));
      }
      case 'd': return (this.objects[id] = new Date(this.number(r[2])));
      case 'x': return (this.objects[id] = new RegExp(r[2], r[3]));
      case 'P': {
        const kind = r[2];
        const v = kind === 'n' ? this.number(r[3]) : kind === 'i' ? BigInt(r[3]) : r[3];
        return (this.objects[id] = Object(v));
      }
      case 'B': return (this.objects[id] = this.buffers[r[2]]);
      case 'S': {
        const bytes = new Uint8Array(this.buffers[r[2]]);
        const out = new SharedArrayBuffer(bytes.length);
        new Uint8Array(out).set(bytes);
        return (this.objects[id] = out);
      }
      case 'v': {
        const buffer = this.value(r[3]);
        const Ctor = viewTypes[r[2]];
        return (this.objects[id] = new Ctor(buffer, r[4], r[5]));
      }
      case 'm': {
        const out = new Map();
        this.objects[id] = out;
        for (let i = 0; i < r[2].length; i += 2) out.set(this.value(r[2][i]), this.value(r[2][i + 1]));
        return out;
      }
      case 's': {
        const out = new Set();
        this.objects[id] = out;
        for (const x of r[2]) out.add(this.value(x));
        return out;
      }
      case 'e': {
        // a real error object (V8's clone is one: a later clone of it is an error again)
        const out = new (errorConstructors[r[2]] ?? Error)();
        delete out.stack;
        this.objects[id] = out;
        const define = (key, v) => Object.defineProperty(out, key, { value: v, writable: true, configurable: true, enumerable: false });
        if (r[3] !== null) define('message', r[3]);
        if (r[4] !== null) define('stack', r[4]);
        if (r[5] !== null) define('cause', this.value(r[5][0]));
        return out;
      }
    }
    throw dataCloneError('Unable to deserialize cloned data.');
  }

  fill(out, entries) {
    for (let i = 0; i < entries.length; i += 2) out[entries[i]] = this.value(entries[i + 1]);
  }
}

// The ArrayBuffers of a transfer list, checked as Node checks them before anything is sent.
function transferred(transferList, isPort, ports, source, signals, handles) {
  const buffers = [];
  if (transferList === undefined || transferList === null) return buffers;
  let list = transferList;
  let what = 'transferList';
  if (typeof list === 'object' && typeof list[Symbol.iterator] !== 'function') {
    // the options form: { transfer }
    list = list.transfer;
    what = 'options.transfer';
    if (list === undefined) return buffers;
  }
  const notIterable = () => nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `Optional ${what} argument must be an iterable`);
  if (list === null || typeof list !== 'object' || typeof list[Symbol.iterator] !== 'function') throw notIterable();
  let items;
  try {
    items = [...list];
  } catch {
    throw notIterable();
  }
  const seen = new Set();
  for (const item of items) {
    if (isMarkedAsUntransferable(item)) continue;
    if (isArrayBuffer(item)) {
      if (seen.has(item)) throw dataCloneError('Transfer list contains duplicate ArrayBuffer');
      buffers.push(item);
    } else if (isPort?.(item)) {
      // Node's order of checks (Message::Serialize)
      if (item === source) throw dataCloneError('Transfer list contains source port');
      if (isPort.detached?.(item)) throw dataCloneError('MessagePort in transfer list is already detached');
      if (seen.has(item)) throw dataCloneError('Transfer list contains duplicate MessagePort');
      if (!ports) throw dataCloneError('MessagePort in transfer list is not transferable to another thread here');
      ports.push(item);
    } else if (isTransferableSignal(item)) {
      signals.add(item);
    } else if (isFileHandle(item)) {
      if (seen.has(item)) throw dataCloneError('Transfer list contains duplicate FileHandle');
      handles.set(item, item[kTransferFd]());
    } else {
      throw nodeError(TypeError, 'ERR_INVALID_TRANSFER_OBJECT', 'Found invalid object in transferList');
    }
    seen.add(item);
  }
  return buffers;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function pack(record, buffers) {
  const json = encoder.encode(JSON.stringify([record, buffers.map((b) => b.length)]));
  const total = 4 + json.length + buffers.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, json.length);
  out.set(json, 4);
  let at = 4 + json.length;
  for (const b of buffers) {
    out.set(b, at);
    at += b.length;
  }
  return out.buffer;
}

/**
 * The bytes of a structured clone of `value`; ArrayBuffers in `transferList` are detached in
 * the sender once the value is encoded. `isPort` tells a MessagePort (which cannot cross).
 */
export function encodeMessage(value, transferList, isPort, ports, source) {
  const signals = new Set();
  const handles = new Map(); // FileHandle -> fd
  const transfers = transferred(transferList, isPort, ports, source, signals, handles);
  const enc = new Encoder(isPort, ports, signals, handles);
  const bytes = pack(enc.value(value), enc.buffers);
  for (const b of transfers) detachArrayBuffer(b);
  for (const h of handles.keys()) h[kDetach]();
  return bytes;
}

export function decodeMessage(bytes, ports) {
  const all = new Uint8Array(bytes);
  const length = new DataView(bytes).getUint32(0);
  const [record, sizes] = JSON.parse(decoder.decode(all.subarray(4, 4 + length)));
  let at = 4 + length;
  const buffers = sizes.map((n) => {
    const b = all.slice(at, at + n).buffer;
    at += n;
    return b;
  });
  return new Decoder(buffers, ports).value(record);
}

// An uncaught exception of a worker, as Node's error_serdes sends it to the 'error' event: an
// error keeps its class and every own and inherited data property (code, errno, ...); any
// other value is cloned, and one that cannot be is sent as its inspected text. The result is
// itself cloneable (encodeMessage it to send it); decodeError takes it back.
export function encodeError(error, inspect) {
  // (Node's test is the tag: an error decoded here, rethrown by a worker in between, has it)
  if (error !== null && typeof error === 'object' && Object.prototype.toString.call(error) === '[object Error]') {
    try {
      let ctor = 'Error';
      for (let o = error; o !== null; o = Object.getPrototypeOf(o)) {
        const name = Object.getOwnPropertyDescriptor(o, 'constructor')?.value?.name;
        if (errorConstructors[name]) {
          ctor = name;
          break;
        }
      }
      const props = [];
      const seen = new Set();
      for (let o = error; o !== null; o = Object.getPrototypeOf(o)) {
        for (const key of Object.getOwnPropertyNames(o)) {
          if (seen.has(key)) continue;
          const d = Object.getOwnPropertyDescriptor(o, key);
          let value = d.value;
          if (d.get && key !== '__proto__') {
            try {
              value = d.get.call(error);
            } catch {
              continue;
            }
          } else if (!('value' in d)) continue;
          if (typeof value === 'function' || typeof value === 'symbol') continue;
          seen.add(key);
          props.push([key, key === 'cause' ? encodeError(value, inspect) : value, d.enumerable, d.writable !== false, d.configurable]);
        }
      }
      return { error: encodeMessage({ ctor, props }) };
    } catch {
      // a property that cannot be cloned: the value as a whole below
    }
  }
  try {
    return { value: encodeMessage(error) };
  } catch {
    return { text: inspect(error) };
  }
}

export function decodeError(sent) {
  if (sent.text !== undefined) return sent.text;
  if (sent.value !== undefined) return decodeMessage(sent.value);
  const { ctor, props } = decodeMessage(sent.error);
  const descriptors = { [Symbol.toStringTag]: { value: 'Error', configurable: true, enumerable: true } };
  for (const [key, value, enumerable, writable, configurable] of props) {
    descriptors[key] = {
      value: key === 'cause' ? decodeError(value) : value,
      enumerable, writable, configurable,
    };
  }
  return Object.create((errorConstructors[ctor] ?? Error).prototype, descriptors);
}
