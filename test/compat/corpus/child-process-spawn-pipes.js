'use strict';
// spawn of a node script (this file, as the child): pipes both ways, env, cwd, argv, exit code,
// and the order of the child's events.
const { spawn } = require('child_process');
const path = require('path');

if (process.argv[2] === 'child') {
  console.log(`argv ${JSON.stringify(process.argv.slice(3))} env ${process.env.QJSW_CP} cwd ${process.cwd()}`);
  console.log(`execArgv ${JSON.stringify(process.execArgv)} argv1 ${path.basename(process.argv[1])}`);
  process.stdin.setEncoding('utf8');
  let input = '';
  process.stdin.on('data', (d) => (input += d));
  process.stdin.on('end', () => {
    process.stdout.write(input.toUpperCase());
    console.error('a line on stderr');
    process.exitCode = Number(process.argv[3]);
  });
  return;
}

const events = [];
const child = spawn(process.execPath, [__filename, 'child', '5', 'two words'], {
  cwd: path.dirname(__dirname),
  env: { QJSW_CP: 'set by the parent' },
});
console.log(typeof child.pid, child.stdin !== null, child.stdout !== null, child.stderr !== null, child.stdio.length);
console.log(child.spawnargs.slice(1).map((a) => (a === __filename ? 'FILE' : a)), child.connected, child.exitCode, child.signalCode);
let out = '';
let err = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (d) => (out += d));
child.stdout.on('end', () => events.push('stdout end'));
child.stderr.on('data', (d) => (err += d));
child.on('spawn', () => events.push('spawn'));
child.on('exit', (code, signal) => events.push(`exit ${code} ${signal}`));
child.on('close', (code, signal) => {
  events.push(`close ${code} ${signal}`);
  console.log(out.split('\n').map((l) => l.replace(path.dirname(__dirname), 'PARENT_DIR')).join('\n'));
  console.log(JSON.stringify(err));
  // 'exit' may come before or after the pipes end; 'spawn' is first and 'close' last
  console.log(events[0], events.at(-1), events.length, child.exitCode, child.signalCode, child.killed);
});
child.stdin.write('hello ');
child.stdin.end('from the parent\n');
