// readdirSync: names, Dirents, recursion, encodings, errors. Node does not sort entries, so
// every listing is sorted before it is recorded.

function sorted(list) {
  return list.slice().sort();
}
function key(v) {
  if (typeof v === 'string') return v;
  if (v && typeof v.name !== 'undefined') return String(v.parentPath || v.path || '') + '/' + String(v.name);
  return String(v);
}
function sortedBy(list) {
  return list.slice().sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
function build(dir) {
  fs.mkdirSync(dir + '/a/b/c', { recursive: true });
  fs.writeFileSync(dir + '/top.txt', 'top');
  fs.writeFileSync(dir + '/a/one', '1');
  fs.writeFileSync(dir + '/a/b/two', '22');
  fs.writeFileSync(dir + '/a/b/c/three', '333');
  fs.mkdirSync(dir + '/empty');
  fs.symlinkSync('a', dir + '/link-to-a');
  fs.symlinkSync('top.txt', dir + '/link-to-top');
}

scenario('names', (dir) => {
  build(dir);
  rec('readdir', () => sorted(fs.readdirSync(dir)));
  rec('readdir sub', () => sorted(fs.readdirSync(dir + '/a')));
  rec('readdir empty', () => fs.readdirSync(dir + '/empty'));
  rec('readdir trailing slash', () => sorted(fs.readdirSync(dir + '/a/')));
  rec('readdir through symlink', () => sorted(fs.readdirSync(dir + '/link-to-a')));
  rec('readdir dot', () => sorted(fs.readdirSync(dir + '/a/.')));
  rec('readdir dotdot', () => sorted(fs.readdirSync(dir + '/a/..')));
  rec('encoding utf8 string', () => sorted(fs.readdirSync(dir + '/a', 'utf8')));
  rec('encoding option object', () => sorted(fs.readdirSync(dir + '/a', { encoding: 'utf8' })));
  rec('no . or .. entries', () => fs.readdirSync(dir).filter((n) => n === '.' || n === '..'));
});

scenario('withFileTypes', (dir) => {
  build(dir);
  rec('dirents', () => sortedBy(fs.readdirSync(dir, { withFileTypes: true })));
  rec('dirents of sub', () => sortedBy(fs.readdirSync(dir + '/a', { withFileTypes: true })));
  rec('dirent is fs.Dirent', () => fs.readdirSync(dir, { withFileTypes: true })[0] instanceof fs.Dirent);
  rec('dirent methods', () => {
    const d = fs.readdirSync(dir, { withFileTypes: true }).find((e) => e.name === 'top.txt');
    return [d.isFile(), d.isDirectory(), d.isSymbolicLink(), d.isFIFO(), d.isSocket(), d.isBlockDevice(), d.isCharacterDevice()];
  });
  rec('dirent own keys', () => Object.keys(fs.readdirSync(dir, { withFileTypes: true })[0]).sort());
  rec('withFileTypes false', () => sorted(fs.readdirSync(dir, { withFileTypes: false })));
  rec('withFileTypes via trailing slash path', () => sortedBy(fs.readdirSync(dir + '/a/', { withFileTypes: true })));
});

scenario('recursive', (dir) => {
  build(dir);
  rec('recursive names', () => sorted(fs.readdirSync(dir, { recursive: true })));
  rec('recursive sub', () => sorted(fs.readdirSync(dir + '/a', { recursive: true })));
  rec('recursive empty', () => fs.readdirSync(dir + '/empty', { recursive: true }));
  rec('recursive dirents', () => sortedBy(fs.readdirSync(dir, { recursive: true, withFileTypes: true })));
  rec('recursive false', () => sorted(fs.readdirSync(dir, { recursive: false })));
  rec('recursive does not follow symlinks', () => sorted(fs.readdirSync(dir, { recursive: true })).filter((n) => n.indexOf('link-to-a/') === 0));
});

scenario('recursive with many levels', (dir) => {
  let p = dir;
  for (let i = 0; i < 12; i++) { p += '/l' + i; fs.mkdirSync(p); fs.writeFileSync(p + '/f' + i, String(i)); }
  rec('count', () => fs.readdirSync(dir, { recursive: true }).length);
  rec('deepest', () => sorted(fs.readdirSync(dir, { recursive: true })).filter((n) => n.split('/').length === 13));
});

scenario('encoding buffer', (dir) => {
  fs.writeFileSync(dir + '/é.txt', 'x');
  fs.writeFileSync(dir + '/plain', 'y');
  const names = (list) => list.map((b) => ({ type: b.constructor.name, hex: b.toString('hex') })).sort((a, b) => (a.hex < b.hex ? -1 : 1));
  rec('buffer names', () => names(fs.readdirSync(dir, 'buffer')));
  rec('buffer names option', () => names(fs.readdirSync(dir, { encoding: 'buffer' })));
  rec('buffer dirents', () => fs.readdirSync(dir, { encoding: 'buffer', withFileTypes: true })
    .map((d) => [Buffer.isBuffer(d.name), d.name.toString('hex'), d.isFile()]).sort());
  rec('hex encoding', () => sorted(fs.readdirSync(dir, 'hex')));
  rec('latin1 encoding', () => sorted(fs.readdirSync(dir, 'latin1')));
  rec('base64 encoding', () => sorted(fs.readdirSync(dir, { encoding: 'base64' })));
  rec('bad encoding', () => fs.readdirSync(dir, 'nope'));
  rec('buffer path', () => sorted(fs.readdirSync(Buffer.from(dir))));
});

scenario('unicode, spaces and odd names', (dir) => {
  const names = ['space name', 'ünïcödé', '日本語', '🎉', '-dash', '.hidden', '..dots', 'UPPER', 'upper', 'a'.repeat(255)];
  for (const n of names) fs.writeFileSync(dir + '/' + n, n);
  rec('all listed', () => sorted(fs.readdirSync(dir)));
  rec('each readable', () => names.map((n) => fs.readFileSync(dir + '/' + n, 'utf8') === n));
});

scenario('many entries', (dir) => {
  for (let i = 0; i < 300; i++) fs.writeFileSync(dir + '/file-' + i, '');
  rec('count', () => fs.readdirSync(dir).length);
  rec('unique', () => new Set(fs.readdirSync(dir)).size);
  rec('first and last sorted', () => { const s = sorted(fs.readdirSync(dir)); return [s[0], s[s.length - 1]]; });
});

scenario('readdir errors', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  fs.symlinkSync('nowhere', dir + '/dangling');
  fs.symlinkSync('l2', dir + '/l1');
  fs.symlinkSync('l1', dir + '/l2');
  rec('missing', () => fs.readdirSync(dir + '/missing'));
  rec('file', () => fs.readdirSync(dir + '/f'));
  rec('file withFileTypes', () => fs.readdirSync(dir + '/f', { withFileTypes: true }));
  rec('file recursive', () => fs.readdirSync(dir + '/f', { recursive: true }));
  rec('missing recursive', () => fs.readdirSync(dir + '/missing', { recursive: true }));
  rec('through file', () => fs.readdirSync(dir + '/f/x'));
  rec('dangling symlink', () => fs.readdirSync(dir + '/dangling'));
  rec('symlink loop', () => fs.readdirSync(dir + '/l1'));
  rec('empty path', () => fs.readdirSync(''));
  rec('name too long', () => fs.readdirSync(dir + '/' + 'y'.repeat(300)));
  rec('null byte', () => fs.readdirSync(dir + '\u0000'));
  rec('number', () => fs.readdirSync(5));
  rec('undefined', () => fs.readdirSync());
  rec('bad options type', () => fs.readdirSync(dir, 42));
});

scenario('readdir sees changes', (dir) => {
  rec('empty', () => fs.readdirSync(dir));
  fs.writeFileSync(dir + '/a', '');
  rec('one', () => fs.readdirSync(dir));
  fs.renameSync(dir + '/a', dir + '/b');
  rec('renamed', () => fs.readdirSync(dir));
  fs.unlinkSync(dir + '/b');
  rec('removed', () => fs.readdirSync(dir));
});

scenario('readdir callback and promise forms', async (dir) => {
  build(dir);
  const sortArgs = (args) => (args && args[1] ? [args[0], sortedBy(args[1])] : args);
  const a = await new Promise((resolve) => fs.readdir(dir + '/a', (err, list) => resolve([err, list && sorted(list)])));
  rec('readdir cb result', () => a);
  const b = await new Promise((resolve) => fs.readdir(dir, { withFileTypes: true }, (err, list) => resolve(sortArgs([err, list]))));
  rec('readdir cb dirents', () => b);
  const c = await new Promise((resolve) => fs.readdir(dir, { recursive: true }, (err, list) => resolve([err, list && sorted(list)])));
  rec('readdir cb recursive', () => c);
  await recCallback('readdir cb missing', (cb) => fs.readdir(dir + '/missing', cb));
  await recCallback('readdir cb file', (cb) => fs.readdir(dir + '/top.txt', cb));
  await recCallback('readdir cb empty', (cb) => fs.readdir(dir + '/empty', cb));
  rec('readdir cb bad path', () => fs.readdir(null, () => {}));
  rec('readdir no cb', () => fs.readdir(dir));
  const d = await fs.promises.readdir(dir + '/a');
  rec('promises names', () => sorted(d));
  const e = await fs.promises.readdir(dir, { recursive: true, withFileTypes: true });
  rec('promises recursive dirents', () => sortedBy(e));
  await recAsync('promises missing', () => fs.promises.readdir(dir + '/missing'));
  await recAsync('promises file', () => fs.promises.readdir(dir + '/top.txt'));
  await recAsync('promises bad path', () => fs.promises.readdir(undefined));
});
