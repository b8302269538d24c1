'use strict';
// Drive-relative paths in path.win32.resolve: Windows' per-drive working directory lives in
// the hidden "=X:" environment variables. Outside Windows no such variable can be set (setenv
// refuses a name with "="), so the process cwd (a POSIX one) always stands in.
require('../common');
const path = require('path');
const w = path.win32;
const cwd = w.resolve('.');
const show = (v) => String(JSON.stringify(v)).split(JSON.stringify(cwd).slice(1, -1)).join('<cwd>');

const inputs = ['C:', 'c:', 'C:foo', 'c:..\\..\\bar', 'D:x', 'C:.', 'C:\\abs', '\\rooted', 'rel'];
const cwds = [undefined, 'C:\\Users\\me', 'c:\\lower\\case', 'D:\\other', 'C:', 'relative\\dir',
  '\\\\srv\\share\\dir', 'C:/forward/slashes', ''];
for (const value of cwds) {
  if (value === undefined) delete process.env['=C:'];
  else process.env['=C:'] = value;
  console.log(show(value), show(inputs.map((p) => w.resolve(p))), show(inputs.map((p) => w.toNamespacedPath(p))));
}
delete process.env['=C:'];

for (const name of ['=C:', 'a=b', '', '=', 'plain']) {
  process.env[name] = 'v';
  console.log(JSON.stringify(name), process.env[name], name in process.env, Object.keys(process.env).includes(name));
  delete process.env[name];
}
try {
  process.env['=D:'] = Symbol('s');
} catch (e) {
  console.log(e.name, e.message);
}

// A replaced process.cwd() is what resolve() sees, in both flavours.
const realCwd = process.cwd;
process.cwd = () => 'E:\\from\\patch';
console.log(w.resolve('x'), w.resolve('C:y'), w.resolve('e:z'), path.posix.resolve('/a', 'b'));
process.cwd = () => '/posix/patch';
console.log(w.resolve('x'), w.resolve('C:y'), path.posix.resolve('x'));
process.cwd = () => '';
console.log(w.resolve(), w.resolve('x'), path.posix.resolve(), path.posix.resolve('x'));
process.cwd = realCwd;
