'use strict';
const common = require('../common');
const assert = require('assert');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fs = require('fs');
fs.writeFileSync(tmpdir.resolve('m.mjs'), "export const x = 1; export default function f() { return 'default'; }");
(async () => {
  const ns = await import(tmpdir.resolve('m.mjs'));
  console.log(ns.x, ns.default(), Object.keys(ns));
  const fsNs = await import('fs');
  console.log(fsNs.default === fs, typeof fsNs.readFileSync);
  await import(tmpdir.resolve('missing.mjs')).catch((e) => console.log(e.code));
})().then(common.mustCall());
