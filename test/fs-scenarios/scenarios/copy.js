// copyFileSync and cpSync.

scenario('copyFileSync basics', (dir) => {
  fs.writeFileSync(dir + '/src', 'source content');
  rec('copy', () => fs.copyFileSync(dir + '/src', dir + '/dst'));
  rec('content', () => fs.readFileSync(dir + '/dst', 'utf8'));
  rec('copy over existing', () => { fs.writeFileSync(dir + '/dst2', 'something much longer than source'); return fs.copyFileSync(dir + '/src', dir + '/dst2'); });
  rec('overwritten content', () => fs.readFileSync(dir + '/dst2', 'utf8'));
  rec('COPYFILE_EXCL on existing', () => fs.copyFileSync(dir + '/src', dir + '/dst', fs.constants.COPYFILE_EXCL));
  rec('COPYFILE_EXCL on new', () => fs.copyFileSync(dir + '/src', dir + '/dst3', fs.constants.COPYFILE_EXCL));
  rec('COPYFILE_FICLONE', () => fs.copyFileSync(dir + '/src', dir + '/dst4', fs.constants.COPYFILE_FICLONE));
  rec('copy to itself', () => fs.copyFileSync(dir + '/src', dir + '/src'));
  rec('src intact', () => fs.readFileSync(dir + '/src', 'utf8'));
  rec('copy empty file', () => { fs.writeFileSync(dir + '/empty', ''); fs.copyFileSync(dir + '/empty', dir + '/empty2'); return fs.readFileSync(dir + '/empty2'); });
  rec('copy binary', () => { fs.writeFileSync(dir + '/bin', new Uint8Array([0, 1, 255, 0])); fs.copyFileSync(dir + '/bin', dir + '/bin2'); return fs.readFileSync(dir + '/bin2'); });
});

scenario('copyFileSync keeps the mode and follows symlinks', (dir) => {
  fs.writeFileSync(dir + '/src', 'x');
  fs.chmodSync(dir + '/src', 0o640);
  rec('copy', () => fs.copyFileSync(dir + '/src', dir + '/dst'));
  rec('mode copied', () => fs.statSync(dir + '/dst'), { mode: true });
  fs.symlinkSync('src', dir + '/link');
  rec('copy from symlink', () => fs.copyFileSync(dir + '/link', dir + '/fromlink'));
  rec('fromlink is a file', () => fs.lstatSync(dir + '/fromlink').isFile());
  fs.symlinkSync('target-of-link', dir + '/dangling');
  rec('copy onto dangling symlink', () => fs.copyFileSync(dir + '/src', dir + '/dangling'));
  rec('dangling target created?', () => fs.existsSync(dir + '/target-of-link'));
});

scenario('copyFileSync errors', (dir) => {
  fs.writeFileSync(dir + '/src', 'x');
  fs.mkdirSync(dir + '/d');
  rec('missing source', () => fs.copyFileSync(dir + '/missing', dir + '/dst'));
  rec('source is a directory', () => fs.copyFileSync(dir + '/d', dir + '/dst'));
  rec('dest is a directory', () => fs.copyFileSync(dir + '/src', dir + '/d'));
  rec('dest in missing dir', () => fs.copyFileSync(dir + '/src', dir + '/no/dst'));
  rec('dest through a file', () => fs.copyFileSync(dir + '/src', dir + '/src/x'));
  rec('empty source', () => fs.copyFileSync('', dir + '/dst'));
  rec('bad mode', () => fs.copyFileSync(dir + '/src', dir + '/dst', 8));
  rec('negative mode', () => fs.copyFileSync(dir + '/src', dir + '/dst', -1));
  rec('mode string', () => fs.copyFileSync(dir + '/src', dir + '/dst', 'x'));
  rec('source number', () => fs.copyFileSync(1, dir + '/dst'));
  rec('dest missing', () => fs.copyFileSync(dir + '/src'));
  rec('source null byte', () => fs.copyFileSync(dir + '/src\u0000', dir + '/dst'));
  rec('dst exists', () => fs.existsSync(dir + '/dst'));
});

function tree(dir) {
  fs.mkdirSync(dir + '/src/sub/deeper', { recursive: true });
  fs.writeFileSync(dir + '/src/a.txt', 'a');
  fs.writeFileSync(dir + '/src/b.js', 'b');
  fs.writeFileSync(dir + '/src/sub/c.txt', 'c');
  fs.writeFileSync(dir + '/src/sub/deeper/d.txt', 'd');
  fs.mkdirSync(dir + '/src/emptydir');
}

scenario('cpSync files', (dir) => {
  fs.writeFileSync(dir + '/f', 'file');
  rec('copy file', () => fs.cpSync(dir + '/f', dir + '/g'));
  rec('content', () => fs.readFileSync(dir + '/g', 'utf8'));
  rec('copy file over existing (force default)', () => { fs.writeFileSync(dir + '/h', 'old'); fs.cpSync(dir + '/f', dir + '/h'); return fs.readFileSync(dir + '/h', 'utf8'); });
  rec('force false keeps dest', () => { fs.writeFileSync(dir + '/i', 'old'); fs.cpSync(dir + '/f', dir + '/i', { force: false }); return fs.readFileSync(dir + '/i', 'utf8'); });
  rec('errorOnExist', () => fs.cpSync(dir + '/f', dir + '/i', { force: false, errorOnExist: true }));
  rec('errorOnExist ignored with force', () => fs.cpSync(dir + '/f', dir + '/i', { errorOnExist: true }));
  rec('copy into missing dirs creates them', () => { fs.cpSync(dir + '/f', dir + '/new/deep/f'); return fs.readFileSync(dir + '/new/deep/f', 'utf8'); });
  rec('copy file onto itself', () => fs.cpSync(dir + '/f', dir + '/f'));
  rec('copy missing source', () => fs.cpSync(dir + '/missing', dir + '/x'));
});

scenario('cpSync directories', (dir) => {
  tree(dir);
  rec('dir without recursive', () => fs.cpSync(dir + '/src', dir + '/dst'));
  rec('dir recursive', () => fs.cpSync(dir + '/src', dir + '/dst', { recursive: true }));
  rec('copied tree', () => fs.readdirSync(dir + '/dst', { recursive: true }).sort());
  rec('copy again merges', () => { fs.writeFileSync(dir + '/src/new.txt', 'n'); fs.cpSync(dir + '/src', dir + '/dst', { recursive: true }); return fs.readdirSync(dir + '/dst').sort(); });
  rec('into existing dir with force false', () => { fs.writeFileSync(dir + '/dst/a.txt', 'changed'); fs.cpSync(dir + '/src', dir + '/dst', { recursive: true, force: false }); return fs.readFileSync(dir + '/dst/a.txt', 'utf8'); });
  // A single conflicting file: which conflict comes first otherwise depends on readdir order.
  rec('errorOnExist in tree', () => {
    fs.mkdirSync(dir + '/one/sub', { recursive: true });
    fs.writeFileSync(dir + '/one/sub/x', 'new');
    fs.mkdirSync(dir + '/two/sub', { recursive: true });
    fs.writeFileSync(dir + '/two/sub/x', 'old');
    return fs.cpSync(dir + '/one', dir + '/two', { recursive: true, force: false, errorOnExist: true });
  });
  rec('dir onto file', () => { fs.writeFileSync(dir + '/afile', ''); return fs.cpSync(dir + '/src', dir + '/afile', { recursive: true }); });
  rec('file onto dir', () => fs.cpSync(dir + '/src/a.txt', dir + '/dst'));
  rec('into itself', () => fs.cpSync(dir + '/src', dir + '/src/sub/inside', { recursive: true }));
  rec('onto itself', () => fs.cpSync(dir + '/src', dir + '/src', { recursive: true }));
  rec('to parent', () => fs.cpSync(dir + '/src/sub', dir + '/src', { recursive: true }));
});

scenario('cpSync filter', (dir) => {
  tree(dir);
  const seen = [];
  rec('filter txt and dirs', () => fs.cpSync(dir + '/src', dir + '/dst', {
    recursive: true,
    filter: (src, dest) => { seen.push([src.slice(dir.length), dest.slice(dir.length)]); return !src.endsWith('.js'); },
  }));
  rec('filter calls', () => seen.sort());
  rec('result', () => fs.readdirSync(dir + '/dst', { recursive: true }).sort());
  rec('filter rejects root', () => { fs.cpSync(dir + '/src', dir + '/dst2', { recursive: true, filter: () => false }); return fs.existsSync(dir + '/dst2'); });
  rec('filter rejects subdir', () => { fs.cpSync(dir + '/src', dir + '/dst3', { recursive: true, filter: (s) => !s.endsWith('/sub') }); return fs.readdirSync(dir + '/dst3', { recursive: true }).sort(); });
  rec('filter returns truthy non-boolean', () => { fs.cpSync(dir + '/src/a.txt', dir + '/dst4', { filter: () => 1 }); return fs.existsSync(dir + '/dst4'); });
  rec('filter throws', () => fs.cpSync(dir + '/src', dir + '/dst5', { recursive: true, filter: () => { throw new Error('from filter'); } }));
  rec('filter returns a promise', () => fs.cpSync(dir + '/src', dir + '/dst6', { recursive: true, filter: () => Promise.resolve(true) }));
  rec('filter not a function', () => fs.cpSync(dir + '/src', dir + '/dst7', { recursive: true, filter: 'txt' }));
});

scenario('cpSync symlinks and options', (dir) => {
  fs.mkdirSync(dir + '/src');
  fs.writeFileSync(dir + '/src/real', 'r');
  fs.symlinkSync('real', dir + '/src/rel-link');
  fs.symlinkSync('nowhere', dir + '/src/dangling');
  rec('copy keeps symlinks', () => { fs.cpSync(dir + '/src', dir + '/dst', { recursive: true }); return [fs.lstatSync(dir + '/dst/rel-link').isSymbolicLink(), fs.lstatSync(dir + '/dst/dangling').isSymbolicLink()]; });
  rec('link target', () => fs.readlinkSync(dir + '/dst/rel-link'));
  rec('dereference', () => { fs.cpSync(dir + '/src/rel-link', dir + '/deref', { dereference: true }); return fs.lstatSync(dir + '/deref').isFile(); });
  rec('verbatimSymlinks', () => { fs.cpSync(dir + '/src', dir + '/verb', { recursive: true, verbatimSymlinks: true }); return fs.readlinkSync(dir + '/verb/rel-link'); });
  // A directory holding only the dangling link: a partial copy would depend on readdir order.
  rec('dereference dangling', () => {
    fs.mkdirSync(dir + '/only-dangling');
    fs.symlinkSync('nowhere', dir + '/only-dangling/d');
    return fs.cpSync(dir + '/only-dangling', dir + '/deref2', { recursive: true, dereference: true });
  });
  rec('preserveTimestamps', () => {
    fs.utimesSync(dir + '/src/real', 1000, 2000);
    fs.cpSync(dir + '/src/real', dir + '/ts', { preserveTimestamps: true });
    // Only mtime: the copy itself reads the source and may move its atime.
    return fs.statSync(dir + '/ts').mtimeMs;
  });
  rec('mode COPYFILE_EXCL', () => fs.cpSync(dir + '/src/real', dir + '/ts', { mode: fs.constants.COPYFILE_EXCL }));
  rec('bad option type', () => fs.cpSync(dir + '/src', dir + '/x', { recursive: 'yes' }));
  rec('options not object', () => fs.cpSync(dir + '/src', dir + '/x', 5));
  rec('bad src', () => fs.cpSync(5, dir + '/x'));
  rec('bad dest', () => fs.cpSync(dir + '/src', undefined));
  rec('dereference and verbatimSymlinks together', () => fs.cpSync(dir + '/src', dir + '/y', { recursive: true, dereference: true, verbatimSymlinks: true }));
});

scenario('copy callbacks and promises', async (dir) => {
  fs.writeFileSync(dir + '/src', 'x');
  fs.mkdirSync(dir + '/d');
  fs.writeFileSync(dir + '/d/f', 'f');
  await recCallback('copyFile cb', (cb) => fs.copyFile(dir + '/src', dir + '/a', cb));
  await recCallback('copyFile cb EXCL', (cb) => fs.copyFile(dir + '/src', dir + '/a', fs.constants.COPYFILE_EXCL, cb));
  await recCallback('copyFile cb missing', (cb) => fs.copyFile(dir + '/missing', dir + '/b', cb));
  await recCallback('cp cb', (cb) => fs.cp(dir + '/d', dir + '/d2', { recursive: true }, cb));
  await recCallback('cp cb no options', (cb) => fs.cp(dir + '/src', dir + '/c', cb));
  await recCallback('cp cb dir without recursive', (cb) => fs.cp(dir + '/d', dir + '/d3', cb));
  await recAsync('promises.copyFile', () => fs.promises.copyFile(dir + '/src', dir + '/e'));
  await recAsync('promises.copyFile EXCL', () => fs.promises.copyFile(dir + '/src', dir + '/e', fs.constants.COPYFILE_EXCL));
  await recAsync('promises.cp', () => fs.promises.cp(dir + '/d', dir + '/d4', { recursive: true }));
  await recAsync('promises.cp filter async', () => fs.promises.cp(dir + '/d', dir + '/d5', { recursive: true, filter: async (s) => !s.endsWith('/f') }));
  await recAsync('promises.cp errorOnExist', () => fs.promises.cp(dir + '/src', dir + '/e', { force: false, errorOnExist: true }));
});
