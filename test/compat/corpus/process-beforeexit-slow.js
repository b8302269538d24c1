'use strict';
// 'beforeExit' comes again after the work it scheduled, even when that work (a timer) was
// already due by the time the loop looked again.
const common = require('../common');
let rounds = 0;
process.on('beforeExit', common.mustCall((code) => {
  console.log('beforeExit', code, rounds);
  if (++rounds < 3) {
    setTimeout(() => console.log('more work', rounds), 1);
    const end = Date.now() + 5;
    while (Date.now() < end);
  }
}, 3));
process.on('exit', (code) => console.log('exit', code, rounds));
