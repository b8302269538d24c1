'use strict';
const common = require('../common');
const assert = require('assert');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fsp = require('fs/promises');
(async () => {
  await fsp.mkdir(tmpdir.resolve('x'));
  await assert.rejects(fsp.mkdir(tmpdir.resolve('x')), { code: 'EEXIST' });
  await assert.rejects(fsp.rmdir(tmpdir.resolve('missing')), { code: 'ENOENT' });
  await fsp.writeFile(tmpdir.resolve('x/f'), '');
  await assert.rejects(fsp.rmdir(tmpdir.resolve('x')), { code: 'ENOTEMPTY' });
  await fsp.rm(tmpdir.resolve('x'), { recursive: true });
  const d = await fsp.opendir(tmpdir.path);
  console.log(await d.read());
  await d.close();
  await assert.rejects(d.close(), { code: 'ERR_DIR_CLOSED' });
})().then(common.mustCall());
