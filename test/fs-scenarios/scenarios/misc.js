// Larger payloads, chunked I/O, option combinations and /dev/null.

function pattern(n, seed) {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + seed + (i >> 9)) & 255;
  return b;
}
function checksum(b) {
  let h = 0;
  for (let i = 0; i < b.length; i++) h = (Math.imul(h, 31) + b[i]) | 0;
  return h;
}

scenario('writeFileSync option combinations', (dir) => {
  rec('mode + flag + encoding', () => { fs.writeFileSync(dir + '/a', '414243', { mode: 0o640, flag: 'wx', encoding: 'hex' }); return [fs.readFileSync(dir + '/a', 'utf8'), fs.statSync(dir + '/a').mode & 0o777]; });
  rec('same again fails (wx)', () => fs.writeFileSync(dir + '/a', 'x', { mode: 0o640, flag: 'wx', encoding: 'hex' }));
  rec('append with mode on existing keeps mode', () => { fs.appendFileSync(dir + '/a', 'D', { mode: 0o777 }); return [fs.readFileSync(dir + '/a', 'utf8'), fs.statSync(dir + '/a').mode & 0o777]; });
  rec('encoding null writes utf8', () => { fs.writeFileSync(dir + '/b', 'é', { encoding: null }); return fs.readFileSync(dir + '/b'); });
  rec('flag null means w', () => { fs.writeFileSync(dir + '/b', 'z', { flag: null }); return fs.readFileSync(dir + '/b', 'utf8'); });
  rec('flag undefined means w', () => { fs.writeFileSync(dir + '/b', 'y', { flag: undefined }); return fs.readFileSync(dir + '/b', 'utf8'); });
  rec('mode null', () => { fs.writeFileSync(dir + '/c', 'c', { mode: null }); return fs.statSync(dir + '/c').mode & 0o777; });
});

scenario('chunked reads with readSync at the current position', (dir) => {
  const data = pattern(100000, 3);
  fs.writeFileSync(dir + '/f', data);
  const fd = fs.openSync(dir + '/f', 'r');
  const chunk = Buffer.alloc(4099);
  const sizes = [];
  const parts = [];
  for (;;) {
    const n = fs.readSync(fd, chunk, 0, chunk.length, null);
    sizes.push(n);
    if (n === 0) break;
    parts.push(Buffer.from(chunk.subarray(0, n)));
  }
  fs.closeSync(fd);
  rec('chunk count', () => sizes.length);
  rec('last sizes', () => sizes.slice(-3));
  rec('reassembled checksum matches', () => checksum(Buffer.concat(parts)) === checksum(data));
});

scenario('large positioned writes and reads', (dir) => {
  const fd = fs.openSync(dir + '/f', 'w+');
  const big = pattern(1 << 20, 9);
  rec('write 1 MiB', () => fs.writeSync(fd, big, 0, big.length, 0));
  rec('write 1 MiB at 4 MiB', () => fs.writeSync(fd, big, 0, big.length, 4 << 20));
  rec('size', () => fs.fstatSync(fd).size);
  rec('hole is zero', () => { const b = Buffer.alloc(16, 1); fs.readSync(fd, b, 0, 16, 2 << 20); return b.toString('hex'); });
  rec('second copy intact', () => { const b = Buffer.alloc(big.length); fs.readSync(fd, b, 0, b.length, 4 << 20); return checksum(b) === checksum(big); });
  fs.closeSync(fd);
  rec('readFileSync length', () => fs.readFileSync(dir + '/f').length);
  fs.unlinkSync(dir + '/f');
});

scenario('copyFileSync of a large file', (dir) => {
  const data = pattern(2 * 1024 * 1024 + 3, 1);
  fs.writeFileSync(dir + '/src', data);
  rec('copy', () => fs.copyFileSync(dir + '/src', dir + '/dst'));
  rec('same', () => checksum(fs.readFileSync(dir + '/dst')) === checksum(data));
  rec('cp', () => { fs.cpSync(dir + '/src', dir + '/dst2'); return fs.statSync(dir + '/dst2').size; });
  fs.unlinkSync(dir + '/src');
  fs.unlinkSync(dir + '/dst');
  fs.unlinkSync(dir + '/dst2');
});

scenario('readvSync and writevSync with many small buffers', (dir) => {
  const fd = fs.openSync(dir + '/f', 'w+');
  const bufs = [];
  for (let i = 0; i < 100; i++) bufs.push(Buffer.from(String.fromCharCode(65 + (i % 26)).repeat(i % 5)));
  rec('writev 100 buffers', () => fs.writevSync(fd, bufs, 0));
  const into = [];
  for (let i = 0; i < 50; i++) into.push(Buffer.alloc(3));
  rec('readv 50 buffers', () => fs.readvSync(fd, into, 0));
  rec('first buffers', () => into.slice(0, 4).map((b) => b.toString()));
  fs.closeSync(fd);
});

scenario('appendFileSync and writeFileSync on an r+ fd write at the position', (dir) => {
  fs.writeFileSync(dir + '/f', 'abcdef');
  const fd = fs.openSync(dir + '/f', 'r+');
  fs.readSync(fd, Buffer.alloc(2), 0, 2, null);
  rec('appendFileSync', () => fs.appendFileSync(fd, 'XY'));
  rec('content', () => fs.readFileSync(dir + '/f', 'utf8'));
  rec('writeFileSync', () => fs.writeFileSync(fd, 'Z'));
  rec('content 2', () => fs.readFileSync(dir + '/f', 'utf8'));
  fs.closeSync(fd);
});

scenario('/dev/null', () => {
  rec('exists', () => fs.existsSync('/dev/null'));
  rec('stat', () => { const s = fs.statSync('/dev/null'); return [s.isCharacterDevice(), s.isFile(), s.size]; });
  rec('read', () => fs.readFileSync('/dev/null'));
  rec('write', () => fs.writeFileSync('/dev/null', 'discarded'));
  rec('append', () => fs.appendFileSync('/dev/null', 'discarded'));
  rec('read after write', () => fs.readFileSync('/dev/null', 'utf8'));
  rec('readSync', () => { const fd = fs.openSync('/dev/null', 'r'); try { return fs.readSync(fd, Buffer.alloc(4)); } finally { fs.closeSync(fd); } });
  rec('writeSync', () => { const fd = fs.openSync('/dev/null', 'w'); try { return fs.writeSync(fd, 'abc'); } finally { fs.closeSync(fd); } });
});

scenario('mkdirSync recursive through an existing chain with a file in it', (dir) => {
  fs.mkdirSync(dir + '/a/b', { recursive: true });
  fs.writeFileSync(dir + '/a/b/file', '');
  rec('below the file', () => fs.mkdirSync(dir + '/a/b/file/c/d', { recursive: true }));
  rec('beside the file', () => fs.mkdirSync(dir + '/a/b/c/d', { recursive: true }));
  rec('with mode', () => { fs.mkdirSync(dir + '/m/n', { recursive: true, mode: 0o711 }); return [fs.statSync(dir + '/m').mode & 0o777, fs.statSync(dir + '/m/n').mode & 0o777]; });
  rec('through a symlink to a dir', () => { fs.symlinkSync('a', dir + '/la'); return fs.mkdirSync(dir + '/la/x/y', { recursive: true }); });
  rec('through a dangling symlink', () => { fs.symlinkSync('nowhere', dir + '/dang'); return fs.mkdirSync(dir + '/dang/x', { recursive: true }); });
});

scenario('readFileSync of files that grow and shrink between calls', (dir) => {
  const p = dir + '/f';
  const sizes = [0, 1, 4095, 4096, 4097, 65536, 65537, 10];
  for (const n of sizes) {
    fs.writeFileSync(p, Buffer.alloc(n, 0x61));
    rec('size ' + n, () => { const b = fs.readFileSync(p); return [b.length, b.length ? b[b.length - 1] : null]; });
    rec('utf8 size ' + n, () => fs.readFileSync(p, 'utf8').length);
  }
});
