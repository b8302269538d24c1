'use strict';
const common = require('../common');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const p = tmpdir.resolve('ws.txt');
const ws = fs.createWriteStream(p);
ws.write('a');
ws.write(Buffer.from('b'));
ws.end('c', common.mustCall(() => {
  console.log(fs.readFileSync(p, 'utf8'), ws.bytesWritten);
  const ws2 = fs.createWriteStream(p, { flags: 'a' });
  ws2.end('d', common.mustCall(() => console.log(fs.readFileSync(p, 'utf8'))));
}));
