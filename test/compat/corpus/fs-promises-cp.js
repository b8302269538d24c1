'use strict';
const common = require('../common');
const assert = require('assert');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fsp = require('fs/promises');
const fixtures = require('../common/fixtures');
(async () => {
  await fsp.cp(fixtures.path('dir'), tmpdir.resolve('copy'), { recursive: true });
  console.log((await fsp.readdir(tmpdir.resolve('copy'), { recursive: true })).sort());
  await assert.rejects(fsp.cp(fixtures.path('dir'), tmpdir.resolve('copy2')), { code: 'ERR_FS_EISDIR' });
  await fsp.cp(fixtures.path('x.txt'), tmpdir.resolve('copy/x.txt'));
  await assert.rejects(fsp.cp(fixtures.path('x.txt'), tmpdir.resolve('copy/x.txt'), { force: false, errorOnExist: true }), { code: 'ERR_FS_CP_EEXIST' });
  console.log(await fsp.readFile(tmpdir.resolve('copy/x.txt'), 'utf8'));
})().then(common.mustCall());
