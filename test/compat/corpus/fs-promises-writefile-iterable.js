'use strict';
const common = require('../common');
const assert = require('assert');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fsp = require('fs/promises');
const { Readable } = require('stream');
(async () => {
  async function* gen() { yield 'a'; yield 'b'; yield Buffer.from('c'); }
  await fsp.writeFile(tmpdir.resolve('g.txt'), gen());
  console.log(await fsp.readFile(tmpdir.resolve('g.txt'), 'utf8'));
  await fsp.writeFile(tmpdir.resolve('r.txt'), Readable.from(['x', 'y']));
  console.log(await fsp.readFile(tmpdir.resolve('r.txt'), 'utf8'));
  await fsp.writeFile(tmpdir.resolve('u.txt'), new Uint8Array([104, 105]));
  console.log(await fsp.readFile(tmpdir.resolve('u.txt'), 'utf8'));
})().then(common.mustCall());
