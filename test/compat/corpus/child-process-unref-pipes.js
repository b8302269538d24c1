'use strict';
// A parent that unrefs its child and the child's pipes (as esbuild's service client does) ends
// when its own work is done, the child still running; the child sees its stdin end then.
const { spawn } = require('child_process');

const child = spawn(process.execPath, ['-e', `
  process.stdin.on('data', (d) => process.stdout.write('echo ' + d));
  process.stdin.on('end', () => process.exit(0));
  setInterval(() => {}, 1000);
`], { stdio: ['pipe', 'pipe', 'ignore'] });

console.log(typeof child.stdin.ref, typeof child.stdout.unref, child.stdout.unref() === child.stdout, child.stdin.ref() === child.stdin);
child.stdout.ref();
child.stdout.once('data', (d) => {
  console.log(String(d).trim());
  child.unref();
  child.stdin.unref();
  child.stdout.unref();
  setTimeout(() => console.log('a timer after the unref still runs'), 20);
});
child.stdin.write('hello\n');
process.on('exit', (code) => console.log('parent exits', code, child.exitCode));
