'use strict';
const common = require('../common');
const assert = require('assert');
const fixtures = require('../common/fixtures');
console.log(JSON.stringify(fixtures.readSync('x.txt', 'utf8')), fixtures.readSync(['dir', 'sub', 'two.txt'], 'utf8').trim(), fixtures.readSync('empty.txt').length);
console.log(require('path').basename(fixtures.fixturesDir), common.fixtures === fixtures, fixtures.path('a', 'b').endsWith('fixtures/a/b'));
console.log(JSON.parse(fixtures.readSync('data.json', 'utf8')).nested, require(fixtures.path('a.js')).answer);
