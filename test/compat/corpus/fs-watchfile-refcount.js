'use strict';
// A StatWatcher counts one ref per watchFile() call on its path: unref() gives up one, and
// unwatchFile(path, listener) another, so the process lives on while any is held.
const common = require('../common');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const a = tmpdir.resolve('a.txt');
const b = tmpdir.resolve('b.txt');
fs.writeFileSync(a, 'a');
fs.writeFileSync(b, 'b');

// Two watchFile() calls, one unref(): still held.
const wa = fs.watchFile(a, { interval: 20 }, common.mustNotCall());
fs.watchFile(a, common.mustNotCall());
wa.unref();

// Persistent first; a later persistent: false call adds a held ref all the same, and removing
// the first listener gives one up: still held.
const f1 = common.mustNotCall();
const wb = fs.watchFile(b, { interval: 20 }, f1);
fs.watchFile(b, { interval: 20, persistent: false }, common.mustNotCall());
fs.unwatchFile(b, f1);
console.log('listeners left on b', wb.listenerCount('change'));

setTimeout(common.mustCall(() => {
  console.log('alive after one unref of two');
  wa.unref();
  setTimeout(common.mustCall(() => {
    console.log('alive while b holds a ref');
    fs.unwatchFile(b);
  }), 100).unref();
}), 100).unref();
setTimeout(common.mustNotCall('a watcher kept the process alive'), 5000).unref();
process.on('exit', () => console.log('exit'));
