'use strict';
const common = require('../common');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
fs.writeFileSync(tmpdir.resolve('w.txt'), 'a');
const watcher = fs.watch(tmpdir.path, common.mustCallAtLeast((event, name) => {
  console.log('event for', name);
  watcher.close();
}, 1));
setTimeout(() => fs.writeFileSync(tmpdir.resolve('w.txt'), 'b'), 50);
