'use strict';
// path.win32 as an object: the cross references between the flavours, node:path/win32, the
// constants and the set of functions.
require('../common');
const path = require('path');
const win32 = require('path/win32');
const { win32: named, posix } = require('path');

console.log(win32 === path.win32, named === path.win32, path.win32.posix === path.posix,
  path.posix.win32 === path.win32, path.win32.win32 === path.win32, posix.posix === posix,
  path.posix === path);
console.log(JSON.stringify(path.win32.sep), JSON.stringify(path.win32.delimiter));
console.log(Object.keys(path.win32).join(','));
console.log(Object.keys(path.posix).join(','));
for (const [k, v] of Object.entries(path.win32)) {
  if (typeof v === 'function') console.log(k, v.length);
}
console.log(path.win32._makeLong === path.win32.toNamespacedPath, typeof path.win32.matchesGlob);
console.log(path.win32.format === path.posix.format);

import('node:path/win32').then((m) => {
  console.log(m.default === path.win32, m.default.sep);
  return import('node:path');
}).then((m) => {
  console.log(m.win32 === path.win32, m.posix === path.posix, m.default.win32 === path.win32);
});
