'use strict';
const common = require('../common');
const assert = require('assert');
const path = require('path');
for (const p of ['./a/../../b', 'a/./b//c/', '/../x', '', '.', 'a/..', '//a//b', '../../x/./y/']) console.log(JSON.stringify(p), JSON.stringify(path.normalize(p)));
console.log(path.join(), path.join(''), path.join('a', '', 'b'), path.join('/a', '/b'), path.resolve('') === process.cwd());
assert.throws(() => path.join(1), { code: 'ERR_INVALID_ARG_TYPE' });
console.log(path.toNamespacedPath('/x'), path.posix.basename('/a/b/'), path.extname('.x'), path.extname('a.'));
