'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
fs.mkdirSync(tmpdir.resolve('d'));
fs.writeFileSync(tmpdir.resolve('f'), '');
fs.symlinkSync('f', tmpdir.resolve('l'));
for (const d of fs.readdirSync(tmpdir.path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
  console.log(d.name, d.isFile(), d.isDirectory(), d.isSymbolicLink(), d instanceof fs.Dirent, d.path === tmpdir.path || d.parentPath === tmpdir.path);
}
