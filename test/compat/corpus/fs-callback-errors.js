'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
fs.readFile(tmpdir.resolve('none'), common.mustCall((err, data) => {
  console.log(err.code, data);
  fs.mkdir(tmpdir.path, common.mustCall((err2) => {
    console.log(err2.code);
    fs.readdir(tmpdir.resolve('none'), common.mustCall((err3) => console.log(err3.code, err3.syscall)));
  }));
}));
assert.throws(() => fs.readFile(tmpdir.resolve('x')), { code: 'ERR_INVALID_ARG_TYPE' });
