'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const ws = fs.createWriteStream(tmpdir.resolve('many.txt'), { highWaterMark: 8 });
let i = 0;
function write() {
  while (i < 200) {
    if (!ws.write(`line ${i++}\n`)) { ws.once('drain', write); return; }
  }
  ws.end();
}
write();
ws.on('finish', common.mustCall(() => {
  const lines = fs.readFileSync(tmpdir.resolve('many.txt'), 'utf8').trim().split('\n');
  console.log(lines.length, lines[199], ws.bytesWritten);
}));
