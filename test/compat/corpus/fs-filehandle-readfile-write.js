'use strict';
const common = require('../common');
const assert = require('assert');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fsp = require('fs/promises');
(async () => {
  const fh = await fsp.open(tmpdir.resolve('h.txt'), 'w+');
  await fh.writeFile('line1\nline2\n');
  await fh.appendFile('line3\n');
  const { bytesWritten } = await fh.write(Buffer.from('X'), 0, 1, 0);
  console.log(bytesWritten, (await fh.readFile({ encoding: 'utf8' })).length);
  console.log(await fsp.readFile(tmpdir.resolve('h.txt'), 'utf8'));
  await fh.chmod(0o640);
  console.log(((await fh.stat()).mode & 0o777).toString(8));
  await fh.close();
})().then(common.mustCall());
