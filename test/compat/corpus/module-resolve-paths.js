'use strict';
const common = require('../common');
const assert = require('assert');
const path = require('path');
const fixtures = require('../common/fixtures');
console.log(path.relative(__dirname, require.resolve('../common')));
console.log(require.resolve('fs'), require.resolve('node:path'));
console.log(require.resolve.paths('x')[0] === path.join(__dirname, 'node_modules'), require.resolve.paths('fs'));
try { require.resolve('./missing'); } catch (e) { console.log(e.code); }
