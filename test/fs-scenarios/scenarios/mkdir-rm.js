// mkdirSync, mkdtempSync, rmSync, rmdirSync, unlinkSync.

scenario('mkdirSync basics', (dir) => {
  rec('mkdir', () => fs.mkdirSync(dir + '/a'));
  rec('mkdir existing', () => fs.mkdirSync(dir + '/a'));
  rec('mkdir missing parent', () => fs.mkdirSync(dir + '/x/y'));
  rec('mkdir trailing slash', () => fs.mkdirSync(dir + '/t/'));
  rec('mkdir trailing slashes', () => fs.mkdirSync(dir + '/tt//'));
  rec('mkdir dot', () => fs.mkdirSync(dir + '/a/.'));
  rec('mkdir dotdot', () => fs.mkdirSync(dir + '/a/..'));
  rec('mkdir empty path', () => fs.mkdirSync(''));
  rec('mkdir root', () => fs.mkdirSync('/'));
  rec('mkdir name too long', () => fs.mkdirSync(dir + '/' + 'z'.repeat(300)));
  rec('mkdir 255-char name', () => fs.mkdirSync(dir + '/' + 'z'.repeat(255)));
});

scenario('mkdirSync recursive returns the first directory created', (dir) => {
  rec('recursive new chain', () => fs.mkdirSync(dir + '/a/b/c', { recursive: true }));
  rec('recursive existing', () => fs.mkdirSync(dir + '/a/b/c', { recursive: true }));
  rec('recursive partly existing', () => fs.mkdirSync(dir + '/a/b/d/e', { recursive: true }));
  rec('recursive single', () => fs.mkdirSync(dir + '/single', { recursive: true }));
  rec('recursive trailing slash', () => fs.mkdirSync(dir + '/t1/t2/', { recursive: true }));
  rec('recursive with dots', () => fs.mkdirSync(dir + '/p/./q/../r', { recursive: true }));
  rec('recursive double slashes', () => fs.mkdirSync(dir + '//m//n', { recursive: true }));
  rec('recursive false', () => fs.mkdirSync(dir + '/f1/f2', { recursive: false }));
  rec('recursive root', () => fs.mkdirSync('/', { recursive: true }));
  rec('recursive empty path', () => fs.mkdirSync('', { recursive: true }));
});

scenario('mkdirSync onto and below files', (dir) => {
  fs.writeFileSync(dir + '/file', 'x');
  fs.symlinkSync('file', dir + '/flink');
  fs.symlinkSync('nowhere', dir + '/dangling');
  rec('over a file', () => fs.mkdirSync(dir + '/file'));
  rec('recursive over a file', () => fs.mkdirSync(dir + '/file', { recursive: true }));
  rec('below a file', () => fs.mkdirSync(dir + '/file/sub'));
  rec('recursive below a file', () => fs.mkdirSync(dir + '/file/sub', { recursive: true }));
  rec('recursive deep below a file', () => fs.mkdirSync(dir + '/file/a/b/c', { recursive: true }));
  rec('over symlink to file', () => fs.mkdirSync(dir + '/flink'));
  rec('recursive over symlink to file', () => fs.mkdirSync(dir + '/flink', { recursive: true }));
  rec('over dangling symlink', () => fs.mkdirSync(dir + '/dangling'));
  rec('recursive over dangling symlink', () => fs.mkdirSync(dir + '/dangling', { recursive: true }));
});

scenario('mkdirSync modes', (dir) => {
  rec('mode 0o700', () => { fs.mkdirSync(dir + '/a', 0o700); return fs.statSync(dir + '/a'); }, { mode: true });
  rec('mode option 0o750', () => { fs.mkdirSync(dir + '/b', { mode: 0o750 }); return fs.statSync(dir + '/b'); }, { mode: true });
  rec('mode string', () => { fs.mkdirSync(dir + '/c', '711'); return fs.statSync(dir + '/c'); }, { mode: true });
  rec('recursive mode applies to all', () => { fs.mkdirSync(dir + '/d/e', { recursive: true, mode: 0o705 }); return [fs.statSync(dir + '/d'), fs.statSync(dir + '/d/e')]; }, { mode: true });
  rec('mode with setuid-ish bits', () => { fs.mkdirSync(dir + '/s', 0o1777); return fs.statSync(dir + '/s'); }, { mode: true });
  rec('bad mode string', () => fs.mkdirSync(dir + '/x', 'abc'));
  rec('bad mode negative', () => fs.mkdirSync(dir + '/x', -5));
  rec('bad mode fractional', () => fs.mkdirSync(dir + '/x', { mode: 0.5 }));
  rec('bad mode object', () => fs.mkdirSync(dir + '/x', { mode: {} }));
  rec('bad recursive', () => fs.mkdirSync(dir + '/x', { recursive: 'yes' }));
  rec('bad recursive 1', () => fs.mkdirSync(dir + '/x', { recursive: 1 }));
  rec('options true', () => fs.mkdirSync(dir + '/x', true));
  rec('options null', () => fs.mkdirSync(dir + '/y', null));
  rec('x exists', () => fs.existsSync(dir + '/x'));
});

scenario('mkdirSync deep trees', (dir) => {
  let deep = dir;
  for (let i = 0; i < 50; i++) deep += '/d' + i;
  rec('recursive depth 50', () => fs.mkdirSync(deep, { recursive: true }));
  rec('deepest exists', () => fs.statSync(deep).isDirectory());
  rec('write at the bottom', () => fs.writeFileSync(deep + '/leaf', 'deep'));
  rec('read at the bottom', () => fs.readFileSync(deep + '/leaf', 'utf8'));
  rec('recursive again returns undefined', () => fs.mkdirSync(deep, { recursive: true }));
  rec('recursive count', () => fs.readdirSync(dir, { recursive: true }).length);
  rec('rm depth 50', () => fs.rmSync(dir + '/d0', { recursive: true }));
  rec('gone', () => fs.existsSync(dir + '/d0'));
});

scenario('mkdtempSync', (dir) => {
  const a = rec('mkdtemp', () => { const p = fs.mkdtempSync(dir + '/tmp-'); return [p.slice(0, -6), p.length - (dir + '/tmp-').length]; });
  const p = fs.mkdtempSync(dir + '/x');
  rec('suffix chars', () => /^[A-Za-z0-9]{6}$/.test(p.slice(-6)));
  rec('is a directory', () => fs.statSync(p).isDirectory());
  rec('empty', () => fs.readdirSync(p));
  rec('mode', () => fs.statSync(p), { mode: true });
  rec('two differ', () => fs.mkdtempSync(dir + '/x') !== fs.mkdtempSync(dir + '/x'));
  rec('prefix inside missing dir', () => fs.mkdtempSync(dir + '/missing/x'));
  rec('prefix through a file', () => { fs.writeFileSync(dir + '/file', ''); return fs.mkdtempSync(dir + '/file/x'); });
  rec('trailing slash prefix', () => { const q = fs.mkdtempSync(dir + '/'); return [q.slice(0, -6), q.length - dir.length - 1]; });
  rec('encoding buffer', () => { const b = fs.mkdtempSync(dir + '/b-', 'buffer'); return [Buffer.isBuffer(b), b.length - (dir + '/b-').length]; });
  rec('encoding option hex', () => { const h = fs.mkdtempSync(dir + '/h-', { encoding: 'hex' }); return [typeof h, Buffer.from(h, 'hex').toString().length - dir.length]; });
  rec('prefix number', () => fs.mkdtempSync(42));
  rec('prefix undefined', () => fs.mkdtempSync());
  rec('prefix null byte', () => fs.mkdtempSync(dir + '/\u0000'));
  rec('prefix Buffer', () => { const q = fs.mkdtempSync(Buffer.from(dir + '/buf-')); return [typeof q, q.length - (dir + '/buf-').length]; });
  rec('entry count', () => fs.readdirSync(dir).length);
  for (const n of fs.readdirSync(dir)) fs.rmSync(dir + '/' + n, { recursive: true });
});

scenario('rmSync files and directories', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  fs.mkdirSync(dir + '/empty');
  fs.mkdirSync(dir + '/full/sub', { recursive: true });
  fs.writeFileSync(dir + '/full/sub/g', 'g');
  rec('rm file', () => fs.rmSync(dir + '/f'));
  rec('rm missing', () => fs.rmSync(dir + '/f'));
  rec('rm missing force', () => fs.rmSync(dir + '/f', { force: true }));
  rec('rm empty dir without recursive', () => fs.rmSync(dir + '/empty'));
  rec('rm full dir without recursive', () => fs.rmSync(dir + '/full'));
  rec('rm full dir recursive', () => fs.rmSync(dir + '/full', { recursive: true }));
  rec('rm empty dir recursive', () => fs.rmSync(dir + '/empty', { recursive: true }));
  rec('rm missing recursive', () => fs.rmSync(dir + '/nothing', { recursive: true }));
  rec('rm missing recursive force', () => fs.rmSync(dir + '/nothing', { recursive: true, force: true }));
  rec('rm missing parent force', () => fs.rmSync(dir + '/no/such/thing', { force: true }));
});

scenario('rmSync symlinks are removed, not followed', (dir) => {
  fs.mkdirSync(dir + '/target');
  fs.writeFileSync(dir + '/target/keep', 'keep');
  fs.symlinkSync('target', dir + '/dlink');
  fs.symlinkSync('target/keep', dir + '/flink');
  fs.symlinkSync('nowhere', dir + '/dangling');
  rec('rm dir symlink', () => fs.rmSync(dir + '/dlink'));
  rec('rm file symlink recursive', () => fs.rmSync(dir + '/flink', { recursive: true }));
  rec('rm dangling', () => fs.rmSync(dir + '/dangling'));
  rec('target intact', () => fs.readFileSync(dir + '/target/keep', 'utf8'));
  fs.symlinkSync('target', dir + '/dlink2');
  rec('rm through dir symlink trailing slash', () => fs.rmSync(dir + '/dlink2/', { recursive: true }));
  rec('after', () => [fs.existsSync(dir + '/target/keep'), fs.existsSync(dir + '/target'), !!fs.lstatSync(dir + '/dlink2', { throwIfNoEntry: false })]);
});

scenario('rmSync errors and options', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  rec('through a file', () => fs.rmSync(dir + '/f/x'));
  rec('through a file force', () => fs.rmSync(dir + '/f/x', { force: true }));
  rec('file trailing slash', () => fs.rmSync(dir + '/f/'));
  rec('empty path', () => fs.rmSync(''));
  rec('empty path force', () => fs.rmSync('', { force: true }));
  rec('bad recursive', () => fs.rmSync(dir + '/f', { recursive: 'yes' }));
  rec('bad force', () => fs.rmSync(dir + '/f', { force: 1 }));
  rec('bad maxRetries', () => fs.rmSync(dir + '/f', { maxRetries: -1 }));
  rec('bad retryDelay', () => fs.rmSync(dir + '/f', { retryDelay: 'x' }));
  rec('options string', () => fs.rmSync(dir + '/f', 'recursive'));
  rec('path number', () => fs.rmSync(7));
  rec('path null byte', () => fs.rmSync(dir + '/f\u0000'));
  rec('f still there', () => fs.existsSync(dir + '/f'));
});

scenario('rmdirSync', (dir) => {
  fs.mkdirSync(dir + '/empty');
  fs.mkdirSync(dir + '/full');
  fs.writeFileSync(dir + '/full/x', 'x');
  fs.writeFileSync(dir + '/file', 'f');
  fs.symlinkSync('empty', dir + '/link');
  rec('rmdir empty', () => fs.rmdirSync(dir + '/empty'));
  rec('rmdir missing', () => fs.rmdirSync(dir + '/empty'));
  rec('rmdir not empty', () => fs.rmdirSync(dir + '/full'));
  rec('rmdir file', () => fs.rmdirSync(dir + '/file'));
  rec('rmdir symlink', () => fs.rmdirSync(dir + '/link'));
  rec('rmdir through file', () => fs.rmdirSync(dir + '/file/x'));
  rec('rmdir trailing slash', () => { fs.mkdirSync(dir + '/t'); return fs.rmdirSync(dir + '/t/'); });
  rec('rmdir dot', () => { fs.mkdirSync(dir + '/u'); return fs.rmdirSync(dir + '/u/.'); });
  rec('rmdir empty path', () => fs.rmdirSync(''));
  rec('rmdir bad path', () => fs.rmdirSync({}));
  rec('rmdir recursive not boolean', () => fs.rmdirSync(dir + '/full', { recursive: 1 }));
});

scenario('rmdirSync recursive (deprecated)', (dir) => {
  fs.mkdirSync(dir + '/full/a/b', { recursive: true });
  fs.writeFileSync(dir + '/full/a/b/c', 'c');
  fs.writeFileSync(dir + '/file', 'f');
  rec('rmdir recursive', () => fs.rmdirSync(dir + '/full', { recursive: true }));
  rec('gone', () => fs.existsSync(dir + '/full'));
  rec('rmdir recursive on file', () => fs.rmdirSync(dir + '/file', { recursive: true }));
});

scenario('unlinkSync', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  fs.mkdirSync(dir + '/d');
  fs.symlinkSync('d', dir + '/dlink');
  fs.symlinkSync('nowhere', dir + '/dangling');
  rec('unlink file', () => fs.unlinkSync(dir + '/f'));
  rec('unlink missing', () => fs.unlinkSync(dir + '/f'));
  rec('unlink directory', () => fs.unlinkSync(dir + '/d'));
  rec('unlink dir symlink', () => fs.unlinkSync(dir + '/dlink'));
  rec('unlink dangling', () => fs.unlinkSync(dir + '/dangling'));
  rec('unlink through file', () => { fs.writeFileSync(dir + '/g', ''); return fs.unlinkSync(dir + '/g/x'); });
  rec('unlink trailing slash on file', () => fs.unlinkSync(dir + '/g/'));
  rec('unlink empty path', () => fs.unlinkSync(''));
  rec('unlink number', () => fs.unlinkSync(3));
  rec('unlink null byte', () => fs.unlinkSync(dir + '/g\u0000'));
  rec('unlink open file', () => { const fd = fs.openSync(dir + '/g', 'r'); fs.unlinkSync(dir + '/g'); fs.closeSync(fd); return fs.existsSync(dir + '/g'); });
});

scenario('recursive rm of a wide and deep tree', (dir) => {
  for (let i = 0; i < 10; i++) {
    let p = dir + '/t/w' + i;
    for (let j = 0; j < 5; j++) p += '/l' + j;
    fs.mkdirSync(p, { recursive: true });
    fs.writeFileSync(p + '/file', 'x'.repeat(i * 100));
    fs.symlinkSync('../..', p + '/up');
  }
  rec('entries before', () => fs.readdirSync(dir + '/t').length);
  rec('rm', () => fs.rmSync(dir + '/t', { recursive: true, force: true }));
  rec('gone', () => fs.existsSync(dir + '/t'));
});
