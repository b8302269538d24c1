'use strict';
require('../common');
const util = require('util');
console.log(util.inspect({ a: [1, 2, { b: new Map([[1, { c: new Set([1]) }]]) }] }, { depth: 4 }));
console.log(util.inspect('str'), util.inspect([undefined, null, -0, 1n, Symbol('s')]));
class Foo { constructor() { this.x = 1; } }
console.log(util.inspect(new Foo()), util.inspect(Object.create(null)), util.inspect(function named() {}));
const circ = { name: 'c' }; circ.self = circ;
console.log(util.inspect(circ), util.format('%s %d %i %j %o %%', 'a', 1.5, 2.7, { j: 1 }, [1]));
console.log(util.inspect(new Error('e').message), util.inspect(Buffer.from('ab')), util.inspect(new Date(0)));
