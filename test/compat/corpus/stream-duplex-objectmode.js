'use strict';
const common = require('../common');
const assert = require('assert');
const { Duplex, Readable, Writable } = require('stream');
const d = new Duplex({
  objectMode: true,
  read() {},
  write(obj, enc, cb) { this.push({ echoed: obj }); cb(); },
  final(cb) { this.push(null); cb(); },
});
const out = [];
d.on('data', (o) => out.push(o));
d.on('end', common.mustCall(() => console.log(JSON.stringify(out))));
d.write({ a: 1 }); d.write([2]); d.end('three');
const r = new Readable({ objectMode: true, read() { this.push(null); } });
console.log(r.readableObjectMode, new Writable().writableObjectMode, r.readableHighWaterMark, new Readable().readableHighWaterMark);
