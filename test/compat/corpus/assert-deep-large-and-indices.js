'use strict';
// Deep equality of large typed arrays and arrays (compared by content, their other keys found
// without listing every index), and the non-index keys, symbols and holes that decide it.
require('../common');
const assert = require('assert')
const util = require('util')
let t = Date.now()
const a = new Uint8Array(8 << 20), b = new Uint8Array(8 << 20)
a[5] = b[5] = 7
assert.deepStrictEqual(a, b)
console.log('8 MiB typed arrays equal', Date.now() - t < 5000)
b[8000000] = 1
try { assert.deepStrictEqual(a, b); console.log('no error') } catch (e) { console.log('differ', e.code) }
const x = new Uint8Array(4); x.extra = 1; const y = new Uint8Array(4)
console.log(util.isDeepStrictEqual(x, y), util.isDeepStrictEqual(x, Object.assign(new Uint8Array(4), { extra: 1 })))
const s = Symbol('s'); const p = [1, 2]; p[s] = 1; const q = [1, 2]
console.log(util.isDeepStrictEqual(p, q), assert.deepEqual(p, q) === undefined)
const big1 = Array.from({ length: 300000 }, (_, i) => i), big2 = big1.slice()
t = Date.now(); console.log('big arrays', util.isDeepStrictEqual(big1, big2))
const sparse1 = [1, , 3], sparse2 = [1, undefined, 3]
console.log(util.isDeepStrictEqual(sparse1, sparse2), util.isDeepEqual?.(sparse1, sparse2))
const withIdx = [1, 2]; withIdx.foo = 'x'; const withIdx2 = [1, 2]; withIdx2.foo = 'x'
console.log(util.isDeepStrictEqual(withIdx, withIdx2))
const str1 = new String('ab'), str2 = new String('ab'); str2.k = 1
console.log(util.isDeepStrictEqual(str1, str2), util.isDeepStrictEqual(new String('ab'), new String('ab')))
