'use strict';
// fs.watch on a directory (not recursive) and on a file: the event kinds and names Node reports
// on Linux for creating, writing, renaming and removing entries, one step at a time.
const common = require('../common');
const fs = require('fs');
const path = require('path');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
// errors first: a missing path, a bad encoding, a bad path type
for (const args of [[tmpdir.resolve('missing')], [tmpdir.path, { encoding: 'bogus' }], [123]]) {
  try {
    fs.watch(...args);
  } catch (err) {
    console.log(err.code, err.syscall, err.errno, err.message.replace(tmpdir.path, '<tmp>'), err.filename === args[0]);
  }
}
const dir = tmpdir.resolve('watched');
fs.mkdirSync(dir);
fs.writeFileSync(path.join(dir, 'existing.txt'), 'old');
const events = [];
const dirWatcher = fs.watch(dir, (type, name) => events.push(`dir ${type} ${name}`));
const fileWatcher = fs.watch(path.join(dir, 'existing.txt'), (type, name) => events.push(`file ${type} ${name}`));
const steps = [
  () => fs.writeFileSync(path.join(dir, 'new.txt'), 'hello'),
  () => fs.appendFileSync(path.join(dir, 'existing.txt'), ' more'),
  () => fs.renameSync(path.join(dir, 'new.txt'), path.join(dir, 'renamed.txt')),
  () => fs.mkdirSync(path.join(dir, 'sub')),
  () => fs.writeFileSync(path.join(dir, 'sub', 'deep.txt'), 'not seen without recursive'),
  () => fs.unlinkSync(path.join(dir, 'renamed.txt')),
  () => fs.rmdirSync(path.join(dir, 'sub'), { recursive: true }),
];
let i = 0;
function next() {
  if (i > 0) {
    // inotify may merge repeats of one event: count each distinct line once per step
    const seen = [...new Set(events.splice(0))];
    console.log(`step ${i}: ${seen.join(', ')}`);
  }
  if (i === steps.length) {
    dirWatcher.close();
    fileWatcher.close();
    return;
  }
  steps[i++]();
  setTimeout(next, 50);
}
next();
dirWatcher.on('close', common.mustCall());
