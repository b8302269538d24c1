// Fails in both worlds: an assertion that does not hold.
'use strict';
const assert = require('assert');
console.log('before');
assert.strictEqual(1 + 1, 3);
