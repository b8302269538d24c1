'use strict';
const common = require('../common');
const { setTimeout: sleep, setImmediate: immediate } = require('timers/promises');
(async () => {
  console.log(await sleep(5, 'slept'));
  console.log(await immediate('imm'));
  const ac = new AbortController();
  const p = sleep(1000, null, { signal: ac.signal });
  ac.abort();
  await p.catch((e) => console.log(e.name, e.code));
})().then(common.mustCall());
