// Every path-taking function with path arguments of the wrong type, null bytes and ''.
// Numbers that could be open fds are never passed to functions that accept fds.

const BAD = [
  ['undefined', () => undefined],
  ['null', () => null],
  ['object', () => ({})],
  ['array', () => ['a']],
  ['function', () => function named() {}],
  ['symbol', () => Symbol('sym')],
  ['boolean', () => true],
  ['bigint', () => 10n],
  ['fractional number', () => 1.5],
  ['NaN', () => NaN],
  ['negative number', () => -1],
  ['Number object', () => new Number(5)],
  ['String object', () => new String('/')],
  ['null byte string', () => '/a\u0000b'],
  ['null byte at end', () => '/ab\u0000'],
  ['null byte Uint8Array', () => new Uint8Array([47, 97, 0, 98])],
  ['ArrayBuffer', () => new ArrayBuffer(2)],
  ['empty string', () => ''],
];

// [name, call(path, dir)] — the path goes where the function expects one.
const SYNC = [
  ['readFileSync', (p) => fs.readFileSync(p)],
  ['writeFileSync', (p) => fs.writeFileSync(p, 'x')],
  ['appendFileSync', (p) => fs.appendFileSync(p, 'x')],
  ['statSync', (p) => fs.statSync(p)],
  ['lstatSync', (p) => fs.lstatSync(p)],
  ['accessSync', (p) => fs.accessSync(p)],
  ['existsSync', (p) => fs.existsSync(p)],
  ['readdirSync', (p) => fs.readdirSync(p)],
  ['opendirSync', (p) => fs.opendirSync(p)],
  ['mkdirSync', (p) => fs.mkdirSync(p)],
  ['mkdirSync recursive', (p) => fs.mkdirSync(p, { recursive: true })],
  ['mkdtempSync', (p) => fs.mkdtempSync(p)],
  ['rmSync', (p) => fs.rmSync(p)],
  ['rmdirSync', (p) => fs.rmdirSync(p)],
  ['unlinkSync', (p) => fs.unlinkSync(p)],
  ['renameSync from', (p, dir) => fs.renameSync(p, dir + '/x')],
  ['renameSync to', (p, dir) => fs.renameSync(dir + '/src', p)],
  ['copyFileSync from', (p, dir) => fs.copyFileSync(p, dir + '/x')],
  ['copyFileSync to', (p, dir) => fs.copyFileSync(dir + '/src', p)],
  ['cpSync from', (p, dir) => fs.cpSync(p, dir + '/x')],
  ['cpSync to', (p, dir) => fs.cpSync(dir + '/src', p)],
  ['openSync', (p) => fs.openSync(p)],
  ['truncateSync', (p) => fs.truncateSync(p, 0)],
  ['chmodSync', (p) => fs.chmodSync(p, 0o644)],
  ['chownSync', (p) => fs.chownSync(p, 0, 0)],
  ['lchownSync', (p) => fs.lchownSync(p, 0, 0)],
  ['utimesSync', (p) => fs.utimesSync(p, 1, 1)],
  ['lutimesSync', (p) => fs.lutimesSync(p, 1, 1)],
  ['symlinkSync target', (p, dir) => fs.symlinkSync(p, dir + '/x')],
  ['symlinkSync path', (p) => fs.symlinkSync('target', p)],
  ['readlinkSync', (p) => fs.readlinkSync(p)],
  ['realpathSync', (p) => fs.realpathSync(p)],
  ['realpathSync.native', (p) => fs.realpathSync.native(p)],
  ['linkSync from', (p, dir) => fs.linkSync(p, dir + '/x')],
  ['linkSync to', (p, dir) => fs.linkSync(dir + '/src', p)],
];

// Functions that take an fd in place of a path: small integers are never passed to them.
const TAKES_FD = ['readFileSync', 'writeFileSync', 'appendFileSync', 'truncateSync'];
// Node's JS realpathSync turns any other value into a string and resolves it against the
// process cwd, which differs between the worlds: only these values are comparable.
const REALPATH_OK = ['symbol', 'null byte string', 'null byte at end', 'String object'];

for (const [name, call] of SYNC) {
  scenario(name + ' with bad paths', (dir) => {
    fs.writeFileSync(dir + '/src', 'source');
    for (const [label, make] of BAD) {
      if (TAKES_FD.indexOf(name) >= 0 && label === 'Number object') continue;
      if (name === 'realpathSync' && REALPATH_OK.indexOf(label) < 0) continue;
      rec(label, () => call(make(), dir));
    }
    rec('src intact', () => fs.readFileSync(dir + '/src', 'utf8'));
  });
}

// Callback and promise forms validate synchronously (callbacks) or reject (promises).
const ASYNC = [
  ['readFile', (p, cb) => fs.readFile(p, cb), (p) => fs.promises.readFile(p)],
  ['writeFile', (p, cb) => fs.writeFile(p, 'x', cb), (p) => fs.promises.writeFile(p, 'x')],
  ['stat', (p, cb) => fs.stat(p, cb), (p) => fs.promises.stat(p)],
  ['lstat', (p, cb) => fs.lstat(p, cb), (p) => fs.promises.lstat(p)],
  ['readdir', (p, cb) => fs.readdir(p, cb), (p) => fs.promises.readdir(p)],
  ['mkdir', (p, cb) => fs.mkdir(p, cb), (p) => fs.promises.mkdir(p)],
  ['rm', (p, cb) => fs.rm(p, cb), (p) => fs.promises.rm(p)],
  ['unlink', (p, cb) => fs.unlink(p, cb), (p) => fs.promises.unlink(p)],
  ['open', (p, cb) => fs.open(p, cb), (p) => fs.promises.open(p)],
  ['access', (p, cb) => fs.access(p, cb), (p) => fs.promises.access(p)],
  ['readlink', (p, cb) => fs.readlink(p, cb), (p) => fs.promises.readlink(p)],
  ['realpath', (p, cb) => fs.realpath(p, cb), (p) => fs.promises.realpath(p)],
];
const ASYNC_BAD = BAD.filter(([label]) => ['undefined', 'null', 'object', 'symbol', 'fractional number', 'null byte string', 'null byte Uint8Array'].indexOf(label) >= 0);

for (const [name, withCb, withPromise] of ASYNC) {
  scenario(name + ' (callback and promise) with bad paths', async () => {
    for (const [label, make] of ASYNC_BAD) {
      if (name === 'realpath' && label !== 'null byte string' && label !== 'symbol') continue;
      await recCallback('callback ' + label, (cb) => withCb(make(), cb));
      await recAsync('promise ' + label, () => withPromise(make()));
    }
  });
}

scenario('paths as fake URL objects', (dir) => {
  fs.writeFileSync(dir + '/f', 'url');
  const fileUrl = { href: 'file://' + dir + '/f', protocol: 'file:', hostname: '', pathname: dir + '/f' };
  rec('file: URL-like object', () => fs.readFileSync(fileUrl, 'utf8'));
  rec('http: URL-like object', () => fs.readFileSync({ href: 'http://x/y', protocol: 'http:', hostname: 'x', pathname: '/y' }));
  rec('URL-like with host', () => fs.readFileSync({ href: 'file://host/f', protocol: 'file:', hostname: 'host', pathname: '/f' }));
  rec('URL-like with encoded slash', () => fs.readFileSync({ href: 'file:///a%2Fb', protocol: 'file:', hostname: '', pathname: '/a%2Fb' }));
  rec('URL-like with percent-encoding', () => { fs.writeFileSync(dir + '/sp ace', 's'); return fs.readFileSync({ href: 'file://' + dir + '/sp%20ace', protocol: 'file:', hostname: '', pathname: dir + '/sp%20ace' }, 'utf8'); });
  rec('existsSync URL-like', () => fs.existsSync(fileUrl));
  rec('href only', () => fs.readFileSync({ href: 'file:///x' }));
  rec('protocol only', () => fs.readFileSync({ protocol: 'file:' }));
});
