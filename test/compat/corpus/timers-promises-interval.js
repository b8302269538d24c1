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

// Ticks that came while the loop body was busy are still yielded after an abort; with none
// left, the abort ends the loop (Node's generator checks the signal only between batches).
(async () => {
  const controller = new AbortController();
  let n = 0;
  let afterAbort = 0;
  try {
    for await (const v of every(5, 'w', { signal: controller.signal })) {
      n++;
      if (n === 1) {
        await new Promise((r) => setTimeout(r, 60));
        controller.abort();
      } else afterAbort++;
    }
  } catch (e) {
    console.log('ended with', e.name, 'after more ticks:', afterAbort > 0);
  }
})().then(common.mustCall());
