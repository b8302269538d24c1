'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const check = common.expectsError({ code: 'ENOENT', syscall: 'open' });
fs.readFile('/definitely/not/here', check);
const many = common.expectsError({ name: 'TypeError' }, 2);
many(new TypeError('a')); many(new TypeError('b'));
console.log(typeof check);
