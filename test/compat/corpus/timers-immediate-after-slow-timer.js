'use strict';
// A setImmediate queued by a timer callback runs in that loop iteration's check phase, before
// a setTimeout(0) queued next to it, even when the timer callback was slow enough for the
// timeout to be due already.
const common = require('../common');
const log = [];
setTimeout(common.mustCall(() => {
  log.push('timer');
  setTimeout(() => log.push('nested timeout'), 0);
  setImmediate(() => log.push('nested immediate'));
  const end = Date.now() + 5;
  while (Date.now() < end);
}), 1);
setTimeout(common.mustCall(() => console.log(log.join(', '))), 50);
