'use strict';
// fs/promises readFile, writeFile, appendFile and truncate of a path open a FileHandle, read its
// fd for the operation and close it whatever happens: a FileHandle whose fd getter fails (or
// whose close fails) shows in what they reject with. Argument checks that need no file come
// before the open; the length of truncate is checked after it.
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const fsp = require('fs/promises');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();

const file = tmpdir.resolve('f.txt');
const show = (label) => (err) => {
  console.log(label, err.name, err.code, err.message.replace(tmpdir.path, '<tmp>'),
              Array.isArray(err.errors) ? err.errors.map((e) => e.message) : '-');
};

(async () => {
  await fsp.writeFile(file, 'content');
  const FileHandle = (await fsp.open(file)).constructor;
  const fdGetter = Object.getOwnPropertyDescriptor(FileHandle.prototype, 'fd');
  const ops = {
    readFile: () => fsp.readFile(file, 'utf8'),
    writeFile: () => fsp.writeFile(file, 'abc'),
    appendFile: () => fsp.appendFile(file, 'abc'),
    truncate: () => fsp.truncate(file, 2),
  };
  for (const [name, op] of Object.entries(ops)) {
    for (const failing of [['fd'], ['close'], ['fd', 'close']]) {
      let closes = 0;
      Object.defineProperty(FileHandle.prototype, 'fd', {
        configurable: true,
        get() {
          const close = this.close;
          this.close = async () => {
            closes++;
            await close.call(this);
            if (failing.includes('close')) throw Object.assign(new Error('close failed'), { code: 'CLOSE' });
          };
          if (failing.includes('fd')) throw Object.assign(new Error('fd failed'), { code: 'FD' });
          return fdGetter.get.call(this);
        },
      });
      try {
        await op().then(() => console.log(name, failing, 'resolved'), show(`${name} ${failing}`));
      } finally {
        Object.defineProperty(FileHandle.prototype, 'fd', fdGetter);
      }
      console.log(' closes', closes, JSON.stringify(fs.readFileSync(file, 'utf8')));
      fs.writeFileSync(file, 'content');
    }
  }
  // checked before the open: nothing is created
  await fsp.writeFile(tmpdir.resolve('bad-data'), 123).catch(show('writeFile number'));
  await fsp.writeFile(tmpdir.resolve('bad-flush'), 'x', { flush: 1 }).catch(show('writeFile flush'));
  await fsp.appendFile(tmpdir.resolve('bad-data'), {}).catch(show('appendFile object'));
  console.log(fs.readdirSync(tmpdir.path));
  // the open first, then the length
  await fsp.truncate(tmpdir.resolve('missing'), 'x').catch(show('truncate missing'));
  await fsp.truncate(file, 'x').catch(show('truncate bad len'));
  await fsp.truncate(file, -5);
  console.log('truncated to', fs.statSync(file).size);
  // flush: the data is there once it resolves
  await fsp.writeFile(file, 'flushed', { flush: true });
  await fsp.appendFile(file, Buffer.from(' more'), { flush: true });
  console.log(await fsp.readFile(file, 'utf8'));
  // a handle's own writeFile and appendFile write at its position
  const fh = await fsp.open(file, 'r+');
  await fh.writeFile('XY');
  await fh.appendFile('Z');
  await fsp.writeFile(fh, 'W');
  console.log(await fsp.readFile(file, 'utf8'));
  await fh.close();
  await fh.writeFile('late').catch(show('writeFile after close'));
  // a closed handle given to the functions themselves: its fd (-1) goes on to the operation
  await fsp.readFile(fh).catch(show('fsp.readFile closed handle'));
  await fsp.writeFile(fh, 'late').catch(show('fsp.writeFile closed handle'));
  await fsp.appendFile(fh, 'late').catch(show('fsp.appendFile closed handle'));
  console.log('nothing to write', await fsp.writeFile(fh, ''));
})().then(common.mustCall());
