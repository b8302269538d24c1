'use strict';
// kill(), a child's files seen by its parent, a node script run directly by its shebang (also
// found on PATH), inherited output, and stdio 'ignore'.
const { spawn, spawnSync, execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const os = require('os');

if (process.argv[2] === 'child') {
  if (process.argv[3] === 'write') fs.writeFileSync(process.argv[4], `written by the child in ${process.cwd() === process.argv[5]}`);
  if (process.argv[3] === 'wait') setTimeout(() => console.log('never printed'), 10000);
  if (process.argv[3] === 'inherit') {
    console.log('child to inherited stdout');
    process.stdout.write('second line\n');
  }
  return;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qjsw-cp-'));
const file = path.join(dir, 'out.txt');
spawnSync(process.execPath, [__filename, 'child', 'write', file, dir], { cwd: dir });
console.log(fs.readFileSync(file, 'utf8'));

// a script with a node shebang, run directly and from PATH
const script = path.join(dir, 'tool.js');
fs.writeFileSync(script, '#!/usr/bin/env node\nconsole.log("tool says", process.argv.slice(2).join(" "));\n');
fs.chmodSync(script, 0o755);
console.log(execFileSync(script, ['run', 'directly'], { encoding: 'utf8' }).trim());
console.log(execFileSync('tool.js', ['from', 'PATH'], { encoding: 'utf8', env: { PATH: `${dir}:${process.env.PATH}` } }).trim());
fs.chmodSync(script, 0o644);
const denied = spawnSync(script);
console.log(denied.error.code, denied.error.syscall === `spawnSync ${script}`, denied.status);

spawnSync(process.execPath, [__filename, 'child', 'inherit'], { stdio: 'inherit' });
const ignored = spawnSync(process.execPath, [__filename, 'child', 'inherit'], { stdio: 'ignore' });
console.log('ignored', ignored.stdout, ignored.status);

const child = spawn(process.execPath, [__filename, 'child', 'wait']);
child.on('spawn', () => {
  console.log('kill', child.kill(), child.killed);
});
child.on('exit', (code, signal) => console.log('exit', code, signal, child.exitCode, child.signalCode));
child.on('close', (code, signal) => {
  console.log('close', code, signal, 'kill again', child.kill());
  const other = spawn(process.execPath, [__filename, 'child', 'wait'], { stdio: 'ignore' });
  other.on('exit', (code2, signal2) => {
    console.log('SIGKILL', code2, signal2, other.killed);
    fs.rmSync(dir, { recursive: true });
  });
  other.kill('SIGKILL');
  try {
    other.kill('SIGNOPE');
  } catch (e) {
    console.log(e.code, e.message);
  }
});
