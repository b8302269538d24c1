'use strict';
require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
for (const fn of [() => fs.readFileSync(tmpdir.resolve('missing')), () => fs.mkdirSync(tmpdir.path), () => fs.rmdirSync(tmpdir.resolve('missing'))]) {
  try { fn(); } catch (e) {
    console.log(e.code, e.errno, e.syscall, e.message.split(tmpdir.path).join('<tmp>'));
  }
}
assert.throws(() => fs.readFileSync(42.5), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
assert.throws(() => fs.writeFileSync(tmpdir.resolve('x'), {}), { code: 'ERR_INVALID_ARG_TYPE' });
