'use strict';
// path.win32 over generated inputs: every root form (drive, drive-relative, UNC, device
// paths, reserved device names) crossed with tails of mixed separators, dots and names.
require('../common');
const path = require('path');
const w = path.win32;

// Resolved paths contain the working directory; it is the same in both worlds only up to its
// spelling, so it prints as <cwd>.
const cwd = w.resolve('.');
const show = (v) => JSON.stringify(v).split(JSON.stringify(cwd).slice(1, -1)).join('<cwd>');

const roots = [
  '', 'C:', 'c:', 'z:', 'C:\\', 'C:/', 'c:\\\\', '\\', '/', '\\\\', '//', '///',
  '\\\\server', '\\\\server\\', '\\\\server\\share', '//server/share/', '\\/server/\\share\\\\',
  '\\\\?\\', '\\\\?\\C:\\', '\\\\.\\', '\\\\.\\pipe\\', '\\\\?\\UNC\\srv\\sh\\', '//./CON',
  'CON:', 'aux:', 'LPT1:', 'NUL', 'con', '1:', ':',
];
const tails = [
  '', 'a', 'a\\b', 'a/b/', '.', '..', '..\\..', 'a\\..\\..\\b', './x/./y', 'x.txt', '.bashrc',
  'a.b.c\\', 'dir\\\\file.', '...', 'a:b', 'a:\\b', 'foo\\\\bar//', 'C:x', '..\\c:', 'file.tar.gz//',
];
const inputs = [];
for (const r of roots) for (const t of tails) inputs.push(r + t);

for (const p of inputs) {
  const parsed = w.parse(p);
  console.log(show(p), show([
    w.normalize(p), w.isAbsolute(p), w.dirname(p), w.basename(p), w.basename(p, '.txt'),
    w.basename(p, 'b'), w.extname(p), parsed, w.format(parsed), w.toNamespacedPath(p),
    w.resolve(p), w.resolve('C:\\base\\dir', p), w.resolve('\\\\h\\s\\x', p, '.'), w.join(p, 'x', '..\\y'),
    w.join('a', p), w.join(p, ''),
  ]));
}

// relative() over pairs from a smaller set, including case-only and Unicode case differences.
const ends = [
  'C:\\', 'C:\\foo', 'c:\\FOO\\bar', 'C:\\foo\\bar\\', 'C:\\foo\\barbaz', 'C:\\foo\\bar\\baz\\q',
  'D:\\foo', 'C:', 'd:', '\\\\srv\\share', '\\\\srv\\share\\a\\b', '\\\\SRV\\Share\\a', '\\\\srv\\other\\a',
  '\\\\?\\C:\\foo', '\\', '\\ab', '\\abc\\d', 'rel\\x', '', '.', '..', 'C:\\İ\\a', 'c:\\i̇\\b', 'C:\\Straße\\x',
];
for (const from of ends) {
  console.log(show(from), show(ends.map((to) => w.relative(from, to))));
}

// Longer resolve() and join() chains.
const chains = [
  ['C:\\a', 'D:b', 'c:c'], ['c:/ignore', 'd:\\a/b\\c/d', '\\e.exe'], ['C:\\x', 'c:'], ['d:', 'C:rel'],
  ['\\\\srv\\share', '..', 'x'], ['\\\\srv\\share', '\\\\other\\s2', 'y'], ['C:', '..', '..', 'z'],
  ['//server/share', '..', 'relative\\'], ['c:/', '//'], ['c:/', '//dir'], ['c:/', '//server/share'],
  ['c:/', '//server//share'], ['c:/', '///some//dir'], ['C:\\foo\\tmp.3\\', '..\\tmp.3\\cycles\\root.js'],
  ['\\\\.\\PHYSICALDRIVE0'], ['\\\\?\\PHYSICALDRIVE0'], ['\\\\?\\C:\\', '..', '..'], ['.'], [], [''],
];
for (const c of chains) console.log(show(c), show([w.resolve(...c), w.join(...c)]));
console.log(show([w.join(), w.join(''), w.join('', ''), w.join('//', 'x'), w.join('//server', 'share')]));
