'use strict';
require('../common');
const fixtures = require('../common/fixtures');
const data = require(fixtures.path('data.json'));
console.log(data.name, data.list, require(fixtures.path('data.json')) === data);
const a = require(fixtures.path('a.js'));
console.log(a.answer, require.resolve(fixtures.path('a')) === fixtures.path('a.js'));
console.log(Object.keys(require.cache).some((k) => k.endsWith('a.js')), typeof module.paths[0]);
