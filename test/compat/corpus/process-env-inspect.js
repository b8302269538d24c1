'use strict';
require('../common');
const util = require('util');
process.env = { A: '1' };
process.env.B = 2;
console.log(process.env, util.inspect(process.env), JSON.stringify(process.env));
const { env } = process;
console.log(Object.keys(env), typeof env.B);
