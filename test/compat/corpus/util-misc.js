'use strict';
const common = require('../common');
const assert = require('assert');
const util = require('util');
console.log(util.isArray([]), typeof util.toUSVString, util.toUSVString('a\ud800b'), util.stripVTControlCharacters('\u001b[31mred\u001b[39m'));
console.log(util.getSystemErrorName(-2), util.getSystemErrorMap().get(-13)[0], typeof util.types, util.inspect.defaultOptions.depth);
console.log(util.styleText('red', 'x') === '\u001b[31mx\u001b[39m', util.format('%s', util.types.isDate(new Date())));
