'use strict';
const common = require('../common');
const assert = require('assert');
const { Readable } = require('stream');
const r = new Readable({ read() {} });
r.push('abc'); r.push('def'); r.push(null);
r.once('readable', common.mustCall(() => {
  console.log(String(r.read(2)), String(r.read()), r.read());
}));
r.on('end', common.mustCall(() => console.log('end', r.readableEnded)));
const r2 = Readable.from(['x', 'y'], { objectMode: false });
r2.setEncoding('utf8');
r2.on('data', common.mustCall((s) => console.log(typeof s, s), 2));
