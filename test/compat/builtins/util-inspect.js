// util.inspect and util.format: each line is compared with what Node prints.
const util = require('util');
class Foo { constructor() { this.a = 1; this.b = [1, 2, 3]; } }
const circ = { name: 'c' }; circ.self = circ; circ.list = [circ, { deep: circ }];
const values = [
  1, -0, 'str', "it's", 'a"b\'c', 10n, Symbol('s'), undefined, null, true,
  [1, 2, 3], [], {}, { a: 1, 'b-c': 2, [Symbol('k')]: 3 }, new Foo(), Object.create(null),
  Object.assign(Object.create(null), { x: 1 }), new Map([[1, 'a'], ['b', { c: 2 }]]), new Set([1, 'two', [3]]),
  new Map(), new Set(), new Uint8Array([1, 2, 3]), new Float64Array(2), new ArrayBuffer(3), new DataView(new ArrayBuffer(2)),
  Array.from({ length: 30 }, (_, i) => i * 7), Array.from({ length: 120 }, (_, i) => i),
  ['aaaaaaaaaaa', 'bbbbbbbb', 'c', 'dddddddddddddd', 'eeee', 'ffffffffff', 'gg', 'hhhhhhhh'],
  { a: { b: { c: { d: { e: 1 } } } } }, [[[[[1]]]]], circ,
  function named() {}, () => {}, async function af() {}, function* gen() {}, class A {}, class B extends Foo {},
  new Date(0), new Date(NaN), /ab+c/gi, Object(1), Object('str'), Object(true), Object(Symbol('x')), Object(2n),
  Promise.resolve(42), Promise.reject(new Error('x')).catch(() => {}) && new Promise(() => {}), new WeakMap(), new WeakSet(),
  [1, , 3], new Array(5), Object.assign([1, 2], { extra: true }),
  { get g() { return 1; }, set s(v) {}, get gs() { return 1; }, set gs(v) {} },
  { longString: 'x'.repeat(100), multi: 'line1\nline2\nline3 is a long line of text to exceed the limit of width here' },
  { [Symbol.toStringTag]: 'Tagged', v: 1 }, new (class Bar extends Map {})([[1, 2]]),
  { nested: [{ a: 1, b: 2 }, { a: 3, b: 4 }], str: 'hello world' },
  Array.from({ length: 10 }, (_, i) => 'item' + i), { 'quoted key': 1, valid_key: 2, 3: 'num' },
];
for (const v of values) console.log(util.inspect(v));
console.log(util.inspect({ a: [1, 2, { b: 3 }] }, { depth: 0 }));
console.log(util.inspect({ a: 1, b: 'x' }, { compact: false }));
console.log(util.inspect({ a: [1, 2, 3], b: { c: 1 } }, { breakLength: Infinity }));
console.log(util.inspect(new Map([[{ a: 1 }, new Set([1])]]), { showHidden: false }));
console.log(util.inspect({ a: 1, b: 2, c: 3 }, { sorted: true }));
console.log(util.inspect(1234567.891, { numericSeparator: true }));
console.log(util.inspect({ g: 1, get x() { return { y: 2 }; } }, { getters: true }));
console.log(util.inspect({ [util.inspect.custom]() { return 'CUSTOM'; } }));
console.log(util.inspect({ inner: { [util.inspect.custom](d, o) { return { replaced: d }; } } }));
console.log(util.inspect('x'.repeat(20), { maxStringLength: 5 }));
console.log(util.inspect(Array(200).fill(0), { maxArrayLength: 3 }));
console.log(util.format('%s %d %i %f %j %o %O %c %%', 'a', 1.5, 2.7, '3.5', { j: 1 }, [1], { O: 1 }, 'css'), 'extra', 5);
console.log(util.format('%s', { a: 1 }), util.format('%s', [1, [2]]), util.format('%s', new Error('e').message), util.format(1, 2), util.format('%d', '0x10'), util.format('a%'));
console.log(util.format('%s', Symbol('q')), util.format('%s', 5n), util.format('%s', -0), util.format('%s', null), util.format('%s', class X {}));
