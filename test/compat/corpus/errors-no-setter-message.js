'use strict';
// A strict-mode assignment to an accessor without a setter: V8's TypeError, naming the object
// that holds the accessor as V8 shows it (#<Ctor>, [object Tag], a function's source, ...).
require('../common');
const t = (f) => { try { f(); } catch (e) { console.log(e.message); } };
t(() => { const o = { get x() { return 1; } }; o.x = 2; });
t(() => { class A { get x() { return 1; } } new A().x = 2; });
t(() => { const o = Object.create(null, { x: { get() {} } }); o.x = 2; });
t(() => { const o = []; Object.defineProperty(o, 'x', { get() {} }); o.x = 2; });
t(() => { const f = function () {}; Object.defineProperty(f, 'x', { get() {} }); f.x = 2; });
t(() => { const s = Symbol('q'); const o = { get [s]() {} }; o[s] = 2; });
t(() => { const o = { get 1() {} }; o[1] = 2; });
t(() => { const u = new URL('http://a'); u.origin = 'x'; });
t(() => { const e = new Error('m'); Object.defineProperty(e, 'x', { get() {} }); e.x = 1; });
t(() => { class A { get x() { return 1; } } const a = new A(); a.constructor = undefined; a.x = 2; });
t(() => { const o = { get x() { return 1; } }; Object.defineProperty(o, Symbol.toStringTag, { value: 'T' }); Object.setPrototypeOf(o, null); o.x = 2; });
t(() => { const m = new Map(); Object.defineProperty(m, 'x', { get() {} }); m.x = 1; });
t(() => { const m = new URLSearchParams(); Object.defineProperty(m, 'q', { get() {} }); m.q = 1; });
t(() => { const o = { get x() { return 1; }, toString() { throw new Error('no'); } }; o.x = 2; });
t(() => { const p = new Proxy({}, {}); Object.defineProperty(p, 'x', { get() {} }); p.x = 1; });
