'use strict';
const common = require('../common');
const assert = require('assert');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fsp = require('fs/promises');
const path = require('path');
(async () => {
  const d = await fsp.mkdtemp(path.join(tmpdir.path, 'p-'));
  assert.match(path.basename(d), /^p-.{6}$/);
  const st = await fsp.stat(d, { bigint: true });
  console.log(typeof st.size, st.isDirectory(), typeof st.mtimeNs);
  const made = await fsp.mkdir(path.join(d, 'x/y'), { recursive: true });
  console.log(path.relative(d, made));
  console.log(await fsp.mkdir(path.join(d, 'x/y'), { recursive: true }));
})().then(common.mustCall());
