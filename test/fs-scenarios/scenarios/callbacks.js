// The callback API: results, errors, argument validation (thrown synchronously), and the
// guarantee that callbacks run asynchronously and exactly once.

const FD = { fd: true };

scenario('readFile / writeFile / appendFile callbacks', async (dir) => {
  const p = dir + '/f';
  await recCallback('writeFile', (cb) => fs.writeFile(p, 'hello', cb));
  await recCallback('writeFile options', (cb) => fs.writeFile(p, '68656c6c6f21', { encoding: 'hex' }, cb));
  await recCallback('writeFile encoding string', (cb) => fs.writeFile(dir + '/g', 'aGk=', 'base64', cb));
  await recCallback('appendFile', (cb) => fs.appendFile(p, ' world', cb));
  await recCallback('appendFile options', (cb) => fs.appendFile(p, '!', { flag: 'a' }, cb));
  await recCallback('readFile', (cb) => fs.readFile(p, cb));
  await recCallback('readFile utf8', (cb) => fs.readFile(p, 'utf8', cb));
  await recCallback('readFile options', (cb) => fs.readFile(dir + '/g', { encoding: 'latin1' }, cb));
  await recCallback('readFile missing', (cb) => fs.readFile(dir + '/missing', cb));
  await recCallback('readFile directory', (cb) => fs.readFile(dir, cb));
  await recCallback('readFile flag w', (cb) => fs.readFile(p, { flag: 'w' }, cb));
  await recCallback('writeFile into missing dir', (cb) => fs.writeFile(dir + '/no/f', 'x', cb));
  await recCallback('writeFile onto dir', (cb) => fs.writeFile(dir, 'x', cb));
  await recCallback('writeFile wx existing', (cb) => fs.writeFile(p, 'x', { flag: 'wx' }, cb));
  await recCallback('writeFile Uint8Array', (cb) => fs.writeFile(dir + '/u', new Uint8Array([1, 2, 3]), cb));
  await recCallback('readFile after all', (cb) => fs.readFile(p, 'utf8', cb));
});

scenario('readFile / writeFile callback validation', async (dir) => {
  const p = dir + '/f';
  fs.writeFileSync(p, 'x');
  rec('readFile no callback', () => fs.readFile(p));
  rec('readFile callback not function', () => fs.readFile(p, 'utf8', 'cb'));
  rec('readFile bad path', () => fs.readFile(42.5, () => {}));
  rec('readFile bad encoding', () => fs.readFile(p, 'nope', () => {}));
  rec('readFile bad flag', () => fs.readFile(p, { flag: 'z' }, () => {}));
  rec('readFile null byte', () => fs.readFile(p + '\u0000', () => {}));
  rec('writeFile no callback', () => fs.writeFile(p, 'x'));
  rec('writeFile bad data', () => fs.writeFile(p, 42, () => {}));
  rec('writeFile bad path', () => fs.writeFile(null, 'x', () => {}));
  rec('appendFile no callback', () => fs.appendFile(p, 'x'));
  rec('appendFile bad data', () => fs.appendFile(p, {}, () => {}));
  await recCallback('writeFile fd 9999', (cb) => fs.writeFile(9999, 'x', cb));
  rec('content unchanged', () => fs.readFileSync(p, 'utf8'));
});

scenario('readFile / writeFile callbacks with fds', async (dir) => {
  const p = dir + '/f';
  fs.writeFileSync(p, 'abcdef');
  const fd = fs.openSync(p, 'r+');
  fs.readSync(fd, Buffer.alloc(2), 0, 2, null);
  await recCallback('readFile fd reads from current position', (cb) => fs.readFile(fd, 'utf8', cb));
  await recCallback('writeFile fd', (cb) => fs.writeFile(fd, 'XY', cb));
  fs.closeSync(fd);
  rec('content', () => fs.readFileSync(p, 'utf8'));
});

scenario('stat / lstat / fstat callbacks', async (dir) => {
  fs.writeFileSync(dir + '/f', 'abc');
  fs.symlinkSync('f', dir + '/l');
  await recCallback('stat', (cb) => fs.stat(dir + '/f', cb));
  await recCallback('stat bigint', (cb) => fs.stat(dir + '/f', { bigint: true }, cb));
  await recCallback('stat missing', (cb) => fs.stat(dir + '/missing', cb));
  await recCallback('stat throwIfNoEntry false (ignored by callbacks)', (cb) => fs.stat(dir + '/missing', { throwIfNoEntry: false }, cb));
  await recCallback('lstat', (cb) => fs.lstat(dir + '/l', cb));
  await recCallback('lstat missing', (cb) => fs.lstat(dir + '/missing', cb));
  const fd = fs.openSync(dir + '/f', 'r');
  await recCallback('fstat', (cb) => fs.fstat(fd, cb));
  await recCallback('fstat bigint', (cb) => fs.fstat(fd, { bigint: true }, cb));
  fs.closeSync(fd);
  await recCallback('fstat 9999', (cb) => fs.fstat(9999, cb));
  rec('fstat bad fd', () => fs.fstat('x', () => {}));
  rec('stat no callback', () => fs.stat(dir + '/f'));
  rec('stat bad path', () => fs.stat(undefined, () => {}));
});

scenario('mkdir / mkdtemp / rmdir / rm / unlink callbacks', async (dir) => {
  await recCallback('mkdir', (cb) => fs.mkdir(dir + '/a', cb));
  await recCallback('mkdir existing', (cb) => fs.mkdir(dir + '/a', cb));
  await recCallback('mkdir recursive', (cb) => fs.mkdir(dir + '/b/c/d', { recursive: true }, cb));
  await recCallback('mkdir recursive existing', (cb) => fs.mkdir(dir + '/b/c/d', { recursive: true }, cb));
  await recCallback('mkdir mode', (cb) => fs.mkdir(dir + '/m', 0o700, cb));
  await recCallback('mkdir missing parent', (cb) => fs.mkdir(dir + '/x/y', cb));
  rec('mkdir bad recursive', () => fs.mkdir(dir + '/z', { recursive: 1 }, () => {}));
  await recCallback('mkdtemp', (cb) => fs.mkdtemp(dir + '/t-', (err, p) => cb(err, p && p.length - dir.length)));
  // The error message names the random path: record the code only.
  await recCallback('mkdtemp missing', (cb) => fs.mkdtemp(dir + '/nope/t-', (err) => cb(err && [err.code, err.syscall])));
  await recCallback('rmdir', (cb) => fs.rmdir(dir + '/a', cb));
  await recCallback('rmdir not empty', (cb) => fs.rmdir(dir + '/b', cb));
  await recCallback('rmdir missing', (cb) => fs.rmdir(dir + '/a', cb));
  await recCallback('rm recursive', (cb) => fs.rm(dir + '/b', { recursive: true }, cb));
  await recCallback('rm missing', (cb) => fs.rm(dir + '/b', cb));
  await recCallback('rm missing force', (cb) => fs.rm(dir + '/b', { force: true }, cb));
  await recCallback('rm dir without recursive', (cb) => fs.rm(dir + '/m', cb));
  fs.writeFileSync(dir + '/f', '');
  await recCallback('unlink', (cb) => fs.unlink(dir + '/f', cb));
  await recCallback('unlink missing', (cb) => fs.unlink(dir + '/f', cb));
  await recCallback('unlink dir', (cb) => fs.unlink(dir + '/m', cb));
  rec('unlink no callback', () => fs.unlink(dir + '/f'));
  rec('rm bad options', () => fs.rm(dir + '/f', { force: 'yes' }, () => {}));
  for (const n of fs.readdirSync(dir)) if (n.indexOf('t-') === 0) fs.rmdirSync(dir + '/' + n);
});

scenario('open / read / write / close callbacks', async (dir) => {
  const p = dir + '/f';
  const opened = await recCallback('open w+', (cb) => fs.open(p, 'w+', (err, fd) => cb(err, fd)), FD);
  const fd = opened && opened[1];
  await recCallback('write buffer', (cb) => fs.write(fd, Buffer.from('hello world'), cb));
  await recCallback('write buffer offset length position', (cb) => fs.write(fd, Buffer.from('XYZ'), 1, 2, 0, cb));
  await recCallback('write string', (cb) => fs.write(fd, '!', cb));
  await recCallback('write string position encoding', (cb) => fs.write(fd, '4142', 3, 'hex', cb));
  await recCallback('write options object', (cb) => fs.write(fd, Buffer.from('opts'), { offset: 0, length: 1, position: 5 }, cb));
  const buf = Buffer.alloc(8, 0x2e);
  await recCallback('read', (cb) => fs.read(fd, buf, 0, 8, 0, cb));
  await recCallback('read options object', (cb) => fs.read(fd, { buffer: Buffer.alloc(4), position: 2 }, cb));
  await recCallback('read buffer + options', (cb) => fs.read(fd, Buffer.alloc(3), { position: 1 }, cb));
  await recCallback('read no buffer (default 16 KiB)', (cb) => fs.read(fd, (err, n, b) => cb(err, n, b && b.length)));
  await recCallback('read past EOF', (cb) => fs.read(fd, Buffer.alloc(4), 0, 4, 1000, cb));
  await recCallback('read zero length', (cb) => fs.read(fd, Buffer.alloc(4), 0, 0, 0, cb));
  await recCallback('writev', (cb) => fs.writev(fd, [Buffer.from('a'), Buffer.from('b')], 0, cb));
  await recCallback('readv', (cb) => fs.readv(fd, [Buffer.alloc(2), Buffer.alloc(2)], 0, cb));
  await recCallback('fsync', (cb) => fs.fsync(fd, cb));
  await recCallback('fdatasync', (cb) => fs.fdatasync(fd, cb));
  await recCallback('ftruncate', (cb) => fs.ftruncate(fd, 4, cb));
  await recCallback('close', (cb) => fs.close(fd, cb));
  rec('content', () => fs.readFileSync(p, 'utf8'));
  rec('close without a callback is allowed', () => fs.close(fs.openSync(p, 'r')));
  await recCallback('truncate', (cb) => fs.truncate(p, 2, cb));
  await recCallback('truncate missing', (cb) => fs.truncate(dir + '/missing', 0, cb));
  await recCallback('open missing', (cb) => fs.open(dir + '/missing', cb));
  await recCallback('open wx existing', (cb) => fs.open(p, 'wx', cb));
  await recCallback('open dir for writing', (cb) => fs.open(dir, 'w', cb));
});

scenario('fd callbacks with bad fds', async () => {
  const b = Buffer.alloc(4);
  await recCallback('read 9999', (cb) => fs.read(9999, b, 0, 4, 0, cb));
  await recCallback('write 9999', (cb) => fs.write(9999, b, 0, 4, 0, cb));
  await recCallback('write string 9999', (cb) => fs.write(9999, 'x', cb));
  await recCallback('close 9999', (cb) => fs.close(9999, cb));
  await recCallback('fsync 9999', (cb) => fs.fsync(9999, cb));
  await recCallback('ftruncate 9999', (cb) => fs.ftruncate(9999, 0, cb));
  await recCallback('readv 9999', (cb) => fs.readv(9999, [b], cb));
  await recCallback('writev 9999', (cb) => fs.writev(9999, [b], cb));
  await recCallback('fchmod 9999', (cb) => fs.fchmod(9999, 0o644, cb));
  await recCallback('futimes 9999', (cb) => fs.futimes(9999, 1, 1, cb));
  rec('read fd -1', () => fs.read(-1, b, 0, 4, 0, () => {}));
  rec('read fd string', () => fs.read('1', b, 0, 4, 0, () => {}));
  rec('read bad length', () => fs.read(9999, b, 0, 5, 0, () => {}));
  rec('read bad offset', () => fs.read(9999, b, -1, 1, 0, () => {}));
  rec('write bad data', () => fs.write(9999, 42, () => {}));
  rec('close bad fd', () => fs.close(-1, () => {}));
  rec('close no callback bad fd', () => fs.close('x'));
  rec('read no callback', () => fs.read(9999, b, 0, 4, 0));
  rec('write no callback', () => fs.write(9999, b));
});

scenario('callbacks run after the call returns, in order', async (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  const order = [];
  await new Promise((resolve) => {
    order.push('before');
    fs.stat(dir + '/f', () => { order.push('stat'); resolve(); });
    order.push('after');
  });
  rec('stat order', () => order);
  const order2 = [];
  await new Promise((resolve) => {
    fs.readFile(dir + '/missing', (err) => { order2.push(err.code); resolve(); });
    order2.push('returned');
  });
  rec('error callback order', () => order2);
  const results = await Promise.all([1, 2, 3].map((i) => new Promise((resolve) => fs.writeFile(dir + '/p' + i, String(i), (err) => resolve(err)))));
  rec('parallel writes', () => results);
  rec('parallel results', () => [1, 2, 3].map((i) => fs.readFileSync(dir + '/p' + i, 'utf8')));
});

scenario('return values of callback functions', async (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  const pending = [];
  const done = () => { let resolve; pending.push(new Promise((r) => { resolve = r; })); return () => resolve(); };
  rec('readFile returns undefined', () => fs.readFile(dir + '/f', done()));
  rec('stat returns undefined', () => fs.stat(dir + '/f', done()));
  rec('writeFile returns undefined', () => fs.writeFile(dir + '/g', 'y', done()));
  rec('mkdir returns undefined', () => fs.mkdir(dir + '/d', done()));
  rec('access returns undefined', () => fs.access(dir + '/f', done()));
  await Promise.all(pending);
});
