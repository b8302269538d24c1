'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const fixtures = require('../common/fixtures');
const fd = fs.openSync(fixtures.path('utf8.txt'), 'r');
const buf = Buffer.alloc(6);
fs.readSync(fd, buf, 0, 6);
console.log(JSON.stringify(fs.readFileSync(fd, 'utf8')));
fs.closeSync(fd);
fs.open(fixtures.path('x.txt'), common.mustSucceed((fd2) => {
  fs.readFile(fd2, 'utf8', common.mustSucceed((t) => {
    console.log(JSON.stringify(t));
    fs.close(fd2, common.mustSucceed());
  }));
}));
