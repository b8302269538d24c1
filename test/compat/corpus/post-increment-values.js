// x++ and x-- on every kind of value, at the int32 limits and past them (patch 105 gives int32s
// a fast path in the interpreter).
let a = 2147483647; const a0 = a++; let b = -2147483648; const b0 = b--; let c = 5; const c0 = c--; let d = '7'; const d0 = d++; let e = 10n; const e0 = e++; let f = 1.5; const f0 = f--; let g = null; const g0 = g++; let h = {}; const h0 = h++;
const o = { valueOf() { return 41 } }; let k = o; const k0 = k++;
console.log([a0, a, b0, b, c0, c, d0, typeof d0, d, e0, e, f0, f, g0, g, h0, h, k0, k].map(String).join(' '));
let s = 0; for (let i = 0; i < 100; i++) s += i; for (let i = 10; i > 0; i--) s -= i; console.log(s);
