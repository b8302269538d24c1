'use strict';
const common = require('../common');
const assert = require('assert');
const s = common.mustSucceed();
assert.throws(() => s(new Error('boom')), /boom/);
const t = common.mustSucceed((v) => console.log('value', v));
t(undefined, 42);
console.log('ifError semantics');
