// rename()'s errors in Linux's order: the source's lookup, then the target's (a name longer
// than NAME_MAX is ENAMETOOLONG there), before a trailing slash on a non-directory (ENOTDIR).
const fs = require('fs');
const d = `${require('os').tmpdir()}/rename-order-${process.pid}`;
fs.mkdirSync(`${d}/b`, { recursive: true });
process.chdir(d);
fs.writeFileSync('c', '');
const long = 'n'.repeat(300);
for (const [a, b] of [['c/', `b/${long}`], ['c', `b/${long}`], [long, 'b/x'], ['missing/', `b/${long}`], ['c/', 'b/x'], [`missing/${long}`, 'b/x']]) {
  try {
    fs.renameSync(a, b);
    console.log('ok');
  } catch (e) {
    console.log(e.code, e.syscall, e.path === a, e.dest === b);
  }
}
process.chdir('/');
fs.rmSync(d, { recursive: true });
