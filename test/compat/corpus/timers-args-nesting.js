'use strict';
const common = require('../common');
const assert = require('assert');
const log = [];
setImmediate((a) => {
  log.push(`i ${a}`);
  setTimeout((b, c) => log.push(`t ${b}${c}`), 1, 'x', 'y');
}, 'z');
setTimeout(() => {
  setTimeout(() => log.push('nested timeout'), 0);
  setImmediate(() => log.push('nested immediate'));
}, 2);
setTimeout(common.mustCall(() => console.log(log.join(', '))), 40);
