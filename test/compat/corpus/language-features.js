// Built-ins and syntax Node 20 (V8 11.3) has, and those it does not have yet, as feature
// detection sees them.
const probe = {
  'Array#toSorted/with/toReversed/toSpliced': () => [3, 1].toSorted()[0] === 1 && [1, 2].with(0, 5)[0] === 5 && [1, 2].toReversed()[0] === 2,
  'Array#findLast': () => [1, 2].findLast((x) => x) === 2,
  'String#isWellFormed': () => 'a'.isWellFormed() && '\ud800'.toWellFormed() === '\ufffd',
  'RegExp d flag': () => /a/d.exec('ba').indices[0][0],
  'class static blocks and #x in': () => { class A { static #x = 1; static y; static { A.y = A.#x; } static has(o) { return #x in o; } } return A.y === 1 && A.has(A); },
  'Error cause': () => new Error('x', { cause: 1 }).cause,
  'AggregateError': () => new AggregateError([1]).errors.length,
  'WeakRef and FinalizationRegistry': () => typeof WeakRef === 'function' && typeof FinalizationRegistry === 'function',
  'lookbehind': () => /(?<=a)b/.test('ab'),
  'logical assignment': () => { let a = null; a ??= 2; return a; },
  'numeric separators': () => 1_000,
  'BigInt': () => (2n ** 64n).toString(16),
  'structuredClone': () => structuredClone(new Map([[1, { a: [1n] }]])).get(1).a[0] === 1n,
  'absent: Object.groupBy': () => typeof Object.groupBy,
  'absent: Map.groupBy': () => typeof Map.groupBy,
  'absent: Promise.withResolvers': () => typeof Promise.withResolvers,
  'absent: Array.fromAsync': () => typeof Array.fromAsync,
  'absent: Set#union': () => typeof Set.prototype.union,
  'absent: ArrayBuffer#transfer': () => typeof ArrayBuffer.prototype.transfer,
};
for (const [name, f] of Object.entries(probe)) {
  let r;
  try {
    r = f();
  } catch (e) {
    r = `throws ${e.name}`;
  }
  console.log(name, r);
}
