// Deep equality looks through a Proxy as V8 does: an array proxy equals the array it wraps
// (its trap lists the indices, which are not keys to compare), also when showProxy is on; a
// trap that breaks an invariant fails with V8's message.
const assert = require('assert');
const util = require('util');
const arrProxy = new Proxy([1, 2], {});
console.log(util.isDeepStrictEqual(arrProxy, [1, 2]), util.isDeepStrictEqual(new Proxy({ a: 1 }, {}), { a: 1 }));
console.log(util.isDeepStrictEqual(new Proxy([1, 2], {}), [1, 3]), util.isDeepStrictEqual(Object.assign(new Proxy([1], {}), { x: 1 }), [1]));
assert.deepStrictEqual(arrProxy, [1, 2]);
assert.deepEqual(new Proxy([1, '2'], {}), [1, 2]);
util.inspect.defaultOptions = { showProxy: true };
try {
  assert.deepStrictEqual(arrProxy, [1, 2, 3]);
} catch (e) {
  console.log(JSON.stringify(e.message));
}
const p = new Proxy([1, 2, 3], { ownKeys() { return []; } });
try { Reflect.ownKeys(p); } catch (e) { console.log(e.name, e.message); }
const t = Object.preventExtensions({ a: 1 });
try { Reflect.ownKeys(new Proxy(t, { ownKeys() { return ['a', 'b']; } })); } catch (e) { console.log(e.name, e.message); }
