'use strict';
const common = require('../common');
const assert = require('assert');
const { setTimeout: sleep, setImmediate: imm, setInterval: every } = require('timers/promises');
(async () => {
  const ac = new AbortController();
  ac.abort(new Error('reason'));
  await assert.rejects(sleep(10, 'x', { signal: ac.signal }), (e) => { console.log(e.name, e.code, e.cause?.message); return true; });
  await assert.rejects(imm('x', { signal: ac.signal }), { name: 'AbortError' });
  await assert.rejects(sleep(1, null, { signal: 'nope' }), { code: 'ERR_INVALID_ARG_TYPE' });
  const it = every(1, 'tick');
  console.log((await it.next()).value);
  await it.return();
})().then(common.mustCall());
