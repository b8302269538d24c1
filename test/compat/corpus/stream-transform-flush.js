'use strict';
const common = require('../common');
const assert = require('assert');
const { Transform } = require('stream');
const t = new Transform({
  transform(chunk, enc, cb) { this.count = (this.count || 0) + chunk.length; cb(); },
  flush(cb) { this.push(`total ${this.count}`); cb(); },
});
t.on('data', common.mustCall((d) => console.log(String(d))));
t.write('abc'); t.write('de'); t.end();
const t2 = new Transform({ readableObjectMode: true, transform(c, e, cb) { cb(null, { len: c.length }); } });
t2.on('data', common.mustCall((o) => console.log(JSON.stringify(o)))); t2.end('xyz');
