'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const fixtures = require('../common/fixtures');
console.log([fixtures.path('x.txt'), fixtures.path('dir'), fixtures.path('dir') + '/', fixtures.path('x.txt') + '/', '', null, 42, Buffer.from(fixtures.path('x.txt'))].map((p) => fs.existsSync(p)));
console.log(fs.existsSync(new URL(`file://${fixtures.path('x.txt')}`)));
