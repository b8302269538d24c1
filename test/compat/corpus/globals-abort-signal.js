'use strict';
const common = require('../common');
const assert = require('assert');
const s = AbortSignal.abort('why');
console.log(s.aborted, s.reason);
const t = AbortSignal.timeout(5);
t.addEventListener('abort', common.mustCall(() => console.log('timeout', t.reason.name)));
// AbortSignal.timeout's timer does not keep the process alive
setTimeout(() => {}, 50);
const any = AbortSignal.any ? AbortSignal.any([new AbortController().signal, s]) : { aborted: true };
console.log(any.aborted);
assert.throws(() => s.throwIfAborted(), (e) => e === 'why');
