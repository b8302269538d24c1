'use strict';
const common = require('../common');
const fs = require('fs');
const path = require('path');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
fs.mkdtemp(path.join(tmpdir.path, 'cb-'), common.mustSucceed((d) => {
  console.log(path.basename(d).length, fs.statSync(d).isDirectory());
  fs.rmdir(d, common.mustSucceed(() => {
    console.log(fs.existsSync(d));
    fs.mkdtemp(path.join(tmpdir.path, 'missing/x-'), common.mustCall((e) => console.log(e.code)));
  }));
}));
