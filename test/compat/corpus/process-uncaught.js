'use strict';
const common = require('../common');
process.on('uncaughtException', common.mustCall((err, origin) => console.log('caught', err.message, origin)));
setTimeout(common.mustCall(() => console.log('loop goes on')), 5);
throw new Error('thrown at top level');
