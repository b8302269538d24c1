'use strict';
const common = require('../common');
const assert = require('assert');
const { setInterval: every, scheduler } = require('timers/promises');
(async () => {
  let n = 0;
  for await (const v of every(2, 'v')) { if (++n === 3) { console.log('interval value', v, n); break; } }
  await scheduler.wait(2);
  await scheduler.yield();
  console.log('scheduler done');
})().then(common.mustCall());
