'use strict';
const common = require('../common');
const assert = require('assert');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fsp = require('fs/promises');
(async () => {
  await fsp.writeFile(tmpdir.resolve('t'), 'T');
  await fsp.symlink('t', tmpdir.resolve('l'));
  console.log(await fsp.readlink(tmpdir.resolve('l')));
  console.log((await fsp.realpath(tmpdir.resolve('l'))) === tmpdir.resolve('t'));
  console.log((await fsp.lstat(tmpdir.resolve('l'))).isSymbolicLink());
  await fsp.unlink(tmpdir.resolve('l'));
  await assert.rejects(fsp.readlink(tmpdir.resolve('t')), { code: 'EINVAL' });
})().then(common.mustCall());
