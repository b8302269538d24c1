'use strict';
const common = require('../common');
const assert = require('assert');
console.log(typeof assert.CallTracker, typeof assert.strict.ok, typeof assert.notEqual, typeof assert.deepEqual);
assert.ok(true); assert(1); assert.equal(1, '1'); assert.notEqual(1, 2); assert.notStrictEqual(1, '1');
try { assert(false); } catch (e) { console.log(e.message.split('\n')[0]); }
try { assert.ok(null, 'explicit message'); } catch (e) { console.log(e.message); }
