'use strict';
require('../common');
const fs = require('fs');
const fixtures = require('../common/fixtures');
console.log(fs.readdirSync(fixtures.path('dir')).sort());
console.log(fs.readdirSync(fixtures.path('dir'), { withFileTypes: true }).map((d) => [d.name, d.isFile()]).sort());
console.log(fs.readdirSync(fixtures.path('dir'), { recursive: true }).sort());
console.log(fs.readdirSync(fixtures.path('dir'), { encoding: 'buffer' }).map((b) => Buffer.isBuffer(b)));
