// statSync / lstatSync / fstatSync and their options.

scenario('stat a file, a directory, a symlink', (dir) => {
  fs.writeFileSync(dir + '/f', 'hello');
  fs.mkdirSync(dir + '/d');
  fs.symlinkSync('f', dir + '/link');
  fs.symlinkSync('d', dir + '/dlink');
  rec('stat file', () => fs.statSync(dir + '/f'));
  rec('stat dir', () => fs.statSync(dir + '/d'));
  rec('stat link follows', () => fs.statSync(dir + '/link'));
  rec('lstat link', () => fs.lstatSync(dir + '/link'));
  rec('lstat file', () => fs.lstatSync(dir + '/f'));
  rec('stat dir link', () => fs.statSync(dir + '/dlink'));
  rec('lstat dir link', () => fs.lstatSync(dir + '/dlink'));
  rec('lstat dir link trailing slash follows', () => fs.lstatSync(dir + '/dlink/'));
});

scenario('Stats field types and methods', (dir) => {
  fs.writeFileSync(dir + '/f', 'abc');
  const st = fs.statSync(dir + '/f');
  rec('instanceof fs.Stats', () => st instanceof fs.Stats);
  rec('own enumerable keys', () => Object.keys(st).sort());
  rec('field types', () => Object.keys(st).sort().map((k) => k + ':' + typeof st[k]));
  rec('dates are Dates', () => [st.atime instanceof Date, st.mtime instanceof Date, st.ctime instanceof Date, st.birthtime instanceof Date]);
  rec('mtimeMs matches mtime', () => Math.abs(st.mtimeMs - st.mtime.getTime()) < 1);
  rec('mode has S_IFREG', () => (st.mode & fs.constants.S_IFMT) === fs.constants.S_IFREG);
  rec('blksize positive', () => st.blksize > 0);
  rec('blocks is integer', () => Number.isInteger(st.blocks));
  rec('ino positive', () => st.ino > 0);
  rec('dev is number', () => typeof st.dev);
  rec('uid and gid', () => [st.uid, st.gid]);
});

scenario('sizes track writes', (dir) => {
  const p = dir + '/f';
  fs.writeFileSync(p, '');
  rec('empty', () => fs.statSync(p).size);
  fs.writeFileSync(p, 'x'.repeat(5000));
  rec('5000', () => fs.statSync(p).size);
  fs.appendFileSync(p, '✓');
  rec('5003', () => fs.statSync(p).size);
  fs.writeFileSync(p, 'ab');
  rec('2 after truncating write', () => fs.statSync(p).size);
});

scenario('bigint stats', (dir) => {
  fs.writeFileSync(dir + '/f', 'hello');
  fs.mkdirSync(dir + '/d');
  rec('stat bigint', () => fs.statSync(dir + '/f', { bigint: true }));
  rec('lstat bigint', () => fs.lstatSync(dir + '/d', { bigint: true }));
  const st = fs.statSync(dir + '/f', { bigint: true });
  rec('field types', () => Object.keys(st).sort().map((k) => k + ':' + typeof st[k]));
  rec('ns fields', () => ['atimeNs', 'mtimeNs', 'ctimeNs', 'birthtimeNs'].map((k) => typeof st[k]));
  rec('instanceof fs.Stats', () => st instanceof fs.Stats);
  rec('mtimeNs consistent with mtimeMs', () => st.mtimeNs / 1000000n === st.mtimeMs);
  rec('bigint false', () => fs.statSync(dir + '/f', { bigint: false }));
  rec('bigint truthy non-boolean', () => fs.statSync(dir + '/f', { bigint: 1 }));
});

scenario('throwIfNoEntry', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  rec('stat missing false', () => fs.statSync(dir + '/missing', { throwIfNoEntry: false }));
  rec('lstat missing false', () => fs.lstatSync(dir + '/missing', { throwIfNoEntry: false }));
  rec('stat missing true', () => fs.statSync(dir + '/missing', { throwIfNoEntry: true }));
  rec('stat missing default', () => fs.statSync(dir + '/missing'));
  rec('existing false', () => fs.statSync(dir + '/f', { throwIfNoEntry: false }));
  rec('ENOTDIR still throws', () => fs.statSync(dir + '/f/x', { throwIfNoEntry: false }));
  rec('missing parent false', () => fs.statSync(dir + '/nope/x', { throwIfNoEntry: false }));
  rec('bigint and false', () => fs.statSync(dir + '/missing', { bigint: true, throwIfNoEntry: false }));
  rec('non-boolean', () => fs.statSync(dir + '/missing', { throwIfNoEntry: 0 }));
  rec('empty path false', () => fs.statSync('', { throwIfNoEntry: false }));
});

scenario('stat errors', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  rec('missing', () => fs.statSync(dir + '/missing'));
  rec('lstat missing', () => fs.lstatSync(dir + '/missing'));
  rec('through file', () => fs.statSync(dir + '/f/x'));
  rec('file trailing slash', () => fs.statSync(dir + '/f/'));
  rec('lstat file trailing slash', () => fs.lstatSync(dir + '/f/'));
  rec('empty path', () => fs.statSync(''));
  rec('lstat empty path', () => fs.lstatSync(''));
  rec('name too long', () => fs.statSync(dir + '/' + 'x'.repeat(300)));
  rec('null byte', () => fs.statSync(dir + '/f\u0000'));
  rec('number path', () => fs.statSync(123));
  rec('undefined path', () => fs.statSync());
  rec('options not object', () => fs.statSync(dir + '/f', 'bigint'));
});

scenario('stat of a dangling symlink and a loop', (dir) => {
  fs.symlinkSync('nowhere', dir + '/dangling');
  fs.symlinkSync('loop2', dir + '/loop1');
  fs.symlinkSync('loop1', dir + '/loop2');
  rec('stat dangling', () => fs.statSync(dir + '/dangling'));
  rec('lstat dangling', () => fs.lstatSync(dir + '/dangling'));
  rec('stat dangling no throw', () => fs.statSync(dir + '/dangling', { throwIfNoEntry: false }));
  rec('stat loop', () => fs.statSync(dir + '/loop1'));
  rec('lstat loop', () => fs.lstatSync(dir + '/loop1'));
  rec('stat through loop', () => fs.statSync(dir + '/loop1/x'));
  rec('exists loop', () => fs.existsSync(dir + '/loop1'));
});

scenario('fstatSync', (dir) => {
  fs.writeFileSync(dir + '/f', 'twelve bytes');
  const fd = fs.openSync(dir + '/f', 'r');
  rec('fstat', () => fs.fstatSync(fd));
  rec('fstat bigint', () => fs.fstatSync(fd, { bigint: true }));
  const dfd = fs.openSync(dir, 'r');
  rec('fstat dir fd', () => fs.fstatSync(dfd));
  fs.closeSync(dfd);
  const wfd = fs.openSync(dir + '/g', 'w');
  fs.writeSync(wfd, 'abc');
  rec('fstat sees unflushed size', () => fs.fstatSync(wfd).size);
  fs.closeSync(wfd);
  fs.closeSync(fd);
  rec('fstat closed fd', () => fs.fstatSync(fd));
  rec('fstat 9999', () => fs.fstatSync(9999));
  rec('fstat -1', () => fs.fstatSync(-1));
  rec('fstat 1.5', () => fs.fstatSync(1.5));
  rec('fstat string', () => fs.fstatSync('3'));
  rec('fstat undefined', () => fs.fstatSync());
  rec('fstat 2**31', () => fs.fstatSync(2 ** 31));
});

scenario('stat after unlink via open fd', (dir) => {
  fs.writeFileSync(dir + '/f', 'still here');
  const fd = fs.openSync(dir + '/f', 'r');
  fs.unlinkSync(dir + '/f');
  rec('fstat unlinked', () => fs.fstatSync(fd));
  rec('read unlinked', () => fs.readFileSync(fd, 'utf8'));
  rec('stat path', () => fs.statSync(dir + '/f', { throwIfNoEntry: false }));
  fs.closeSync(fd);
});

scenario('stat directory trailing slashes and dots', (dir) => {
  fs.mkdirSync(dir + '/d');
  rec('d/', () => fs.statSync(dir + '/d/').isDirectory());
  rec('d//', () => fs.statSync(dir + '/d//').isDirectory());
  rec('d/.', () => fs.statSync(dir + '/d/.').isDirectory());
  rec('d/..', () => fs.statSync(dir + '/d/..').isDirectory());
  rec('d/../d', () => fs.statSync(dir + '/d/../d').isDirectory());
  rec('missing/..', () => fs.statSync(dir + '/missing/..'));
  rec('/', () => fs.statSync('/').isDirectory());
});

scenario('nlink counts hard links', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  rec('one', () => fs.statSync(dir + '/f').nlink);
  fs.linkSync(dir + '/f', dir + '/g');
  rec('two', () => fs.statSync(dir + '/f').nlink);
  rec('same ino', () => fs.statSync(dir + '/f').ino === fs.statSync(dir + '/g').ino);
  fs.unlinkSync(dir + '/f');
  rec('one again', () => fs.statSync(dir + '/g').nlink);
});
