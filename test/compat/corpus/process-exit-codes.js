'use strict';
const common = require('../common');
const assert = require('assert');
process.on('exit', (code) => {
  console.log('exit', code, process.exitCode);
  process.exitCode = 0;
});
process.exitCode = '3';
