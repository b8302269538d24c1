'use strict';
const common = require('../common');
const assert = require('assert');
const { isDeepStrictEqual } = require('util');
const pairs = [
  [new Map([[1, 2]]), new Map([[1, 2]])], [[1, , 3], [1, undefined, 3]], [{ [Symbol.for('s')]: 1 }, { [Symbol.for('s')]: 1 }],
  [new Set([{}]), new Set([{}])], [Object.create(null), Object.create(null)], [new Number(1), new Number(1)], [new Number(1), 1],
  [[new Date(0)], [new Date(0)]], [new Uint8Array([1]), new Uint16Array([1])], [new Error('a'), new Error('a')], [{ a: NaN }, { a: NaN }],
];
console.log(pairs.map(([a, b]) => isDeepStrictEqual(a, b)).join(' '));
