'use strict';
const common = require('../common');
const assert = require('assert');
const b = Buffer.allocUnsafe(10).fill(1);
console.log(b.length, b.every((x) => x === 1), Buffer.allocUnsafeSlow(3).length);
console.log(Buffer.alloc(5, 'abc').toString(), Buffer.alloc(4, 'YQ==', 'base64').toString(), Buffer.alloc(0).length);
assert.throws(() => Buffer.alloc('5'), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => Buffer.allocUnsafe(NaN), { code: 'ERR_OUT_OF_RANGE' });
