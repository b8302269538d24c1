// Fails only in the sandbox: its child_process runs node, a shell and coreutils, and no other
// program (printf is a shell builtin there, not a program of /usr/bin).
'use strict';
const { execFileSync } = require('child_process');
console.log(execFileSync('printf', ['42'], { encoding: 'utf8' }).trim());
