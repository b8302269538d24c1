'use strict';
const common = require('../common');
const assert = require('assert');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fsp = require('fs/promises');
(async () => {
  const p = tmpdir.resolve('f.txt');
  await fsp.writeFile(p, 'a');
  await fsp.appendFile(p, 'b');
  await fsp.writeFile(p, 'c', { flag: 'a' });
  console.log(await fsp.readFile(p, 'utf8'));
  await assert.rejects(fsp.writeFile(p, 'x', { flag: 'wx' }), { code: 'EEXIST' });
  await assert.rejects(fsp.readFile(tmpdir.path), { code: 'EISDIR' });
  await fsp.truncate(p, 1);
  console.log(await fsp.readFile(p, 'utf8'));
})().then(common.mustCall());
