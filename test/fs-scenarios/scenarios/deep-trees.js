// Deep and wide trees: recursive mkdir/readdir/rm/cp/rename at depth 50.

function deepPath(dir, depth, name) {
  let p = dir;
  for (let i = 0; i < depth; i++) p += '/' + name + i;
  return p;
}

scenario('depth 50: mkdir -p, write, read, stat', (dir) => {
  const deep = deepPath(dir, 50, 'd');
  rec('mkdir recursive', () => fs.mkdirSync(deep, { recursive: true }));
  rec('write leaf', () => fs.writeFileSync(deep + '/leaf.txt', 'bottom'));
  rec('read leaf', () => fs.readFileSync(deep + '/leaf.txt', 'utf8'));
  rec('stat leaf', () => fs.statSync(deep + '/leaf.txt'));
  rec('realpath leaf', () => fs.realpathSync(deep + '/leaf.txt').length - dir.length);
  rec('readdir recursive count', () => fs.readdirSync(dir, { recursive: true }).length);
  rec('readdir recursive deepest', () => fs.readdirSync(dir, { recursive: true }).filter((n) => n.endsWith('leaf.txt')).map((n) => n.split('/').length));
  rec('dirents recursive count', () => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isDirectory()).length);
});

scenario('depth 50: rmSync recursive and rmdir errors', (dir) => {
  const deep = deepPath(dir, 50, 'r');
  fs.mkdirSync(deep, { recursive: true });
  for (let i = 0; i < 50; i += 10) fs.writeFileSync(deepPath(dir, i + 1, 'r') + '/file' + i, String(i));
  rec('rmdir top fails', () => fs.rmdirSync(dir + '/r0'));
  rec('rm without recursive fails', () => fs.rmSync(dir + '/r0'));
  rec('rm recursive', () => fs.rmSync(dir + '/r0', { recursive: true }));
  rec('gone', () => fs.existsSync(dir + '/r0'));
  rec('dir empty', () => fs.readdirSync(dir));
});

scenario('depth 50: cpSync recursive and renameSync', (dir) => {
  const deep = deepPath(dir + '/src', 50, 'c');
  fs.mkdirSync(deep, { recursive: true });
  fs.writeFileSync(deep + '/leaf', 'copied');
  rec('cp recursive', () => fs.cpSync(dir + '/src', dir + '/dst', { recursive: true }));
  rec('copied leaf', () => fs.readFileSync(deepPath(dir + '/dst', 50, 'c') + '/leaf', 'utf8'));
  rec('rename deep tree', () => fs.renameSync(dir + '/dst', dir + '/moved'));
  rec('moved leaf', () => fs.readFileSync(deepPath(dir + '/moved', 50, 'c') + '/leaf', 'utf8'));
  rec('rename top into deep descendant', () => fs.renameSync(dir + '/moved', deepPath(dir + '/moved', 30, 'c') + '/x'));
  rec('rename deep leaf to top', () => fs.renameSync(deepPath(dir + '/moved', 50, 'c') + '/leaf', dir + '/leaf'));
  rec('counts', () => [fs.readdirSync(dir + '/src', { recursive: true }).length, fs.readdirSync(dir + '/moved', { recursive: true }).length]);
  fs.rmSync(dir + '/src', { recursive: true });
  fs.rmSync(dir + '/moved', { recursive: true });
});

scenario('depth 50 with relative symlinks up the tree', (dir) => {
  const deep = deepPath(dir, 50, 's');
  fs.mkdirSync(deep, { recursive: true });
  fs.writeFileSync(dir + '/top', 'top');
  fs.symlinkSync('../'.repeat(50) + 'top', deep + '/up');
  rec('read through long relative link', () => fs.readFileSync(deep + '/up', 'utf8'));
  rec('readlink length', () => fs.readlinkSync(deep + '/up').length);
  rec('realpath', () => fs.realpathSync(deep + '/up').slice(dir.length));
  rec('realpath.native', () => fs.realpathSync.native(deep + '/up').slice(dir.length));
  rec('rm tree with link', () => fs.rmSync(dir + '/s0', { recursive: true }));
  rec('top survives', () => fs.readFileSync(dir + '/top', 'utf8'));
});

scenario('wide directory: 1000 entries', (dir) => {
  for (let i = 0; i < 1000; i++) fs.writeFileSync(dir + '/' + String(i).padStart(4, '0'), '');
  rec('count', () => fs.readdirSync(dir).length);
  rec('sorted sample', () => { const s = fs.readdirSync(dir).sort(); return [s[0], s[499], s[999]]; });
  rec('opendir count', () => { const d = fs.opendirSync(dir); let n = 0; while (d.readSync()) n++; d.closeSync(); return n; });
  rec('rm all', () => { for (const n of fs.readdirSync(dir)) fs.unlinkSync(dir + '/' + n); return fs.readdirSync(dir).length; });
});

scenario('wide and deep: 5 levels of 5', (dir) => {
  function build(p, level) {
    if (level === 5) { fs.writeFileSync(p + '/leaf', p.slice(dir.length)); return; }
    for (let i = 0; i < 5; i++) { fs.mkdirSync(p + '/n' + i); if (level < 3) build(p + '/n' + i, level + 1); }
  }
  build(dir + '/t', 0 + (fs.mkdirSync(dir + '/t'), 0));
  rec('recursive count', () => fs.readdirSync(dir + '/t', { recursive: true }).length);
  rec('cp', () => fs.cpSync(dir + '/t', dir + '/copy', { recursive: true }));
  rec('copy count', () => fs.readdirSync(dir + '/copy', { recursive: true }).length);
  rec('rm both', () => { fs.rmSync(dir + '/t', { recursive: true }); fs.rmSync(dir + '/copy', { recursive: true }); return fs.readdirSync(dir); });
});

scenario('async recursive operations on a deep tree', async (dir) => {
  const deep = deepPath(dir, 30, 'a');
  await recAsync('promises.mkdir recursive', () => fs.promises.mkdir(deep, { recursive: true }));
  await recAsync('promises.writeFile at bottom', () => fs.promises.writeFile(deep + '/f', 'deep'));
  await recAsync('promises.readdir recursive', async () => (await fs.promises.readdir(dir, { recursive: true })).length);
  await recAsync('promises.cp', () => fs.promises.cp(dir + '/a0', dir + '/b0', { recursive: true }));
  await recAsync('promises.rm', () => fs.promises.rm(dir + '/a0', { recursive: true }));
  await recCallback('rm callback', (cb) => fs.rm(dir + '/b0', { recursive: true }, cb));
  rec('empty', () => fs.readdirSync(dir));
});
