'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
for (const bad of [1.5, {}, [], true, null]) {
  assert.throws(() => fs.readdirSync(bad), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "path" argument must be of type string or an instance of Buffer or URL.' + common.invalidArgTypeHelper(bad),
  });
}
assert.throws(() => fs.stat('x'), { code: 'ERR_INVALID_ARG_TYPE' });
console.log('ok');
