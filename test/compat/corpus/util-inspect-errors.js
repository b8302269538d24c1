'use strict';
const common = require('../common');
const assert = require('assert');
const util = require('util');
const e = new TypeError('bad thing');
e.code = 'E_BAD';
const lines = util.inspect(e).split('\n');
console.log(lines[0], lines.some((l) => l.includes('code:')));
const plain = { err: new RangeError('inner') };
console.log(util.inspect(plain).split('\n')[0]);
const noStack = new Error('no stack'); noStack.stack = undefined;
console.log(util.inspect(noStack));
class MyError extends Error { constructor(m) { super(m); this.name = 'MyError'; } }
console.log(util.inspect(new MyError('mine')).split('\n')[0]);
