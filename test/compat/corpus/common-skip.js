'use strict';
const common = require('../common');
const assert = require('assert');
console.log('before skip');
common.skip('demonstrating skip');
console.log('not reached');
