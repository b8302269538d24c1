'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const fixtures = require('../common/fixtures');
const rs = fs.createReadStream(fixtures.path('256a.txt'), { highWaterMark: 16 });
rs.once('data', common.mustCall((c) => {
  console.log('first chunk', c.length);
  rs.destroy();
}));
rs.on('close', common.mustCall(() => console.log('closed', rs.destroyed, rs.bytesRead)));
fs.createReadStream(fixtures.path('nope')).on('error', common.mustCall((e) => console.log(e.code)));
