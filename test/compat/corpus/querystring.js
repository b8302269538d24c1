'use strict';
const common = require('../common');
const assert = require('assert');
const qs = require('querystring');
console.log(qs.parse('a=1&b=2&a=3&c=%20x&d'), qs.stringify({ a: [1, 2], b: 'x y', c: '' }));
console.log(qs.escape('a b&c'), qs.unescape('%41%zz'), qs.parse('a:1;b:2', ';', ':'));
