'use strict';
// fs.watch gives the changed name in the encoding asked for: the name's UTF-8 bytes as hex,
// latin1, base64 or a Buffer, as Node encodes the bytes the kernel reports.
const common = require('../common');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();

const name = '新建文夹件-é.txt';
const encodings = [undefined, 'utf8', 'hex', 'latin1', 'base64', 'ucs2', 'buffer'];
const seen = new Map();
const watchers = encodings.map((encoding) => fs.watch(tmpdir.path, { encoding }, (type, filename) => {
  if (seen.has(encoding)) return;
  seen.set(encoding, `${type} ${Buffer.isBuffer(filename) ? `Buffer ${filename.toString('hex')}` : JSON.stringify(filename)}`);
  if (seen.size === encodings.length) finish();
}));
const interval = setInterval(() => {
  fs.writeFileSync(tmpdir.resolve(name), '');
  fs.unlinkSync(tmpdir.resolve(name));
}, 50);
const finish = common.mustCall(() => {
  clearInterval(interval);
  for (const w of watchers) w.close();
  for (const encoding of encodings) console.log(String(encoding), seen.get(encoding));
});
