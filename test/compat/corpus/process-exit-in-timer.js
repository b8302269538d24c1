'use strict';
const common = require('../common');
const assert = require('assert');
process.on('exit', (code) => console.log('exit with', code));
setTimeout(() => { console.log('exiting'); process.exit(0); }, 1);
setTimeout(common.mustNotCall(), 50);
