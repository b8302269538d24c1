'use strict';
// A binding read before its initialization, as V8 words it: let/const/class in their temporal
// dead zone (in a block, a closure, a module namespace), and 'this' before super().
require('../common');
const show = (what, f) => { try { f(); console.log(what, 'no error'); } catch (e) { console.log(what, e.constructor.name, e.message); } };

show('block', () => { x; let x = 1; });
show('const', () => { c; const c = 1; });
show('class', () => { new K(); class K {} });
show('closure', () => { const f = () => y; f(); let y = 2; });
class A {}
class B extends A { constructor() { this.a = 1; super(); } }
show('this before super', () => new B());
class C extends A { constructor() {} }
show('no super', () => new C());
show('typeof in TDZ', () => { typeof z; let z; });
show('default param', () => { (function (a = b, b = 1) {})(); });
