'use strict';
const common = require('../common');
const assert = require('assert');
const cases = [
  [[1, 2], [1, 2]], [{ a: 1 }, { a: 1, b: undefined }], [new Set([1, 2]), new Set([2, 1])], [new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]])],
  [NaN, NaN], [0, -0], [new Date(1), new Date(1)], [/a/g, /a/i], [Buffer.from('a'), new Uint8Array([97])], [[1, [2, [3]]], [1, [2, [3]]]],
  [Object.create(null), {}], [new Error('x'), new Error('x')], [1, '1'],
];
for (const [a, b] of cases) {
  const strict = (() => { try { assert.deepStrictEqual(a, b); return 'equal'; } catch { return 'differ'; } })();
  const loose = (() => { try { assert.deepEqual(a, b); return 'equal'; } catch { return 'differ'; } })();
  console.log(strict, loose);
}
