// openSync/closeSync/readSync/writeSync/readvSync/writevSync/fsync/fdatasync/ftruncate/truncate.
// fd numbers differ between worlds, so they are recorded as {$:'fd'} ({ fd: true }).

const FD = { fd: true };

scenario('openSync string flags', (dir) => {
  const p = dir + '/f';
  fs.writeFileSync(p, 'hello');
  for (const flag of ['r', 'rs', 'sr', 'r+', 'rs+', 'sr+', 'w', 'wx', 'xw', 'w+', 'wx+', 'xw+', 'a', 'ax', 'xa', 'as', 'sa', 'a+', 'ax+', 'xa+', 'as+', 'sa+']) {
    fs.writeFileSync(p, 'hello');
    const fd = rec(flag + ' existing', () => fs.openSync(p, flag), FD);
    if (typeof fd === 'number') {
      rec(flag + ' size after open', () => fs.fstatSync(fd).size);
      fs.closeSync(fd);
    }
    const fresh = dir + '/new-' + flag;
    const fd2 = rec(flag + ' missing', () => fs.openSync(fresh, flag), FD);
    if (typeof fd2 === 'number') fs.closeSync(fd2);
  }
  for (const bad of ['', 'rw', 'R', 'x', 'r++', 'wr', 'aa']) rec('bad flag ' + JSON.stringify(bad), () => fs.openSync(p, bad));
});

scenario('openSync numeric flags and modes', (dir) => {
  const c = fs.constants;
  const p = dir + '/f';
  let fd = rec('O_CREAT|O_WRONLY', () => fs.openSync(p, c.O_CREAT | c.O_WRONLY, 0o640), FD);
  rec('mode applied', () => fs.statSync(p), { mode: true });
  fs.writeSync(fd, 'abc');
  fs.closeSync(fd);
  fd = rec('O_RDONLY (0)', () => fs.openSync(p, 0), FD);
  fs.closeSync(fd);
  rec('O_CREAT|O_EXCL existing', () => fs.openSync(p, c.O_CREAT | c.O_EXCL | c.O_RDWR));
  fd = rec('O_TRUNC|O_RDWR', () => fs.openSync(p, c.O_TRUNC | c.O_RDWR), FD);
  rec('truncated', () => fs.fstatSync(fd).size);
  fs.closeSync(fd);
  rec('O_DIRECTORY on file', () => fs.openSync(p, c.O_DIRECTORY | c.O_RDONLY));
  fd = rec('O_DIRECTORY on dir', () => fs.openSync(dir, c.O_DIRECTORY | c.O_RDONLY), FD);
  if (typeof fd === 'number') fs.closeSync(fd);
  fs.symlinkSync('f', dir + '/link');
  rec('O_NOFOLLOW on symlink', () => fs.openSync(dir + '/link', c.O_NOFOLLOW | c.O_RDONLY));
  // a trailing '/' follows the last link whatever O_NOFOLLOW says
  fs.symlinkSync('missing', dir + '/dangling');
  fs.symlinkSync('.', dir + '/self');
  rec('O_NOFOLLOW on dangling symlink with /', () => fs.openSync(dir + '/dangling/', c.O_NOFOLLOW | c.O_RDONLY));
  rec('O_NOFOLLOW on file symlink with /', () => fs.openSync(dir + '/link/', c.O_NOFOLLOW | c.O_RDONLY));
  fd = rec('O_NOFOLLOW on dir symlink with /', () => fs.openSync(dir + '/self/', c.O_NOFOLLOW | c.O_RDONLY), FD);
  if (typeof fd === 'number') fs.closeSync(fd);
  // -1 holds O_PATH, which keeps O_DIRECTORY and O_NOFOLLOW: the link itself, not a directory
  rec('negative flags on symlink', () => fs.openSync(dir + '/link', -1));
  rec('mode string', () => { const f = fs.openSync(dir + '/g', 'w', '600'); fs.closeSync(f); return fs.statSync(dir + '/g'); }, { mode: true });
  rec('mode ignored without O_CREAT', () => { const f = fs.openSync(dir + '/g', 'r', 0o777); fs.closeSync(f); return fs.statSync(dir + '/g'); }, { mode: true });
  rec('bad mode', () => fs.openSync(dir + '/h', 'w', 'rw'));
  rec('negative flags', () => fs.openSync(p, -1));
  rec('fractional flags', () => fs.openSync(p, 0.5));
  rec('flags object', () => fs.openSync(p, {}));
  rec('flags null means r', () => { const f = fs.openSync(p, null); fs.closeSync(f); return 'ok'; });
  rec('flags undefined means r', () => { const f = fs.openSync(p, undefined); fs.closeSync(f); return 'ok'; });
});

scenario('openSync errors', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  rec('missing', () => fs.openSync(dir + '/missing'));
  rec('missing with r+', () => fs.openSync(dir + '/missing', 'r+'));
  rec('dir for writing', () => fs.openSync(dir, 'w'));
  rec('dir for r+', () => fs.openSync(dir, 'r+'));
  rec('through a file', () => fs.openSync(dir + '/f/x', 'w'));
  rec('trailing slash on file', () => fs.openSync(dir + '/f/'));
  rec('trailing slash on new file', () => fs.openSync(dir + '/new/', 'w'));
  rec('empty path', () => fs.openSync(''));
  rec('name too long', () => fs.openSync(dir + '/' + 'l'.repeat(300), 'w'));
  rec('null byte', () => fs.openSync(dir + '/f\u0000'));
  rec('number path', () => fs.openSync(3));
  rec('undefined path', () => fs.openSync());
  rec('object path', () => fs.openSync({}));
  fs.symlinkSync('l2', dir + '/l1');
  fs.symlinkSync('l1', dir + '/l2');
  rec('symlink loop', () => fs.openSync(dir + '/l1'));
  rec('symlink loop create', () => fs.openSync(dir + '/l1', 'w'));
  fs.symlinkSync('created-through-link', dir + '/dangling');
  const fd = rec('create through dangling symlink', () => fs.openSync(dir + '/dangling', 'w'), FD);
  if (typeof fd === 'number') fs.closeSync(fd);
  rec('wx through dangling symlink', () => fs.openSync(dir + '/dangling', 'wx'));
});

scenario('openSync a directory for reading', (dir) => {
  fs.mkdirSync(dir + '/d');
  const fd = rec('open dir r', () => fs.openSync(dir + '/d'), FD);
  rec('readSync on dir fd', () => fs.readSync(fd, Buffer.alloc(4)));
  rec('readFileSync on dir fd', () => fs.readFileSync(fd));
  rec('writeSync on dir fd', () => fs.writeSync(fd, 'x'));
  rec('fstat dir fd', () => fs.fstatSync(fd).isDirectory());
  rec('fsync dir fd', () => fs.fsyncSync(fd));
  rec('ftruncate dir fd', () => fs.ftruncateSync(fd, 0));
  fs.closeSync(fd);
});

scenario('closeSync', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  const fd = fs.openSync(dir + '/f');
  rec('close', () => fs.closeSync(fd));
  rec('close again', () => fs.closeSync(fd));
  rec('close 9999', () => fs.closeSync(9999));
  rec('close -1', () => fs.closeSync(-1));
  rec('close 1.5', () => fs.closeSync(1.5));
  rec('close string', () => fs.closeSync('5'));
  rec('close undefined', () => fs.closeSync());
  rec('close null', () => fs.closeSync(null));
  rec('close 2**31', () => fs.closeSync(2 ** 31));
  rec('close NaN', () => fs.closeSync(NaN));
});

scenario('readSync buffer signature', (dir) => {
  fs.writeFileSync(dir + '/f', '0123456789');
  const fd = fs.openSync(dir + '/f', 'r');
  const buf = Buffer.alloc(6, 0x2e);
  rec('read 4 at offset 1', () => [fs.readSync(fd, buf, 1, 4, null), buf.toString()]);
  rec('continues from position', () => [fs.readSync(fd, buf, 0, 3, null), buf.toString()]);
  rec('explicit position does not move', () => [fs.readSync(fd, buf, 0, 2, 8), buf.toString()]);
  rec('then current position', () => [fs.readSync(fd, buf, 0, 2, null), buf.toString()]);
  rec('position -1 means current', () => [fs.readSync(fd, buf, 0, 2, -1), buf.toString()]);
  rec('position bigint', () => [fs.readSync(fd, buf, 0, 2, 2n), buf.toString()]);
  rec('past EOF returns 0', () => fs.readSync(fd, buf, 0, 6, 100));
  rec('zero length', () => fs.readSync(fd, buf, 0, 0, 0));
  rec('zero length at end of buffer', () => fs.readSync(fd, buf, 6, 0, 0));
  rec('default length/offset', () => { const b = Buffer.alloc(3); return [fs.readSync(fd, b), b.toString()]; });
  rec('only offset', () => { const b = Buffer.alloc(3, 0x2e); return [fs.readSync(fd, b, 1), b.toString()]; });
  rec('Uint8Array target', () => { const b = new Uint8Array(4); return [fs.readSync(fd, b, 0, 4, 0), Array.from(b)]; });
  rec('DataView target', () => { const b = new DataView(new ArrayBuffer(4)); return [fs.readSync(fd, b, 0, 4, 0), b.getUint8(0)]; });
  rec('Float32Array target', () => { const b = new Float32Array(2); return fs.readSync(fd, b, 0, 8, 0); });
  rec('empty buffer', () => fs.readSync(fd, Buffer.alloc(0), 0, 0, 0));
  fs.closeSync(fd);
});

scenario('readSync options signature', (dir) => {
  fs.writeFileSync(dir + '/f', 'abcdefghij');
  const fd = fs.openSync(dir + '/f', 'r');
  const buf = Buffer.alloc(5, 0x2e);
  rec('options object', () => [fs.readSync(fd, buf, { offset: 1, length: 2, position: 3 }), buf.toString()]);
  rec('empty options', () => [fs.readSync(fd, buf, {}), buf.toString()]);
  rec('options position only', () => [fs.readSync(fd, buf, { position: 8 }), buf.toString()]);
  rec('options null', () => fs.readSync(fd, buf, null));
  rec('options length too big', () => fs.readSync(fd, buf, { length: 6 }));
  fs.closeSync(fd);
});

scenario('readSync bad arguments', (dir) => {
  fs.writeFileSync(dir + '/f', 'abcdefghij');
  const fd = fs.openSync(dir + '/f', 'r');
  const buf = Buffer.alloc(4);
  rec('buffer string', () => fs.readSync(fd, 'abc', 0, 1, 0));
  rec('buffer missing', () => fs.readSync(fd));
  rec('buffer array', () => fs.readSync(fd, [0, 0], 0, 1, 0));
  rec('offset negative', () => fs.readSync(fd, buf, -1, 1, 0));
  rec('offset fractional', () => fs.readSync(fd, buf, 1.5, 1, 0));
  rec('offset past end', () => fs.readSync(fd, buf, 5, 1, 0));
  rec('offset at end, length 1', () => fs.readSync(fd, buf, 4, 1, 0));
  rec('offset string', () => fs.readSync(fd, buf, '1', 1, 0));
  rec('length negative', () => fs.readSync(fd, buf, 0, -1, 0));
  rec('length fractional', () => fs.readSync(fd, buf, 0, 1.5, 0));
  rec('length too big', () => fs.readSync(fd, buf, 0, 5, 0));
  rec('length huge', () => fs.readSync(fd, buf, 0, 2 ** 40, 0));
  rec('length with offset too big', () => fs.readSync(fd, buf, 2, 3, 0));
  rec('length string', () => fs.readSync(fd, buf, 0, '2', 0));
  rec('position negative -2', () => fs.readSync(fd, buf, 0, 1, -2));
  rec('position fractional', () => fs.readSync(fd, buf, 0, 1, 1.5));
  rec('position string', () => fs.readSync(fd, buf, 0, 1, '1'));
  rec('position huge', () => fs.readSync(fd, buf, 0, 1, 2 ** 53));
  rec('position bigint negative', () => fs.readSync(fd, buf, 0, 1, -5n));
  rec('position bigint huge', () => fs.readSync(fd, buf, 0, 1, 2n ** 63n));
  rec('position NaN', () => fs.readSync(fd, buf, 0, 1, NaN));
  rec('position object', () => fs.readSync(fd, buf, 0, 1, {}));
  fs.closeSync(fd);
  rec('closed fd', () => fs.readSync(fd, buf, 0, 1, 0));
  rec('fd 9999', () => fs.readSync(9999, buf, 0, 1, 0));
  rec('fd -1', () => fs.readSync(-1, buf, 0, 1, 0));
  rec('fd string', () => fs.readSync('0', buf, 0, 1, 0));
  rec('write-only fd', () => { const w = fs.openSync(dir + '/w', 'w'); try { return fs.readSync(w, buf, 0, 1, 0); } finally { fs.closeSync(w); } });
});

scenario('writeSync buffer signature', (dir) => {
  const p = dir + '/f';
  const fd = fs.openSync(p, 'w+');
  rec('write buffer', () => fs.writeSync(fd, Buffer.from('hello world')));
  rec('write slice', () => fs.writeSync(fd, Buffer.from('ABCDEF'), 1, 3));
  rec('write at position', () => fs.writeSync(fd, Buffer.from('XY'), 0, 2, 0));
  rec('position did not move cursor', () => fs.writeSync(fd, Buffer.from('!')));
  rec('content', () => fs.readFileSync(p, 'utf8'));
  rec('write past EOF leaves a hole', () => fs.writeSync(fd, Buffer.from('end'), 0, 3, 20));
  rec('hole reads as zeros', () => fs.readFileSync(p));
  rec('write Uint8Array', () => fs.writeSync(fd, new Uint8Array([65, 66]), 0, 2, 0));
  rec('write DataView', () => fs.writeSync(fd, new DataView(new Uint8Array([67, 68]).buffer), 0, 2, 2));
  rec('write Uint16Array', () => fs.writeSync(fd, new Uint16Array([0x4545]), 0, 2, 4));
  rec('write empty buffer', () => fs.writeSync(fd, Buffer.alloc(0)));
  rec('zero length', () => fs.writeSync(fd, Buffer.from('zzz'), 0, 0));
  rec('offset only', () => fs.writeSync(fd, Buffer.from('abc'), 2));
  rec('options object', () => fs.writeSync(fd, Buffer.from('opts'), { offset: 1, length: 2, position: 6 }));
  rec('position bigint', () => fs.writeSync(fd, Buffer.from('B'), 0, 1, 7n));
  rec('final content', () => fs.readFileSync(p));
  fs.closeSync(fd);
});

scenario('writeSync string signature', (dir) => {
  const p = dir + '/f';
  const fd = fs.openSync(p, 'w+');
  rec('write string', () => fs.writeSync(fd, 'héllo'));
  rec('write string at position', () => fs.writeSync(fd, 'HE', 0));
  rec('write string with encoding', () => fs.writeSync(fd, '414243', null, 'hex'));
  rec('write string position and encoding', () => fs.writeSync(fd, 'ff', 1, 'hex'));
  rec('write utf16le', () => fs.writeSync(fd, 'ab', null, 'utf16le'));
  rec('write empty string', () => fs.writeSync(fd, ''));
  rec('content', () => fs.readFileSync(p));
  rec('bad encoding', () => fs.writeSync(fd, 'x', 0, 'nope'));
  rec('position string', () => fs.writeSync(fd, 'x', '1'));
  rec('position negative', () => fs.writeSync(fd, 'x', -5));
  rec('position fractional', () => fs.writeSync(fd, 'x', 1.5));
  rec('write number', () => fs.writeSync(fd, 42));
  rec('write object', () => fs.writeSync(fd, { toString() { return 'obj'; } }));
  rec('write null', () => fs.writeSync(fd, null));
  rec('write undefined', () => fs.writeSync(fd));
  rec('write String object', () => fs.writeSync(fd, new String('boxed')));
  rec('content after bad calls', () => fs.readFileSync(p));
  fs.closeSync(fd);
});

scenario('writeSync bad arguments', (dir) => {
  const fd = fs.openSync(dir + '/f', 'w');
  const buf = Buffer.from('abcd');
  rec('offset negative', () => fs.writeSync(fd, buf, -1, 1));
  rec('offset past end', () => fs.writeSync(fd, buf, 5, 1));
  rec('offset fractional', () => fs.writeSync(fd, buf, 0.5, 1));
  rec('length negative', () => fs.writeSync(fd, buf, 0, -1));
  rec('length too big', () => fs.writeSync(fd, buf, 0, 5));
  rec('length with offset too big', () => fs.writeSync(fd, buf, 3, 2));
  rec('length fractional', () => fs.writeSync(fd, buf, 0, 1.5));
  rec('length huge', () => fs.writeSync(fd, buf, 0, 2 ** 33));
  rec('position negative', () => fs.writeSync(fd, buf, 0, 1, -2));
  rec('position huge', () => fs.writeSync(fd, buf, 0, 1, 2 ** 53));
  rec('position NaN', () => fs.writeSync(fd, buf, 0, 1, NaN));
  rec('position string', () => fs.writeSync(fd, buf, 0, 1, '0'));
  rec('offset string', () => fs.writeSync(fd, buf, '0', 1));
  fs.closeSync(fd);
  rec('closed fd', () => fs.writeSync(fd, buf));
  rec('closed fd string', () => fs.writeSync(fd, 'str'));
  rec('fd 9999', () => fs.writeSync(9999, 'x'));
  rec('fd -1', () => fs.writeSync(-1, 'x'));
  rec('fd object', () => fs.writeSync({}, 'x'));
  rec('read-only fd', () => { const r = fs.openSync(dir + '/f', 'r'); try { return fs.writeSync(r, 'x'); } finally { fs.closeSync(r); } });
  rec('file content', () => fs.readFileSync(dir + '/f'));
});

scenario('append mode writes always go to the end', (dir) => {
  const p = dir + '/f';
  fs.writeFileSync(p, 'start');
  const fd = fs.openSync(p, 'a+');
  rec('write at position 0 in append mode', () => fs.writeSync(fd, 'X', 0));
  rec('content', () => fs.readFileSync(p, 'utf8'));
  rec('read from position 0 works', () => { const b = Buffer.alloc(5); fs.readSync(fd, b, 0, 5, 0); return b.toString(); });
  rec('write buffer at position 1', () => fs.writeSync(fd, Buffer.from('Y'), 0, 1, 1));
  rec('content 2', () => fs.readFileSync(p, 'utf8'));
  // a positioned write appends but leaves the fd's offset where it was (still 0 here)
  rec('writev at a position in append mode', () => fs.writevSync(fd, [Buffer.from('ab'), Buffer.from('c')], 4));
  rec('read from the unmoved offset', () => { const b = Buffer.alloc(4); return [fs.readSync(fd, b, 0, 4, null), b.toString()]; });
  rec('write without a position moves it to the end', () => { fs.writeSync(fd, 'W'); const b = Buffer.alloc(4); return fs.readSync(fd, b, 0, 4, null); });
  fs.closeSync(fd);
  const fd2 = fs.openSync(p, 'r+');
  rec('r+ write at 0 overwrites', () => fs.writeSync(fd2, 'Z', 0));
  rec('content 3', () => fs.readFileSync(p, 'utf8'));
  fs.closeSync(fd2);
});

scenario('two fds on one file share data, not position', (dir) => {
  const p = dir + '/f';
  fs.writeFileSync(p, 'abcdef');
  const a = fs.openSync(p, 'r+');
  const b = fs.openSync(p, 'r');
  fs.writeSync(a, 'XY');
  rec('b reads from 0', () => { const buf = Buffer.alloc(3); fs.readSync(b, buf, 0, 3, null); return buf.toString(); });
  rec('a continues at 2', () => { const buf = Buffer.alloc(2); fs.readSync(a, buf, 0, 2, null); return buf.toString(); });
  fs.closeSync(a);
  rec('b still open', () => { const buf = Buffer.alloc(3); return [fs.readSync(b, buf, 0, 3, null), buf.toString()]; });
  fs.closeSync(b);
});

scenario('readvSync and writevSync', (dir) => {
  const p = dir + '/f';
  const fd = fs.openSync(p, 'w+');
  rec('writev', () => fs.writevSync(fd, [Buffer.from('ab'), Buffer.from('cd'), new Uint8Array([101])]));
  rec('writev at position', () => fs.writevSync(fd, [Buffer.from('XY')], 1));
  rec('writev empty list', () => fs.writevSync(fd, []));
  rec('writev empty buffers', () => fs.writevSync(fd, [Buffer.alloc(0), Buffer.alloc(0)]));
  rec('content', () => fs.readFileSync(p, 'utf8'));
  const a = Buffer.alloc(2), b = Buffer.alloc(4);
  rec('readv from 0', () => [fs.readvSync(fd, [a, b], 0), a.toString(), b.toString('hex')]);
  rec('readv current position (at end)', () => fs.readvSync(fd, [a]));
  rec('readv past EOF', () => fs.readvSync(fd, [a, b], 100));
  rec('readv empty list', () => fs.readvSync(fd, [], 0));
  rec('writev not an array', () => fs.writevSync(fd, Buffer.from('x')));
  rec('writev array of strings', () => fs.writevSync(fd, ['a', 'b']));
  rec('readv not an array', () => fs.readvSync(fd, a));
  rec('readv bad position', () => fs.readvSync(fd, [a], 'x'));
  rec('writev negative position', () => fs.writevSync(fd, [a], -3));
  fs.closeSync(fd);
  rec('writev closed', () => fs.writevSync(fd, [a]));
  rec('readv closed', () => fs.readvSync(fd, [a]));
  rec('writev fd 9999', () => fs.writevSync(9999, [a]));
});

scenario('fsyncSync and fdatasyncSync', (dir) => {
  const fd = fs.openSync(dir + '/f', 'w');
  fs.writeSync(fd, 'data');
  rec('fsync', () => fs.fsyncSync(fd));
  rec('fdatasync', () => fs.fdatasyncSync(fd));
  const r = fs.openSync(dir + '/f', 'r');
  rec('fsync read-only fd', () => fs.fsyncSync(r));
  fs.closeSync(r);
  fs.closeSync(fd);
  rec('fsync closed', () => fs.fsyncSync(fd));
  rec('fdatasync closed', () => fs.fdatasyncSync(fd));
  rec('fsync 9999', () => fs.fsyncSync(9999));
  rec('fsync bad', () => fs.fsyncSync('1'));
  rec('fdatasync bad', () => fs.fdatasyncSync(-1));
});

scenario('ftruncateSync', (dir) => {
  const p = dir + '/f';
  fs.writeFileSync(p, '0123456789');
  const fd = fs.openSync(p, 'r+');
  rec('truncate to 4', () => fs.ftruncateSync(fd, 4));
  rec('content', () => fs.readFileSync(p, 'utf8'));
  rec('extend to 8', () => fs.ftruncateSync(fd, 8));
  rec('extended with zeros', () => fs.readFileSync(p));
  rec('default length 0', () => fs.ftruncateSync(fd));
  rec('size', () => fs.fstatSync(fd).size);
  rec('negative length', () => fs.ftruncateSync(fd, -1));
  rec('size after negative', () => fs.fstatSync(fd).size);
  rec('fractional length', () => fs.ftruncateSync(fd, 1.5));
  rec('string length', () => fs.ftruncateSync(fd, '3'));
  rec('length null', () => fs.ftruncateSync(fd, null));
  rec('length huge', () => fs.ftruncateSync(fd, 2 ** 53));
  rec('bigint length', () => fs.ftruncateSync(fd, 2n));
  fs.closeSync(fd);
  rec('closed fd', () => fs.ftruncateSync(fd, 0));
  const r = fs.openSync(p, 'r');
  rec('read-only fd', () => fs.ftruncateSync(r, 0));
  fs.closeSync(r);
  rec('fd 9999', () => fs.ftruncateSync(9999, 0));
});

scenario('truncateSync', (dir) => {
  const p = dir + '/f';
  fs.writeFileSync(p, 'abcdefgh');
  rec('truncate to 3', () => fs.truncateSync(p, 3));
  rec('content', () => fs.readFileSync(p, 'utf8'));
  rec('extend', () => { fs.truncateSync(p, 6); return fs.readFileSync(p); });
  rec('default 0', () => { fs.truncateSync(p); return fs.statSync(p).size; });
  rec('missing', () => fs.truncateSync(dir + '/missing', 0));
  rec('directory', () => fs.truncateSync(dir, 0));
  rec('negative', () => fs.truncateSync(p, -5));
  rec('fractional', () => fs.truncateSync(p, 0.5));
  rec('string length', () => fs.truncateSync(p, '1'));
  rec('bad path', () => fs.truncateSync({}, 0));
  rec('null byte', () => fs.truncateSync(p + '\u0000', 0));
  rec('through symlink', () => { fs.writeFileSync(dir + '/t', 'target'); fs.symlinkSync('t', dir + '/l'); fs.truncateSync(dir + '/l', 2); return fs.readFileSync(dir + '/t', 'utf8'); });
});

scenario('zero-length reads and writes at odd places', (dir) => {
  const p = dir + '/f';
  fs.writeFileSync(p, '');
  const fd = fs.openSync(p, 'r+');
  rec('read empty file', () => fs.readSync(fd, Buffer.alloc(4), 0, 4, null));
  rec('read empty file at 0', () => fs.readSync(fd, Buffer.alloc(4), 0, 4, 0));
  rec('write 0 bytes at 100', () => fs.writeSync(fd, Buffer.alloc(0), 0, 0, 100));
  rec('size unchanged', () => fs.fstatSync(fd).size);
  rec('write 1 byte at 100', () => fs.writeSync(fd, 'x', 100));
  rec('size 101', () => fs.fstatSync(fd).size);
  rec('read across hole', () => { const b = Buffer.alloc(4, 0x2e); return [fs.readSync(fd, b, 0, 4, 98), b.toString('hex')]; });
  fs.closeSync(fd);
});
