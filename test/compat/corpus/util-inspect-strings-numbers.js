'use strict';
const common = require('../common');
const assert = require('assert');
const util = require('util');
console.log(util.inspect("it's"), util.inspect('"quoted"'), util.inspect(`both ' and "`), util.inspect('all \' " `'));
console.log(util.inspect('line\nbreak'), util.inspect('\u0001\u007f'), util.inspect(-0), util.inspect([0.1 + 0.2, 1e21, 1e-7]));
console.log(util.inspect(123456789, { numericSeparator: true }), util.inspect(1234.5678, { numericSeparator: true }), util.inspect(10n ** 20n));
console.log(util.inspect(new Number(3)), util.inspect(new String('s')), util.inspect(Object(Symbol('x'))), util.inspect(new Boolean(false)));
