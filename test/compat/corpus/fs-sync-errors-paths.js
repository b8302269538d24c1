'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
fs.writeFileSync(tmpdir.resolve('file'), '');
for (const [label, fn] of [
  ['readdir file', () => fs.readdirSync(tmpdir.resolve('file'))],
  ['open dir for write', () => fs.openSync(tmpdir.path, 'w')],
  ['unlink dir', () => fs.unlinkSync(tmpdir.path)],
  ['stat through file', () => fs.statSync(tmpdir.resolve('file/x'))],
  ['symlink exists', () => fs.symlinkSync('x', tmpdir.resolve('file'))],
  ['readlink file', () => fs.readlinkSync(tmpdir.resolve('file'))],
]) {
  try { fn(); console.log(label, 'ok'); } catch (e) { console.log(label, e.code, e.syscall); }
}
