'use strict';
const common = require('../common');
const assert = require('assert');
const os = require('os');
console.log(os.EOL === '\n', os.platform(), typeof os.tmpdir(), typeof os.homedir(), os.endianness(), typeof os.cpus().length);
console.log(os.constants.signals.SIGINT, os.constants.errno.ENOENT, typeof os.totalmem(), os.devNull);
