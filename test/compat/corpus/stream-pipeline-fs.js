'use strict';
const common = require('../common');
const assert = require('assert');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const { pipeline, Transform } = require('stream');
const zip = new Transform({ transform(c, e, cb) { cb(null, String(c).split('').reverse().join('')); } });
const fs = require('fs');
fs.writeFileSync(tmpdir.resolve('in.txt'), 'abcdef');
pipeline(fs.createReadStream(tmpdir.resolve('in.txt')), zip, fs.createWriteStream(tmpdir.resolve('out.txt')), common.mustSucceed(() => {
  console.log(fs.readFileSync(tmpdir.resolve('out.txt'), 'utf8'));
}));
pipeline(fs.createReadStream(tmpdir.resolve('missing')), fs.createWriteStream(tmpdir.resolve('o2')), common.mustCall((e) => console.log(e.code)));
