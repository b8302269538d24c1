'use strict';
const common = require('../common');
const assert = require('assert');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fsp = require('fs/promises');
(async () => {
  await fsp.writeFile(tmpdir.resolve('f'), 'x');
  await fsp.access(tmpdir.resolve('f'), fsp.constants.R_OK | fsp.constants.W_OK);
  await fsp.utimes(tmpdir.resolve('f'), new Date(1000), new Date(2000));
  console.log((await fsp.stat(tmpdir.resolve('f'))).mtime.toISOString());
  await fsp.chmod(tmpdir.resolve('f'), 0o444);
  console.log(((await fsp.stat(tmpdir.resolve('f'))).mode & 0o777).toString(8));
  await fsp.copyFile(tmpdir.resolve('f'), tmpdir.resolve('g'));
  console.log((await fsp.readdir(tmpdir.path)).sort());
})().then(common.mustCall());
