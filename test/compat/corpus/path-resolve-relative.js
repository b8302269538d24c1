'use strict';
const common = require('../common');
const assert = require('assert');
const path = require('path');
console.log(path.resolve('a', 'b') === path.join(process.cwd(), 'a/b'), path.resolve('/a', '/b', 'c'), path.resolve('/', '..', 'x'));
console.log(path.isAbsolute('/x'), path.isAbsolute('./x'), path.isAbsolute(''), path.dirname('a'), path.dirname('/'), path.dirname('a/b/'));
console.log(path.basename('/a/b/'), path.basename('a.txt', 'txt'), path.basename('a.txt', 'a.txt'), path.basename('', ''));
for (const bad of [null, 1, {}]) assert.throws(() => path.basename(bad), { code: 'ERR_INVALID_ARG_TYPE' });
