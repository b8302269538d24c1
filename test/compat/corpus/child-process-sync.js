'use strict';
// spawnSync, execFileSync and execSync of node: results, thrown errors, input, timeouts,
// maxBuffer, node's own -e / -p / -- arguments.
const { spawnSync, execFileSync, execSync } = require('child_process');

if (process.argv[2] === 'child') {
  const mode = process.argv[3];
  if (mode === 'ok') console.log(`ok ${process.argv.slice(4).join('|')}`);
  if (mode === 'fail') {
    console.log('partial');
    console.error('bad input');
    process.exit(4);
  }
  if (mode === 'upper') process.stdout.write(require('fs').readFileSync(0, 'utf8').toUpperCase());
  if (mode === 'timers') {
    setTimeout(() => console.log('timer 2'), 20);
    setTimeout(() => console.log('timer 1'), 10);
    Promise.resolve().then(() => console.log('microtask'));
  }
  if (mode === 'slow') setTimeout(() => console.log('never'), 5000);
  if (mode === 'big') console.log('y'.repeat(300));
  return;
}

let r = spawnSync(process.execPath, [__filename, 'child', 'ok', 'a', 'b c']);
console.log(Object.keys(r), r.status, r.signal, r.output.length, r.output[0], String(r.stdout), r.stderr.length, typeof r.pid);
r = spawnSync(process.execPath, [__filename, 'child', 'fail'], { encoding: 'utf8' });
console.log(r.status, JSON.stringify(r.stdout), JSON.stringify(r.stderr), r.output[1] === r.stdout);
r = spawnSync(process.execPath, [__filename, 'child', 'upper'], { input: 'piped in' });
console.log(r.status, String(r.stdout));
r = spawnSync(process.execPath, [__filename, 'child', 'timers'], { encoding: 'utf8' });
console.log(JSON.stringify(r.stdout));
r = spawnSync(process.execPath, [__filename, 'child', 'slow'], { timeout: 50, encoding: 'utf8' });
console.log(Object.keys(r), r.status, r.signal, r.error.code, r.error.errno, r.error.message.startsWith('spawnSync '), JSON.stringify(r.stdout));
r = spawnSync(process.execPath, [__filename, 'child', 'big'], { maxBuffer: 100 });
console.log(r.status, r.signal, r.error.code, r.stdout.length);
r = spawnSync(process.execPath, ['-e', 'console.log(JSON.stringify(process.argv.slice(1)), process.execArgv[0])', '--', 'q', '-x'], { encoding: 'utf8' });
console.log(r.stdout.trim());
r = spawnSync(process.execPath, ['-p', '"printed " + (20 + 22)'], { encoding: 'utf8' });
console.log(r.stdout.trim(), r.status);
r = spawnSync(process.execPath, ['-e', 'process.exitCode = 9'], { stdio: 'ignore' });
console.log(r.status, r.stdout, r.stderr, r.output);

console.log(execFileSync(process.execPath, ['-e', 'console.log(6 * 7)'], { encoding: 'utf8' }).trim());
console.log(JSON.stringify(execFileSync(process.execPath, [__filename, 'child', 'ok', 'x'], { encoding: 'latin1' })));
console.log(execSync(`node "${__filename}" child ok from-execSync`).toString().trim());
console.log(execSync('node -', { input: 'console.log("script on stdin")', encoding: 'utf8' }).trim());
try {
  execSync(`node "${__filename}" child fail`, { stdio: 'pipe' });
} catch (e) {
  console.log('execSync threw', e.message.replace(__filename, 'FILE'), e.status, e.signal, String(e.stdout), String(e.stderr), Object.keys(e));
}
try {
  execFileSync(process.execPath, [__filename, 'child', 'fail'], { encoding: 'utf8', stdio: 'pipe' });
} catch (e) {
  console.log('execFileSync threw', e.message.split('\n')[1], e.status, JSON.stringify(e.stdout));
}
try {
  execFileSync(process.execPath, [__filename, 'child', 'slow'], { timeout: 30 });
} catch (e) {
  console.log('execFileSync timeout', e.code, e.signal, e.status, Object.keys(e));
}
for (const code of ['process.kill(process.pid)', 'process.kill(process.pid, "SIGINT")', 'process.exit(143)']) {
  r = spawnSync(process.execPath, ['-e', code]);
  console.log(code, r.status, r.signal);
}
