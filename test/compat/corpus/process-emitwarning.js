'use strict';
const common = require('../common');
const assert = require('assert');
process.on('warning', common.mustCall((w) => console.log(w.name, w.message, w.code ?? '-'), 3));
process.emitWarning('plain');
process.emitWarning('typed', 'CustomWarning', 'C001');
process.emitWarning(new Error('from error'));
assert.throws(() => process.emitWarning(5), { code: 'ERR_INVALID_ARG_TYPE' });
