'use strict';
const common = require('../common');
const assert = require('assert');
const log = [];
setImmediate(() => { log.push(1); setImmediate(() => log.push(4)); process.nextTick(() => log.push('t1')); });
setImmediate(() => { log.push(2); Promise.resolve().then(() => log.push('p2')); });
setImmediate(() => log.push(3));
setTimeout(common.mustCall(() => console.log(log.join(' '))), 200);
