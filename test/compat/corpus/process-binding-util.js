// process.binding('util'): Node's legacy wrapper of util.types' checks; an unknown name throws.
const util = require('util');
const b = process.binding('util');
console.log(Object.keys(b).sort().join(','));
console.log(Object.keys(b).every((k) => b[k] === util.types[k]));
console.log(b.isDate(new Date()), b.isPromise({}), b.isAnyArrayBuffer(new ArrayBuffer(1)));
try {
  process.binding('no_such_binding');
} catch (e) {
  console.log(e.constructor.name, e.message);
}
