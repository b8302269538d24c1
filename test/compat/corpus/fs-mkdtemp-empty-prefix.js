'use strict';
// mkdtemp with an empty prefix: Node's binding builds the template "XXXXX" (one X short), so
// every form fails with EINVAL about that path, and nothing is created.
const common = require('../common');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
process.chdir(tmpdir.path);

const show = (label) => (err) => console.log(label, err.code, err.errno, err.syscall, JSON.stringify(err.path), err.message);
try {
  fs.mkdtempSync('');
} catch (err) {
  show('sync')(err);
}
try {
  fs.mkdtempSync('', 'buffer');
} catch (err) {
  show('sync buffer')(err);
}
fs.mkdtemp('', common.mustCall((err) => {
  show('callback')(err);
  fs.promises.mkdtemp('').catch(show('promise')).then(common.mustCall(() => {
    console.log(fs.readdirSync('.'));
    console.log(fs.mkdtempSync('a').length);
  }));
}));
