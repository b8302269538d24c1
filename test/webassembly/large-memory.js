const { str, vec, section, wasm, type, body, I32 } = require("./wasm-builder");
// A memory of 8 MiB (where the sandbox compares chunks before it copies at each crossing): the
// Wasm's stores and the guest's writes in every part of it reach the other side.
// imports env.log(i32), env.mem; "poke"(addr, v): i32.store addr v, then log(i32.load addr);
// "peek"(addr): i32.load addr
const m = wasm(
  section(1, vec([type([I32], []), type([I32, I32], []), type([I32], [I32])])),
  section(2, vec([[...str('env'), ...str('log'), 0, 0], [...str('env'), ...str('mem'), 2, 0, 1]])),
  section(3, vec([[1], [2]])),
  section(7, vec([[...str('poke'), 0, 1], [...str('peek'), 0, 2]])),
  section(10, vec([
    body([], [0x20, 0, 0x20, 1, 0x36, 2, 0, 0x20, 0, 0x28, 2, 0, 0x10, 0]),
    body([], [0x20, 0, 0x28, 2, 0]),
  ])),
);
const MiB = 1 << 20;
const mem = new WebAssembly.Memory({ initial: 128 });
const view = () => new DataView(mem.buffer);
const seen = [];
let current = 0;
const counter = 5 * MiB + 3;
const { exports: ex } = new WebAssembly.Instance(new WebAssembly.Module(m), {
  env: {
    mem,
    log(v) {
      // what the Wasm stored, read through the buffer; a counter the guest keeps in the memory
      seen.push(v === view().getInt32(current, true));
      view().setUint8(counter, view().getUint8(counter) + 1);
    },
  },
});
const addrs = [0, 16380, 16384, MiB - 4, MiB, 3 * MiB + 100, 8 * MiB - 4];
for (const a of addrs) {
  current = a;
  ex.poke(a, a ^ 0x5a5a5a5a);
}
console.log(seen.join(), addrs.map((a) => view().getInt32(a, true) === (a ^ 0x5a5a5a5a)).join(), view().getUint8(counter));
// the guest's writes, read by the Wasm
const u8 = new Uint8Array(mem.buffer);
for (const a of addrs) u8[a] = (a >> 10) & 0xff;
console.log(addrs.map((a) => ex.peek(a) & 0xff).join(), ex.peek(counter - 3) >>> 24);
console.log(u8 === u8 && new Uint8Array(mem.buffer)[8 * MiB - 4], mem.buffer.byteLength);
