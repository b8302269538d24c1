'use strict';
const common = require('../common');
const assert = require('assert');
const util = require('util');
class Money { constructor(v) { this.v = v; } [util.inspect.custom](depth, opts, inspect) { return `Money<${inspect(this.v, opts)}>`; } }
console.log(util.inspect({ price: new Money(5) }), `${util.format('%o', new Money('x'))}`);
console.log(util.inspect(new Proxy({ a: 1 }, {}), { showProxy: true }), util.inspect(new Proxy({ a: 1 }, {})));
console.log(util.inspect(Object.assign(() => {}, { prop: 1 })), util.inspect(class A extends Map {}));
console.log(util.inspect(new (class B extends Array {})(1, 2)), util.inspect({ [Symbol('k')]: 1, get g() { return 1; } }, { getters: true }));
