'use strict';
const common = require('../common');
const assert = require('assert');
const util = require('util');
const fs = require('fs');
console.log(typeof fs.exists[util.promisify.custom], util.promisify(setTimeout) === require('timers/promises').setTimeout);
(async () => {
  console.log(await util.promisify(fs.exists)(__filename));
  console.log(await util.promisify(setImmediate)('imm value'));
  const stat = await util.promisify(fs.stat)(__filename);
  console.log(stat.isFile());
})().then(common.mustCall());
