'use strict';
const common = require('../common');
const assert = require('assert');
const fsp = require('fs/promises');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
(async () => {
  const fh = await fsp.open(tmpdir.resolve('fh.txt'), 'w+');
  await fh.write('hello filehandle');
  const buf = Buffer.alloc(5);
  const { bytesRead } = await fh.read(buf, 0, 5, 6);
  console.log(bytesRead, buf.toString());
  await fh.truncate(5);
  console.log((await fh.stat()).size);
  assert.strictEqual(typeof fh.fd, 'number');
  await fh.close();
  await assert.rejects(fh.stat(), { code: 'EBADF' });
  console.log(await fsp.readFile(tmpdir.resolve('fh.txt'), 'utf8'));
})().then(common.mustCall());
