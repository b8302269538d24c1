'use strict';
const common = require('../common');
const assert = require('assert');
const { Writable } = require('stream');
const log = [];
const w = new Writable({
  write(c, e, cb) { log.push(`write ${c}`); cb(); },
  final(cb) { log.push('final'); cb(); },
  destroy(err, cb) { log.push(`destroy ${err}`); cb(err); },
});
w.on('finish', () => log.push('finish'));
w.on('close', common.mustCall(() => console.log(log.join(', '))));
w.end('x');
const w2 = new Writable({ write(c, e, cb) { cb(); } });
w2.end();
w2.write('late', common.mustCall((err) => console.log(err.code)));
w2.on('error', common.mustCall((err) => console.log('error event', err.code)));
