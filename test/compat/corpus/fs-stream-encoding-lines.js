'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const fixtures = require('../common/fixtures');
const rs = fs.createReadStream(fixtures.path('utf8.txt'), { encoding: 'utf8', highWaterMark: 3 });
let text = '';
rs.on('data', (s) => { assert.strictEqual(typeof s, 'string'); text += s; });
rs.on('end', common.mustCall(() => console.log(text.split('\n'))));
