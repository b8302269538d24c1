// structuredClone: the HTML structured clone of the value kinds guest code passes around
// (objects, arrays, Map, Set, Date, RegExp, boxed primitives, errors, ArrayBuffer and views),
// with shared and cyclic references kept; anything else is a DataCloneError.
import { DOMException } from 'qjsw:internal/dom_exception';
import {
  isDate, isRegExp, isMap, isSet, isNativeError, isArrayBuffer, isBoxedPrimitive, isNumberObject, isStringObject,
  isBooleanObject, isBigIntObject,
} from 'qjsw:internal/util/inspect';
import { invalidArgType, nodeError } from 'qjsw:internal/errors';
import { detachArrayBuffer } from 'qjsw:binding/util';
import { isMarkedAsUntransferable } from 'qjsw:internal/worker/untransferable';
import { importBuiltin } from 'qjsw:binding/module';

// web stream transfer (loaded only when a clone meets an object it does not know)
const streamTransfer = () => importBuiltin('qjsw:internal/webstreams/transfer');

const errorConstructors = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };

function uncloneable(value) {
  let shown;
  if (typeof value === 'function') shown = Function.prototype.toString.call(value);
  else if (typeof value === 'symbol') shown = value.toString();
  else shown = `#<${value?.constructor?.name ?? 'Object'}>`;
  return new DOMException(`${shown} could not be cloned.`, 'DataCloneError');
}

function clone(value, memo) {
  if (typeof value === 'symbol' || typeof value === 'function') throw uncloneable(value);
  if (value === null || typeof value !== 'object') return value;
  if (memo.has(value)) return memo.get(value);
  let out;
  if (Array.isArray(value)) {
    out = new Array(value.length);
    memo.set(value, out);
    for (const key of Object.keys(value)) out[key] = clone(value[key], memo);
    return out;
  }
  if (isDate(value)) out = new Date(Date.prototype.getTime.call(value));
  else if (isRegExp(value)) out = new RegExp(value.source, value.flags);
  else if (isBoxedPrimitive(value)) {
    if (isNumberObject(value)) out = Object(Number.prototype.valueOf.call(value));
    else if (isStringObject(value)) out = Object(String.prototype.valueOf.call(value));
    else if (isBooleanObject(value)) out = Object(Boolean.prototype.valueOf.call(value));
    else if (isBigIntObject(value)) out = Object(BigInt.prototype.valueOf.call(value));
    else throw uncloneable(value);
  } else if (isArrayBuffer(value)) {
    out = value.slice(0);
  } else if (ArrayBuffer.isView(value)) {
    const buffer = clone(value.buffer, memo);
    const Ctor = value instanceof DataView ? DataView : globalThis[Object.prototype.toString.call(value).slice(8, -1)];
    out = value instanceof DataView
      ? new DataView(buffer, value.byteOffset, value.byteLength)
      : new Ctor(buffer, value.byteOffset, value.length);
  } else if (isMap(value)) {
    out = new Map();
    memo.set(value, out);
    for (const [k, v] of value) out.set(clone(k, memo), clone(v, memo));
    return out;
  } else if (isSet(value)) {
    out = new Set();
    memo.set(value, out);
    for (const v of value) out.add(clone(v, memo));
    return out;
  } else if (isNativeError(value)) {
    const name = errorConstructors[value.name] ? value.name : 'Error';
    out = Object.create(errorConstructors[name].prototype);
    memo.set(value, out);
    const define = (key, v) => Object.defineProperty(out, key, { value: v, writable: true, configurable: true, enumerable: false });
    if ('message' in value) define('message', `${value.message}`);
    if (typeof value.stack === 'string') define('stack', value.stack);
    if ('cause' in value) define('cause', clone(value.cause, memo));
    return out;
  } else if (Object.prototype.toString.call(value) === '[object Object]' && !(Symbol.iterator in value && typeof value.next === 'function')) {
    out = {};
    memo.set(value, out);
    for (const key of Object.keys(value)) out[key] = clone(value[key], memo);
    return out;
  } else {
    if (streamTransfer().isTransferableStream(value)) {
      throw nodeError(TypeError, 'ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST',
        'Object that needs transfer was found in message but not listed in transferList');
    }
    throw uncloneable(value);
  }
  memo.set(value, out);
  return out;
}

export function structuredClone(value, options = undefined) {
  if (arguments.length === 0) {
    const err = new TypeError('The "value" argument must be specified');
    err.code = 'ERR_MISSING_ARGS';
    throw err;
  }
  if (options !== undefined && (options === null || typeof options !== 'object')) throw invalidArgType('options', 'Object', options);
  if (options?.transfer !== undefined && !Array.isArray(options.transfer)) throw invalidArgType('options.transfer', 'Array', options.transfer);
  const memo = new Map();
  const list = options?.transfer === undefined ? [] : options.transfer;
  const transfer = list.filter((b) => isArrayBuffer(b) && !isMarkedAsUntransferable(b));
  // Web streams in the list: the clone holds their receiving ends wherever it holds them.
  const streams = [];
  for (const item of list) {
    if (item === null || typeof item !== 'object' || isArrayBuffer(item) || !streamTransfer().isTransferableStream(item)) continue;
    if (memo.has(item)) throw new DOMException(`Transfer list contains duplicate ${streamTransfer().streamKind(item)}`, 'DataCloneError');
    const prepared = streamTransfer().prepareTransfer(item);
    memo.set(item, prepared.out);
    streams.push(prepared);
  }
  const result = clone(value, memo);
  // The ArrayBuffers in `transfer` move to the clone: their copies are in it, they end
  // detached (only once the clone succeeded, as the spec transfers after serializing).
  for (const b of transfer) detachArrayBuffer(b);
  for (const s of streams) s.commit();
  return result;
}
