'use strict';
const common = require('../common');
const assert = require('assert');
const util = require('util');
const fs = require('fs');
const fixtures = require('../common/fixtures');
const readFile = util.promisify(fs.readFile);
(async () => {
  console.log(await readFile(fixtures.path('x.txt'), 'utf8'));
  const cb = util.callbackify(async (x) => x * 2);
  cb(21, common.mustSucceed((v) => console.log(v)));
  const custom = () => {};
  custom[util.promisify.custom] = () => Promise.resolve('custom');
  console.log(await util.promisify(custom)());
  await assert.rejects(util.promisify((cb) => cb(new Error('no')))(), /no/);
})().then(common.mustCall());
