'use strict';
const common = require('../common');
const assert = require('assert');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fsp = require('fs/promises');
(async () => {
  await fsp.writeFile(tmpdir.resolve('lines.txt'), 'a\nbb\nccc\n');
  const fh = await fsp.open(tmpdir.resolve('lines.txt'));
  const lines = [];
  for await (const line of fh.readLines()) lines.push(line);
  console.log(lines);
})().then(common.mustCall());
