const { str, vec, section, wasm, type, body, I32, I64 } = require('./wasm-builder');
// Imports called by Wasm: values converted as the JS API says, errors and re-entry.
// imports: env.f (i32)->i32, env.h ()->i64; exports: run(i32)->i32 = f(x) + 1, wide()->i64 = h()
const bytes = wasm(
  section(1, vec([type([I32], [I32]), type([], [I64])])),
  section(2, vec([[...str('env'), ...str('f'), 0, 0], [...str('env'), ...str('h'), 0, 1]])),
  section(3, vec([[0], [1]])),
  section(7, vec([[...str('run'), 0, 2], [...str('wide'), 0, 3]])),
  section(10, vec([body([], [0x20, 0, 0x10, 0, 0x41, 1, 0x6a]), body([], [0x10, 1])])),
);
const compiled = new WebAssembly.Module(bytes);
const make = (f, h = () => 0n) => new WebAssembly.Instance(compiled, { env: { f, h } }).exports;
const results = [];
for (const value of ['41', undefined, true, 2 ** 32 + 5, -1, 1.9, null]) results.push(make(() => value).run(0));
console.log(results);
console.log(make((x) => x * 2).run(21), make(() => 0, () => 2n ** 63n).wide(), make(() => 0, () => -1n).wide());
try { make(() => 0, () => 1).wide(); } catch (e) { console.log(e.name, e.message); }
// the same value comes out of the Wasm as went in, whatever was thrown
for (const thrown of [new TypeError('t'), 'text', 42, null, { custom: true }]) {
  try {
    make(() => { throw thrown; }).run(0);
  } catch (e) {
    console.log(e === thrown || (e !== e && thrown !== thrown), typeof e);
  }
}
// re-entry: an import calling the export that calls it, ten levels deep, then failing
let ex;
ex = make((n) => (n === 0 ? 100 : ex.run(n - 1)));
console.log(ex.run(10));
const deep = new RangeError('deep');
ex = make((n) => { if (n === 0) throw deep; return ex.run(n - 1); });
try { ex.run(10); } catch (e) { console.log(e === deep, e.message); }
// a caught error inside does not stop the outer call
ex = make((n) => { if (n === 0) throw deep; try { return ex.run(n - 1); } catch { return 7; } });
console.log(ex.run(3));
// `this` of an import is undefined; its arguments are numbers
make(function (x) { console.log(this === undefined, typeof x, arguments.length); return 0; }).run(5);
