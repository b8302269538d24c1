// The exported surface of node:fs (without streams and watchers, which are out of scope).

const SYNC = ['accessSync', 'appendFileSync', 'chmodSync', 'chownSync', 'closeSync', 'copyFileSync', 'cpSync', 'existsSync',
  'fchmodSync', 'fchownSync', 'fdatasyncSync', 'fstatSync', 'fsyncSync', 'ftruncateSync', 'futimesSync', 'lchownSync',
  'linkSync', 'lstatSync', 'lutimesSync', 'mkdirSync', 'mkdtempSync', 'opendirSync', 'openSync', 'readdirSync', 'readFileSync',
  'readlinkSync', 'readSync', 'readvSync', 'realpathSync', 'renameSync', 'rmdirSync', 'rmSync', 'statSync', 'statfsSync',
  'symlinkSync', 'truncateSync', 'unlinkSync', 'utimesSync', 'writeFileSync', 'writeSync', 'writevSync'];
const CALLBACK = ['access', 'appendFile', 'chmod', 'chown', 'close', 'copyFile', 'cp', 'exists', 'fchmod', 'fchown', 'fdatasync',
  'fstat', 'fsync', 'ftruncate', 'futimes', 'lchown', 'link', 'lstat', 'lutimes', 'mkdir', 'mkdtemp', 'open', 'opendir',
  'read', 'readdir', 'readFile', 'readlink', 'readv', 'realpath', 'rename', 'rm', 'rmdir', 'stat', 'statfs', 'symlink',
  'truncate', 'unlink', 'utimes', 'write', 'writeFile', 'writev'];

scenario('sync functions', () => {
  for (const n of SYNC) rec(n, () => [typeof fs[n], typeof fs[n] === 'function' ? fs[n].length : null]);
});

scenario('callback functions', () => {
  for (const n of CALLBACK) rec(n, () => [typeof fs[n], typeof fs[n] === 'function' ? fs[n].length : null]);
});

scenario('classes and objects', () => {
  for (const n of ['Stats', 'Dirent', 'Dir', 'constants', 'promises', 'F_OK', 'R_OK', 'W_OK', 'X_OK']) rec(n, () => typeof fs[n]);
  rec('realpathSync.native', () => typeof fs.realpathSync.native);
  rec('realpath.native', () => typeof fs.realpath.native);
  rec('Stats.prototype methods', () => ['isFile', 'isDirectory', 'isSymbolicLink', 'isFIFO', 'isSocket', 'isBlockDevice', 'isCharacterDevice'].map((m) => typeof (fs.Stats && fs.Stats.prototype[m])));
  rec('Dirent.prototype methods', () => ['isFile', 'isDirectory', 'isSymbolicLink', 'isFIFO', 'isSocket', 'isBlockDevice', 'isCharacterDevice'].map((m) => typeof (fs.Dirent && fs.Dirent.prototype[m])));
  rec('Dir.prototype methods', () => ['read', 'readSync', 'close', 'closeSync'].map((m) => typeof (fs.Dir && fs.Dir.prototype[m])));
});

scenario('statfsSync', (dir) => {
  const st = rec('statfsSync type', () => { const s = fs.statfsSync(dir); return Object.keys(s).sort().map((k) => k + ':' + typeof s[k]); });
  rec('statfsSync bigint', () => { const s = fs.statfsSync(dir, { bigint: true }); return typeof s.bsize; });
  rec('statfsSync positive sizes', () => { const s = fs.statfsSync(dir); return [s.bsize > 0, s.blocks > 0]; });
  rec('statfsSync missing', () => fs.statfsSync(dir + '/missing'));
  rec('statfsSync bad path', () => fs.statfsSync(5));
});

scenario('default export and named exports agree', () => {
  rec('readFileSync is a function', () => typeof fs.readFileSync);
  rec('fs.promises.readFile is a function', () => typeof (fs.promises && fs.promises.readFile));
  rec('constants frozen?', () => Object.isFrozen(fs.constants));
  rec('constants prototype', () => Object.getPrototypeOf(fs.constants) === null);
});
