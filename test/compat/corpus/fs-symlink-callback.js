'use strict';
const common = require('../common');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
fs.writeFileSync(tmpdir.resolve('t'), 'target');
fs.symlink('t', tmpdir.resolve('l'), common.mustSucceed(() => {
  fs.readlink(tmpdir.resolve('l'), common.mustSucceed((s) => {
    console.log('readlink', s);
    fs.realpath(tmpdir.resolve('l'), common.mustSucceed((p) => {
      console.log(p === tmpdir.resolve('t'));
      fs.symlink('t', tmpdir.resolve('l'), common.mustCall((e) => console.log(e.code)));
    }));
  }));
}));
