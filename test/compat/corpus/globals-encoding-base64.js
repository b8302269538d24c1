'use strict';
const common = require('../common');
const assert = require('assert');
console.log(btoa('binary\u00ff'), atob('YWJj'), atob(' YW Jj '));
assert.throws(() => btoa('€'), { name: 'InvalidCharacterError' });
assert.throws(() => atob('*'), { name: 'InvalidCharacterError' });
console.log(typeof globalThis.global, global === globalThis, typeof setImmediate, typeof Buffer, typeof process);
