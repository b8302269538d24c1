'use strict';
const common = require('../common');
process.on('exit', common.mustCall((code) => {
  console.log('exit code', code);
  process.exitCode = 0;
}));
process.exitCode = 5;
