'use strict';
const common = require('../common');
const assert = require('assert');
assert.throws(() => process.nextTick(1), { code: 'ERR_INVALID_ARG_TYPE' });
process.on('uncaughtException', common.mustCall((e) => console.log('uncaught', e.message)));
process.nextTick(() => { throw new Error('in tick'); });
process.nextTick(common.mustCall(() => console.log('next tick still runs')));
