// Fails in both worlds: a callback declared with mustCall is never called, so the check at
// process exit fails the run with exit code 1.
'use strict';
const common = require('../common');
const never = common.mustCall(function neverCalled() {});
const once = common.mustCall(() => {}, 2);
once();
console.log('main script done');
