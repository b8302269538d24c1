'use strict';
const common = require('../common');
const assert = require('assert');
const util = require('util');
console.log(util.format('%s', null), util.format('%s', undefined), util.format('%s', 1n), util.format('%s', Symbol('q')), util.format('%s', { a: 1 }));
console.log(util.format('%d', '42'), util.format('%d', 1n), util.format('%i', 3.9), util.format('%f', '1.5'), util.format('%j', { toJSON() { return 'J'; } }));
console.log(util.format('%O', { a: { b: { c: { d: 1 } } } }), util.format('%c', 'css'), util.format('a', 'b', 1), util.format(1, 2));
const circ = {}; circ.c = circ;
console.log(util.format('%j', circ), util.format('%s:%s', 'only one'), util.format('%%s', 'x'));
