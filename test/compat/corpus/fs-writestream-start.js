'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const p = tmpdir.resolve('ws');
fs.writeFileSync(p, 'abcdefgh');
const ws = fs.createWriteStream(p, { flags: 'r+', start: 2 });
ws.end('XY', common.mustCall(() => {
  console.log(fs.readFileSync(p, 'utf8'), ws.bytesWritten, ws.pending);
}));
ws.on('ready', common.mustCall());
