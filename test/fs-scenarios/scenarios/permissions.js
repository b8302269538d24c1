// The permission model: the sandbox reports uid 0, so Linux's rules for root apply everywhere
// (memory, mounts, /opfs): mode bits never stop reading, writing or searching; X_OK needs an
// execute bit on a file but never on a directory; an fd's access mode, not the file's current
// mode, decides what the fd may do. Node runs these as root too (see runner.ts); that the
// sandbox reports uid 0 is test/security/permissions.test.ts's.

const c = fs.constants;

scenario('mode-0 file: read, write, truncate, access', (dir) => {
  const p = dir + '/f';
  fs.writeFileSync(p, 'secret');
  fs.chmodSync(p, 0);
  rec('mode', () => fs.statSync(p), { mode: true });
  rec('readFileSync', () => fs.readFileSync(p, 'utf8'));
  rec('open r', () => { const fd = fs.openSync(p, 'r'); fs.closeSync(fd); return 'opened'; });
  rec('open r+', () => { const fd = fs.openSync(p, 'r+'); fs.closeSync(fd); return 'opened'; });
  rec('appendFileSync', () => fs.appendFileSync(p, '!'));
  rec('read back', () => fs.readFileSync(p, 'utf8'));
  rec('truncateSync', () => fs.truncateSync(p, 3));
  rec('writeFileSync', () => fs.writeFileSync(p, 'new'));
  rec('open w truncates', () => { fs.closeSync(fs.openSync(p, 'w')); return fs.statSync(p).size; });
  rec('access F_OK', () => fs.accessSync(p, c.F_OK));
  rec('access R_OK|W_OK', () => fs.accessSync(p, c.R_OK | c.W_OK));
  rec('access X_OK', () => fs.accessSync(p, c.X_OK));
  rec('copyFileSync from it', () => { fs.copyFileSync(p, dir + '/copy'); return fs.statSync(dir + '/copy'); }, { mode: true });
  rec('utimesSync', () => fs.utimesSync(p, 10, 20));
  rec('mode unchanged', () => fs.statSync(p), { mode: true });
  rec('unlinkSync', () => fs.unlinkSync(p));
});

scenario('read-only file: writes and truncation', async (dir) => {
  const p = dir + '/ro';
  fs.writeFileSync(p, 'abcdef', { mode: 0o444 });
  rec('mode', () => fs.statSync(p), { mode: true });
  rec('writeFileSync over it', () => fs.writeFileSync(p, 'xyz'));
  rec('content', () => fs.readFileSync(p, 'utf8'));
  rec('access W_OK', () => fs.accessSync(p, c.W_OK));
  rec('renameSync over it', () => { fs.writeFileSync(dir + '/other', 'o'); fs.renameSync(dir + '/other', p); return fs.readFileSync(p, 'utf8'); });
  await recAsync('promises truncate', () => fs.promises.truncate(p, 0).then(() => fs.statSync(p).size));
});

scenario('an fd keeps its access mode across chmod', (dir) => {
  const p = dir + '/f';
  fs.writeFileSync(p, 'abcdef');
  const rw = fs.openSync(p, 'r+');
  const ro = fs.openSync(p, 'r');
  rec('chmod 444', () => fs.chmodSync(p, 0o444));
  rec('ftruncate writable fd', () => { fs.ftruncateSync(rw, 4); return fs.fstatSync(rw).size; });
  rec('write writable fd', () => fs.writeSync(rw, 'XY', 0));
  rec('ftruncate read-only fd', () => fs.ftruncateSync(ro, 1));
  rec('write read-only fd', () => fs.writeSync(ro, 'Z', 0));
  rec('chmod 0', () => fs.chmodSync(p, 0));
  rec('read writable fd', () => { const b = Buffer.alloc(8); return b.toString('utf8', 0, fs.readSync(rw, b, 0, 8, 0)); });
  rec('read read-only fd', () => { const b = Buffer.alloc(8); return b.toString('utf8', 0, fs.readSync(ro, b, 0, 8, 0)); });
  rec('fchmod 0 then write', () => { fs.fchmodSync(rw, 0); return fs.writeSync(rw, 'Q', 3); });
  rec('fdatasync', () => fs.fdatasyncSync(rw));
  fs.closeSync(rw);
  fs.closeSync(ro);
  rec('content', () => fs.readFileSync(p, 'utf8'));
});

scenario('creating with a restrictive mode still gives a usable fd', (dir) => {
  rec('open wx mode 0', () => { const fd = fs.openSync(dir + '/a', 'wx', 0); const n = fs.writeSync(fd, 'hello'); fs.closeSync(fd); return n; });
  rec('a mode', () => fs.statSync(dir + '/a'), { mode: true });
  rec('a content', () => fs.readFileSync(dir + '/a', 'utf8'));
  rec('writeFileSync mode 444', () => fs.writeFileSync(dir + '/b', 'bee', { mode: 0o444 }));
  rec('b', () => [fs.readFileSync(dir + '/b', 'utf8'), fs.statSync(dir + '/b').mode & 0o777]);
  rec('open w+ mode 0 then read back', () => {
    const fd = fs.openSync(dir + '/c', 'w+', 0);
    fs.writeSync(fd, 'sea');
    const b = Buffer.alloc(3);
    fs.readSync(fd, b, 0, 3, 0);
    fs.closeSync(fd);
    return b.toString();
  });
  rec('mkdirSync mode 0', () => { fs.mkdirSync(dir + '/d', 0); return fs.statSync(dir + '/d'); }, { mode: true });
});

scenario('directories without read, write or search bits', (dir) => {
  const d = dir + '/locked';
  fs.mkdirSync(d);
  fs.writeFileSync(d + '/inside', 'in');
  fs.mkdirSync(d + '/sub');
  fs.chmodSync(d, 0);
  rec('mode', () => fs.statSync(d), { mode: true });
  rec('readdirSync', () => fs.readdirSync(d).sort());
  rec('opendirSync', () => { const h = fs.opendirSync(d); const names = []; let e; while ((e = h.readSync())) names.push(e.name); h.closeSync(); return names.sort(); });
  rec('read a file inside', () => fs.readFileSync(d + '/inside', 'utf8'));
  rec('stat a file inside', () => fs.statSync(d + '/inside').size);
  rec('exists inside', () => fs.existsSync(d + '/inside'));
  rec('create a file inside', () => fs.writeFileSync(d + '/new', 'n'));
  rec('mkdir inside', () => fs.mkdirSync(d + '/made'));
  rec('mkdir -p below', () => fs.mkdirSync(d + '/deep/er/still', { recursive: true }));
  rec('symlink inside', () => { fs.symlinkSync('inside', d + '/link'); return fs.readlinkSync(d + '/link'); });
  rec('rename inside', () => fs.renameSync(d + '/new', d + '/renamed'));
  rec('rename out', () => fs.renameSync(d + '/renamed', dir + '/out'));
  rec('unlink inside', () => fs.unlinkSync(d + '/link'));
  rec('rmdir inside', () => fs.rmdirSync(d + '/made'));
  rec('access R_OK|W_OK|X_OK', () => fs.accessSync(d, c.R_OK | c.W_OK | c.X_OK));
  rec('realpath inside', () => fs.realpathSync(d + '/sub/..') === fs.realpathSync(d));
  rec('listing', () => fs.readdirSync(d).sort());
  rec('rmSync recursive', () => fs.rmSync(d, { recursive: true }));
  rec('gone', () => fs.existsSync(d));
});

scenario('read-only and search-only directories', (dir) => {
  for (const m of [0o444, 0o555, 0o111, 0o222]) {
    const d = dir + '/d' + m.toString(8);
    fs.mkdirSync(d);
    fs.chmodSync(d, m);
    rec(m.toString(8) + ' write inside', () => fs.writeFileSync(d + '/f', 'x'));
    rec(m.toString(8) + ' readdir', () => fs.readdirSync(d));
    rec(m.toString(8) + ' unlink inside', () => fs.unlinkSync(d + '/f'));
    rec(m.toString(8) + ' mkdtemp inside', () => fs.rmdirSync(fs.mkdtempSync(d + '/t-')));
    rec(m.toString(8) + ' rmdir it', () => fs.rmdirSync(d));
  }
});

scenario('execute bits and access(X_OK)', (dir) => {
  for (const m of [0o644, 0o744, 0o654, 0o645, 0o100, 0o001, 0]) {
    const p = dir + '/f' + m.toString(8);
    fs.writeFileSync(p, '#!/bin/sh\n', { mode: m });
    fs.chmodSync(p, m);
    rec(m.toString(8) + ' X_OK', () => fs.accessSync(p, c.X_OK));
    rec(m.toString(8) + ' R_OK|W_OK|X_OK', () => fs.accessSync(p, c.R_OK | c.W_OK | c.X_OK));
  }
  fs.mkdirSync(dir + '/d', 0);
  rec('dir mode 0 X_OK', () => fs.accessSync(dir + '/d', c.X_OK));
});

scenario('promises and callbacks follow the same rules', async (dir) => {
  const p = dir + '/f';
  fs.writeFileSync(p, 'x');
  fs.chmodSync(p, 0);
  await recAsync('promises readFile', () => fs.promises.readFile(p, 'utf8'));
  await recAsync('promises writeFile', () => fs.promises.writeFile(p, 'y'));
  await recAsync('promises access X_OK', () => fs.promises.access(p, c.X_OK));
  await recAsync('promises open r+ and truncate', async () => {
    const h = await fs.promises.open(p, 'r+');
    await h.chmod(0);
    await h.truncate(0);
    await h.write('z');
    await h.close();
    return fs.readFileSync(p, 'utf8');
  });
  fs.mkdirSync(dir + '/d');
  fs.chmodSync(dir + '/d', 0);
  await recCallback('readdir cb', (cb) => fs.readdir(dir + '/d', cb));
  await recCallback('writeFile cb inside', (cb) => fs.writeFile(dir + '/d/f', 'w', cb));
  await recCallback('readFile cb inside', (cb) => fs.readFile(dir + '/d/f', 'utf8', cb));
});
