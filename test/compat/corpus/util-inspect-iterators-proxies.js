'use strict';
// Map and Set iterators show what they have left (entries() as "[Map Entries]" pairs), and a
// Proxy shows as its target without running a trap, or with showProxy as target and handler.
const util = require('util');

const map = new Map([['a', 1], [{ k: 2 }, [3]], ['c', 'x']]);
const set = new Set([1, 'two', { three: 3 }]);
for (const it of [map.entries(), map.keys(), map.values(), set.entries(), set.values(), set.keys()]) {
  console.log(util.inspect(it));
  it.next();
  console.log(util.inspect(it), util.inspect(it, { maxArrayLength: 1 }), util.inspect(it, { maxArrayLength: 0 }));
  [...it];
  console.log(util.inspect(it));
}
const tagged = map.entries();
Object.defineProperty(tagged, Symbol.toStringTag, { value: 'Mine' });
console.log(util.inspect(tagged), util.inspect([new Set([[1, 2]]).entries()], { depth: 0 }));
console.log(util.inspect(new Map([[1, new Map([[2, 3]]).entries()]]).values(), { colors: true }));

const traps = [];
const handler = {};
for (const trap of ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'apply']) {
  handler[trap] = (...args) => { traps.push(trap); return Reflect[trap](...args); };
}
const target = { a: 1, nested: [1, 2] };
const proxy = new Proxy(target, handler);
console.log(util.inspect(proxy), util.format('%s %o %O %j', proxy, proxy, proxy, 'x'));
console.log(util.inspect(proxy, { showProxy: true }), traps);
const fnProxy = new Proxy(function named() {}, handler);
console.log(util.inspect(fnProxy), util.inspect(fnProxy, { showProxy: true }), traps);
const inner = new Proxy({ deep: true }, {});
console.log(util.inspect(new Proxy(inner, inner), { showProxy: true, depth: 0 }), util.inspect(new Proxy(inner, {})));
const { proxy: revoked, revoke } = Proxy.revocable({}, {});
revoke();
console.log(util.inspect(revoked), util.inspect({ revoked }, { showProxy: true }), util.format('%s', revoked));
const custom = new Proxy({
  [util.inspect.custom](depth, options, inspect) {
    return `custom ${this === custom} ${Object.getPrototypeOf(options)} ${typeof options.stylize} ${typeof inspect}`;
  },
}, {});
console.log(util.inspect(custom), util.inspect([custom]));
