'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const src = tmpdir.resolve('src.txt');
fs.writeFileSync(src, 'x'.repeat(100000));
const dst = tmpdir.resolve('dst.txt');
const rs = fs.createReadStream(src, { highWaterMark: 4096 });
let chunks = 0;
rs.on('data', () => chunks++);
rs.pipe(fs.createWriteStream(dst)).on('finish', common.mustCall(() => {
  assert.strictEqual(fs.statSync(dst).size, 100000);
  console.log('chunks', chunks);
}));
rs.on('open', common.mustCall((fd) => assert.strictEqual(typeof fd, 'number')));
rs.on('close', common.mustCall());
