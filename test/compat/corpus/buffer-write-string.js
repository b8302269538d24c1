'use strict';
const common = require('../common');
const assert = require('assert');
const b = Buffer.alloc(10);
console.log(b.write('héllo'), b.write('xyz', 7), b.write('abcdef', 8, 1), b.write('ffee', 0, 'hex'));
console.log(b.toString('hex'), b.write('€', 9), b.toString('latin1', 0, 4));
assert.throws(() => b.write('x', 11), { code: 'ERR_OUT_OF_RANGE' });
