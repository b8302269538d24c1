'use strict';
const common = require('../common');
const assert = require('assert');
const { types } = require('util');
console.log(types.isBoxedPrimitive(Object(1)), types.isNumberObject(Object(1)), types.isStringObject('s'), types.isSymbolObject(Object(Symbol())));
console.log(types.isWeakMap(new WeakMap()), types.isSet(new Set()), types.isSetIterator(new Set().values()), types.isMapIterator(new Map().entries()));
console.log(types.isDataView(new DataView(new ArrayBuffer(1))), types.isUint8Array(Buffer.alloc(1)), types.isBigInt64Array(new BigInt64Array(1)), types.isNativeError(new TypeError()));
console.log(types.isGeneratorObject((function* () {})()), types.isArgumentsObject((function () { return arguments; })()), types.isAnyArrayBuffer(new ArrayBuffer(0)));
