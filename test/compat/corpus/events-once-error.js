'use strict';
const common = require('../common');
const assert = require('assert');
const { EventEmitter, once } = require('events');
const e = new EventEmitter();
(async () => {
  process.nextTick(() => e.emit('error', new Error('rejected once')));
  await assert.rejects(once(e, 'done'), /rejected once/);
  process.nextTick(() => e.emit('error', new Error('as value')));
  const [err] = await once(e, 'error');
  console.log(err.message, e.listenerCount('error'), e.listenerCount('done'));
})().then(common.mustCall());
