const { str, vec, section, wasm, type, body, I32 } = require("./wasm-builder");
// imports: env.log(i32), env.mem memory; exports: store(i32 addr, i32 v) calls log(load(addr))+; grow(pages)->old, mem2 exported own memory
// module 1: imports memory and func; func 1 "poke"(addr, v): i32.store addr v; call log(i32.load addr)
const m1 = wasm(
  section(1, vec([type([I32], []), type([I32, I32], []), type([], [I32])])),
  section(2, vec([[...str('env'), ...str('log'), 0, 0], [...str('env'), ...str('mem'), 2, 0, 1]])),
  section(3, vec([[1], [2]])),
  section(7, vec([[...str('poke'), 0, 1], [...str('peek0'), 0, 2]])),
  section(10, vec([
    body([], [0x20, 0, 0x20, 1, 0x36, 2, 0, 0x20, 0, 0x28, 2, 0, 0x10, 0]),
    body([], [0x41, 0, 0x28, 2, 0]),
  ])),
  // data segment: "hi" at 16
  section(11, vec([[0, 0x41, 16, 0x0b, ...vec([[0x68], [0x69]])]])),
);
const mem = new WebAssembly.Memory({ initial: 1, maximum: 4 });
const view = () => new Uint8Array(mem.buffer);
const seen = [];
const { exports: ex } = new WebAssembly.Instance(new WebAssembly.Module(m1), {
  env: { mem, log(v) { seen.push(v, view()[100]); view()[0] = 7; } },
});
console.log(String.fromCharCode(view()[16], view()[17]));
view()[100] = 42;
ex.poke(100, 0x01020304);
console.log(seen, view()[100], view()[0], ex.peek0());
const before = mem.buffer;
console.log(mem.grow(1), before.byteLength, mem.buffer.byteLength, mem.buffer === mem.buffer, view()[16]);
try { mem.grow(10); } catch (e) { console.log(e.name, e.message); }
ex.poke(65536 + 8, 99);
console.log(new Uint32Array(mem.buffer)[(65536 + 8) / 4]);
try { ex.poke(2 * 65536, 1); } catch (e) { console.log(e.name, e.message, e instanceof WebAssembly.RuntimeError); }
// import throws: propagates with identity
const boom = new Error('boom');
const { exports: e2 } = new WebAssembly.Instance(new WebAssembly.Module(m1), { env: { mem, log() { throw boom; } } });
try { e2.poke(0, 1); } catch (e) { console.log(e === boom); }
// link errors
try { new WebAssembly.Instance(new WebAssembly.Module(m1), { env: { mem } }); } catch (e) { console.log(e.name, e.message); }
try { new WebAssembly.Instance(new WebAssembly.Module(m1), {}); } catch (e) { console.log(e.name, e.message); }
try { new WebAssembly.Instance(new WebAssembly.Module(m1)); } catch (e) { console.log(e.name, e.message); }
try { new WebAssembly.Instance(new WebAssembly.Module(m1), { env: { mem: 1, log() {} } }); } catch (e) { console.log(e.name, e.message); }
WebAssembly.instantiate(m1, { env: { mem: {}, log() {} } }).catch((e) => console.log('async', e.name, e.message));
WebAssembly.instantiate(1).catch((e) => console.log('async', e.name, e.message));
WebAssembly.compileStreaming(new Uint8Array(1)).catch((e) => console.log('async', e.name, e.code, e.message));
console.log(Object.prototype.toString.call(mem), Object.prototype.toString.call(WebAssembly), String(Object.keys(WebAssembly)));
