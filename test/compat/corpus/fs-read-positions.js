'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
fs.writeFileSync(tmpdir.resolve('p'), '0123456789');
const fd = fs.openSync(tmpdir.resolve('p'), 'r');
const buf = Buffer.alloc(3);
fs.readSync(fd, buf, 0, 3, null); console.log(buf.toString());
fs.readSync(fd, buf, 0, 3, null); console.log(buf.toString());
fs.readSync(fd, buf, 0, 3, 8); console.log(buf.toString(), fs.readSync(fd, buf, { position: 9 }));
fs.read(fd, { buffer: Buffer.alloc(4), position: 2 }, common.mustSucceed((n, b) => {
  console.log(n, b.toString());
  fs.closeSync(fd);
}));
