'use strict';
// URLSearchParams: what Node's own tests check beyond the URL Standard — V8's message for a
// Symbol argument, the iterators' this-check and util.inspect output, the inspect methods'
// names, enumerable static methods of URL.
require('../common');
const util = require('util');

const sp = new URLSearchParams('?a=a&b=b&b=c');
for (const method of ['append', 'delete', 'get', 'getAll', 'has', 'set']) {
  try {
    sp[method](Symbol('x'), 'v');
  } catch (e) {
    console.log(method, e.name, e.message);
  }
}
try { `${Symbol('s')}`; } catch (e) { console.log(e.message); }
try { +Symbol('n'); } catch (e) { console.log(e.message); }
try { new URLSearchParams({ [Symbol('k')]: 1 }); } catch (e) { console.log('record', e.name, e.message); }

for (const kind of ['keys', 'values', 'entries']) {
  const it = sp[kind]();
  console.log(util.inspect(it));
  it.next();
  console.log(util.inspect(it), util.inspect(it, { breakLength: 1 }));
  try { it.next.call(undefined); } catch (e) { console.log(e.code, e.message); }
  try { it.next.call({}); } catch (e) { console.log(e.code, e.message); }
}
const done = sp.keys();
done.next(); done.next(); done.next();
console.log(JSON.stringify(util.inspect(done)));
try { sp[util.inspect.custom].call(); } catch (e) { console.log(e.code); }
console.log(URLSearchParams.prototype[util.inspect.custom].name, URL.prototype[util.inspect.custom].name);
console.log(Object.getPrototypeOf(sp.keys())[util.inspect.custom].name);
for (const name of ['canParse', 'createObjectURL', 'revokeObjectURL']) {
  console.log(name, JSON.stringify(Object.getOwnPropertyDescriptor(URL, name), (k, v) => (typeof v === 'function' ? v.name : v)));
}
