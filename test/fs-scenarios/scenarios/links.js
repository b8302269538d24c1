// symlinkSync, readlinkSync, realpathSync (+ .native), linkSync.

scenario('symlinkSync and readlinkSync', (dir) => {
  fs.writeFileSync(dir + '/target', 'T');
  rec('relative symlink', () => fs.symlinkSync('target', dir + '/rel'));
  rec('absolute symlink', () => fs.symlinkSync(dir + '/target', dir + '/abs'));
  rec('read through relative', () => fs.readFileSync(dir + '/rel', 'utf8'));
  rec('read through absolute', () => fs.readFileSync(dir + '/abs', 'utf8'));
  rec('readlink relative', () => fs.readlinkSync(dir + '/rel'));
  rec('readlink absolute', () => fs.readlinkSync(dir + '/abs'));
  rec('readlink buffer', () => fs.readlinkSync(dir + '/rel', 'buffer'));
  rec('readlink options buffer', () => fs.readlinkSync(dir + '/rel', { encoding: 'buffer' }));
  rec('readlink hex', () => fs.readlinkSync(dir + '/rel', 'hex'));
  rec('symlink type file', () => fs.symlinkSync('target', dir + '/typed', 'file'));
  rec('symlink type dir', () => fs.symlinkSync('target', dir + '/typed-dir', 'dir'));
  rec('symlink type junction', () => fs.symlinkSync('target', dir + '/junction', 'junction'));
  rec('symlink type bad', () => fs.symlinkSync('target', dir + '/bad-type', 'folder'));
  rec('symlink type null', () => fs.symlinkSync('target', dir + '/null-type', null));
  rec('symlink type number', () => fs.symlinkSync('target', dir + '/num-type', 1));
  rec('write through symlink', () => { fs.writeFileSync(dir + '/rel', 'changed'); return fs.readFileSync(dir + '/target', 'utf8'); });
  rec('append through symlink', () => { fs.appendFileSync(dir + '/abs', '!'); return fs.readFileSync(dir + '/target', 'utf8'); });
});

scenario('symlink targets are not checked', (dir) => {
  rec('dangling', () => fs.symlinkSync('does/not/exist', dir + '/dangling'));
  rec('readlink dangling', () => fs.readlinkSync(dir + '/dangling'));
  rec('exists dangling', () => fs.existsSync(dir + '/dangling'));
  rec('read dangling', () => fs.readFileSync(dir + '/dangling'));
  rec('target with odd characters', () => { fs.symlinkSync('../ sp ace/ü/🎉', dir + '/odd'); return fs.readlinkSync(dir + '/odd'); });
  rec('target very long (1000 chars)', () => { fs.symlinkSync('x/'.repeat(500), dir + '/long'); return fs.readlinkSync(dir + '/long').length; });
  rec('empty target', () => fs.symlinkSync('', dir + '/empty'));
  rec('target is a Buffer', () => { fs.symlinkSync(Buffer.from('buf-target'), dir + '/buf'); return fs.readlinkSync(dir + '/buf'); });
  rec('target with null byte', () => fs.symlinkSync('a\u0000b', dir + '/nul'));
  rec('self-referencing', () => { fs.symlinkSync('self', dir + '/self'); return fs.statSync(dir + '/self'); });
});

scenario('symlinkSync errors', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  fs.mkdirSync(dir + '/d');
  rec('path exists (file)', () => fs.symlinkSync('x', dir + '/f'));
  rec('path exists (dir)', () => fs.symlinkSync('x', dir + '/d'));
  rec('path exists (symlink)', () => { fs.symlinkSync('x', dir + '/l'); return fs.symlinkSync('y', dir + '/l'); });
  rec('missing parent', () => fs.symlinkSync('x', dir + '/no/l'));
  rec('parent is a file', () => fs.symlinkSync('x', dir + '/f/l'));
  rec('path with trailing slash', () => fs.symlinkSync('x', dir + '/ts/'));
  rec('empty path', () => fs.symlinkSync('x', ''));
  rec('name too long', () => fs.symlinkSync('x', dir + '/' + 's'.repeat(300)));
  rec('target number', () => fs.symlinkSync(1, dir + '/n'));
  rec('path number', () => fs.symlinkSync('x', 2));
  rec('path undefined', () => fs.symlinkSync('x'));
  rec('path null byte', () => fs.symlinkSync('x', dir + '/n\u0000'));
});

scenario('readlinkSync errors', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  fs.mkdirSync(dir + '/d');
  rec('regular file', () => fs.readlinkSync(dir + '/f'));
  rec('directory', () => fs.readlinkSync(dir + '/d'));
  rec('missing', () => fs.readlinkSync(dir + '/missing'));
  rec('through file', () => fs.readlinkSync(dir + '/f/x'));
  rec('empty path', () => fs.readlinkSync(''));
  rec('bad encoding', () => fs.readlinkSync(dir + '/f', 'nope'));
  rec('number', () => fs.readlinkSync(1));
  rec('symlink with trailing slash', () => { fs.symlinkSync('d', dir + '/dl'); return fs.readlinkSync(dir + '/dl/'); });
});

scenario('symlinks to directories', (dir) => {
  fs.mkdirSync(dir + '/real');
  fs.writeFileSync(dir + '/real/inside', 'in');
  fs.symlinkSync('real', dir + '/dl');
  rec('read file through dir link', () => fs.readFileSync(dir + '/dl/inside', 'utf8'));
  rec('create file through dir link', () => { fs.writeFileSync(dir + '/dl/new', 'n'); return fs.readdirSync(dir + '/real').sort(); });
  rec('mkdir through dir link', () => fs.mkdirSync(dir + '/dl/sub'));
  rec('readdir link', () => fs.readdirSync(dir + '/dl').sort());
  rec('lstat link', () => fs.lstatSync(dir + '/dl'));
  rec('stat link', () => fs.statSync(dir + '/dl'));
  rec('rmdir link', () => fs.rmdirSync(dir + '/dl'));
  rec('unlink link with trailing slash', () => fs.unlinkSync(dir + '/dl/'));
  rec('symlink chain', () => { fs.symlinkSync('dl', dir + '/dl2'); fs.symlinkSync('dl2', dir + '/dl3'); return fs.readFileSync(dir + '/dl3/inside', 'utf8'); });
  rec('parent-relative target', () => { fs.mkdirSync(dir + '/other'); fs.symlinkSync('../real/inside', dir + '/other/up'); return fs.readFileSync(dir + '/other/up', 'utf8'); });
});

scenario('ELOOP', (dir) => {
  fs.symlinkSync('b', dir + '/a');
  fs.symlinkSync('a', dir + '/b');
  fs.symlinkSync('self', dir + '/self');
  rec('read loop', () => fs.readFileSync(dir + '/a'));
  rec('write loop', () => fs.writeFileSync(dir + '/a', 'x'));
  rec('stat loop', () => fs.statSync(dir + '/self'));
  rec('readdir loop', () => fs.readdirSync(dir + '/a'));
  rec('mkdir under loop', () => fs.mkdirSync(dir + '/a/x'));
  rec('mkdir recursive under loop', () => fs.mkdirSync(dir + '/a/x', { recursive: true }));
  rec('realpath loop', () => fs.realpathSync(dir + '/a'));
  rec('realpath.native loop', () => fs.realpathSync.native(dir + '/a'));
  rec('access loop', () => fs.accessSync(dir + '/a'));
  rec('readlink loop is fine', () => fs.readlinkSync(dir + '/a'));
  rec('unlink loop is fine', () => fs.unlinkSync(dir + '/self'));
  let chain = 'end';
  fs.writeFileSync(dir + '/end', 'reached');
  for (let i = 0; i < 45; i++) { fs.symlinkSync(chain, dir + '/c' + i); chain = 'c' + i; }
  rec('chain of 30', () => fs.readFileSync(dir + '/c29', 'utf8'));
  rec('chain of 40', () => fs.readFileSync(dir + '/c39', 'utf8'));
  rec('chain of 41', () => fs.readFileSync(dir + '/c40', 'utf8'));
  rec('chain of 45', () => fs.readFileSync(dir + '/c44', 'utf8'));
});

scenario('realpathSync', (dir) => {
  fs.mkdirSync(dir + '/a/b', { recursive: true });
  fs.writeFileSync(dir + '/a/b/f', 'x');
  fs.symlinkSync('a/b', dir + '/lb');
  fs.symlinkSync('lb/f', dir + '/lf');
  fs.symlinkSync(dir + '/a', dir + '/abs');
  for (const fn of ['realpathSync', 'realpathSync.native']) {
    const real = fn === 'realpathSync' ? fs.realpathSync : fs.realpathSync.native;
    rec(fn + ' plain', () => real(dir + '/a/b/f'));
    rec(fn + ' through link', () => real(dir + '/lb/f'));
    rec(fn + ' file link', () => real(dir + '/lf'));
    rec(fn + ' absolute link', () => real(dir + '/abs/b'));
    rec(fn + ' dots', () => real(dir + '/a/./b/../b/f'));
    rec(fn + ' dotdot through link', () => real(dir + '/lb/..'));
    rec(fn + ' double slashes', () => real(dir + '//a//b/'));
    rec(fn + ' missing', () => real(dir + '/a/missing'));
    rec(fn + ' through file', () => real(dir + '/a/b/f/x'));
    rec(fn + ' file trailing slash', () => real(dir + '/a/b/f/'));
    rec(fn + ' root', () => real('/'));
    rec(fn + ' buffer encoding', () => real(dir + '/lf', 'buffer'));
    rec(fn + ' options encoding', () => real(dir + '/lf', { encoding: 'hex' }).length > 0);
    rec(fn + ' bad encoding', () => real(dir + '/lf', 'nope'));
    // realpathSync('') and the JS realpathSync(5) resolve against the process cwd: skipped.
    if (fn !== 'realpathSync') rec(fn + ' empty path', () => real(''));
    if (fn !== 'realpathSync') rec(fn + ' number', () => real(5));
    rec(fn + ' null byte', () => real(dir + '\u0000'));
    rec(fn + ' Buffer path', () => real(Buffer.from(dir + '/lf')));
  }
  rec('realpath.native is a function', () => typeof fs.realpathSync.native);
});

scenario('linkSync', (dir) => {
  fs.writeFileSync(dir + '/f', 'shared');
  fs.mkdirSync(dir + '/d');
  rec('link', () => fs.linkSync(dir + '/f', dir + '/g'));
  rec('same content', () => fs.readFileSync(dir + '/g', 'utf8'));
  rec('write via one, read via other', () => { fs.appendFileSync(dir + '/g', '+'); return fs.readFileSync(dir + '/f', 'utf8'); });
  rec('nlink', () => fs.statSync(dir + '/f').nlink);
  rec('unlink original', () => { fs.unlinkSync(dir + '/f'); return fs.readFileSync(dir + '/g', 'utf8'); });
  rec('link exists', () => fs.linkSync(dir + '/g', dir + '/g'));
  rec('link onto existing', () => { fs.writeFileSync(dir + '/h', ''); return fs.linkSync(dir + '/g', dir + '/h'); });
  rec('link missing source', () => fs.linkSync(dir + '/missing', dir + '/x'));
  rec('link directory', () => fs.linkSync(dir + '/d', dir + '/dlink'));
  rec('link into missing dir', () => fs.linkSync(dir + '/g', dir + '/no/x'));
  rec('link to a symlink does not follow', () => { fs.symlinkSync('g', dir + '/sym'); fs.linkSync(dir + '/sym', dir + '/sym-hard'); return fs.lstatSync(dir + '/sym-hard').isSymbolicLink(); });
  rec('link dangling symlink', () => { fs.symlinkSync('nowhere', dir + '/dang'); return fs.linkSync(dir + '/dang', dir + '/dang-hard'); });
  rec('link empty paths', () => fs.linkSync('', ''));
  rec('link bad types', () => fs.linkSync(1, 2));
  rec('link dest null byte', () => fs.linkSync(dir + '/g', dir + '/\u0000'));
});

scenario('link and symlink callbacks and promises', async (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  await recCallback('symlink cb', (cb) => fs.symlink('f', dir + '/s', cb));
  await recCallback('symlink cb type', (cb) => fs.symlink('f', dir + '/s2', 'file', cb));
  await recCallback('symlink cb exists', (cb) => fs.symlink('f', dir + '/s', cb));
  await recCallback('readlink cb', (cb) => fs.readlink(dir + '/s', cb));
  await recCallback('readlink cb buffer', (cb) => fs.readlink(dir + '/s', 'buffer', cb));
  await recCallback('readlink cb not a link', (cb) => fs.readlink(dir + '/f', cb));
  await recCallback('realpath cb', (cb) => fs.realpath(dir + '/s', cb));
  await recCallback('realpath.native cb', (cb) => fs.realpath.native(dir + '/s', cb));
  await recCallback('realpath cb missing', (cb) => fs.realpath(dir + '/missing', cb));
  await recCallback('link cb', (cb) => fs.link(dir + '/f', dir + '/h', cb));
  await recCallback('link cb exists', (cb) => fs.link(dir + '/f', dir + '/h', cb));
  await recAsync('promises.symlink', () => fs.promises.symlink('f', dir + '/ps'));
  await recAsync('promises.readlink', () => fs.promises.readlink(dir + '/ps'));
  await recAsync('promises.realpath', () => fs.promises.realpath(dir + '/ps'));
  await recAsync('promises.link', () => fs.promises.link(dir + '/f', dir + '/ph'));
  await recAsync('promises.readlink not a link', () => fs.promises.readlink(dir + '/f'));
  await recAsync('promises.realpath missing', () => fs.promises.realpath(dir + '/nope'));
  await recAsync('promises.symlink bad', () => fs.promises.symlink('f', 7));
});

scenario('a symlink target ending in "/" names a directory', (dir) => {
  fs.writeFileSync(dir + '/c', 'x');
  fs.mkdirSync(dir + '/d');
  fs.symlinkSync('c/', dir + '/tofile');
  fs.symlinkSync('d/', dir + '/todir');
  fs.symlinkSync('none/', dir + '/tonothing');
  rec('readlink keeps the slash', () => fs.readlinkSync(dir + '/tofile'));
  rec('stat through to a file', () => fs.statSync(dir + '/tofile'));
  rec('exists through to a file', () => fs.existsSync(dir + '/tofile'));
  rec('lstat of the link', () => fs.lstatSync(dir + '/tofile').isSymbolicLink());
  rec('open through to a file', () => fs.openSync(dir + '/tofile', 'r'));
  rec('open through to a file, O_CREAT', () => fs.openSync(dir + '/tofile', 'w'));
  rec('open through to nothing, O_CREAT', () => fs.openSync(dir + '/tonothing', 'w'));
  rec('readFile through to a file', () => fs.readFileSync(dir + '/tofile', 'utf8'));
  rec('mkdir -p of the link', () => fs.mkdirSync(dir + '/tofile', { recursive: true }));
  rec('realpath through to a file', () => fs.realpathSync(dir + '/tofile'));
  rec('a path through it', () => fs.statSync(dir + '/tofile/x'));
  rec('stat through to a dir', () => fs.statSync(dir + '/todir').isDirectory());
  rec('readdir through to a dir', () => fs.readdirSync(dir + '/todir'));
  rec('write through to a dir', () => fs.writeFileSync(dir + '/todir/f', 'y'));
  rec('file c unchanged', () => fs.readFileSync(dir + '/c', 'utf8'));
});

scenario('creating through a symlink whose target ends in "/"', (dir) => {
  fs.symlinkSync('c//', dir + '/c');
  rec('append through a link to itself with //', () => fs.appendFileSync(dir + '/c', 'x'));
  fs.mkdirSync(dir + '/d');
  fs.symlinkSync('d/', dir + '/l1');
  rec('write through to a dir', () => fs.writeFileSync(dir + '/l1', 'x'));
  fs.symlinkSync('nodir/x/', dir + '/l2');
  rec('write through to a missing parent', () => fs.writeFileSync(dir + '/l2', 'x'));
  fs.symlinkSync('newfile/', dir + '/l3');
  rec('write through to nothing', () => fs.writeFileSync(dir + '/l3', 'x'));
  rec('nothing made', () => fs.existsSync(dir + '/newfile'));
  fs.symlinkSync('l5/', dir + '/l5b');
  fs.symlinkSync('missing', dir + '/l5');
  rec('write through a chain', () => fs.writeFileSync(dir + '/l5b', 'x'));
});
