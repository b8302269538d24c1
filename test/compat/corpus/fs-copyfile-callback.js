'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fixtures = require('../common/fixtures');
fs.copyFile(fixtures.path('utf8.txt'), tmpdir.resolve('c'), common.mustSucceed(() => {
  console.log(fs.readFileSync(tmpdir.resolve('c'), 'utf8').split('\n')[1]);
  fs.copyFile(fixtures.path('utf8.txt'), tmpdir.resolve('c'), fs.constants.COPYFILE_EXCL, common.mustCall((e) => console.log(e.code, e.syscall)));
}));
fs.copyFile(fixtures.path('missing'), tmpdir.resolve('d'), common.mustCall((e) => process.on('exit', () => console.log('missing source', e.code))));
