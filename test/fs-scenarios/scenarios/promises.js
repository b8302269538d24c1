// fs.promises: path functions and FileHandle.

const P = () => fs.promises;

scenario('promises readFile / writeFile / appendFile', async (dir) => {
  const p = dir + '/f';
  await recAsync('writeFile', () => P().writeFile(p, 'héllo'));
  await recAsync('readFile', () => P().readFile(p));
  await recAsync('readFile utf8', () => P().readFile(p, 'utf8'));
  await recAsync('readFile options', () => P().readFile(p, { encoding: 'base64' }));
  await recAsync('appendFile', () => P().appendFile(p, '!'));
  await recAsync('writeFile encoding', () => P().writeFile(dir + '/g', '616263', 'hex'));
  await recAsync('readFile g', () => P().readFile(dir + '/g', 'latin1'));
  await recAsync('writeFile Uint8Array', () => P().writeFile(dir + '/u', new Uint8Array([7, 8])));
  await recAsync('writeFile flag a', () => P().writeFile(p, '+', { flag: 'a' }));
  await recAsync('writeFile wx existing', () => P().writeFile(p, 'x', { flag: 'wx' }));
  await recAsync('readFile missing', () => P().readFile(dir + '/missing'));
  await recAsync('readFile directory', () => P().readFile(dir));
  await recAsync('writeFile into missing dir', () => P().writeFile(dir + '/no/f', 'x'));
  await recAsync('writeFile bad data', () => P().writeFile(p, 42));
  await recAsync('readFile bad path', () => P().readFile(42));
  await recAsync('readFile bad encoding', () => P().readFile(p, 'nope'));
  await recAsync('readFile null byte', () => P().readFile(p + '\u0000'));
  await recAsync('final content', () => P().readFile(p, 'utf8'));
});

scenario('promises writeFile with iterables', async (dir) => {
  await recAsync('array of strings', () => P().writeFile(dir + '/a', ['one', 'two']));
  await recAsync('read a', () => P().readFile(dir + '/a', 'utf8'));
  async function* gen() { yield 'x'; yield Buffer.from('y'); }
  await recAsync('async generator', () => P().writeFile(dir + '/b', gen()));
  await recAsync('read b', () => P().readFile(dir + '/b', 'utf8'));
  await recAsync('array of numbers', () => P().writeFile(dir + '/c', [1, 2]));
});

scenario('promises stat / lstat / access / exists-like checks', async (dir) => {
  fs.writeFileSync(dir + '/f', 'abc');
  fs.symlinkSync('f', dir + '/l');
  await recAsync('stat', () => P().stat(dir + '/f'));
  await recAsync('stat bigint', () => P().stat(dir + '/f', { bigint: true }));
  await recAsync('lstat', () => P().lstat(dir + '/l'));
  await recAsync('stat missing', () => P().stat(dir + '/missing'));
  await recAsync('stat bad path', () => P().stat({}));
  await recAsync('access', () => P().access(dir + '/f', fs.constants.W_OK));
});

scenario('promises mkdir / mkdtemp / rm / rmdir / unlink / rename', async (dir) => {
  await recAsync('mkdir', () => P().mkdir(dir + '/a'));
  await recAsync('mkdir existing', () => P().mkdir(dir + '/a'));
  await recAsync('mkdir recursive', () => P().mkdir(dir + '/b/c/d', { recursive: true }));
  await recAsync('mkdir recursive existing', () => P().mkdir(dir + '/b/c', { recursive: true }));
  await recAsync('mkdir bad mode', () => P().mkdir(dir + '/m', { mode: 'zz' }));
  await recAsync('mkdtemp', async () => { const t = await P().mkdtemp(dir + '/t-'); const ok = t.length === (dir + '/t-').length + 6; fs.rmdirSync(t); return ok; });
  await recAsync('mkdtemp missing parent', async () => { try { await P().mkdtemp(dir + '/no/t-'); } catch (e) { return [e.code, e.syscall]; } });
  await recAsync('rmdir', () => P().rmdir(dir + '/a'));
  await recAsync('rmdir not empty', () => P().rmdir(dir + '/b'));
  await recAsync('rm recursive', () => P().rm(dir + '/b', { recursive: true }));
  await recAsync('rm missing', () => P().rm(dir + '/b'));
  await recAsync('rm missing force', () => P().rm(dir + '/b', { force: true }));
  fs.writeFileSync(dir + '/f', 'f');
  await recAsync('rename', () => P().rename(dir + '/f', dir + '/g'));
  await recAsync('unlink', () => P().unlink(dir + '/g'));
  await recAsync('unlink missing', () => P().unlink(dir + '/g'));
  await recAsync('truncate', async () => { fs.writeFileSync(dir + '/t', 'abcdef'); await P().truncate(dir + '/t', 2); return fs.readFileSync(dir + '/t', 'utf8'); });
  await recAsync('truncate missing', () => P().truncate(dir + '/missing'));
});

scenario('promises readdir / opendir / realpath', async (dir) => {
  fs.mkdirSync(dir + '/d/e', { recursive: true });
  fs.writeFileSync(dir + '/d/f', '');
  await recAsync('readdir', async () => (await P().readdir(dir + '/d')).sort());
  await recAsync('readdir withFileTypes', async () => (await P().readdir(dir + '/d', { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1)));
  await recAsync('readdir recursive', async () => (await P().readdir(dir, { recursive: true })).sort());
  await recAsync('readdir buffer', async () => (await P().readdir(dir + '/d', 'buffer')).map((b) => b.toString()).sort());
  await recAsync('readdir missing', () => P().readdir(dir + '/missing'));
  await recAsync('readdir file', () => P().readdir(dir + '/d/f'));
  await recAsync('realpath', () => P().realpath(dir + '/d/e/..'));
});

scenario('FileHandle read / write / stat / truncate / close', async (dir) => {
  const p = dir + '/f';
  const fh = await recAsync('open w+', () => P().open(p, 'w+'));
  if (!fh) return;
  rec('fd is a number', () => typeof fh.fd);
  await recAsync('write buffer', () => fh.write(Buffer.from('hello world')));
  await recAsync('write string', () => fh.write('!', null, 'utf8'));
  await recAsync('write at position', () => fh.write(Buffer.from('HE'), 0, 2, 0));
  await recAsync('write string at position', () => fh.write('W', 6));
  await recAsync('write options', () => fh.write(Buffer.from('xyz'), { offset: 1, length: 1, position: 11 }));
  await recAsync('stat', () => fh.stat());
  await recAsync('stat bigint', () => fh.stat({ bigint: true }));
  await recAsync('read into buffer', () => fh.read(Buffer.alloc(5), 0, 5, 0));
  await recAsync('read options object', () => fh.read({ buffer: Buffer.alloc(3), position: 6 }));
  await recAsync('read buffer + options', () => fh.read(Buffer.alloc(4), { position: 2, length: 2 }));
  await recAsync('read no args', async () => { const r = await fh.read(); return [r.bytesRead, r.buffer.length]; });
  await recAsync('read past EOF', () => fh.read(Buffer.alloc(2), 0, 2, 500));
  await recAsync('readFile from current position', () => fh.readFile('utf8'));
  await recAsync('writev', () => fh.writev([Buffer.from('a'), Buffer.from('b')], 0));
  await recAsync('readv', () => fh.readv([Buffer.alloc(3), Buffer.alloc(3)], 0));
  await recAsync('truncate', () => fh.truncate(5));
  await recAsync('truncate extend', () => fh.truncate(7));
  await recAsync('sync', () => fh.sync());
  await recAsync('datasync', () => fh.datasync());
  await recAsync('chmod', () => fh.chmod(0o640));
  await recAsync('utimes', () => fh.utimes(1000, 2000));
  await recAsync('stat after chmod/utimes', () => fh.stat(), { mode: true, times: true });
  await recAsync('close', () => fh.close());
  rec('fd after close', () => fh.fd);
  await recAsync('close again', () => fh.close());
  await recAsync('read after close', () => fh.read(Buffer.alloc(1), 0, 1, 0));
  await recAsync('write after close', () => fh.write('x'));
  await recAsync('stat after close', () => fh.stat());
  rec('content', () => fs.readFileSync(p));
});

scenario('FileHandle readFile / writeFile / appendFile', async (dir) => {
  const p = dir + '/f';
  const fh = await P().open(p, 'w+');
  await recAsync('writeFile', () => fh.writeFile('first'));
  await recAsync('appendFile', () => fh.appendFile(' second'));
  await recAsync('writeFile encoding', () => fh.writeFile('21', 'hex'));
  await recAsync('readFile at end', () => fh.readFile('utf8'));
  await recAsync('readFile from 0 via read', () => fh.read(Buffer.alloc(20), 0, 20, 0).then((r) => r.buffer.subarray(0, r.bytesRead).toString()));
  await recAsync('writeFile bad data', () => fh.writeFile(5));
  await fh.close();
  rec('content', () => fs.readFileSync(p, 'utf8'));
  await recAsync('promises.readFile with FileHandle', async () => { const h = await P().open(p, 'r'); try { return await P().readFile(h, 'utf8'); } finally { await h.close(); } });
  await recAsync('promises.writeFile with FileHandle', async () => { const h = await P().open(p, 'r+'); try { await P().writeFile(h, 'HANDLE'); } finally { await h.close(); } return fs.readFileSync(p, 'utf8'); });
});

scenario('FileHandle open modes and errors', async (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  await recAsync('open missing', () => P().open(dir + '/missing'));
  await recAsync('open wx existing', () => P().open(dir + '/f', 'wx'));
  await recAsync('open dir w', () => P().open(dir, 'w'));
  await recAsync('open bad flag', () => P().open(dir + '/f', 'zz'));
  await recAsync('open bad mode', () => P().open(dir + '/g', 'w', 'bad'));
  await recAsync('open bad path', () => P().open(null));
  await recAsync('open numeric flags', async () => { const h = await P().open(dir + '/n', fs.constants.O_CREAT | fs.constants.O_WRONLY, 0o600); await h.close(); return fs.statSync(dir + '/n'); }, { mode: true });
  const ro = await P().open(dir + '/f', 'r');
  await recAsync('write to read-only handle', () => ro.write('y'));
  await recAsync('truncate read-only handle', () => ro.truncate(0));
  await ro.close();
  const wo = await P().open(dir + '/f', 'a');
  await recAsync('read from append-only handle', () => wo.read(Buffer.alloc(1), 0, 1, 0));
  await recAsync('write to append handle', () => wo.write('z', 0));
  await wo.close();
  rec('content', () => fs.readFileSync(dir + '/f', 'utf8'));
  await recAsync('FileHandle bad read args', async () => { const h = await P().open(dir + '/f', 'r'); try { return await h.read(Buffer.alloc(2), 0, 5, 0); } finally { await h.close(); } });
  await recAsync('FileHandle bad write args', async () => { const h = await P().open(dir + '/f', 'r+'); try { return await h.write(Buffer.alloc(2), -1, 1); } finally { await h.close(); } });
});

scenario('fs.promises shape', () => {
  const names = ['access', 'appendFile', 'chmod', 'chown', 'copyFile', 'cp', 'lchown', 'link', 'lstat', 'lutimes', 'mkdir',
    'mkdtemp', 'open', 'opendir', 'readdir', 'readFile', 'readlink', 'realpath', 'rename', 'rm', 'rmdir', 'stat', 'statfs',
    'symlink', 'truncate', 'unlink', 'utimes', 'writeFile', 'constants'];
  rec('types', () => names.map((n) => n + ':' + typeof fs.promises[n]));
  rec('promises.constants is fs.constants', () => fs.promises.constants === fs.constants);
  rec('async functions return promises', () => { const p = fs.promises.stat('/'); const isP = p instanceof Promise; p.catch(() => {}); return isP; });
});

scenario('many concurrent promise operations', async (dir) => {
  const writes = [];
  for (let i = 0; i < 50; i++) writes.push(P().writeFile(dir + '/f' + i, 'content ' + i));
  await recAsync('all writes', async () => (await Promise.all(writes)).length);
  const reads = [];
  for (let i = 0; i < 50; i++) reads.push(P().readFile(dir + '/f' + i, 'utf8'));
  await recAsync('all reads', async () => (await Promise.all(reads)).every((s, i) => s === 'content ' + i));
  await recAsync('allSettled with failures', async () => (await Promise.allSettled([P().stat(dir + '/f1'), P().stat(dir + '/nope'), P().readFile(dir)])).map((r) => r.status + ':' + (r.reason ? r.reason.code : '')));
  for (let i = 0; i < 50; i++) fs.unlinkSync(dir + '/f' + i);
});
