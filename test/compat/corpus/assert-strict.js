'use strict';
const common = require('../common');
const assert = require('assert');
const strict = require('assert/strict');
console.log(strict === assert.strict, typeof strict.equal);
try { strict.equal(1, '1'); } catch (e) { console.log(e.code, e.operator); }
try { strict.deepEqual({ a: 1 }, { a: '1' }); } catch (e) { console.log(e.operator); }
const { AssertionError } = assert;
const err = new AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' });
console.log(err.name, err.code, err.generatedMessage, err instanceof Error);
try { strict.notStrictEqual(1, 1); } catch (e) { console.log(e.message.split('\n')[0]); }
