// Options arguments of the wrong type, and invalid values inside options objects.

const BAD_OPTIONS = [
  ['number', () => 42],
  ['true', () => true],
  ['false', () => false],
  ['symbol', () => Symbol('o')],
  ['function', () => function opts() {}],
  ['array', () => ['utf8']],
  ['empty string', () => ''],
  ['bad encoding string', () => 'nope'],
  ['null', () => null],
  ['object with bad encoding', () => ({ encoding: 'nope' })],
  ['object with numeric encoding', () => ({ encoding: 8 })],
  ['object with bad flag', () => ({ flag: 'rw' })],
  ['Number object', () => new Number(1)],
];

const CALLS = [
  ['readFileSync', (dir, o) => fs.readFileSync(dir + '/f', o)],
  ['writeFileSync', (dir, o) => fs.writeFileSync(dir + '/g', 'x', o)],
  ['appendFileSync', (dir, o) => fs.appendFileSync(dir + '/g', 'x', o)],
  ['readdirSync', (dir, o) => fs.readdirSync(dir + '/d', o)],
  ['mkdirSync', (dir, o) => fs.mkdirSync(dir + '/m', o)],
  ['mkdtempSync', (dir, o) => { const t = fs.mkdtempSync(dir + '/t-', o); fs.rmdirSync(t); return typeof t; }],
  ['statSync', (dir, o) => fs.statSync(dir + '/f', o)],
  ['lstatSync', (dir, o) => fs.lstatSync(dir + '/f', o)],
  ['readlinkSync', (dir, o) => fs.readlinkSync(dir + '/l', o)],
  ['realpathSync', (dir, o) => fs.realpathSync(dir + '/l', o)],
  ['rmSync', (dir, o) => fs.rmSync(dir + '/none', o)],
  ['rmdirSync', (dir, o) => fs.rmdirSync(dir + '/none', o)],
  ['opendirSync', (dir, o) => { const d = fs.opendirSync(dir + '/d', o); d.closeSync(); return 'opened'; }],
  ['cpSync', (dir, o) => fs.cpSync(dir + '/f', dir + '/c', o)],
];

for (const [name, call] of CALLS) {
  scenario(name + ' with bad options', (dir) => {
    fs.writeFileSync(dir + '/f', 'file');
    fs.mkdirSync(dir + '/d');
    fs.symlinkSync('f', dir + '/l');
    for (const [label, make] of BAD_OPTIONS) {
      rec(label, () => { const r = call(dir, make()); if (fs.existsSync(dir + '/m')) fs.rmdirSync(dir + '/m'); return r; });
    }
  });
}

scenario('unknown options are ignored', (dir) => {
  fs.writeFileSync(dir + '/f', 'x', { bogus: 1, encoding: 'utf8' });
  rec('read', () => fs.readFileSync(dir + '/f', { bogus: true, encoding: 'utf8' }));
  rec('mkdir', () => fs.mkdirSync(dir + '/d', { bogus: true }));
  rec('readdir', () => fs.readdirSync(dir, { bogus: true }).sort());
  rec('stat', () => fs.statSync(dir + '/f', { bogus: true }).isFile());
  rec('inherited options', () => { const o = Object.create({ encoding: 'hex' }); return fs.readFileSync(dir + '/f', o); });
  rec('options with getter', () => fs.readFileSync(dir + '/f', { get encoding() { return 'base64'; } }));
});

scenario('mode arguments everywhere', (dir) => {
  const modes = [['octal string with 8', '0o8'], ['string 999', '999'], ['negative', -1], ['too big', 2 ** 32], ['fractional', 0.5], ['object', {}], ['NaN', NaN], ['bigint', 1n], ['null', null], ['string 0777', '0777']];
  fs.writeFileSync(dir + '/f', 'x');
  for (const [label, m] of modes) {
    rec('chmodSync ' + label, () => fs.chmodSync(dir + '/f', m));
    rec('openSync ' + label, () => { const fd = fs.openSync(dir + '/o', 'w', m); fs.closeSync(fd); return 'opened'; });
    rec('mkdirSync ' + label, () => { fs.mkdirSync(dir + '/m', m); fs.rmdirSync(dir + '/m'); return 'made'; });
    rec('accessSync ' + label, () => fs.accessSync(dir + '/f', m));
    rec('copyFileSync ' + label, () => fs.copyFileSync(dir + '/f', dir + '/c', m));
  }
});

scenario('length, offset and position extremes for readSync', (dir) => {
  fs.writeFileSync(dir + '/f', '0123456789');
  const fd = fs.openSync(dir + '/f', 'r');
  const values = [0, 1, -1, 0.5, 2 ** 31, 2 ** 32, 2 ** 53, -(2 ** 53), NaN, Infinity, '1', null, undefined, 1n];
  for (const v of values) {
    const label = typeof v === 'bigint' ? v + 'n' : String(v);
    rec('offset ' + label, () => fs.readSync(fd, Buffer.alloc(4), v, 1, 0));
    rec('length ' + label, () => fs.readSync(fd, Buffer.alloc(4), 0, v, 0));
    rec('position ' + label, () => { const b = Buffer.alloc(4, 0x2e); const n = fs.readSync(fd, b, 0, 2, v); return [n, b.toString()]; });
  }
  fs.closeSync(fd);
});

scenario('length, offset and position extremes for writeSync', (dir) => {
  const fd = fs.openSync(dir + '/f', 'w+');
  const values = [0, 1, -1, 0.5, 2 ** 31, 2 ** 53, NaN, Infinity, '1', null, undefined, 1n];
  for (const v of values) {
    const label = typeof v === 'bigint' ? v + 'n' : String(v);
    rec('offset ' + label, () => fs.writeSync(fd, Buffer.from('abcd'), v, 1, 0));
    rec('length ' + label, () => fs.writeSync(fd, Buffer.from('abcd'), 0, v, 0));
  }
  rec('content', () => fs.readFileSync(dir + '/f', 'utf8'));
  fs.closeSync(fd);
});
