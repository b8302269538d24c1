'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
fs.mkdirSync(tmpdir.resolve('a/b'), { recursive: true });
assert.throws(() => fs.rmSync(tmpdir.resolve('a')), { code: 'ERR_FS_EISDIR' });
fs.rmSync(tmpdir.resolve('a'), { recursive: true });
fs.writeFileSync(tmpdir.resolve('f'), '');
// one at a time: independent callbacks complete in any order in Node
fs.rm(tmpdir.resolve('nope'), common.mustCall((e) => {
  console.log(e.code);
  fs.rm(tmpdir.resolve('nope'), { force: true }, common.mustSucceed(() => {
    console.log('force ok');
    fs.rmdir(tmpdir.resolve('f'), common.mustCall((e2) => console.log('rmdir on file', e2.code)));
  }));
}));
