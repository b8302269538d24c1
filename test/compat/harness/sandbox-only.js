// Fails only in the sandbox: it has no child processes.
'use strict';
const { execFileSync } = require('child_process');
console.log(execFileSync(process.execPath, ['-e', 'console.log(6 * 7)'], { encoding: 'utf8' }).trim());
