'use strict';
const common = require('../common');
const assert = require('assert');
const fsp = require('fs/promises');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
(async () => {
  await fsp.mkdir(tmpdir.resolve('d/e'), { recursive: true });
  await fsp.writeFile(tmpdir.resolve('d/e/f.txt'), 'data');
  const names = await fsp.readdir(tmpdir.resolve('d'), { withFileTypes: true });
  console.log(names.map((d) => `${d.name}:${d.isDirectory()}`));
  assert.strictEqual(await fsp.readFile(tmpdir.resolve('d/e/f.txt'), 'utf8'), 'data');
  await fsp.rename(tmpdir.resolve('d/e/f.txt'), tmpdir.resolve('d/g.txt'));
  await assert.rejects(fsp.access(tmpdir.resolve('d/e/f.txt')), { code: 'ENOENT' });
  await fsp.rm(tmpdir.resolve('d'), { recursive: true });
  console.log(await fsp.readdir(tmpdir.path));
})().then(common.mustCall());
