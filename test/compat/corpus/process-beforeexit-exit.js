'use strict';
require('../common');
// process.exit() and uncaught errors skip 'beforeExit'; exit() inside it ends the run
process.on('beforeExit', () => {
  console.log('beforeExit');
  process.exit(4);
});
process.on('exit', (code) => {
  console.log('exit', code);
  process.exitCode = 0;
});
