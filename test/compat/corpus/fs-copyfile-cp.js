'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
const fixtures = require('../common/fixtures');
tmpdir.refresh();
fs.copyFileSync(fixtures.path('x.txt'), tmpdir.resolve('x.txt'));
assert.throws(() => fs.copyFileSync(fixtures.path('x.txt'), tmpdir.resolve('x.txt'), fs.constants.COPYFILE_EXCL), { code: 'EEXIST' });
fs.cpSync(fixtures.path('dir'), tmpdir.resolve('dir'), { recursive: true });
console.log(fs.readdirSync(tmpdir.resolve('dir'), { recursive: true }).sort());
fs.cp(fixtures.path('dir'), tmpdir.resolve('dir2'), { recursive: true }, common.mustSucceed(() => {
  console.log(fs.readFileSync(tmpdir.resolve('dir2/sub/two.txt'), 'utf8').trim());
}));
