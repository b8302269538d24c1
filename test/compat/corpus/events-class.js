'use strict';
const common = require('../common');
const assert = require('assert');
const EventEmitter = require('events');
class Job extends EventEmitter {
  run() { process.nextTick(() => { this.emit('start'); this.emit('done', 42); }); return this; }
}
new Job().on('start', common.mustCall(() => console.log('start')))
  .on('done', common.mustCall((v) => console.log('done', v))).run();
const util = require('util');
function Old() { EventEmitter.call(this); }
util.inherits(Old, EventEmitter);
const o = new Old();
o.on('x', common.mustCall(function() { console.log(this === o); }));
o.emit('x');
