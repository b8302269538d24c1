// chmodSync/fchmodSync/lchmod, utimesSync/futimesSync/lutimesSync, chown family.

scenario('chmodSync', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  fs.mkdirSync(dir + '/d');
  for (const m of [0o777, 0o644, 0o600, 0o400, 0o000, 0o755, 0o4755, 0o1777]) {
    rec('file ' + m.toString(8), () => { fs.chmodSync(dir + '/f', m); return fs.statSync(dir + '/f'); }, { mode: true });
  }
  rec('octal string', () => { fs.chmodSync(dir + '/f', '640'); return fs.statSync(dir + '/f'); }, { mode: true });
  rec('octal string with 0o', () => fs.chmodSync(dir + '/f', '0o640'));
  rec('directory', () => { fs.chmodSync(dir + '/d', 0o700); return fs.statSync(dir + '/d'); }, { mode: true });
  rec('full mode bits', () => (fs.statSync(dir + '/d').mode & 0o170000) === fs.constants.S_IFDIR);
  rec('missing', () => fs.chmodSync(dir + '/missing', 0o644));
  rec('through file', () => fs.chmodSync(dir + '/f/x', 0o644));
  rec('empty path', () => fs.chmodSync('', 0o644));
  rec('mode missing', () => fs.chmodSync(dir + '/f'));
  rec('mode negative', () => fs.chmodSync(dir + '/f', -1));
  rec('mode fractional', () => fs.chmodSync(dir + '/f', 1.5));
  rec('mode bad string', () => fs.chmodSync(dir + '/f', 'rwx'));
  rec('mode object', () => fs.chmodSync(dir + '/f', {}));
  rec('mode huge', () => fs.chmodSync(dir + '/f', 2 ** 32));
  rec('path number', () => fs.chmodSync(1, 0o644));
  rec('mode after errors', () => fs.statSync(dir + '/f'), { mode: true });
});

scenario('chmodSync follows symlinks, lchmod is absent on Linux', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  fs.chmodSync(dir + '/f', 0o600);
  fs.symlinkSync('f', dir + '/l');
  rec('chmod via link', () => { fs.chmodSync(dir + '/l', 0o640); return fs.statSync(dir + '/f'); }, { mode: true });
  rec('link itself', () => fs.lstatSync(dir + '/l'), { mode: true });
  rec('lchmodSync', () => typeof fs.lchmodSync);
  rec('lchmod', () => typeof fs.lchmod);
  rec('promises.lchmod', () => typeof fs.promises.lchmod);
  rec('chmod dangling link', () => { fs.symlinkSync('nowhere', dir + '/dang'); return fs.chmodSync(dir + '/dang', 0o644); });
});

scenario('fchmodSync', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  const fd = fs.openSync(dir + '/f', 'r');
  rec('fchmod', () => { fs.fchmodSync(fd, 0o604); return fs.fstatSync(fd); }, { mode: true });
  rec('fchmod string mode', () => { fs.fchmodSync(fd, '611'); return fs.statSync(dir + '/f'); }, { mode: true });
  rec('fchmod bad mode', () => fs.fchmodSync(fd, -1));
  rec('fchmod mode missing', () => fs.fchmodSync(fd));
  fs.closeSync(fd);
  rec('fchmod closed', () => fs.fchmodSync(fd, 0o644));
  rec('fchmod 9999', () => fs.fchmodSync(9999, 0o644));
  rec('fchmod bad fd', () => fs.fchmodSync('x', 0o644));
});

scenario('utimesSync with numbers, Dates and strings', (dir) => {
  const p = dir + '/f';
  fs.writeFileSync(p, 'x');
  rec('seconds', () => { fs.utimesSync(p, 1000, 2000); return fs.statSync(p); }, { times: true });
  rec('fractional seconds', () => { fs.utimesSync(p, 1000.5, 2000.25); return fs.statSync(p); }, { times: true });
  rec('Dates', () => { fs.utimesSync(p, new Date(86400000), new Date(172800000)); return fs.statSync(p); }, { times: true });
  rec('numeric strings', () => { fs.utimesSync(p, '3000', '4000'); return fs.statSync(p); }, { times: true });
  rec('zero', () => { fs.utimesSync(p, 0, 0); return fs.statSync(p); }, { times: true });
  rec('negative means now', () => { fs.utimesSync(p, -1000, -2000); return fs.statSync(p).mtimeMs > 1.5e12; });
  rec('year 2100', () => { fs.utimesSync(p, 4102444800, 4102444800); return fs.statSync(p); }, { times: true });
  rec('bigint stats after utimes', () => { fs.utimesSync(p, 5, 6.000001); return fs.statSync(p, { bigint: true }); }, { times: true });
  rec('NaN', () => fs.utimesSync(p, NaN, 1));
  rec('Infinity', () => fs.utimesSync(p, Infinity, 1));
  rec('non-numeric string', () => fs.utimesSync(p, 'yesterday', 1));
  rec('object', () => fs.utimesSync(p, {}, 1));
  rec('undefined', () => fs.utimesSync(p));
  rec('bigint', () => fs.utimesSync(p, 1n, 1n));
  rec('after bad calls', () => fs.statSync(p), { times: true });
  rec('missing file', () => fs.utimesSync(dir + '/missing', 1, 1));
  rec('directory', () => { fs.mkdirSync(dir + '/d'); fs.utimesSync(dir + '/d', 10, 20); return fs.statSync(dir + '/d'); }, { times: true });
  rec('path number', () => fs.utimesSync(3, 1, 1));
});

scenario('utimes follows symlinks, lutimes does not', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  fs.symlinkSync('f', dir + '/l');
  rec('utimes via link', () => { fs.utimesSync(dir + '/l', 100, 200); return fs.statSync(dir + '/f'); }, { times: true });
  rec('lutimes on link', () => { fs.lutimesSync(dir + '/l', 300, 400); return fs.lstatSync(dir + '/l'); }, { times: true });
  rec('target unchanged', () => fs.statSync(dir + '/f'), { times: true });
  rec('lutimes on file', () => { fs.lutimesSync(dir + '/f', 500, 600); return fs.statSync(dir + '/f'); }, { times: true });
  rec('lutimes missing', () => fs.lutimesSync(dir + '/missing', 1, 1));
  rec('lutimes bad time', () => fs.lutimesSync(dir + '/l', 'x', 1));
  rec('utimes dangling', () => { fs.symlinkSync('nowhere', dir + '/dang'); return fs.utimesSync(dir + '/dang', 1, 1); });
  rec('lutimes dangling', () => { fs.lutimesSync(dir + '/dang', 700, 800); return fs.lstatSync(dir + '/dang'); }, { times: true });
});

scenario('futimesSync', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  const fd = fs.openSync(dir + '/f', 'r+');
  rec('futimes', () => { fs.futimesSync(fd, 1234, 5678); return fs.fstatSync(fd); }, { times: true });
  rec('futimes Dates', () => { fs.futimesSync(fd, new Date(1000), new Date(2000)); return fs.fstatSync(fd); }, { times: true });
  rec('futimes bad', () => fs.futimesSync(fd, 'x', 1));
  fs.closeSync(fd);
  rec('futimes closed', () => fs.futimesSync(fd, 1, 1));
  rec('futimes 9999', () => fs.futimesSync(9999, 1, 1));
  rec('futimes bad fd', () => fs.futimesSync(null, 1, 1));
});

scenario('writes update mtime', (dir) => {
  const p = dir + '/f';
  fs.writeFileSync(p, 'x');
  fs.utimesSync(p, 1000, 1000);
  fs.appendFileSync(p, 'y');
  rec('mtime moved forward', () => fs.statSync(p).mtimeMs > 1000000);
  fs.utimesSync(p, 1000, 1000);
  fs.truncateSync(p, 1);
  rec('truncate moves mtime', () => fs.statSync(p).mtimeMs > 1000000);
  fs.mkdirSync(dir + '/d');
  fs.utimesSync(dir + '/d', 1000, 1000);
  fs.writeFileSync(dir + '/d/new', '');
  rec('creating a file moves the directory mtime', () => fs.statSync(dir + '/d').mtimeMs > 1000000);
});

scenario('chown family as root', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  fs.symlinkSync('f', dir + '/l');
  rec('chown 0 0', () => fs.chownSync(dir + '/f', 0, 0));
  rec('chown -1 -1', () => fs.chownSync(dir + '/f', -1, -1));
  rec('lchown', () => fs.lchownSync(dir + '/l', 0, 0));
  const fd = fs.openSync(dir + '/f', 'r');
  rec('fchown', () => fs.fchownSync(fd, 0, 0));
  fs.closeSync(fd);
  rec('uid/gid', () => { const st = fs.statSync(dir + '/f'); return [st.uid, st.gid]; });
  rec('chown missing', () => fs.chownSync(dir + '/missing', 0, 0));
  rec('chown bad uid', () => fs.chownSync(dir + '/f', 'root', 0));
  rec('chown uid -2', () => fs.chownSync(dir + '/f', -2, 0));
  rec('chown uid fractional', () => fs.chownSync(dir + '/f', 0.5, 0));
  rec('chown gid missing', () => fs.chownSync(dir + '/f', 0));
  rec('fchown closed', () => fs.fchownSync(fd, 0, 0));
});

scenario('mode and time callbacks and promises', async (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  await recCallback('chmod cb', (cb) => fs.chmod(dir + '/f', 0o600, cb));
  await recCallback('chmod cb missing', (cb) => fs.chmod(dir + '/missing', 0o600, cb));
  rec('chmod cb bad mode', () => fs.chmod(dir + '/f', 'x', () => {}));
  await recCallback('utimes cb', (cb) => fs.utimes(dir + '/f', 10, 20, cb));
  await recCallback('lutimes cb', (cb) => fs.lutimes(dir + '/f', 10, 20, cb));
  const fd = fs.openSync(dir + '/f', 'r+');
  await recCallback('fchmod cb', (cb) => fs.fchmod(fd, 0o640, cb));
  await recCallback('futimes cb', (cb) => fs.futimes(fd, 30, 40, cb));
  await recCallback('fchown cb', (cb) => fs.fchown(fd, 0, 0, cb));
  fs.closeSync(fd);
  await recCallback('chown cb', (cb) => fs.chown(dir + '/f', 0, 0, cb));
  rec('state', () => fs.statSync(dir + '/f'), { mode: true, times: true });
  await recAsync('promises.chmod', () => fs.promises.chmod(dir + '/f', 0o644));
  await recAsync('promises.chmod bad', () => fs.promises.chmod(dir + '/f', -1));
  await recAsync('promises.utimes', () => fs.promises.utimes(dir + '/f', 50, 60));
  await recAsync('promises.lutimes', () => fs.promises.lutimes(dir + '/f', 70, 80));
  await recAsync('promises.chown', () => fs.promises.chown(dir + '/f', 0, 0));
  await recAsync('promises.utimes missing', () => fs.promises.utimes(dir + '/missing', 1, 1));
  rec('final', () => fs.statSync(dir + '/f'), { mode: true, times: true });
});
