'use strict';
const common = require('../common');
const tmpdir = require('../common/tmpdir');
const gfs = require('graceful-fs');
const fs = require('fs');
const path = require('path');
const { show } = require('./_tree');

tmpdir.refresh();
const dir = tmpdir.resolve('many');
gfs.mkdirSync(dir);

// Many files at once through graceful-fs's queueing open/readFile/writeFile.
const N = 300;
let written = 0;
for (let i = 0; i < N; i++) {
  gfs.writeFile(path.join(dir, `f${i}.txt`), `file ${i}\n`, common.mustSucceed(() => {
    if (++written === N) readAll();
  }));
}

function readAll() {
  let sum = 0;
  let read = 0;
  for (let i = 0; i < N; i++) {
    gfs.readFile(path.join(dir, `f${i}.txt`), 'utf8', common.mustSucceed((text) => {
      sum += Number(text.split(' ')[1]);
      if (++read === N) {
        show('read back', { files: gfs.readdirSync(dir).length, sum });
        afterwards();
      }
    }));
  }
}

// Then one step at a time (the order of independent completions is the event loop's business).
function afterwards() {
  const src = path.join(dir, 'f1.txt');
  const copy = tmpdir.resolve('copy.txt');
  const steps = [
    (next) => gfs.createReadStream(src).pipe(gfs.createWriteStream(copy)).on('finish', () => {
      show('stream copy', gfs.readFileSync(copy, 'utf8'));
      next();
    }),
    (next) => gfs.rename(copy, tmpdir.resolve('renamed.txt'), common.mustSucceed(next)),
    (next) => gfs.readdir(tmpdir.path, common.mustSucceed((names) => {
      show('readdir', names.sort());
      next();
    })),
    (next) => gfs.readFile(path.join(dir, 'missing'), (err) => {
      show('missing file', err.code);
      next();
    }),
    (next) => {
      // gracefulify patches the real fs module in place
      gfs.gracefulify(fs);
      show('gracefulify: fs.close is patched', [fs.close.name, typeof fs.close[Symbol.for('graceful-fs.previous')]]);
      fs.readFile(path.join(dir, 'f7.txt'), 'utf8', common.mustSucceed((t) => {
        show('patched fs.readFile', t);
        next();
      }));
    },
    (next) => gfs.promises.readFile(path.join(dir, 'f9.txt'), 'utf8').then((t) => {
      show('gfs.promises', t);
      next();
    }),
    (next) => gfs.copyFile(src, tmpdir.resolve('c2.txt'), common.mustSucceed(() => {
      show('copyFile', gfs.readFileSync(tmpdir.resolve('c2.txt'), 'utf8'));
      show('fs and gfs agree', gfs.statSync(src).size === fs.statSync(src).size);
      next();
    })),
  ];
  const run = () => steps.length && steps.shift()(run);
  run();
}
