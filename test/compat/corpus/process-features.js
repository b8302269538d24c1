'use strict';
const common = require('../common');
const assert = require('assert');
console.log(typeof process.features, typeof process.config, typeof process.umask(), process.umask().toString(8));
console.log(typeof process.getuid, typeof process.kill, typeof process.emit, process.listenerCount('exit'));
console.log(typeof process.stdout.write, typeof process.stderr.write, process.stdout.fd, process.stderr.fd);
