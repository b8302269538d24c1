'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const fixtures = require('../common/fixtures');
// independent callbacks finish in any order in Node: printed sorted at exit
const out = [];
const log = (...a) => out.push(a.join(' '));
process.on('exit', () => console.log(out.sort().join('\n')));
fs.stat(fixtures.path('x.txt'), { bigint: true }, common.mustSucceed((st) => log(typeof st.size, st.size)));
fs.lstat(fixtures.path('dir'), common.mustSucceed((st) => log(st.isDirectory())));
const fd = fs.openSync(fixtures.path('x.txt'));
fs.fstat(fd, common.mustSucceed((st) => { log('fstat', st.size); fs.closeSync(fd); }));
