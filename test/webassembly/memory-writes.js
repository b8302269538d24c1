// Every way guest JS writes into a memory's buffer reaches the Wasm: after each write, the Wasm
// hashes the bytes it sees and JS hashes the same bytes of its view. The host copies to the Wasm
// only what the engine recorded as written, so a write path it missed shows here.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { str, vec, section, wasm, type, body, I32 } = require("./wasm-builder");

// hash(ptr, len) -> i32: h = h * 31 + byte; poke(ptr, v): i32.store8; viaImport(ptr, len) calls
// env.fill(ptr, len), then returns hash(ptr, len); poke2(a, b, v): v at a and at b
const hashCode = [
  0x20, 1, 0x20, 0, 0x6a, 0x21, 3, // end = len + ptr
  0x02, 0x40, 0x03, 0x40,
  0x20, 0, 0x20, 3, 0x4f, 0x0d, 1, // ptr >= end: out
  0x20, 2, 0x41, 31, 0x6c, 0x20, 0, 0x2d, 0, 0, 0x6a, 0x21, 2,
  0x20, 0, 0x41, 1, 0x6a, 0x21, 0,
  0x0c, 0, 0x0b, 0x0b,
  0x20, 2,
];
const bytes = wasm(
  section(1, vec([type([I32, I32], [I32]), type([I32, I32], []), type([I32, I32, I32], [])])),
  section(2, vec([[...str("env"), ...str("mem"), 2, 0, 80], [...str("env"), ...str("fill"), 0, 1]])),
  section(3, vec([[0], [1], [0], [2]])),
  section(7, vec([[...str("hash"), 0, 1], [...str("poke"), 0, 2], [...str("viaImport"), 0, 3], [...str("poke2"), 0, 4]])),
  section(10, vec([
    body([[2, I32]], hashCode),
    body([], [0x20, 0, 0x20, 1, 0x3a, 0, 0]),
    body([], [0x20, 0, 0x20, 1, 0x10, 0, 0x20, 0, 0x20, 1, 0x10, 1]),
    body([], [0x20, 0, 0x20, 2, 0x3a, 0, 0, 0x20, 1, 0x20, 2, 0x3a, 0, 0]),
  ])),
);

const mem = new WebAssembly.Memory({ initial: 80 }); // 5 MiB
let fillWith = () => {};
const { exports: ex } = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
  env: { mem, fill: (p, n) => fillWith(p, n) },
});
const u8 = () => new Uint8Array(mem.buffer);
const jsHash = (p, n) => {
  const b = u8();
  let h = 0;
  for (let i = p; i < p + n; i++) h = (Math.imul(h, 31) + b[i]) | 0;
  return h;
};
const check = (label, p, n, random) => {
  const w = ex.hash(p, n);
  console.log(label, w === jsHash(p, n), random ? "" : w);
};

let at = 4096;
const next = () => (at += 4096) - 4096;

let p = next(); u8()[p + 3] = 200; check("index store", p, 8);
p = next(); new Uint32Array(mem.buffer, p, 4)[2] = 0xdeadbeef; new Float64Array(mem.buffer, p + 16, 1)[0] = Math.PI; check("wide stores", p, 24);
p = next(); new BigInt64Array(mem.buffer, p, 1)[0] = -5n; check("bigint store", p, 8);
p = next(); const dv = new DataView(mem.buffer, p, 32); dv.setInt16(1, -2); dv.setFloat64(8, 1.5, true); dv.setBigUint64(16, 2n ** 63n); check("DataView", p, 32);
p = next(); u8().fill(7, p + 2, p + 30); check("fill", p, 32);
p = next(); u8().set([1, 2, 3, 4], p + 5); check("set from array", p, 16);
p = next(); u8().set(new Uint8Array([9, 8, 7, 6, 5]), p + 1); check("set from typed array", p, 16);
p = next(); u8().set(u8().subarray(4096 * 1, 4096 * 1 + 32), p); check("set from the same buffer", p, 32);
p = next(); u8().set(new Uint16Array([513, 1027]), p); check("set across types", p, 8);
p = next(); u8().set([10, 20, 30, 40, 50, 60], p); u8().copyWithin(p + 100, p, p + 6); check("copyWithin", p + 100, 6);
p = next(); u8().set([5, 1, 4, 2, 3], p); u8().subarray(p, p + 5).reverse(); check("reverse", p, 5);
p = next(); u8().set([5, 1, 4, 2, 3], p); u8().subarray(p, p + 5).sort(); check("sort", p, 5);
p = next(); u8().set([5, 1, 4, 2, 3], p); u8().subarray(p, p + 5).sort((a, b) => b - a); check("sort with a comparator", p, 5);
p = next(); console.log(new TextEncoder().encodeInto("héllo wörld", u8().subarray(p, p + 32)).written); check("encodeInto", p, 32);
p = next(); Buffer.from(mem.buffer, p, 64).write("buffer text", 3); check("Buffer#write", p, 64);
p = next(); Buffer.from(mem.buffer, p, 64).fill("ab", 10, 20); check("Buffer#fill", p, 64);
p = next(); Buffer.from(mem.buffer, p, 64).writeUInt32BE(0x01020304, 4); Buffer.from(mem.buffer, p, 64).writeDoubleLE(2.5, 16); check("Buffer#writeX", p, 64);
p = next(); Buffer.from("copied bytes").copy(Buffer.from(mem.buffer, p, 64), 7); check("Buffer#copy", p, 64);
p = next(); crypto.getRandomValues(u8().subarray(p, p + 16)); check("getRandomValues", p, 16, true);
p = next(); Object.defineProperty(u8(), p + 1, { value: 33 }); check("defineProperty", p, 4);
p = next(); Array.prototype.fill.call(u8().subarray(p, p + 8), 44, 2, 6); check("Array.prototype.fill", p, 8);
p = next(); Reflect.set(u8(), p, 55); check("Reflect.set", p, 2);

const file = path.join(os.tmpdir(), `qjsw-memory-writes-${process.pid}`);
fs.writeFileSync(file, "file contents read into Wasm memory");
const fd = fs.openSync(file, "r");
p = next(); console.log(fs.readSync(fd, u8(), p, 12, 0)); check("fs.readSync", p, 16);
p = next(); console.log(fs.readSync(fd, new DataView(mem.buffer, p, 16), 0, 16, 5)); check("fs.readSync into a DataView", p, 16);
p = next(); console.log(fs.readvSync(fd, [u8().subarray(p, p + 4), u8().subarray(p + 8, p + 12)], 0)); check("fs.readvSync", p, 12);
fs.closeSync(fd);
fs.unlinkSync(file);

// written by JS inside an import the Wasm called: the Wasm sees it when the import returns
p = next(); fillWith = (q, n) => u8().fill(3, q, q + n); console.log("import", ex.viaImport(p, 12) === jsHash(p, 12));
// written by the Wasm, then by JS, then read by both
p = next(); ex.poke(p, 250); u8()[p + 1] = 251; check("Wasm then JS", p, 2);
// guest writes in more places than the engine keeps ranges for, then Wasm writes far apart in a
// larger memory, again and again (the host learns where to part its two ranges of the Wasm's
// writes): every byte still reaches the other side
const spots = [4096 * 40, 4096 * 300, 4096 * 700, 4096 * 1000, 4096 * 1100, 4096 * 1200, 4096 * 64];
spots.forEach((q, i) => (u8()[q] = i + 1));
console.log("spread", spots.map((q) => ex.hash(q, 1)).join(","));
const big = new WebAssembly.Memory({ initial: 640 }); // 40 MiB
const { exports: bx } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem: big, fill: () => {} } });
const b8 = () => new Uint8Array(big.buffer);
let seen = 0;
for (let round = 1; round <= 6; round++) {
  bx.poke2(1 << 20, 30 << 20, round);
  bx.poke2((1 << 20) + 4096 * round, (30 << 20) + 4096 * round, round + 100);
  seen += b8()[1 << 20] + b8()[30 << 20] + b8()[(30 << 20) + 4096 * round];
  b8()[(20 << 20) + round] = round;
}
console.log("far apart", seen, bx.hash((20 << 20) + 1, 6));
// a view made before the memory grew sees nothing; a new one writes through
const old = new Uint8Array(mem.buffer);
mem.grow(1);
p = 80 * 65536 + 16; u8()[p] = 1; check("after grow", p, 1);
console.log(old.length);
