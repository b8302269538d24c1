'use strict';
const common = require('../common');
const { pipeline, finished } = require('stream/promises');
const { Readable, PassThrough } = require('stream');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
(async () => {
  await pipeline(Readable.from(['line1\n', 'line2\n']), fs.createWriteStream(tmpdir.resolve('out.txt')));
  console.log(fs.readFileSync(tmpdir.resolve('out.txt'), 'utf8'));
  const pt = new PassThrough();
  pt.end('z');
  pt.resume();
  await finished(pt);
  console.log('finished');
})().then(common.mustCall());
