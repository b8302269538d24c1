// Every fd-taking function with closed, never-opened and wrongly typed fds.
// Only fds that cannot belong to the host process are used: 9999, 2**31 - 1, negative,
// fractional, non-numbers — and an fd this scenario opened and closed itself. Never -0, false
// or other values Node might coerce to 0, 1 or 2: real Node would act on the test process.

const BAD_FDS = [
  ['never opened 9999', () => 9999],
  ['2**31 - 1', () => 2 ** 31 - 1],
  ['2**31', () => 2 ** 31],
  ['-1', () => -1],
  ['1.5', () => 1.5],
  ['NaN', () => NaN],
  ['Infinity', () => Infinity],
  ['string', () => '3'],
  ['null', () => null],
  ['undefined', () => undefined],
  ['object', () => ({ fd: 3 })],
  ['boolean', () => false],
  ['bigint', () => 3n],
];
// Node 20.20 aborts the whole process on a Symbol fd in closeSync, fstatSync, fsyncSync,
// fdatasyncSync, ftruncateSync, fchmodSync, fchownSync and futimesSync (its C++ validation
// cannot describe a Symbol), so Symbols are only passed to the functions that survive it.
const SYMBOL_SAFE = ['readSync', 'writeSync buffer', 'writeSync string', 'readvSync', 'writevSync'];

const FD_FUNCS = [
  ['closeSync', (fd) => fs.closeSync(fd)],
  ['fstatSync', (fd) => fs.fstatSync(fd)],
  ['readSync', (fd) => fs.readSync(fd, Buffer.alloc(4), 0, 4, 0)],
  ['writeSync buffer', (fd) => fs.writeSync(fd, Buffer.from('x'))],
  ['writeSync string', (fd) => fs.writeSync(fd, 'x')],
  ['readvSync', (fd) => fs.readvSync(fd, [Buffer.alloc(2)])],
  ['writevSync', (fd) => fs.writevSync(fd, [Buffer.from('x')])],
  ['fsyncSync', (fd) => fs.fsyncSync(fd)],
  ['fdatasyncSync', (fd) => fs.fdatasyncSync(fd)],
  ['ftruncateSync', (fd) => fs.ftruncateSync(fd, 0)],
  ['fchmodSync', (fd) => fs.fchmodSync(fd, 0o644)],
  ['fchownSync', (fd) => fs.fchownSync(fd, 0, 0)],
  ['futimesSync', (fd) => fs.futimesSync(fd, 1, 1)],
];

for (const [name, call] of FD_FUNCS) {
  scenario(name + ' with bad fds', (dir) => {
    for (const [label, make] of BAD_FDS) rec(label, () => call(make()));
    if (SYMBOL_SAFE.indexOf(name) >= 0) rec('symbol', () => call(Symbol('fd')));
    const fd = fs.openSync(dir + '/f', 'w+');
    fs.closeSync(fd);
    rec('closed fd', () => call(fd));
  });
}

scenario('fd-accepting path functions with closed and never-opened fds', (dir) => {
  const fd = fs.openSync(dir + '/f', 'w+');
  fs.closeSync(fd);
  rec('readFileSync closed', () => fs.readFileSync(fd));
  rec('writeFileSync closed', () => fs.writeFileSync(fd, 'x'));
  rec('appendFileSync closed', () => fs.appendFileSync(fd, 'x'));
  rec('readFileSync 9999', () => fs.readFileSync(9999, 'utf8'));
  rec('writeFileSync 9999', () => fs.writeFileSync(9999, Buffer.from('x')));
  rec('appendFileSync 9999', () => fs.appendFileSync(9999, 'x'));
  rec('readFileSync 2**31 - 1', () => fs.readFileSync(2 ** 31 - 1));
  rec('writeFileSync 2**31 - 1', () => fs.writeFileSync(2 ** 31 - 1, 'x'));
  rec('file untouched', () => fs.readFileSync(dir + '/f', 'utf8'));
});

scenario('operations on an fd after close do not touch the file', (dir) => {
  const p = dir + '/f';
  fs.writeFileSync(p, 'original');
  const fd = fs.openSync(p, 'r+');
  fs.closeSync(fd);
  rec('write', () => fs.writeSync(fd, 'XXXX', 0));
  rec('ftruncate', () => fs.ftruncateSync(fd, 0));
  rec('read', () => fs.readSync(fd, Buffer.alloc(4)));
  rec('content', () => fs.readFileSync(p, 'utf8'));
});

scenario('double close, close of a reused number', (dir) => {
  const a = fs.openSync(dir + '/a', 'w');
  fs.closeSync(a);
  rec('double close', () => fs.closeSync(a));
  const b = fs.openSync(dir + '/b', 'w');
  rec('fd numbers are reused', () => a === b);
  fs.writeSync(b, 'b content');
  fs.closeSync(b);
  rec('b content', () => fs.readFileSync(dir + '/b', 'utf8'));
  rec('a content', () => fs.readFileSync(dir + '/a', 'utf8'));
});

scenario('many open fds', (dir) => {
  const fds = [];
  for (let i = 0; i < 200; i++) fds.push(fs.openSync(dir + '/f' + (i % 10), 'a'));
  rec('all distinct', () => new Set(fds).size);
  fds.forEach((fd, i) => fs.writeSync(fd, String(i % 10)));
  for (const fd of fds) fs.closeSync(fd);
  rec('contents', () => { const out = []; for (let i = 0; i < 10; i++) out.push(fs.readFileSync(dir + '/f' + i, 'utf8')); return out; });
});

scenario('promises FileHandle with a closed handle and fd-less calls', async (dir) => {
  const fh = await fs.promises.open(dir + '/f', 'w+');
  await fh.close();
  await recAsync('truncate closed handle', () => fh.truncate(0));
  await recAsync('sync closed handle', () => fh.sync());
  await recAsync('readFile closed handle', () => fh.readFile());
  await recAsync('writeFile closed handle', () => fh.writeFile('x'));
  await recAsync('chmod closed handle', () => fh.chmod(0o600));
  await recAsync('utimes closed handle', () => fh.utimes(1, 1));
  await recAsync('promises.readFile closed handle', () => fs.promises.readFile(fh));
});
