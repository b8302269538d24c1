'use strict';
const common = require('../common');
const assert = require('assert');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fsp = require('fs/promises');
(async () => {
  await fsp.mkdir(tmpdir.resolve('a/b/c'), { recursive: true });
  await fsp.writeFile(tmpdir.resolve('a/b/c/x'), '');
  await fsp.writeFile(tmpdir.resolve('a/y'), '');
  console.log((await fsp.readdir(tmpdir.resolve('a'), { recursive: true })).sort());
  const ents = await fsp.readdir(tmpdir.resolve('a'), { recursive: true, withFileTypes: true });
  console.log(ents.map((d) => `${d.name}:${d.isFile()}`).sort());
})().then(common.mustCall());
