'use strict';
const common = require('../common');
const assert = require('assert');
const n = common.mustNotCall('should not run');
assert.throws(() => n('arg'), (e) => e.code === 'ERR_ASSERTION' && /should not run at .*common-mustnotcall-throws\.js:\d+\ncalled with arguments: 'arg'/.test(e.message));
console.log('mustNotCall throws an AssertionError');
