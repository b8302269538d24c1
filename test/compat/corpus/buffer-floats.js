'use strict';
const common = require('../common');
const assert = require('assert');
const b = Buffer.alloc(12);
b.writeFloatLE(1.5, 0); b.writeDoubleBE(-0.1, 4);
console.log(b.toString('hex'), b.readFloatLE(0), b.readDoubleBE(4));
b.writeFloatBE(NaN, 0); console.log(b.readFloatBE(0), b.subarray(0, 4).toString('hex'));
b.writeDoubleLE(Infinity, 4); console.log(b.readDoubleLE(4));
