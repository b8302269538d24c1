'use strict';
// path.win32's argument checks: the same codes and messages as Node, including which
// argument is named (paths[i] for resolve, from/to, suffix before path in basename).
require('../common');
const path = require('path');
const w = path.win32;

const bad = [null, undefined, 1, true, {}, [], () => {}, Symbol('s'), 1n];
const calls = {
  resolve: (v) => w.resolve('a', v),
  resolveFirst: (v) => w.resolve(v, 'C:\\a'),
  normalize: (v) => w.normalize(v),
  isAbsolute: (v) => w.isAbsolute(v),
  join: (v) => w.join('a', v),
  relativeFrom: (v) => w.relative(v, 'a'),
  relativeTo: (v) => w.relative('a', v),
  dirname: (v) => w.dirname(v),
  basename: (v) => w.basename(v),
  basenameSuffix: (v) => w.basename('a', v),
  basenameBoth: (v) => w.basename(v, v),
  extname: (v) => w.extname(v),
  parse: (v) => w.parse(v),
  format: (v) => w.format(v),
  toNamespacedPath: (v) => String(w.toNamespacedPath(v)),
};
for (const [name, call] of Object.entries(calls)) {
  for (const v of bad) {
    let out;
    try {
      out = `ok ${typeof call(v)}`;
    } catch (e) {
      out = `${e.name} ${e.code} ${e.message} ${e instanceof TypeError}`;
    }
    console.log(name, typeof v, out);
  }
}
// A basename suffix of undefined is no suffix at all.
console.log(w.basename('a.txt', undefined), w.format({ root: 'C:\\', name: 'n', ext: 'e' }));
