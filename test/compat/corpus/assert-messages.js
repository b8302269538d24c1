'use strict';
const common = require('../common');
const assert = require('assert');
try { assert.strictEqual('a'.repeat(3), 'aab'); } catch (e) { console.log(e.message); }
try { assert.deepStrictEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] }); } catch (e) { console.log(e.message); }
try { assert.notDeepStrictEqual([1], [1]); } catch (e) { console.log(e.message); }
try { assert.equal(1, 2, 'custom message'); } catch (e) { console.log(e.message, e.generatedMessage); }
try { assert.strictEqual(1, 2, new TypeError('own error')); } catch (e) { console.log(e.name, e.message); }
