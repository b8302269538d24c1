'use strict';
const common = require('../common');
const assert = require('assert');
process.env.QJSW_X = 42;
console.log(typeof process.env.QJSW_X, process.env.QJSW_X, 'QJSW_X' in process.env);
delete process.env.QJSW_X;
console.log(process.env.QJSW_X, Object.keys(process.env).includes('QJSW_X'));
process.env.U = undefined;
console.log(JSON.stringify(process.env.U));
