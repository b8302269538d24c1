'use strict';
const common = require('../common');
const assert = require('assert');
console.log(require.main === module, module.id, typeof module.exports, module.filename === __filename);
console.log(typeof exports, this === module.exports, typeof require.cache, module.loaded);
console.log(require('module').wrap('x').startsWith('(function (exports, require, module, __filename, __dirname) {'));
setImmediate(common.mustCall(() => console.log('loaded later', module.loaded)));
