'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const p = tmpdir.resolve('o');
for (const flag of ['w', 'a', 'r+', 'wx', 'ax', 'as', 'w+', 'a+']) {
  try {
    const fd = fs.openSync(p, flag);
    fs.writeSync(fd, flag);
    fs.closeSync(fd);
    console.log(flag, JSON.stringify(fs.readFileSync(p, 'utf8')));
  } catch (e) { console.log(flag, e.code); }
}
assert.throws(() => fs.openSync(p, 'bogus'), { code: 'ERR_INVALID_ARG_VALUE' });
assert.throws(() => fs.openSync(tmpdir.resolve('missing'), 'r'), { code: 'ENOENT' });
