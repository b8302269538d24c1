const { leb, str, vec, section, wasm, type, body, I32, I64 } = require("./wasm-builder");
// table + global + i64 + start + reentrancy
// types: 0 ()->i32, 1 (i64)->i64, 2 (i32)->i32, 3 ()->()
const m = wasm(
  section(1, vec([type([], [I32]), type([I64], [I64]), type([I32], [I32]), type([], [])])),
  // imports: env.g (global mut i32), env.t (table funcref min 2), env.cb (func (i32)->i32), env.tick (func ()->())
  section(2, vec([
    [...str('env'), ...str('g'), 3, I32, 1],
    [...str('env'), ...str('t'), 1, 0x70, 0, 2],
    [...str('env'), ...str('cb'), 0, 2],
    [...str('env'), ...str('tick'), 0, 3],
  ])),
  // funcs (index after 2 imported funcs): 2 getg ()->i32, 3 dbl (i64)->i64, 4 callt (i32)->i32 via call_indirect type0, 5 rec (i32)->i32 calls cb, 6 start, 7 boom
  section(3, vec([[0], [1], [2], [2], [3], [3]])),
  // own global: mutable i64 = 5, exported
  section(6, vec([[I64, 1, 0x42, 5, 0x0b]])),
  section(7, vec([
    [...str('getg'), 0, 2], [...str('dbl'), 0, 3], [...str('callt'), 0, 4], [...str('rec'), 0, 5], [...str('boom'), 0, 7],
    [...str('big'), 3, 1], [...str('tbl'), 1, 0],
  ])),
  section(8, leb(6)),
  // elem: table 0 at offset 0: func getg
  section(9, vec([[0, 0x41, 0, 0x0b, ...vec([[2]])]])),
  section(10, vec([
    body([], [0x23, 0]),
    body([], [0x20, 0, 0x20, 0, 0x7c]),
    body([], [0x20, 0, 0x11, 0, 0]),
    body([], [0x20, 0, 0x10, 0]),
    body([], [0x10, 1]),
    body([], [0x00]),
  ])),
);
const g = new WebAssembly.Global({ value: 'i32', mutable: true }, 41);
const t = new WebAssembly.Table({ element: 'anyfunc', initial: 2 });
let ticks = 0;
let inst;
const imports = { env: { g, t, tick() { ticks++; }, cb(n) { return n <= 0 ? 100 : inst.exports.rec(n - 1) + 1; } } };
inst = new WebAssembly.Instance(new WebAssembly.Module(m), imports);
const e = inst.exports;
console.log(ticks, e.getg(), (g.value = 7, e.getg()), g.value, g.valueOf());
console.log(e.dbl(21n), typeof e.dbl(1n), e.big.value, (e.big.value = 9n, e.big.value));
try { e.dbl(1); } catch (err) { console.log(err.name, err.message); }
console.log(t.length, typeof t.get(0), t.get(0) === e.getg, t.get(0).name, t.get(1));
console.log(e.callt(0));
try { e.callt(1); } catch (err) { console.log(err.name, err.message); }
t.set(1, e.getg);
console.log(e.callt(1), t.get(1) === e.getg, e.tbl === t, e.tbl.get(0) === t.get(0));
try { t.set(0, () => 1); } catch (err) { console.log(err.name, err.message); }
console.log(t.grow(2), t.length, e.rec(5));
try { e.boom(); } catch (err) { console.log(err.name, err.message, err instanceof WebAssembly.RuntimeError, err instanceof Error); }
const ce = new WebAssembly.CompileError('x');
console.log(ce.name, ce.message, ce instanceof Error, String(ce), WebAssembly.LinkError.name, Object.getOwnPropertyNames(WebAssembly.RuntimeError.prototype));
console.log(Object.getOwnPropertyNames(WebAssembly.Memory.prototype), Object.getOwnPropertyNames(WebAssembly.Table.prototype), Object.getOwnPropertyNames(WebAssembly.Global.prototype));
try { WebAssembly.Memory({ initial: 1 }); } catch (err) { console.log(err.name, err.message); }
try { new WebAssembly.Memory({}); } catch (err) { console.log(err.name, err.message); }
try { new WebAssembly.Global({ value: 'x' }); } catch (err) { console.log(err.name, err.message); }
try { WebAssembly.Memory.prototype.grow.call({}, 1); } catch (err) { console.log(err.name, err.message); }
console.log(WebAssembly.Module.customSections(new WebAssembly.Module(wasm(section(0, [...str('hello'), 1, 2, 3]))), 'hello').map((b) => [...new Uint8Array(b)]));
// compile() settles after this turn's microtasks; whether before a 0 ms timer or after depends
// on how long compiling takes (V8 compiles on another thread), so only that order is printed
let microRan = false;
WebAssembly.compile(m).then((mod) => console.log('compiled', WebAssembly.Module.exports(mod).length, 'after micro:', microRan));
Promise.resolve().then(() => { microRan = true; console.log('micro'); });
