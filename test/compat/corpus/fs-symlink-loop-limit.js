// Linux follows at most 40 symbolic links in one path resolution (MAXSYMLINKS): a chain of
// 41 is ELOOP whichever call resolves it (stat, open, read, write), as is a directory link
// that names itself 41 times.
const fs = require('fs');
const d = `${require('os').tmpdir()}/link-limit-${process.pid}`;
fs.mkdirSync(d);
process.chdir(d);
fs.writeFileSync('f0', 'x');
for (let i = 1; i <= 45; i++) fs.symlinkSync(`f${i - 1}`, `f${i}`);
const calls = {
  stat: (p) => fs.statSync(p),
  open: (p) => fs.closeSync(fs.openSync(p, 'r')),
  read: (p) => fs.readFileSync(p, 'utf8'),
  append: (p) => fs.appendFileSync(p, 'y'),
  write: (p) => fs.writeFileSync(p, 'x'),
};
for (const i of [39, 40, 41, 45]) {
  const results = Object.entries(calls).map(([name, call]) => {
    try {
      call(`f${i}`);
      return `${name} ok`;
    } catch (e) {
      return `${name} ${e.code}`;
    }
  });
  console.log(i, results.join(', '));
}
fs.mkdirSync('a');
fs.symlinkSync('.', 'a/s');
let p = 'a';
for (let n = 1; n <= 45; n++) {
  p += '/s';
  try {
    fs.statSync(p);
  } catch (e) {
    console.log('directory link repeated', n, 'times:', e.code);
    break;
  }
}
process.chdir('/');
fs.rmSync(d, { recursive: true });
