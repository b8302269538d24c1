// What fs callbacks are called with: (err) alone for operations with no result, (err, value)
// otherwise, as Node's FSReqCallback (mkdir's recursive form: the first directory it made, if
// any); cp, written in JS in Node, gives (null, undefined).
const fs = require('fs');
const dir = require('os').tmpdir() + '/cbargs-' + process.pid;
fs.mkdirSync(dir, { recursive: true });
const f = dir + '/f';
fs.writeFileSync(f, 'x');
const calls = [
  ['writeFile', [f, 'y']], ['appendFile', [f, 'z']], ['chmod', [f, 0o644]], ['utimes', [f, 1, 1]], ['access', [f]],
  ['copyFile', [f, f + '2']], ['rename', [f + '2', f + '3']], ['unlink', [f + '3']], ['truncate', [f, 1]],
  ['mkdir', [dir + '/d']], ['rmdir', [dir + '/d']], ['symlink', [f, dir + '/l']], ['lchown', [dir + '/l', 0, 0]], ['chown', [f, 0, 0]],
  ['rm', [dir + '/l2', { force: true }]], ['mkdtemp', [dir + '/t-']], ['mkdir', [dir + '/r/s', { recursive: true }]], ['cp', [f, dir + '/c']],
  ['exists', [f]], ['lutimes', [dir + '/l', 1, 1]], ['readdir', [dir + '/r']], ['mkdir', [dir + '/r', { recursive: true }]], ['open', [f, 'r']],
];
let i = 0;
const next = () => {
  if (i === calls.length) return;
  const [name, args] = calls[i++];
  fs[name](...args, (...r) => {
    console.log(name, r.length, r.map((x) => (x === null ? 'null' : typeof x)).join(','), typeof r[1] === 'string' ? r[1].replace(dir, '<dir>').replace(/t-.*/, 't-X') : '');
    if (name === 'open') fs.close(r[1], (...c) => { console.log('close', c.length); fs.fsync; next(); });
    else next();
  });
};
next();
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
