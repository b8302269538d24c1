'use strict';
const common = require('../common');
process.on('unhandledRejection', common.mustCall((reason, p) => {
  console.log('unhandled', reason.message, p instanceof Promise);
}));
Promise.reject(new Error('nobody catches'));
