'use strict';
// inspect and format details that Node 20 pins: arguments objects, revoked proxies, prototype
// getters under showHidden, a replaced Object.keys, util.format's numericSeparator, wide
// characters in grouped arrays, and util.parseEnv.
require('../common');
const util = require('util');

console.log(util.inspect((function () { return arguments; })('a', 1)));
console.log(util.inspect(Function('return arguments')(1, 2)));
const r = Proxy.revocable({}, {});
r.revoke();
console.log(util.inspect(r));
console.log(util.inspect(r.proxy, { showProxy: true }));

class X {
  constructor() { this._y = 123; }
  get y() { return this._y; }
  get bad() { throw new Error('no'); }
}
console.log(util.inspect(new X(), { getters: true, showHidden: true }));
console.log(util.inspect(new X(), { showHidden: true }));
class Y extends X { get z() { return 1; } }
console.log(util.inspect(new Y(), { showHidden: true, getters: true }));

const { numericSeparator } = util.inspect.defaultOptions;
util.inspect.defaultOptions.numericSeparator = true;
console.log(util.format('%d %i %f %s', 1234567.891, 1234567, 12345.678, 9876543210n));
util.inspect.defaultOptions.numericSeparator = numericSeparator;
console.log(util.format('%d', 1234567), util.formatWithOptions({ numericSeparator: true }, '%d', 1234567));

console.log(util.inspect(['￥￥￥', 'ab', '日本語', 'x', 'y', 'z', 'w', 'v', 'u', 't', 's', 'r', 'q']));

console.log(util.parseEnv('A=1\n# c\nexport B = "two\\nlines" # x\nC=\'q\' \nD=`b`\nE=un quoted # comment\n  F = spaced  \nG="open\nH=8\nNOVALUE\nA=again'));
try {
  util.parseEnv(null);
} catch (e) {
  console.log(e.code, e.message);
}

const keys = Object.keys;
Object.keys = () => { throw new Error('replaced'); };
console.log(util.inspect({ a: 1, b: [2] }));
Object.keys = keys;

const deep = {};
let cur = deep;
for (let i = 0; i < 20000; i++) cur = cur.next = {};
const shown = util.inspect({ before: 1, deep, after: 2 }, { depth: Infinity });
console.log(shown.includes('Inspection interrupted prematurely') || shown.length > 0, shown.endsWith('after: 2\n}'));
