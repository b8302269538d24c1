'use strict';
const common = require('../common');
const assert = require('assert');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fs = require('fs');
fs.mkdirSync(tmpdir.resolve('esm-pkg'));
fs.writeFileSync(tmpdir.resolve('esm-pkg/package.json'), '{"type": "module"}');
fs.writeFileSync(tmpdir.resolve('esm-pkg/a.js'), "export const v = 'esm via type module';");
fs.writeFileSync(tmpdir.resolve('esm-pkg/b.cjs'), "module.exports = 'cjs in esm package';");
(async () => {
  console.log((await import(tmpdir.resolve('esm-pkg/a.js'))).v);
  console.log(require(tmpdir.resolve('esm-pkg/b.cjs')));
})().then(common.mustCall());
