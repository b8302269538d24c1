'use strict';
require('../common');
const { types, isDeepStrictEqual, inherits } = require('util');
console.log(types.isPromise(Promise.resolve()), types.isRegExp(/x/), types.isDate(new Date()), types.isMap(new Map()));
console.log(types.isTypedArray(new Uint8Array()), types.isArrayBuffer(new ArrayBuffer(1)), types.isAsyncFunction(async () => {}), types.isGeneratorFunction(function* () {}));
console.log(isDeepStrictEqual({ a: [1] }, { a: [1] }), isDeepStrictEqual([1], ['1']));
function A() {} function B() {} inherits(B, A);
console.log(new B() instanceof A, B.super_ === A);
