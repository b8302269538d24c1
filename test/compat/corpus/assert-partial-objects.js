'use strict';
const common = require('../common');
const assert = require('assert');
assert.throws(() => { throw Object.assign(new Error('m'), { info: { nested: 1 }, extra: 2 }); }, { info: { nested: 1 } });
try {
  assert.throws(() => { throw Object.assign(new Error('m'), { code: 'A' }); }, { code: 'B' });
} catch (e) { console.log(e.message.split('\n').slice(0, 6).join('|')); }
assert.throws(() => { throw new Error('regexp props'); }, { message: /props$/ });
console.log('ok');
