'use strict';
// An AssertionError's stack starts at the caller of the assert function (its stackStartFn):
// the frames of assert itself are not shown, as in Node.
require('../common');
const assert = require('assert');

function frames(fn) {
  try {
    fn();
  } catch (e) {
    // the message, then the first frame: the function that called assert
    const lines = e.stack.split('\n');
    const first = lines.findIndex((l) => l.startsWith('    at '));
    console.log(e.name, lines[first].trim().replace(/\(.*\//, '(<dir>/'));
  }
}

function checkStrictEqual() { assert.strictEqual(1, 2); }
function checkDeepEqual() { assert.deepStrictEqual({ a: 1 }, { a: 2 }); }
function checkOk() { assert.ok(false); }
function checkThrows() { assert.throws(() => {}); }
function checkFail() { assert.fail('boom'); }
function checkMatch() { assert.match('abc', /x/); }
function checkIfError() { assert.ifError(new Error('inner')); }
function custom() { throw new assert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual', stackStartFn: custom }); }
function callsCustom() { custom(); }

for (const fn of [checkStrictEqual, checkDeepEqual, checkOk, checkThrows, checkFail, checkMatch, checkIfError, callsCustom]) {
  frames(fn);
}
