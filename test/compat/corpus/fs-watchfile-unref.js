'use strict';
// Watchers that do not keep the process alive: persistent: false, unref(), and a
// persistent: false watcher that a later persistent watchFile() on the same path does not ref.
// A path missing at the start is still reported once (Node's first stat is in flight).
const common = require('../common');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const files = ['a', 'b', 'c'].map((name) => {
  const p = tmpdir.resolve(`${name}.txt`);
  fs.writeFileSync(p, name);
  return p;
});
fs.watchFile(files[0], { interval: 20, persistent: false }, common.mustNotCall());
const w = fs.watchFile(files[1], { interval: 20 }, common.mustNotCall());
console.log('unref returns the watcher', w.unref() === w);
fs.watchFile(files[2], { interval: 20, persistent: false }, common.mustNotCall());
fs.watchFile(files[2], { interval: 20 }, common.mustNotCall());
fs.watchFile(tmpdir.resolve('missing.txt'), { persistent: false }, common.mustCall((curr, prev) => {
  console.log('missing reported', curr.size, prev.size, curr.mtime.getTime());
}));
setTimeout(common.mustNotCall('a watcher kept the process alive'), 5000).unref();
process.on('exit', () => console.log('exit'));
