'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
fs.writeFileSync(tmpdir.resolve('file'), '');
for (const p of ['file', 'file/sub', 'missing/sub']) {
  try { fs.mkdirSync(tmpdir.resolve(p)); } catch (e) { console.log(p, e.code); }
}
try { fs.mkdirSync(tmpdir.resolve('file/sub'), { recursive: true }); } catch (e) { console.log('recursive under file', e.code); }
console.log(fs.mkdirSync(tmpdir.resolve('file2'), { recursive: true }) === tmpdir.resolve('file2'));
