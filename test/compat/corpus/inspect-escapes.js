// util.inspect's escapes and edge cases as Node 20's: C1 controls, lone surrogates, symbol
// keys with control characters, an error whose stack is not a string, a typed array whose
// 'length' lies.
const util = require('util');
console.log(util.inspect('a\x7f\x85\x9f\xa0b'), util.inspect(`x'\n\x1d`));
console.log(util.inspect('\ud800'), util.inspect('\udfff z'), util.inspect('\ud83d\ude00'));
const o = {};
o[Symbol("sym\nbol's \\ \x85")] = 1;
console.log(util.inspect(o));
for (const stack of [404, 0, '', null, [1, 2], 'custom stack']) {
  const err = new RangeError('foo');
  err.stack = stack;
  console.log(JSON.stringify(util.inspect(err)));
}
const lying = new Float32Array(2);
Object.defineProperty(lying, 'length', { value: -1 });
console.log(util.inspect(lying));
