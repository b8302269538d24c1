'use strict';
const common = require('../common');
const fs = require('fs');
const fixtures = require('../common/fixtures');
(async () => {
  const names = [];
  for await (const d of await fs.promises.opendir(fixtures.path('dir'))) names.push(d.name);
  console.log(names.sort());
  const dir = fs.opendirSync(fixtures.path('dir'));
  const seen = [];
  let e;
  while ((e = dir.readSync()) !== null) seen.push(e.name);
  dir.closeSync();
  console.log(seen.sort());
})().then(common.mustCall());
