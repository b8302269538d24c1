'use strict';
const common = require('../common');
const fs = require('fs');
const fixtures = require('../common/fixtures');
let out = '';
fs.createReadStream(fixtures.path('utf8.txt'), { start: 0, end: 10, encoding: 'utf8' })
  .on('data', (s) => (out += s))
  .on('end', common.mustCall(() => {
    console.log(JSON.stringify(out));
    fs.createReadStream(fixtures.path('256a.txt'), { highWaterMark: 100 })
      .on('data', common.mustCall((b) => console.log('chunk', b.length), 3));
  }));
