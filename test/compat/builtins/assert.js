// node:assert and assert/strict: each failure as name, code, message, operator, generatedMessage.
const assert = require('assert');
const t = (f) => { try { f(); console.log('no throw'); } catch (e) { console.log(JSON.stringify([e.name, e.code, e.message, e.operator, e.generatedMessage])); } };
t(() => assert.deepStrictEqual({ a: 1, b: [1, 2, 3], c: 'x' }, { a: 1, b: [1, 2, 4], c: 'x' }));
t(() => assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]));
t(() => assert.strictEqual('hello world', 'hello there'));
t(() => assert.strictEqual({ a: 1 }, { a: 1 }));
t(() => assert.deepStrictEqual({ a: 1 }, { a: 1, b: 2 }));
t(() => assert.ok(1 === 2));
t(() => assert(false, 'custom'));
t(() => assert(0));
t(() => assert.ok());
t(() => assert.throws(() => {}));
t(() => assert.throws(() => {}, TypeError));
t(() => assert.throws(() => {}, TypeError, 'msg here'));
t(() => assert.throws(() => { throw new Error('foo') }, /bar/));
t(() => assert.throws(() => { throw new Error('foo') }, TypeError));
t(() => assert.throws(() => { throw new Error('foo') }, { message: 'bar', code: 'X' }));
t(() => assert.throws(() => { throw new Error('foo') }, (e) => false));
t(() => assert.throws(() => { throw new TypeError('x') }, TypeError));
t(() => assert.throws(() => { throw new TypeError('x') }, { name: 'TypeError', message: /x/ }));
t(() => assert.doesNotThrow(() => { throw new Error('foo') }));
t(() => assert.doesNotThrow(() => { throw new Error('foo') }, 'some msg'));
t(() => assert.equal(1, 2)); t(() => assert.notEqual(1, 1)); t(() => assert.deepEqual({a:1}, {a:2})); t(() => assert.notDeepEqual({a:1}, {a:1}));
t(() => assert.notDeepStrictEqual({a:1}, {a:1})); t(() => assert.notStrictEqual(1, 1)); t(() => assert.notStrictEqual({}, {}));
t(() => assert.match('abc', /x/)); t(() => assert.doesNotMatch('abc', /b/)); t(() => assert.match(1, /x/));
t(() => assert.ifError(new Error('boom'))); t(() => assert.ifError(null)); t(() => assert.ifError('str'));
t(() => assert.fail()); t(() => assert.fail('m')); t(() => assert.fail(new TypeError('te')));
t(() => assert.strictEqual(1, 2, 'my message')); t(() => assert.strictEqual(1, 2, new RangeError('own')));
t(() => assert.throws('notfn'));
t(() => assert.equal(1)); t(() => assert.equal(NaN, NaN)); t(() => assert.deepEqual(1, '1')); t(() => assert.deepEqual([1, 2], ['1', 2]));
t(() => assert.strict.equal(1, '1')); t(() => require('assert/strict').deepEqual({ a: 1 }, { a: '1' }));
t(() => assert.deepStrictEqual(new Map([[1, 2]]), new Map([[1, 3]])));
t(() => assert.deepStrictEqual(new Set([1, 2]), new Set([1, 3])));
t(() => assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13]));
t(() => assert.strictEqual(-0, 0)); t(() => assert.strictEqual(NaN, NaN)); t(() => assert.strictEqual('a'.repeat(10), 'b'.repeat(10)));
t(() => assert.deepStrictEqual({ a: { b: { c: [1, { d: 2 }] } } }, { a: { b: { c: [1, { d: 3 }] } } }));
const e = new assert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' });
console.log(Object.keys(e), e.name, String(e).split('\n')[0], e instanceof Error);
(async () => {
  await assert.rejects(Promise.reject(new Error('r')), /r/); console.log('rejects ok');
  try { await assert.rejects(Promise.resolve(1)); } catch (err) { console.log(err.message); }
  try { await assert.rejects(() => 1); } catch (err) { console.log(err.code, err.message); }
  try { await assert.doesNotReject(Promise.reject(new Error('dr'))); } catch (err) { console.log(err.message); }
})();
