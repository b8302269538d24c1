'use strict';
// Creating anything in a removed directory (here the cwd) is ENOENT on Linux, whatever the kind.
require('../common');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const dir = tmpdir.resolve('gone');
fs.mkdirSync(dir);
process.chdir(dir);
fs.rmdirSync(dir);
for (const [label, fn] of [
  ['mkdir', () => fs.mkdirSync('a')],
  ['symlink', () => fs.symlinkSync('target', 'link')],
  ['open', () => fs.openSync('file', 'w')],
  ['mkdtemp', () => fs.mkdtempSync('t-')],
]) {
  try {
    fn();
    console.log(label, 'made');
  } catch (err) {
    console.log(label, err.code, err.syscall);
  }
}
process.chdir(tmpdir.path);
