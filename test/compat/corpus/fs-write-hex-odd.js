'use strict';
// A hex string of odd length cannot be written: writeSync, write and FileHandle.write refuse it
// before writing anything (Node's validateEncoding); an even one writes its bytes.
const common = require('../common');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();

const file = tmpdir.resolve('hex.bin');
const fd = fs.openSync(file, 'w+');
const show = (label, fn) => {
  try {
    console.log(label, 'ok', fn());
  } catch (err) {
    console.log(label, err.name, err.code, err.message);
  }
};
show('writeSync abc hex', () => fs.writeSync(fd, 'abc', 0, 'hex'));
show('writeSync abc HEX', () => fs.writeSync(fd, 'abc', null, 'HEX'));
show('writeSync abc hex cb', () => fs.writeSync(fd, 'abc', 0, 'hex', common.mustNotCall()));
show('write abc hex', () => fs.write(fd, 'abc', 0, 'hex', common.mustNotCall()));
show('write abc hex no cb', () => fs.write(fd, 'abc', 0, 'hex'));
show('writeSync abcd hex', () => fs.writeSync(fd, 'abcd', 0, 'hex'));
show('writeSync abc utf8', () => fs.writeSync(fd, 'abc', 2, 'utf8'));
fs.write(fd, '0102ff', null, 'hex', common.mustSucceed((written) => {
  console.log('write 0102ff', written);
  fs.promises.open(file, 'r+').then(async (fh) => {
    await fh.write('abc', 0, 'hex').catch((err) => console.log('FileHandle.write', err.code, err.message));
    await fh.close();
    fs.closeSync(fd);
    console.log(fs.readFileSync(file).toString('hex'));
  }).then(common.mustCall());
}));
