'use strict';
const common = require('../common');
const assert = require('assert');
const path = require('path');
console.log(process.argv.length, path.basename(process.argv[1]), Array.isArray(process.execArgv), process.execArgv.length);
console.log(typeof process.execPath, process.argv0.length > 0, typeof process.title, process.release.name);
