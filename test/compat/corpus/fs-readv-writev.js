'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fd = fs.openSync(tmpdir.resolve('v'), 'w+');
console.log(fs.writevSync(fd, [Buffer.from('ab'), Buffer.from('cd')]));
const a = Buffer.alloc(1), b = Buffer.alloc(3);
console.log(fs.readvSync(fd, [a, b], 0), a.toString(), b.toString());
fs.writev(fd, [Buffer.from('EF')], 4, common.mustSucceed((n) => {
  console.log('writev', n, fs.readFileSync(tmpdir.resolve('v'), 'utf8'));
  fs.closeSync(fd);
}));
