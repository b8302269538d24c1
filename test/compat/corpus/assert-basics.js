'use strict';
require('../common');
const assert = require('assert');
assert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] });
assert.notDeepStrictEqual({ a: 1 }, { a: '1' });
assert.throws(() => { throw new TypeError('bad'); }, TypeError);
assert.throws(() => { throw new Error('msg 42'); }, /msg \d+/);
assert.doesNotThrow(() => {});
try { assert.strictEqual(1, 2); } catch (e) { console.log(e.code, e.actual, e.expected, e.operator); }
try { assert.deepStrictEqual([1, 2, 3], [1, 2, 4]); } catch (e) { console.log(e.message); }
try { assert.ok(0); } catch (e) { console.log(e.name, e.code); }
assert.match('abc', /b/); assert.doesNotMatch('abc', /x/);
console.log('done');
