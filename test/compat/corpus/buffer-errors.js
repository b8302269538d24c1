'use strict';
require('../common');
const assert = require('assert');
assert.throws(() => Buffer.alloc(-1), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => Buffer.from({}), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => Buffer.alloc(4).readUInt32LE(1), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => Buffer.from('x').toString('nope'), { code: 'ERR_UNKNOWN_ENCODING' });
console.log('ok');
