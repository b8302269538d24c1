// existsSync, accessSync and fs.constants.

scenario('fs.constants', () => {
  const c = fs.constants;
  const names = ['F_OK', 'R_OK', 'W_OK', 'X_OK', 'O_RDONLY', 'O_WRONLY', 'O_RDWR', 'O_CREAT', 'O_EXCL', 'O_NOCTTY', 'O_TRUNC',
    'O_APPEND', 'O_DIRECTORY', 'O_NOATIME', 'O_NOFOLLOW', 'O_SYNC', 'O_DSYNC', 'O_DIRECT', 'O_NONBLOCK', 'S_IFMT', 'S_IFREG',
    'S_IFDIR', 'S_IFCHR', 'S_IFBLK', 'S_IFIFO', 'S_IFLNK', 'S_IFSOCK', 'S_IRWXU', 'S_IRUSR', 'S_IWUSR', 'S_IXUSR', 'S_IRWXG',
    'S_IRGRP', 'S_IWGRP', 'S_IXGRP', 'S_IRWXO', 'S_IROTH', 'S_IWOTH', 'S_IXOTH', 'UV_FS_COPYFILE_EXCL', 'COPYFILE_EXCL',
    'UV_FS_COPYFILE_FICLONE', 'COPYFILE_FICLONE', 'UV_FS_COPYFILE_FICLONE_FORCE', 'COPYFILE_FICLONE_FORCE', 'UV_FS_SYMLINK_DIR',
    'UV_FS_SYMLINK_JUNCTION', 'UV_DIRENT_UNKNOWN', 'UV_DIRENT_FILE', 'UV_DIRENT_DIR', 'UV_DIRENT_LINK', 'UV_DIRENT_FIFO',
    'UV_DIRENT_SOCKET', 'UV_DIRENT_CHAR', 'UV_DIRENT_BLOCK', 'UV_FS_O_FILEMAP'];
  for (const n of names) rec(n, () => c[n]);
  rec('frozen', () => Object.isFrozen(c));
  rec('top-level F_OK', () => [fs.F_OK, fs.R_OK, fs.W_OK, fs.X_OK]);
});

scenario('existsSync on files, dirs and odd input', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  fs.mkdirSync(dir + '/d');
  rec('file', () => fs.existsSync(dir + '/f'));
  rec('dir', () => fs.existsSync(dir + '/d'));
  rec('dir trailing slash', () => fs.existsSync(dir + '/d/'));
  rec('file trailing slash', () => fs.existsSync(dir + '/f/'));
  rec('through file', () => fs.existsSync(dir + '/f/x'));
  rec('missing', () => fs.existsSync(dir + '/missing'));
  rec('dot', () => fs.existsSync(dir + '/.'));
  rec('dotdot', () => fs.existsSync(dir + '/d/..'));
  rec('double slash', () => fs.existsSync(dir + '//f'));
  rec('empty string', () => fs.existsSync(''));
  rec('no argument', () => fs.existsSync());
  rec('undefined', () => fs.existsSync(undefined));
  rec('null', () => fs.existsSync(null));
  rec('number', () => fs.existsSync(42));
  rec('object', () => fs.existsSync({}));
  rec('function', () => fs.existsSync(() => {}));
  rec('symbol', () => fs.existsSync(Symbol('x')));
  rec('boolean', () => fs.existsSync(true));
  rec('null byte', () => fs.existsSync(dir + '/f\u0000'));
  rec('Buffer', () => fs.existsSync(Buffer.from(dir + '/f')));
  rec('300-char name', () => fs.existsSync(dir + '/' + 'n'.repeat(300)));
});

scenario('accessSync modes', (dir) => {
  const c = fs.constants;
  fs.writeFileSync(dir + '/f', 'x');
  fs.mkdirSync(dir + '/d');
  rec('F_OK file', () => fs.accessSync(dir + '/f'));
  rec('F_OK explicit', () => fs.accessSync(dir + '/f', c.F_OK));
  rec('R_OK', () => fs.accessSync(dir + '/f', c.R_OK));
  rec('W_OK', () => fs.accessSync(dir + '/f', c.W_OK));
  rec('R_OK|W_OK', () => fs.accessSync(dir + '/f', c.R_OK | c.W_OK));
  rec('X_OK on non-executable file', () => fs.accessSync(dir + '/f', c.X_OK));
  rec('X_OK on dir', () => fs.accessSync(dir + '/d', c.X_OK));
  rec('all on dir', () => fs.accessSync(dir + '/d', c.R_OK | c.W_OK | c.X_OK));
  rec('missing', () => fs.accessSync(dir + '/missing'));
  rec('missing W_OK', () => fs.accessSync(dir + '/missing', c.W_OK));
  rec('through file', () => fs.accessSync(dir + '/f/x'));
  rec('file trailing slash', () => fs.accessSync(dir + '/f/'));
  rec('empty path', () => fs.accessSync(''));
});

scenario('accessSync with executable mode', (dir) => {
  const c = fs.constants;
  fs.writeFileSync(dir + '/script', '#!/bin/sh\n', { mode: 0o755 });
  rec('X_OK', () => fs.accessSync(dir + '/script', c.X_OK));
  rec('chmod 0', () => fs.chmodSync(dir + '/script', 0));
  rec('X_OK after chmod 0', () => fs.accessSync(dir + '/script', c.X_OK));
  // Back to a readable mode: reading a mode-0 file is permission-dependent (root may).
  fs.chmodSync(dir + '/script', 0o644);
});

scenario('accessSync bad arguments', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  rec('mode 8', () => fs.accessSync(dir + '/f', 8));
  rec('mode -1', () => fs.accessSync(dir + '/f', -1));
  rec('mode 1.5', () => fs.accessSync(dir + '/f', 1.5));
  rec('mode string', () => fs.accessSync(dir + '/f', 'r'));
  rec('mode null', () => fs.accessSync(dir + '/f', null));
  rec('mode object', () => fs.accessSync(dir + '/f', {}));
  rec('path number', () => fs.accessSync(1));
  rec('path undefined', () => fs.accessSync());
  rec('path null byte', () => fs.accessSync(dir + '/f\u0000'));
  rec('path object', () => fs.accessSync({ path: dir + '/f' }));
});

scenario('access and exists callbacks', async (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  await recCallback('access ok', (cb) => fs.access(dir + '/f', cb));
  await recCallback('access W_OK', (cb) => fs.access(dir + '/f', fs.constants.W_OK, cb));
  await recCallback('access missing', (cb) => fs.access(dir + '/missing', cb));
  await recCallback('access bad mode', (cb) => fs.access(dir + '/f', 99, cb));
  await recCallback('access bad path', (cb) => fs.access(42, cb));
  await recCallback('exists file', (cb) => fs.exists(dir + '/f', cb));
  await recCallback('exists missing', (cb) => fs.exists(dir + '/missing', cb));
  await recCallback('exists bad path', (cb) => fs.exists(42, cb));
  rec('access without callback', () => fs.access(dir + '/f'));
  rec('exists without callback', () => fs.exists(dir + '/f'));
});

scenario('promises.access', async (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  await recAsync('ok', () => fs.promises.access(dir + '/f'));
  await recAsync('R_OK', () => fs.promises.access(dir + '/f', fs.constants.R_OK));
  await recAsync('missing', () => fs.promises.access(dir + '/missing'));
  await recAsync('bad mode', () => fs.promises.access(dir + '/f', 99));
  await recAsync('bad path', () => fs.promises.access(null));
});
