'use strict';
const common = require('../common');
const log = [];
setImmediate((a) => {
  log.push(`i ${a}`);
  setTimeout((b, c) => {
    log.push(`t ${b}${c}`);
    setTimeout(() => log.push('nested timeout'), 0);
    setImmediate(() => log.push('nested immediate'));
  }, 1, 'x', 'y');
}, 'z');
setTimeout(common.mustCall(() => console.log(log.join(', '))), 200);
