// A tiny assembler for the hand-written modules of the scenarios: sections from byte arrays,
// so no binary is committed. Run as it is in Node and in the sandbox.
const leb = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const str = (s) => [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const vec = (items) => [...leb(items.length), ...items.flat()];
const section = (id, bytes) => [id, ...leb(bytes.length), ...bytes];
const wasm = (...sections) => new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...sections.flat()]);
const I32 = 0x7f;
const I64 = 0x7e;
const type = (params, results) => [0x60, ...vec(params.map((p) => [p])), ...vec(results.map((r) => [r]))];
const body = (locals, code) => {
  const b = [...vec(locals), ...code, 0x0b];
  return [...leb(b.length), ...b];
};
// (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
const addModule = () =>
  wasm(
    section(1, vec([type([I32, I32], [I32])])),
    section(3, vec([[0]])),
    section(7, vec([[...str('add'), 0, 0]])),
    section(10, vec([body([], [0x20, 0, 0x20, 1, 0x6a])])),
  );
module.exports = { leb, str, vec, section, wasm, type, body, I32, I64, addModule };
