'use strict';
const common = require('../common');
const assert = require('assert');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fsp = require('fs/promises');
const fixtures = require('../common/fixtures');
(async () => {
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(fsp.readFile(fixtures.path('x.txt'), { signal: ac.signal }), { name: 'AbortError' });
  const ac2 = new AbortController();
  const p = fsp.writeFile(tmpdir.resolve('w'), 'data', { signal: ac2.signal });
  await p;
  console.log(await fsp.readFile(tmpdir.resolve('w'), 'utf8'));
})().then(common.mustCall());
