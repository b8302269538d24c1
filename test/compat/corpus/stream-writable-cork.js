'use strict';
const common = require('../common');
const assert = require('assert');
const { Writable } = require('stream');
const writes = [];
const w = new Writable({
  writev(chunks, cb) { writes.push(`writev:${chunks.map((c) => c.chunk).join('')}`); cb(); },
  write(c, e, cb) { writes.push(`write:${c}`); cb(); },
});
w.cork(); w.write('a'); w.write('b');
process.nextTick(() => { w.uncork(); w.end('c'); });
w.on('finish', common.mustCall(() => console.log(writes)));
