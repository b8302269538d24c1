'use strict';
const common = require('../common');
const assert = require('assert');
process.on('unhandledRejection', common.mustNotCall());
const p = Promise.reject(new Error('handled later'));
p.catch(common.mustCall((e) => console.log('caught', e.message)));
Promise.reject(new Error('caught at once')).catch(() => console.log('immediately'));
