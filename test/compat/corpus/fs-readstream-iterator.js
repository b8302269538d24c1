'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const fixtures = require('../common/fixtures');
(async () => {
  let n = 0, bytes = 0;
  for await (const chunk of fs.createReadStream(fixtures.path('256a.txt'), { highWaterMark: 64 })) { n++; bytes += chunk.length; }
  console.log(n, bytes);
})().then(common.mustCall());
