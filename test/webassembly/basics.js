const { str, vec, section, wasm, type, body, I32 } = require("./wasm-builder");
// add(i32,i32)->i32 exported
const bytes = wasm(
  section(1, vec([type([I32, I32], [I32])])),
  section(3, vec([[0]])),
  section(7, vec([[...str('add'), 0, 0]])),
  section(10, vec([body([], [0x20, 0, 0x20, 1, 0x6a])])),
);
console.log(typeof WebAssembly, WebAssembly.validate(bytes));
const m = new WebAssembly.Module(bytes);
console.log(WebAssembly.Module.exports(m), WebAssembly.Module.imports(m));
const i = new WebAssembly.Instance(m);
console.log(i.exports.add(2, 3), i.exports.add.name, i.exports.add.length, Object.isFrozen(i.exports));
WebAssembly.instantiate(bytes).then(({ module, instance }) => console.log('async', instance.exports.add(40, 2), module instanceof WebAssembly.Module));
try { new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1])); } catch (e) { console.log(e.name, e.message, e instanceof WebAssembly.CompileError); }
