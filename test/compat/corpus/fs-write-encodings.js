'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const p = tmpdir.resolve('e');
for (const enc of ['utf8', 'hex', 'base64', 'latin1', 'utf16le', 'ascii', 'base64url']) {
  fs.writeFileSync(p, enc === 'hex' ? '68c3a9' : 'hé~', { encoding: enc });
  console.log(enc, fs.readFileSync(p).toString('hex'));
}
fs.writeFileSync(p, 'abc', 'base64');
console.log(fs.readFileSync(p, { encoding: 'base64' }));
