'use strict';
const common = require('../common');
const assert = require('assert');
(async () => {
  await assert.rejects(Promise.reject(new RangeError('r')), RangeError);
  await assert.rejects(async () => { throw new Error('x'); }, { message: 'x' });
  await assert.doesNotReject(Promise.resolve(1));
  try { await assert.rejects(Promise.resolve()); } catch (e) { console.log(e.message); }
})().then(common.mustCall());
