// readFileSync / writeFileSync / appendFileSync: data types, flags, modes, fds, errors.

function pattern(n) {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + (i >> 11)) & 255;
  return b;
}
function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

scenario('write and read back utf8', (dir) => {
  rec('write', () => fs.writeFileSync(dir + '/hello.txt', 'héllo, wörld ✓ 🎉'));
  rec('read utf8', () => fs.readFileSync(dir + '/hello.txt', 'utf8'));
  rec('read options object', () => fs.readFileSync(dir + '/hello.txt', { encoding: 'utf8' }));
  rec('read buffer', () => fs.readFileSync(dir + '/hello.txt'));
  rec('read encoding null', () => fs.readFileSync(dir + '/hello.txt', { encoding: null }));
  rec('read encoding undefined', () => fs.readFileSync(dir + '/hello.txt', { encoding: undefined }));
  rec('read empty options', () => fs.readFileSync(dir + '/hello.txt', {}));
  rec('read encoding "buffer"', () => fs.readFileSync(dir + '/hello.txt', 'buffer'));
  rec('read options.encoding "buffer"', () => fs.readFileSync(dir + '/hello.txt', { encoding: 'buffer' }));
});

scenario('write Buffer, Uint8Array, Uint16Array, Float64Array, DataView', (dir) => {
  rec('Buffer', () => { fs.writeFileSync(dir + '/b1', Buffer.from([1, 2, 3, 250])); return fs.readFileSync(dir + '/b1'); });
  rec('Uint8Array', () => { fs.writeFileSync(dir + '/b2', new Uint8Array([0, 255, 128])); return fs.readFileSync(dir + '/b2'); });
  rec('Uint16Array', () => { fs.writeFileSync(dir + '/b3', new Uint16Array([0x0102, 0xfffe])); return fs.readFileSync(dir + '/b3'); });
  rec('Float64Array', () => { fs.writeFileSync(dir + '/b4', new Float64Array([1.5])); return fs.readFileSync(dir + '/b4'); });
  rec('DataView', () => {
    const ab = new ArrayBuffer(8);
    new Uint8Array(ab).set([9, 8, 7, 6, 5, 4, 3, 2]);
    fs.writeFileSync(dir + '/b5', new DataView(ab, 2, 4));
    return fs.readFileSync(dir + '/b5');
  });
  rec('subarray view', () => {
    const big = new Uint8Array([10, 11, 12, 13, 14, 15]);
    fs.writeFileSync(dir + '/b6', big.subarray(2, 5));
    return fs.readFileSync(dir + '/b6');
  });
  rec('empty Uint8Array', () => { fs.writeFileSync(dir + '/b7', new Uint8Array(0)); return fs.readFileSync(dir + '/b7'); });
});

scenario('writeFileSync rejects non-string non-view data', (dir) => {
  rec('number', () => fs.writeFileSync(dir + '/z', 42));
  rec('object', () => fs.writeFileSync(dir + '/z', { a: 1 }));
  rec('object with toString', () => fs.writeFileSync(dir + '/z', { toString() { return 'str'; } }));
  rec('array', () => fs.writeFileSync(dir + '/z', [1, 2, 3]));
  rec('null', () => fs.writeFileSync(dir + '/z', null));
  rec('undefined', () => fs.writeFileSync(dir + '/z', undefined));
  rec('boolean', () => fs.writeFileSync(dir + '/z', true));
  rec('ArrayBuffer', () => fs.writeFileSync(dir + '/z', new ArrayBuffer(4)));
  rec('function', () => fs.writeFileSync(dir + '/z', function data() {}));
  rec('symbol', () => fs.writeFileSync(dir + '/z', Symbol('s')));
  rec('String object', () => fs.writeFileSync(dir + '/z', new String('boxed')));
  rec('exists after failures', () => fs.existsSync(dir + '/z'));
});

scenario('overwrite truncates, append extends', (dir) => {
  const p = dir + '/f';
  rec('write long', () => fs.writeFileSync(p, 'long contents here'));
  rec('write short', () => fs.writeFileSync(p, 'x'));
  rec('read', () => fs.readFileSync(p, 'utf8'));
  rec('append', () => fs.appendFileSync(p, 'yz'));
  rec('append buffer', () => fs.appendFileSync(p, Buffer.from('!?')));
  rec('append Uint8Array', () => fs.appendFileSync(p, new Uint8Array([65, 66])));
  rec('read again', () => fs.readFileSync(p, 'utf8'));
  rec('append creates', () => fs.appendFileSync(dir + '/new', 'fresh'));
  rec('read created', () => fs.readFileSync(dir + '/new', 'utf8'));
});

scenario('appendFileSync options', (dir) => {
  const p = dir + '/f';
  rec('append with encoding string', () => fs.appendFileSync(p, '6869', 'hex'));
  rec('append with options', () => fs.appendFileSync(p, 'aGk=', { encoding: 'base64' }));
  rec('append flag w truncates', () => fs.appendFileSync(p, 'W', { flag: 'w' }));
  rec('read 1', () => fs.readFileSync(p, 'utf8'));
  rec('append flag r is still append?', () => fs.appendFileSync(p, 'R', { flag: 'r' }));
  rec('read 2', () => fs.readFileSync(p, 'utf8'));
  rec('append flag ax on existing', () => fs.appendFileSync(p, 'no', { flag: 'ax' }));
  rec('append flag ax on new', () => fs.appendFileSync(dir + '/g', 'yes', { flag: 'ax' }));
  rec('append flag a+', () => fs.appendFileSync(p, '+', { flag: 'a+' }));
  rec('read 3', () => fs.readFileSync(p, 'utf8'));
  rec('append number data', () => fs.appendFileSync(p, 5));
  rec('append null data', () => fs.appendFileSync(p, null));
  rec('append bad options', () => fs.appendFileSync(p, 'x', 42));
});

scenario('writeFileSync flags', (dir) => {
  const p = dir + '/f';
  rec('w creates', () => fs.writeFileSync(p, 'abc', { flag: 'w' }));
  rec('wx on existing', () => fs.writeFileSync(p, 'no', { flag: 'wx' }));
  rec('xw on existing', () => fs.writeFileSync(p, 'no', { flag: 'xw' }));
  rec('wx on new', () => fs.writeFileSync(dir + '/g', 'new', { flag: 'wx' }));
  rec('a appends', () => fs.writeFileSync(p, 'def', { flag: 'a' }));
  rec('read after a', () => fs.readFileSync(p, 'utf8'));
  rec('r+ overwrites in place', () => fs.writeFileSync(p, 'XY', { flag: 'r+' }));
  rec('read after r+', () => fs.readFileSync(p, 'utf8'));
  rec('r+ on missing', () => fs.writeFileSync(dir + '/missing', 'x', { flag: 'r+' }));
  rec('r (read-only) write', () => fs.writeFileSync(p, 'x', { flag: 'r' }));
  rec('w+ truncates', () => fs.writeFileSync(p, 'w+', { flag: 'w+' }));
  rec('read after w+', () => fs.readFileSync(p, 'utf8'));
  rec('a+ appends', () => fs.writeFileSync(p, '!', { flag: 'a+' }));
  rec('ax on existing', () => fs.writeFileSync(p, '!', { flag: 'ax' }));
  rec('ax+ on new', () => fs.writeFileSync(dir + '/h', 'h', { flag: 'ax+' }));
  rec('wx+ on existing', () => fs.writeFileSync(p, '!', { flag: 'wx+' }));
  rec('as', () => fs.writeFileSync(p, 's', { flag: 'as' }));
  rec('as+', () => fs.writeFileSync(p, 'S', { flag: 'as+' }));
  rec('rs+', () => fs.writeFileSync(p, 'R', { flag: 'rs+' }));
  rec('read final', () => fs.readFileSync(p, 'utf8'));
});

scenario('readFileSync flags', (dir) => {
  const p = dir + '/f';
  fs.writeFileSync(p, 'content');
  rec('r', () => fs.readFileSync(p, { encoding: 'utf8', flag: 'r' }));
  rec('rs', () => fs.readFileSync(p, { encoding: 'utf8', flag: 'rs' }));
  rec('r+', () => fs.readFileSync(p, { encoding: 'utf8', flag: 'r+' }));
  rec('a+ reads whole file', () => fs.readFileSync(p, { encoding: 'utf8', flag: 'a+' }));
  rec('a+ creates missing', () => fs.readFileSync(dir + '/created-by-read', { encoding: 'utf8', flag: 'a+' }));
  rec('w+ truncates then reads', () => fs.readFileSync(dir + '/g', { encoding: 'utf8', flag: 'w+' }));
  rec('w (write-only) read', () => fs.readFileSync(p, { encoding: 'utf8', flag: 'w' }));
  rec('content after failed read with w', () => fs.readFileSync(p, 'utf8'));
  rec('wx on existing', () => fs.readFileSync(p, { flag: 'wx' }));
  rec('unknown flag', () => fs.readFileSync(p, { flag: 'q' }));
  rec('flag number', () => fs.readFileSync(p, { encoding: 'utf8', flag: fs.constants.O_RDONLY }));
  rec('flag object', () => fs.readFileSync(p, { flag: {} }));
  rec('flag null', () => fs.readFileSync(p, { encoding: 'utf8', flag: null }));
  rec('flag empty string', () => fs.readFileSync(p, { flag: '' }));
  rec('flag uppercase R', () => fs.readFileSync(p, { flag: 'R' }));
});

scenario('numeric flags', (dir) => {
  const c = fs.constants;
  const p = dir + '/f';
  rec('O_WRONLY|O_CREAT', () => fs.writeFileSync(p, 'one', { flag: c.O_WRONLY | c.O_CREAT }));
  rec('O_WRONLY|O_CREAT does not truncate', () => { fs.writeFileSync(p, 'X', { flag: c.O_WRONLY | c.O_CREAT }); return fs.readFileSync(p, 'utf8'); });
  rec('O_WRONLY|O_TRUNC', () => { fs.writeFileSync(p, 'T', { flag: c.O_WRONLY | c.O_TRUNC }); return fs.readFileSync(p, 'utf8'); });
  rec('O_WRONLY|O_APPEND', () => { fs.writeFileSync(p, 'A', { flag: c.O_WRONLY | c.O_APPEND }); return fs.readFileSync(p, 'utf8'); });
  rec('O_CREAT|O_EXCL existing', () => fs.writeFileSync(p, 'E', { flag: c.O_WRONLY | c.O_CREAT | c.O_EXCL }));
  rec('O_RDONLY write', () => fs.writeFileSync(p, 'R', { flag: c.O_RDONLY }));
  rec('O_WRONLY missing', () => fs.writeFileSync(dir + '/nope', 'x', { flag: c.O_WRONLY }));
  rec('read O_RDWR', () => fs.readFileSync(p, { encoding: 'utf8', flag: c.O_RDWR }));
  rec('flag -1', () => fs.readFileSync(p, { flag: -1 }));
  rec('flag 1.5', () => fs.readFileSync(p, { flag: 1.5 }));
});

scenario('mode option on create', (dir) => {
  rec('mode 0o600', () => { fs.writeFileSync(dir + '/a', 'a', { mode: 0o600 }); return fs.statSync(dir + '/a'); }, { mode: true });
  rec('mode string "640"', () => { fs.writeFileSync(dir + '/b', 'b', { mode: '640' }); return fs.statSync(dir + '/b'); }, { mode: true });
  rec('mode ignored when file exists', () => { fs.writeFileSync(dir + '/a', 'a2', { mode: 0o777 }); return fs.statSync(dir + '/a'); }, { mode: true });
  rec('append mode 0o604', () => { fs.appendFileSync(dir + '/c', 'c', { mode: 0o604 }); return fs.statSync(dir + '/c'); }, { mode: true });
  rec('mode bad string', () => fs.writeFileSync(dir + '/d', 'd', { mode: 'rwx' }));
  rec('mode negative', () => fs.writeFileSync(dir + '/d', 'd', { mode: -1 }));
  rec('mode fractional', () => fs.writeFileSync(dir + '/d', 'd', { mode: 1.5 }));
  rec('mode too big', () => fs.writeFileSync(dir + '/d', 'd', { mode: 2 ** 32 }));
  rec('mode object', () => fs.writeFileSync(dir + '/d', 'd', { mode: {} }));
  rec('d exists', () => fs.existsSync(dir + '/d'));
});

scenario('read and write through fds', (dir) => {
  const p = dir + '/f';
  fs.writeFileSync(p, '0123456789');
  const fd = fs.openSync(p, 'r+');
  rec('read fd from start', () => fs.readFileSync(fd, 'utf8'));
  rec('read fd at EOF is empty', () => fs.readFileSync(fd, 'utf8'));
  const fd2 = fs.openSync(p, 'r');
  rec('readSync 3 bytes moves position', () => fs.readSync(fd2, Buffer.alloc(3), 0, 3, null));
  rec('readFileSync reads the rest', () => fs.readFileSync(fd2, 'utf8'));
  rec('writeFileSync fd writes at current position', () => fs.writeFileSync(fd, 'AB'));
  rec('content', () => fs.readFileSync(p, 'utf8'));
  rec('appendFileSync fd', () => fs.appendFileSync(fd, 'CD'));
  rec('content 2', () => fs.readFileSync(p, 'utf8'));
  rec('writeFileSync fd with encoding', () => fs.writeFileSync(fd, '4142', 'hex'));
  rec('content 3', () => fs.readFileSync(p, 'utf8'));
  fs.closeSync(fd);
  fs.closeSync(fd2);
  const wfd = fs.openSync(p, 'w');
  rec('readFileSync on write-only fd', () => fs.readFileSync(wfd));
  fs.closeSync(wfd);
  const rfd = fs.openSync(p, 'r');
  rec('writeFileSync on read-only fd', () => fs.writeFileSync(rfd, 'x'));
  fs.closeSync(rfd);
  rec('readFileSync on closed fd', () => fs.readFileSync(rfd));
  rec('writeFileSync on closed fd', () => fs.writeFileSync(rfd, 'x'));
});

scenario('readFileSync/writeFileSync never-opened fds', () => {
  rec('read fd 9999', () => fs.readFileSync(9999));
  rec('write fd 9999', () => fs.writeFileSync(9999, 'x'));
  rec('append fd 9999', () => fs.appendFileSync(9999, 'x'));
  rec('read fd -1', () => fs.readFileSync(-1));
  rec('read fd 1.5', () => fs.readFileSync(1.5));
  rec('read fd 2**31', () => fs.readFileSync(2 ** 31));
  rec('write fd -1', () => fs.writeFileSync(-1, 'x'));
});

scenario('large and empty files', (dir) => {
  const big = pattern(3 * 1024 * 1024 + 7);
  rec('write 3 MiB', () => fs.writeFileSync(dir + '/big', big));
  rec('read back equal', () => sameBytes(fs.readFileSync(dir + '/big'), big));
  rec('read as latin1 length', () => fs.readFileSync(dir + '/big', 'latin1').length);
  rec('write empty', () => fs.writeFileSync(dir + '/empty', ''));
  rec('read empty utf8', () => fs.readFileSync(dir + '/empty', 'utf8'));
  rec('read empty buffer', () => fs.readFileSync(dir + '/empty'));
  rec('append to empty', () => { fs.appendFileSync(dir + '/empty', ''); return fs.readFileSync(dir + '/empty'); });
  rec('long string', () => { const s = 'ab✓'.repeat(100000); fs.writeFileSync(dir + '/s', s); return fs.readFileSync(dir + '/s', 'utf8') === s; });
  fs.unlinkSync(dir + '/big');
  fs.unlinkSync(dir + '/s');
});

scenario('read and write errors', (dir) => {
  fs.mkdirSync(dir + '/sub');
  fs.writeFileSync(dir + '/file', 'x');
  rec('read missing', () => fs.readFileSync(dir + '/nope.txt'));
  rec('read directory', () => fs.readFileSync(dir + '/sub'));
  rec('read directory utf8', () => fs.readFileSync(dir + '/sub', 'utf8'));
  rec('read directory trailing slash', () => fs.readFileSync(dir + '/sub/'));
  rec('read through a file', () => fs.readFileSync(dir + '/file/z'));
  rec('read file with trailing slash', () => fs.readFileSync(dir + '/file/'));
  rec('write into missing dir', () => fs.writeFileSync(dir + '/missing/f', 'x'));
  rec('write onto a directory', () => fs.writeFileSync(dir + '/sub', 'x'));
  rec('write onto directory with a', () => fs.writeFileSync(dir + '/sub', 'x', { flag: 'a' }));
  rec('write through a file', () => fs.writeFileSync(dir + '/file/z', 'x'));
  rec('write trailing slash new', () => fs.writeFileSync(dir + '/newfile/', 'x'));
  rec('append onto a directory', () => fs.appendFileSync(dir + '/sub', 'x'));
  rec('read empty path', () => fs.readFileSync(''));
  rec('write empty path', () => fs.writeFileSync('', 'x'));
  rec('append empty path', () => fs.appendFileSync('', 'x'));
});

scenario('Buffer and Uint8Array paths', (dir) => {
  fs.writeFileSync(dir + '/f', 'via buffer path');
  rec('read Buffer path', () => fs.readFileSync(Buffer.from(dir + '/f'), 'utf8'));
  rec('read Uint8Array path', () => fs.readFileSync(new Uint8Array(Buffer.from(dir + '/f')), 'utf8'));
  rec('write Buffer path', () => fs.writeFileSync(Buffer.from(dir + '/g'), 'g'));
  rec('read g', () => fs.readFileSync(dir + '/g', 'utf8'));
  rec('missing Buffer path error', () => fs.readFileSync(Buffer.from(dir + '/none')));
  rec('Buffer path with null byte', () => fs.readFileSync(Buffer.from('/no\u0000such')));
  rec('exists Buffer path', () => fs.existsSync(Buffer.from(dir + '/f')));
});

scenario('flush option', (dir) => {
  rec('writeFileSync flush true', () => fs.writeFileSync(dir + '/f', 'flushed', { flush: true }));
  rec('appendFileSync flush true', () => fs.appendFileSync(dir + '/f', '!', { flush: true }));
  rec('read', () => fs.readFileSync(dir + '/f', 'utf8'));
  rec('flush not boolean', () => fs.writeFileSync(dir + '/g', 'x', { flush: 'yes' }));
});

scenario('holes and sparse files via positioned writes', (dir) => {
  const p = dir + '/sparse';
  const fd = fs.openSync(p, 'w');
  rec('write at 10', () => fs.writeSync(fd, 'end', 10));
  fs.closeSync(fd);
  rec('size', () => fs.statSync(p).size);
  rec('read back zeros', () => fs.readFileSync(p));
  rec('read as hex', () => fs.readFileSync(p, 'hex'));
});
