'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const fixtures = require('../common/fixtures');
assert.strictEqual(fs.existsSync(fixtures.path('x.txt')), true);
assert.strictEqual(fs.existsSync(fixtures.path('nope')), false);
assert.strictEqual(fs.existsSync(), false);
fs.accessSync(fixtures.path('x.txt'), fs.constants.R_OK);
fs.access(fixtures.path('nope'), common.mustCall((err) => {
  console.log(err.code, err.syscall);
  fs.exists(fixtures.path('x.txt'), common.mustCall((ok) => console.log('exists', ok)));
}));
