'use strict';
const common = require('../common');
const { Writable } = require('stream');
const w = new Writable({
  highWaterMark: 3,
  write(chunk, enc, cb) { setImmediate(cb); },
});
console.log(w.write('ab'), w.write('cd'), w.writableLength, w.writableNeedDrain);
w.on('drain', common.mustCall(() => {
  console.log('drain', w.writableLength);
  w.end();
}));
w.on('finish', common.mustCall(() => console.log('finish')));
