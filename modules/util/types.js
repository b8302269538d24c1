// node:util/types — what kind of object a value is, decided from QuickJS's internal class
// (qjsw:binding/util) rather than from properties user code can fake.
import * as kinds from 'qjsw:internal/util/types';
import { isExternal } from 'qjsw:internal/host_objects';
import { keyObjects } from 'qjsw:internal/crypto/brand';

const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
const tagIs = (name) => (value) => typedArrayTag.call(value) === name;

export const isArgumentsObject = kinds.isArgumentsObject;
export const isArrayBuffer = kinds.isArrayBuffer;
export const isSharedArrayBuffer = kinds.isSharedArrayBuffer;
export const isAnyArrayBuffer = kinds.isAnyArrayBuffer;
export const isArrayBufferView = (value) => ArrayBuffer.isView(value);
export const isAsyncFunction = kinds.isAsyncFunction;
export const isGeneratorFunction = kinds.isGeneratorFunction;
export const isGeneratorObject = kinds.isGeneratorObject;
export const isBooleanObject = kinds.isBooleanObject;
export const isNumberObject = kinds.isNumberObject;
export const isStringObject = kinds.isStringObject;
export const isSymbolObject = kinds.isSymbolObject;
export const isBigIntObject = kinds.isBigIntObject;
export const isBoxedPrimitive = kinds.isBoxedPrimitive;
export const isDataView = kinds.isDataView;
export const isDate = kinds.isDate;
export const isMap = kinds.isMap;
export const isSet = kinds.isSet;
export const isWeakMap = kinds.isWeakMap;
export const isWeakSet = kinds.isWeakSet;
export const isMapIterator = kinds.isMapIterator;
export const isSetIterator = kinds.isSetIterator;
export const isNativeError = kinds.isNativeError;
export const isPromise = kinds.isPromise;
export const isProxy = kinds.isProxy;
export const isRegExp = kinds.isRegExp;
export const isTypedArray = kinds.isTypedArray;
export const isUint8Array = tagIs('Uint8Array');
export const isUint8ClampedArray = tagIs('Uint8ClampedArray');
export const isUint16Array = tagIs('Uint16Array');
export const isUint32Array = tagIs('Uint32Array');
export const isInt8Array = tagIs('Int8Array');
export const isInt16Array = tagIs('Int16Array');
export const isInt32Array = tagIs('Int32Array');
export const isFloat32Array = tagIs('Float32Array');
export const isFloat64Array = tagIs('Float64Array');
export const isBigInt64Array = tagIs('BigInt64Array');
export const isBigUint64Array = tagIs('BigUint64Array');
export const isModuleNamespaceObject = kinds.isModuleNamespaceObject;
// No externals or crypto keys reach guest code as such here.
export { isExternal };
export const isKeyObject = (value) => keyObjects.has(value);
export const isCryptoKey = () => false;

export default {
  isArgumentsObject, isArrayBuffer, isSharedArrayBuffer, isAnyArrayBuffer, isArrayBufferView, isAsyncFunction,
  isGeneratorFunction, isGeneratorObject, isBooleanObject, isNumberObject, isStringObject, isSymbolObject,
  isBigIntObject, isBoxedPrimitive, isDataView, isDate, isMap, isSet, isWeakMap, isWeakSet, isMapIterator,
  isSetIterator, isNativeError, isPromise, isProxy, isRegExp, isTypedArray, isUint8Array, isUint8ClampedArray,
  isUint16Array, isUint32Array, isInt8Array, isInt16Array, isInt32Array, isFloat32Array, isFloat64Array,
  isBigInt64Array, isBigUint64Array, isModuleNamespaceObject, isExternal, isKeyObject, isCryptoKey,
};
