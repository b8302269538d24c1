'use strict';
// Which error wins when both an argument and the callback are bad, per fs function (Node checks
// some arguments before it looks for the callback), and what a few callback forms give back.
require('../common');
const fs = require('fs');
const { promisify } = require('util');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();

function show(label, fn) {
  try {
    fn();
    console.log(label, 'no throw');
  } catch (err) {
    console.log(label, err.code, err.message);
  }
}

const file = tmpdir.resolve('a.txt');
fs.writeFileSync(file, 'hello');
const fd = fs.openSync(file, 'r+');

show('fchmod bad mode', () => fs.fchmod(fd, '123x'));
show('fchmod bad fd', () => fs.fchmod('x', 0o644));
show('fchown bad uid', () => fs.fchown(fd, 'x'));
show('fchown bad gid', () => fs.fchown(fd, 0, 'x'));
show('ftruncate bad len', () => fs.ftruncate(fd, ''));
show('ftruncate bad len, cb', () => fs.ftruncate(fd, 1.5, () => {}));
show('chmod bad path', () => fs.chmod(5, 0o644));
show('chmod bad mode', () => fs.chmod(file, 'x'));
show('futimes bad atime', () => fs.futimes(fd, {}, 0));
show('open bad path', () => fs.open(5));
show('open bad flags', () => fs.open(file, 'bogus', 0o666));
show('open bad mode', () => fs.open(file, 'r', 'x'));
show('open two args', () => fs.open(file, 'bogus'));
show('access bad path', () => fs.access(5));
show('close bad cb', () => fs.close(fd, ''));
show('close bad fd, bad cb', () => fs.close('x', ''));
show('opendir no cb', () => fs.opendir(file));
show('truncate bad len', () => fs.truncate(file, ''));
show('truncate no cb', () => fs.truncate(file, 0));
show('symlink bad type', () => fs.symlink('a', 'b', 'bogus', () => {}));
show('symlink bad target first', () => fs.symlinkSync(5, 'b', 'bogus'));
show('read offset null', () => fs.read(fd, { buffer: Buffer.alloc(2), offset: null }, (err, n, buf) => {
  console.log('read offset null ->', err, n, buf.toString());
}));
show('read buffer null', () => fs.read(fd, { buffer: null }, () => {}));
show('new Dir()', () => new fs.Dir());

const url = new URL(`file://${tmpdir.resolve('target')}`);
fs.symlinkSync(url, tmpdir.resolve('link'));
console.log('symlink URL target', fs.readlinkSync(tmpdir.resolve('link')) === tmpdir.resolve('target'));

(async () => {
  console.log(Object.keys(await promisify(fs.read)(fd, Buffer.alloc(3), 0, 3, 0)));
  console.log(await promisify(fs.readv)(fd, [Buffer.alloc(2)], 1));
  console.log(Object.keys(await promisify(fs.write)(fd, 'x', 0)));
  console.log(require('fs/promises') === fs.promises, typeof fs._toUnixTimestamp);

  // A FileHandle's close waits for the read in flight; 'close' is emitted at once.
  const fh = await fs.promises.open(file, 'r');
  fh.on('close', () => console.log('close event'));
  const read = fh.read(Buffer.alloc(5), 0, 5, 0);
  const closed = fh.close();
  console.log('fd during close', fh.fd === -1);
  console.log('read', (await read).buffer.toString());
  await closed;
  console.log('closed', fh.fd);

  // A Dir's async read holds the handle: sync calls throw, async ones queue.
  const dir = await fs.promises.opendir(tmpdir.path);
  const first = dir.read();
  show('dir.readSync during read', () => dir.readSync());
  show('dir.closeSync during read', () => dir.closeSync());
  const closing = dir.close();
  console.log('first entry', typeof (await first).name);
  await closing;
  dir.close((err) => console.log('close closed dir', err.code));

  fs.closeSync(fd);
})();
