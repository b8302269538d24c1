// Sequences that mix APIs: what one call does must be visible to the next.

scenario('sync, callback and promise views agree', async (dir) => {
  fs.writeFileSync(dir + '/f', 'one');
  const cbRead = await new Promise((resolve) => fs.readFile(dir + '/f', 'utf8', (e, d) => resolve(d)));
  const pRead = await fs.promises.readFile(dir + '/f', 'utf8');
  rec('same data', () => [cbRead, pRead, fs.readFileSync(dir + '/f', 'utf8')]);
  await fs.promises.appendFile(dir + '/f', ' two');
  await new Promise((resolve) => fs.appendFile(dir + '/f', ' three', resolve));
  rec('appends from both', () => fs.readFileSync(dir + '/f', 'utf8'));
  const st = await fs.promises.stat(dir + '/f');
  rec('sizes agree', () => [st.size, fs.statSync(dir + '/f').size]);
});

scenario('writes through an fd are visible to path reads immediately', (dir) => {
  const fd = fs.openSync(dir + '/f', 'w');
  fs.writeSync(fd, 'partial');
  rec('read while open', () => fs.readFileSync(dir + '/f', 'utf8'));
  rec('stat while open', () => fs.statSync(dir + '/f').size);
  fs.writeSync(fd, ' more');
  rec('read again', () => fs.readFileSync(dir + '/f', 'utf8'));
  fs.closeSync(fd);
});

scenario('truncate while another fd is open', (dir) => {
  fs.writeFileSync(dir + '/f', '0123456789');
  const fd = fs.openSync(dir + '/f', 'r');
  fs.readSync(fd, Buffer.alloc(8), 0, 8, null);
  fs.truncateSync(dir + '/f', 3);
  rec('read at old position', () => fs.readSync(fd, Buffer.alloc(4), 0, 4, null));
  rec('pread from 0', () => { const b = Buffer.alloc(4); const n = fs.readSync(fd, b, 0, 4, 0); return [n, b.toString('hex')]; });
  fs.closeSync(fd);
});

scenario('unlinked file stays usable through its fd', (dir) => {
  fs.writeFileSync(dir + '/f', 'ghost');
  const fd = fs.openSync(dir + '/f', 'r+');
  fs.unlinkSync(dir + '/f');
  rec('write', () => fs.writeSync(fd, 'GH', 0));
  rec('read', () => { const b = Buffer.alloc(5); fs.readSync(fd, b, 0, 5, 0); return b.toString(); });
  rec('fstat nlink', () => fs.fstatSync(fd).nlink);
  rec('path is free for a new file', () => { fs.writeFileSync(dir + '/f', 'new'); return fs.readFileSync(dir + '/f', 'utf8'); });
  fs.closeSync(fd);
  rec('new file unaffected', () => fs.readFileSync(dir + '/f', 'utf8'));
});

scenario('hard links share content and mode', (dir) => {
  fs.writeFileSync(dir + '/a', 'shared');
  fs.linkSync(dir + '/a', dir + '/b');
  fs.chmodSync(dir + '/a', 0o600);
  rec('mode via b', () => fs.statSync(dir + '/b'), { mode: true });
  fs.writeFileSync(dir + '/b', 'rewritten');
  rec('content via a', () => fs.readFileSync(dir + '/a', 'utf8'));
  fs.renameSync(dir + '/a', dir + '/c');
  rec('nlink after rename', () => fs.statSync(dir + '/c').nlink);
  fs.unlinkSync(dir + '/b');
  rec('nlink after unlink', () => fs.statSync(dir + '/c').nlink);
});

scenario('rename replaces the target while its fd stays open', (dir) => {
  fs.writeFileSync(dir + '/old', 'old content');
  fs.writeFileSync(dir + '/new', 'new content');
  const fd = fs.openSync(dir + '/old', 'r');
  fs.renameSync(dir + '/new', dir + '/old');
  rec('fd still sees the old file', () => fs.readFileSync(fd, 'utf8'));
  rec('path sees the new file', () => fs.readFileSync(dir + '/old', 'utf8'));
  fs.closeSync(fd);
});

scenario('append fds interleave', (dir) => {
  const a = fs.openSync(dir + '/log', 'a');
  const b = fs.openSync(dir + '/log', 'a');
  fs.writeSync(a, 'A1 ');
  fs.writeSync(b, 'B1 ');
  fs.writeSync(a, 'A2 ');
  fs.writeSync(b, 'B2');
  fs.closeSync(a);
  fs.closeSync(b);
  rec('log', () => fs.readFileSync(dir + '/log', 'utf8'));
});

scenario('non-append fds overwrite each other', (dir) => {
  fs.writeFileSync(dir + '/f', '');
  const a = fs.openSync(dir + '/f', 'r+');
  const b = fs.openSync(dir + '/f', 'r+');
  fs.writeSync(a, 'AAAA');
  fs.writeSync(b, 'BB');
  fs.closeSync(a);
  fs.closeSync(b);
  rec('content', () => fs.readFileSync(dir + '/f', 'utf8'));
});

scenario('directory listing follows creates and deletes', (dir) => {
  const seen = [];
  for (let i = 0; i < 5; i++) { fs.writeFileSync(dir + '/f' + i, ''); seen.push(fs.readdirSync(dir).length); }
  for (let i = 0; i < 5; i += 2) { fs.unlinkSync(dir + '/f' + i); seen.push(fs.readdirSync(dir).length); }
  rec('counts', () => seen);
  rec('names', () => fs.readdirSync(dir).sort());
});

scenario('copy is independent of its source', (dir) => {
  fs.writeFileSync(dir + '/a', 'original');
  fs.copyFileSync(dir + '/a', dir + '/b');
  fs.writeFileSync(dir + '/a', 'changed');
  rec('copy unchanged', () => fs.readFileSync(dir + '/b', 'utf8'));
  rec('not linked', () => [fs.statSync(dir + '/a').nlink, fs.statSync(dir + '/b').nlink]);
});

scenario('mkdtemp names never repeat', (dir) => {
  const names = new Set();
  for (let i = 0; i < 100; i++) names.add(fs.mkdtempSync(dir + '/x-'));
  rec('100 distinct', () => names.size);
  for (const n of names) fs.rmdirSync(n);
});
