'use strict';
const common = require('../common');
const { Transform, pipeline, Readable, Writable } = require('stream');
const upper = new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); } });
let out = '';
pipeline(
  Readable.from(['ab', 'cd']),
  upper,
  new Writable({ write(c, e, cb) { out += c; cb(); } }),
  common.mustSucceed(() => console.log(out)),
);
pipeline(
  Readable.from(['x']),
  new Transform({ transform(c, e, cb) { cb(new Error('bad chunk')); } }),
  new Writable({ write(c, e, cb) { cb(); } }),
  common.mustCall((err) => console.log(err.message)),
);
