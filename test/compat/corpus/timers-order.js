'use strict';
const common = require('../common');
const log = [];
setTimeout(common.mustCall(() => log.push('timeout')), 2);
setImmediate(common.mustCall(() => log.push('immediate')));
process.nextTick(() => log.push('tick'));
Promise.resolve().then(() => log.push('promise'));
const t = setTimeout(common.mustNotCall(), 1);
clearTimeout(t);
let n = 0;
const iv = setInterval(common.mustCall(() => { if (++n === 3) clearInterval(iv); }, 3), 1);
// (a 2 ms timeout against an immediate from the main module is racy in Node itself: sorted)
setTimeout(common.mustCall(() => console.log(log.slice(0, 2).join(','), log.slice(2).sort().join(','))), 200);
