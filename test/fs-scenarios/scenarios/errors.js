// The same error condition across every function it applies to: code, errno, syscall, path.

function setup(dir) {
  fs.writeFileSync(dir + '/file', 'f');
  fs.mkdirSync(dir + '/dir');
  fs.mkdirSync(dir + '/full');
  fs.writeFileSync(dir + '/full/x', 'x');
  fs.symlinkSync('loop-b', dir + '/loop-a');
  fs.symlinkSync('loop-a', dir + '/loop-b');
}

// Every sync function that resolves a path, called on `p`.
function everything(p, dir) {
  rec('readFileSync', () => fs.readFileSync(p));
  rec('writeFileSync', () => fs.writeFileSync(p, 'x'));
  rec('appendFileSync', () => fs.appendFileSync(p, 'x'));
  rec('openSync r', () => { const fd = fs.openSync(p, 'r'); fs.closeSync(fd); return 'opened'; });
  rec('openSync w', () => { const fd = fs.openSync(p, 'w'); fs.closeSync(fd); return 'opened'; });
  rec('statSync', () => fs.statSync(p));
  rec('lstatSync', () => fs.lstatSync(p));
  rec('accessSync', () => fs.accessSync(p));
  rec('existsSync', () => fs.existsSync(p));
  rec('readdirSync', () => fs.readdirSync(p));
  rec('opendirSync', () => { const d = fs.opendirSync(p); d.closeSync(); return 'opened'; });
  rec('mkdirSync', () => fs.mkdirSync(p));
  rec('mkdirSync recursive', () => fs.mkdirSync(p, { recursive: true }));
  rec('rmdirSync', () => fs.rmdirSync(p));
  rec('rmSync', () => fs.rmSync(p));
  rec('rmSync recursive force', () => fs.rmSync(p, { recursive: true, force: true }));
  rec('unlinkSync', () => fs.unlinkSync(p));
  rec('renameSync from', () => fs.renameSync(p, dir + '/renamed'));
  rec('renameSync to', () => fs.renameSync(dir + '/file', p));
  rec('copyFileSync from', () => fs.copyFileSync(p, dir + '/copied'));
  rec('copyFileSync to', () => fs.copyFileSync(dir + '/file', p));
  rec('truncateSync', () => fs.truncateSync(p, 0));
  rec('chmodSync', () => fs.chmodSync(p, 0o644));
  rec('utimesSync', () => fs.utimesSync(p, 1, 1));
  rec('lutimesSync', () => fs.lutimesSync(p, 1, 1));
  rec('readlinkSync', () => fs.readlinkSync(p));
  rec('symlinkSync at', () => fs.symlinkSync('target', p));
  rec('linkSync from', () => fs.linkSync(p, dir + '/linked'));
  rec('linkSync to', () => fs.linkSync(dir + '/file', p));
  rec('realpathSync.native', () => fs.realpathSync.native(p));
  // With '' these two would act on the process cwd and on '/' of the real machine.
  if (p === '') return;
  rec('realpathSync', () => fs.realpathSync(p));
  rec('mkdtempSync', () => fs.mkdtempSync(p + '/t-'));
}

scenario('ENOENT: missing entry', (dir) => { setup(dir); everything(dir + '/missing', dir); });
scenario('ENOENT: missing parent', (dir) => { setup(dir); everything(dir + '/missing/child', dir); });
scenario('ENOTDIR: a file used as a directory', (dir) => { setup(dir); everything(dir + '/file/child', dir); });
scenario('ENOTDIR: trailing slash on a file', (dir) => { setup(dir); everything(dir + '/file/', dir); });
scenario('EISDIR and friends: an empty directory', (dir) => { setup(dir); everything(dir + '/dir', dir); });
scenario('ENOTEMPTY and friends: a non-empty directory', (dir) => { setup(dir); everything(dir + '/full', dir); });
scenario('ELOOP: a symlink cycle', (dir) => { setup(dir); everything(dir + '/loop-a', dir); });
scenario('ELOOP: a path through a symlink cycle', (dir) => { setup(dir); everything(dir + '/loop-a/child', dir); });
scenario('ENAMETOOLONG: a 300-character name', (dir) => { setup(dir); everything(dir + '/' + 'n'.repeat(300), dir); });
scenario('ENAMETOOLONG: a 256-byte multibyte name', (dir) => { setup(dir); everything(dir + '/' + 'é'.repeat(128), dir); });
scenario('ENAMETOOLONG: a path longer than PATH_MAX', (dir) => { setup(dir); everything(dir + '/a'.repeat(2100), dir); });
scenario('empty path everywhere', (dir) => { setup(dir); everything('', dir); });
scenario('EEXIST: creating over existing entries', (dir) => {
  setup(dir);
  for (const target of ['file', 'dir', 'loop-a']) {
    const p = dir + '/' + target;
    rec('mkdirSync over ' + target, () => fs.mkdirSync(p));
    rec('symlinkSync over ' + target, () => fs.symlinkSync('x', p));
    rec('linkSync over ' + target, () => fs.linkSync(dir + '/file', p));
    rec('openSync wx over ' + target, () => fs.openSync(p, 'wx'));
    rec('writeFileSync wx over ' + target, () => fs.writeFileSync(p, 'x', { flag: 'wx' }));
    rec('copyFileSync EXCL over ' + target, () => fs.copyFileSync(dir + '/file', p, fs.constants.COPYFILE_EXCL));
  }
});
scenario('error objects have the Node shape', (dir) => {
  let err;
  try { fs.readFileSync(dir + '/missing'); } catch (e) { err = e; }
  rec('instanceof Error', () => err instanceof Error);
  rec('constructor name', () => err.constructor.name);
  rec('own keys', () => Object.keys(err).sort());
  rec('errno/code/syscall/path types', () => [typeof err.errno, typeof err.code, typeof err.syscall, typeof err.path]);
  rec('stack starts with message', () => typeof err.stack === 'string' && err.stack.indexOf('Error: ENOENT: no such file or directory') === 0);
  let terr;
  try { fs.readFileSync(42.5); } catch (e) { terr = e; }
  rec('type error constructor', () => terr.constructor.name);
  rec('type error own keys', () => Object.keys(terr).sort());
  rec('type error toString', () => String(terr));
  rec('type error stack head', () => terr.stack.split('\n')[0]);
  let rerr;
  try { fs.closeSync(-1); } catch (e) { rerr = e; }
  rec('range error', () => [rerr.name, rerr.code, rerr.constructor.name, String(rerr)]);
  let serr;
  try { fs.mkdirSync(dir + '/d'); fs.rmSync(dir + '/d'); } catch (e) { serr = e; }
  rec('SystemError shape', () => [serr.name, serr.code, serr.errno, serr.syscall, String(serr).replace(dir, '<dir>'), typeof serr.info, serr.info && Object.keys(serr.info).sort()]);
});
