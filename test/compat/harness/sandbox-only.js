// Fails only in the sandbox: child_process there runs node scripts, and no other program.
'use strict';
const { execFileSync } = require('child_process');
console.log(execFileSync('echo', ['42'], { encoding: 'utf8' }).trim());
