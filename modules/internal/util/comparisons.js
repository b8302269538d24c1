// Deep equality as Node 20 defines it for assert.deepEqual (loose) and assert.deepStrictEqual /
// util.isDeepStrictEqual (strict): same [[Class]] tags, own enumerable keys (and enumerable
// symbols when strict), prototypes when strict, Map/Set contents regardless of order, typed
// arrays by content, cycles through a memo of the pairs being compared.
import {
  isDate, isRegExp, isNativeError, isSet, isMap, isAnyArrayBuffer, isBoxedPrimitive, isTypedArray,
  isNumberObject, isStringObject, isBooleanObject, isBigIntObject, isSymbolObject, isProxy,
} from 'qjsw:internal/util/inspect';
import { ownNonIndexKeys } from 'qjsw:binding/util';
import { compare as compareBytes } from 'qjsw:binding/buffer';
import { keyObjects } from 'qjsw:internal/crypto/brand';

const kNoIterator = 0;
const kIsArray = 1;
const kIsSet = 2;
const kIsMap = 3;

const objectToString = (v) => Object.prototype.toString.call(v);
const isEnumerable = (o, k) => Object.prototype.propertyIsEnumerable.call(o, k);
const isArrayBufferView = (v) => ArrayBuffer.isView(v);
const isError = (v) => isNativeError(v) || v instanceof Error;

// own enumerable keys but the indices (and symbols when strict), never listing the elements;
// a Proxy's keys come from its trap, indices included, and are filtered here
const isIndexKey = (k) => typeof k === 'string' && /^(?:0|[1-9]\d*)$/.test(k) && Number(k) < 4294967295;
const nonIndexKeys = (value, strict) =>
  (isProxy(value) ? ownNonIndexKeys(value, strict).filter((k) => !isIndexKey(k)) : ownNonIndexKeys(value, strict));

function areSimilarRegExps(a, b) {
  return a.source === b.source && a.flags === b.flags && a.lastIndex === b.lastIndex;
}

function bytesOf(view) {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function areEqualBytes(a, b) {
  return a.byteLength === b.byteLength && compareBytes(a, b, 0, a.byteLength, 0, b.byteLength) === 0;
}

function areSimilarFloatArrays(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isEqualBoxedPrimitive(a, b) {
  if (isNumberObject(a)) return isNumberObject(b) && Object.is(Number.prototype.valueOf.call(a), Number.prototype.valueOf.call(b));
  if (isStringObject(a)) return isStringObject(b) && String.prototype.valueOf.call(a) === String.prototype.valueOf.call(b);
  if (isBooleanObject(a)) return isBooleanObject(b) && Boolean.prototype.valueOf.call(a) === Boolean.prototype.valueOf.call(b);
  if (isBigIntObject(a)) return isBigIntObject(b) && BigInt.prototype.valueOf.call(a) === BigInt.prototype.valueOf.call(b);
  if (isSymbolObject(a)) return isSymbolObject(b) && Symbol.prototype.valueOf.call(a) === Symbol.prototype.valueOf.call(b);
  return false;
}

function innerDeepEqual(val1, val2, strict, memos) {
  if (val1 === val2) {
    if (val1 !== 0) return true;
    return strict ? Object.is(val1, val2) : true;
  }
  if (strict) {
    if (typeof val1 !== 'object') return typeof val1 === 'number' && Number.isNaN(val1) && Number.isNaN(val2);
    if (typeof val2 !== 'object' || val1 === null || val2 === null) return false;
    if (Object.getPrototypeOf(val1) !== Object.getPrototypeOf(val2)) return false;
  } else {
    if (val1 === null || typeof val1 !== 'object') {
      if (val2 === null || typeof val2 !== 'object') {
        // eslint-disable-next-line eqeqeq
        return val1 == val2 || (Number.isNaN(val1) && Number.isNaN(val2));
      }
      return false;
    }
    if (val2 === null || typeof val2 !== 'object') return false;
  }
  const val1Tag = objectToString(val1);
  if (val1Tag !== objectToString(val2)) return false;

  if (Array.isArray(val1)) {
    if (!Array.isArray(val2) || val1.length !== val2.length) return false;
    const keys1 = nonIndexKeys(val1, strict);
    if (keys1.length !== nonIndexKeys(val2, strict).length) return false;
    return keyCheck(val1, val2, strict, memos, kIsArray, keys1);
  } else if (val1Tag === '[object Object]' && !isBoxedPrimitive(val1) && !isError(val1)) {
    return keyCheck(val1, val2, strict, memos, kNoIterator);
  } else if (isDate(val1)) {
    if (!isDate(val2) || Date.prototype.getTime.call(val1) !== Date.prototype.getTime.call(val2)) return false;
  } else if (isRegExp(val1)) {
    if (!isRegExp(val2) || !areSimilarRegExps(val1, val2)) return false;
  } else if (isError(val1)) {
    // not the stack; message and name as own enumerable keys or by value, cause and errors
    // (AggregateError) as keys or deeply
    if (!isError(val2)) return false;
    for (const key of ['message', 'name']) {
      const enumerable = isEnumerable(val1, key);
      if (enumerable !== isEnumerable(val2, key) || (!enumerable && val1[key] !== val2[key])) return false;
    }
    for (const key of ['cause', 'errors']) {
      const enumerable = isEnumerable(val1, key);
      if (enumerable !== isEnumerable(val2, key) || (!enumerable && !innerDeepEqual(val1[key], val2[key], strict, memos))) return false;
    }
  } else if (isArrayBufferView(val1)) {
    if (!isArrayBufferView(val2)) return false;
    if (typedArrayTag.call(val1) !== typedArrayTag.call(val2)) return false;
    if (!strict && (val1 instanceof Float32Array || val1 instanceof Float64Array)) {
      if (!areSimilarFloatArrays(val1, val2)) return false;
    } else if (!areEqualBytes(bytesOf(val1), bytesOf(val2))) {
      return false;
    }
    const keys1 = nonIndexKeys(val1, strict);
    if (keys1.length !== nonIndexKeys(val2, strict).length) return false;
    return keyCheck(val1, val2, strict, memos, kNoIterator, keys1);
  } else if (isSet(val1)) {
    if (!isSet(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, kIsSet);
  } else if (isMap(val1)) {
    if (!isMap(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, kIsMap);
  } else if (isAnyArrayBuffer(val1)) {
    if (!isAnyArrayBuffer(val2) || !areEqualBytes(new Uint8Array(val1), new Uint8Array(val2))) return false;
  } else if (isBoxedPrimitive(val1)) {
    if (!isEqualBoxedPrimitive(val1, val2)) return false;
  } else if (keyObjects.has(val1)) {
    // KeyObjects by their key material, as Node's
    if (!keyObjects.has(val2) || !val1.equals(val2)) return false;
  } else if (Array.isArray(val2) || isArrayBufferView(val2) || isSet(val2) || isMap(val2) || isDate(val2) ||
      isRegExp(val2) || isAnyArrayBuffer(val2) || isBoxedPrimitive(val2) || isError(val2)) {
    return false;
  }
  return keyCheck(val1, val2, strict, memos, kNoIterator);
}

// %TypedArray%.prototype[Symbol.toStringTag]: the real kind, whatever the prototype says
const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;

function keyCheck(val1, val2, strict, memos, iterationType, aKeys) {
  const givenKeys = aKeys !== undefined;
  if (!givenKeys) {
    aKeys = Object.keys(val1);
    if (aKeys.length !== Object.keys(val2).length) return false;
  }
  for (const key of aKeys) if (!isEnumerable(val2, key)) return false;
  if (strict && !givenKeys) {
    const symbolKeysA = Object.getOwnPropertySymbols(val1);
    let count = 0;
    for (const key of symbolKeysA) {
      if (isEnumerable(val1, key)) {
        if (!isEnumerable(val2, key)) return false;
        aKeys.push(key);
        count++;
      } else if (isEnumerable(val2, key)) {
        return false;
      }
    }
    const symbolKeysB = Object.getOwnPropertySymbols(val2).filter((k) => isEnumerable(val2, k));
    if (symbolKeysB.length !== count) return false;
  }
  if (aKeys.length === 0 && (iterationType === kNoIterator || (iterationType === kIsArray && val1.length === 0) || val1.size === 0)) {
    return true;
  }
  // A pair met again while both sides are still being compared is taken as equal: the
  // structures then unfold the same way (Node compares cyclic values like this).
  if (memos === undefined) {
    memos = { val1: new Set(), val2: new Set() };
  } else if (memos.val1.has(val1) && memos.val2.has(val2)) {
    return true;
  }
  const added1 = !memos.val1.has(val1);
  const added2 = !memos.val2.has(val2);
  memos.val1.add(val1);
  memos.val2.add(val2);
  const areEq = objEquiv(val1, val2, strict, aKeys, memos, iterationType);
  if (added1) memos.val1.delete(val1);
  if (added2) memos.val2.delete(val2);
  return areEq;
}

const isObjectLike = (v) => typeof v === 'object' && v !== null;

// Does `set` hold an element deep-equal to `value` (taking it out of `candidates`)?
function takeDeepMatch(candidates, value, strict, memos) {
  for (let i = 0; i < candidates.length; i++) {
    if (innerDeepEqual(value, candidates[i], strict, memos)) {
      candidates.splice(i, 1);
      return true;
    }
  }
  return false;
}

function setEquiv(a, b, strict, memos) {
  const loose = [];
  for (const val of a) {
    if (isObjectLike(val) || (!strict && !b.has(val))) loose.push(val);
    else if (!b.has(val)) return false;
  }
  if (loose.length === 0) return true;
  const candidates = [];
  for (const val of b) if (isObjectLike(val) || (!strict && !a.has(val))) candidates.push(val);
  for (const val of loose) if (!takeDeepMatch(candidates, val, strict, memos)) return false;
  return candidates.length === 0;
}

function mapEquiv(a, b, strict, memos) {
  const loose = [];
  for (const [key, item1] of a) {
    if (isObjectLike(key) || (!strict && !b.has(key))) {
      loose.push([key, item1]);
    } else {
      const item2 = b.get(key);
      if ((item2 === undefined && !b.has(key)) || !innerDeepEqual(item1, item2, strict, memos)) {
        if (strict) return false;
        loose.push([key, item1]);
      }
    }
  }
  if (loose.length === 0) return true;
  const candidates = [];
  for (const [key, item] of b) {
    if (isObjectLike(key) || (!strict && (!a.has(key) || !innerDeepEqual(a.get(key), item, false, memos)))) candidates.push([key, item]);
  }
  for (const [key, item] of loose) {
    let found = false;
    for (let i = 0; i < candidates.length; i++) {
      const [key2, item2] = candidates[i];
      if (innerDeepEqual(key, key2, strict, memos) && innerDeepEqual(item, item2, strict, memos)) {
        candidates.splice(i, 1);
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return candidates.length === 0;
}

function objEquiv(a, b, strict, keys, memos, iterationType) {
  if (iterationType === kIsSet) {
    if (!setEquiv(a, b, strict, memos)) return false;
  } else if (iterationType === kIsMap) {
    if (!mapEquiv(a, b, strict, memos)) return false;
  } else if (iterationType === kIsArray) {
    for (let i = 0; i < a.length; i++) {
      const hasA = Object.prototype.hasOwnProperty.call(a, i);
      const hasB = Object.prototype.hasOwnProperty.call(b, i);
      if (hasA !== hasB) {
        if (strict) return false;
        if (!innerDeepEqual(a[i], b[i], strict, memos)) return false;
      } else if (hasA && !innerDeepEqual(a[i], b[i], strict, memos)) {
        return false;
      }
    }
  }
  for (const key of keys) if (!innerDeepEqual(a[key], b[key], strict, memos)) return false;
  return true;
}

export function isDeepEqual(val1, val2) {
  return innerDeepEqual(val1, val2, false);
}

export function isDeepStrictEqual(val1, val2) {
  return innerDeepEqual(val1, val2, true);
}

export { isTypedArray };
