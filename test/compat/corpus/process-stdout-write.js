'use strict';
const common = require('../common');
const assert = require('assert');
process.stdout.write('no newline');
process.stdout.write(' then newline\n');
process.stdout.write(Buffer.from('from buffer\n'));
process.stdout.write('with callback\n', common.mustCall());
console.log(process.stdout.write(''));
