'use strict';
const common = require('../common');
// a listener that only queues microtasks does not keep the loop going: one 'beforeExit'
let n = 0;
process.on('beforeExit', common.mustCall((code) => {
  console.log('beforeExit', code, ++n);
  Promise.resolve().then(() => console.log('microtask from beforeExit'));
  process.nextTick(() => console.log('tick from beforeExit'));
}));
process.on('exit', (code) => console.log('exit', code));
process.exitCode = 2;
setTimeout(() => {
  console.log('timer');
  process.exitCode = 0;
}, 1);
