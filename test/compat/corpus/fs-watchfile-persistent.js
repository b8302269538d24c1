'use strict';
// A watchFile() watcher keeps the process alive until unwatchFile(): here nothing else does
// (the timer that changes the file is unref'd).
const common = require('../common');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const p = tmpdir.resolve('persistent.txt');
fs.writeFileSync(p, 'a');
fs.watchFile(p, { interval: 20 }, common.mustCall(function(curr, prev) {
  console.log('change', prev.size, '->', curr.size);
  fs.unwatchFile(p);
}));
setTimeout(common.mustCall(() => {
  console.log('writing');
  fs.writeFileSync(p, 'abc');
}), 100).unref();
process.on('exit', () => console.log('exit'));
