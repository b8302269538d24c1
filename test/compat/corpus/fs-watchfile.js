'use strict';
const common = require('../common');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const p = tmpdir.resolve('wf.txt');
fs.writeFileSync(p, 'a');
fs.watchFile(p, { interval: 20 }, common.mustCall((curr, prev) => {
  console.log('size', prev.size, '->', curr.size);
  fs.unwatchFile(p);
}));
setTimeout(() => fs.writeFileSync(p, 'abc'), 100);
