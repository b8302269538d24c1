'use strict';
const common = require('../common');
const assert = require('assert');
const timers = require('timers');
console.log(timers.setTimeout === setTimeout, typeof timers.setImmediate, typeof timers.clearInterval);
const t = setTimeout(() => {}, 1);
console.log(typeof t.ref, typeof t.unref, t.hasRef(), typeof +t);
clearTimeout(+t);
setTimeout(common.mustCall(), 5);
