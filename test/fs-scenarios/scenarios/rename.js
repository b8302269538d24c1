// renameSync and its Linux rename(2) semantics.

scenario('rename a file', (dir) => {
  fs.writeFileSync(dir + '/a', 'A');
  rec('rename', () => fs.renameSync(dir + '/a', dir + '/b'));
  rec('old gone', () => fs.existsSync(dir + '/a'));
  rec('new content', () => fs.readFileSync(dir + '/b', 'utf8'));
  rec('rename to itself', () => fs.renameSync(dir + '/b', dir + '/b'));
  rec('rename into subdirectory', () => { fs.mkdirSync(dir + '/sub'); return fs.renameSync(dir + '/b', dir + '/sub/b'); });
  rec('rename back up', () => fs.renameSync(dir + '/sub/b', dir + '/c'));
  rec('rename with Buffer paths', () => fs.renameSync(Buffer.from(dir + '/c'), Buffer.from(dir + '/d')));
});

scenario('rename over an existing file replaces it', (dir) => {
  fs.writeFileSync(dir + '/a', 'new');
  fs.writeFileSync(dir + '/b', 'old old old');
  rec('rename over', () => fs.renameSync(dir + '/a', dir + '/b'));
  rec('content', () => fs.readFileSync(dir + '/b', 'utf8'));
  rec('size', () => fs.statSync(dir + '/b').size);
  fs.writeFileSync(dir + '/x', 'x');
  fs.linkSync(dir + '/x', dir + '/y');
  rec('rename onto a hard link of itself is a no-op', () => fs.renameSync(dir + '/x', dir + '/y'));
  rec('both still exist', () => [fs.existsSync(dir + '/x'), fs.existsSync(dir + '/y')]);
});

scenario('rename directories', (dir) => {
  fs.mkdirSync(dir + '/d1/inner', { recursive: true });
  fs.writeFileSync(dir + '/d1/inner/f', 'f');
  fs.mkdirSync(dir + '/empty');
  fs.mkdirSync(dir + '/full');
  fs.writeFileSync(dir + '/full/x', 'x');
  rec('rename dir', () => fs.renameSync(dir + '/d1', dir + '/d2'));
  rec('contents moved', () => fs.readFileSync(dir + '/d2/inner/f', 'utf8'));
  rec('dir over empty dir', () => fs.renameSync(dir + '/d2', dir + '/empty'));
  rec('moved over', () => fs.readdirSync(dir + '/empty'));
  rec('dir over non-empty dir', () => fs.renameSync(dir + '/empty', dir + '/full'));
  rec('dir trailing slash source', () => fs.renameSync(dir + '/empty/', dir + '/e2'));
  rec('dir trailing slash dest', () => fs.renameSync(dir + '/e2', dir + '/e3/'));
});

scenario('rename type mismatches', (dir) => {
  fs.writeFileSync(dir + '/file', 'f');
  fs.mkdirSync(dir + '/dir');
  fs.mkdirSync(dir + '/dir2');
  fs.writeFileSync(dir + '/dir2/x', '');
  rec('file over dir', () => fs.renameSync(dir + '/file', dir + '/dir'));
  rec('file over non-empty dir', () => fs.renameSync(dir + '/file', dir + '/dir2'));
  rec('dir over file', () => fs.renameSync(dir + '/dir', dir + '/file'));
  rec('file to path with trailing slash', () => fs.renameSync(dir + '/file', dir + '/newname/'));
  rec('file source with trailing slash', () => fs.renameSync(dir + '/file/', dir + '/newname'));
  rec('everything intact', () => [fs.statSync(dir + '/file').isFile(), fs.statSync(dir + '/dir').isDirectory()]);
});

scenario('rename a directory into itself', (dir) => {
  fs.mkdirSync(dir + '/a/b/c', { recursive: true });
  rec('into own child', () => fs.renameSync(dir + '/a', dir + '/a/b/a'));
  rec('into own grandchild', () => fs.renameSync(dir + '/a', dir + '/a/b/c/x'));
  rec('onto own child', () => fs.renameSync(dir + '/a', dir + '/a/b'));
  rec('child onto parent', () => fs.renameSync(dir + '/a/b', dir + '/a'));
  rec('tree intact', () => fs.readdirSync(dir, { recursive: true }).sort());
});

scenario('rename errors', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  rec('missing source', () => fs.renameSync(dir + '/missing', dir + '/g'));
  rec('missing dest dir', () => fs.renameSync(dir + '/f', dir + '/no/such/g'));
  rec('dest through a file', () => fs.renameSync(dir + '/f', dir + '/f/g'));
  rec('source through a file', () => fs.renameSync(dir + '/f/x', dir + '/g'));
  rec('empty source', () => fs.renameSync('', dir + '/g'));
  rec('empty dest', () => fs.renameSync(dir + '/f', ''));
  rec('dest name too long', () => fs.renameSync(dir + '/f', dir + '/' + 'n'.repeat(300)));
  rec('rename dot', () => { fs.mkdirSync(dir + '/d'); return fs.renameSync(dir + '/d/.', dir + '/e'); });
  rec('rename onto dot', () => fs.renameSync(dir + '/f', dir + '/d/.'));
  rec('rename root', () => fs.renameSync('/', dir + '/root'));
  rec('source number', () => fs.renameSync(1, dir + '/g'));
  rec('dest number', () => fs.renameSync(dir + '/f', 2));
  rec('dest undefined', () => fs.renameSync(dir + '/f'));
  rec('source null byte', () => fs.renameSync(dir + '/f\u0000', dir + '/g'));
  rec('dest null byte', () => fs.renameSync(dir + '/f', dir + '/g\u0000'));
  rec('f intact', () => fs.readFileSync(dir + '/f', 'utf8'));
});

scenario('rename symlinks', (dir) => {
  fs.writeFileSync(dir + '/target', 't');
  fs.symlinkSync('target', dir + '/link');
  fs.symlinkSync('nowhere', dir + '/dangling');
  rec('rename symlink', () => fs.renameSync(dir + '/link', dir + '/link2'));
  rec('link2 is a symlink', () => fs.lstatSync(dir + '/link2').isSymbolicLink());
  rec('rename dangling symlink', () => fs.renameSync(dir + '/dangling', dir + '/dangling2'));
  rec('rename file over symlink', () => { fs.writeFileSync(dir + '/other', 'o'); return fs.renameSync(dir + '/other', dir + '/link2'); });
  rec('target untouched', () => fs.readFileSync(dir + '/target', 'utf8'));
  rec('link2 now a file', () => fs.lstatSync(dir + '/link2').isFile());
});

scenario('rename keeps open fds valid', (dir) => {
  fs.writeFileSync(dir + '/a', 'abc');
  const fd = fs.openSync(dir + '/a', 'r+');
  fs.renameSync(dir + '/a', dir + '/b');
  rec('read through fd', () => fs.readFileSync(fd, 'utf8'));
  rec('write through fd', () => fs.writeSync(fd, 'Z', 0));
  fs.closeSync(fd);
  rec('content at new name', () => fs.readFileSync(dir + '/b', 'utf8'));
});

scenario('rename callback and promise', async (dir) => {
  fs.writeFileSync(dir + '/a', 'A');
  await recCallback('rename cb', (cb) => fs.rename(dir + '/a', dir + '/b', cb));
  await recCallback('rename cb missing', (cb) => fs.rename(dir + '/a', dir + '/c', cb));
  rec('rename cb bad args', () => fs.rename(dir + '/b', null, () => {}));
  rec('rename no cb', () => fs.rename(dir + '/b', dir + '/c'));
  await recAsync('promises.rename', () => fs.promises.rename(dir + '/b', dir + '/c'));
  await recAsync('promises.rename missing', () => fs.promises.rename(dir + '/b', dir + '/d'));
  await recAsync('promises.rename bad', () => fs.promises.rename(dir + '/c', {}));
});
