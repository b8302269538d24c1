'use strict';
// Arguments checked as lib/child_process.js checks them, and commands that are not there.
const cp = require('child_process');

function attempt(label, fn) {
  try {
    fn();
    console.log(label, 'no error');
  } catch (e) {
    console.log(label, e.name, e.code, e.message);
  }
}
attempt('spawn number', () => cp.spawn(42));
attempt('spawn empty', () => cp.spawn(''));
attempt('spawn args', () => cp.spawn('node', 'nope'));
attempt('spawn options', () => cp.spawn('node', [], 'nope'));
attempt('spawn nul', () => cp.spawn('no\u0000de'));
attempt('spawn cwd', () => cp.spawn('node', [], { cwd: 42 }));
attempt('spawn shell', () => cp.spawn('node', [], { shell: 1 }));
attempt('spawn argv0', () => cp.spawn('node', [], { argv0: 1 }));
attempt('spawn timeout', () => cp.spawn('node', [], { timeout: -1 }));
attempt('spawn killSignal', () => cp.spawn('node', [], { killSignal: 'SIGNOPE' }));
attempt('spawnSync maxBuffer', () => cp.spawnSync('node', [], { maxBuffer: -1 }));
attempt('exec command', () => cp.exec(1));
attempt('execFile callback', () => cp.execFile('node', [], {}, 'x'));
attempt('execSync command', () => cp.execSync({}));
attempt('fork path', () => cp.fork(1));
attempt('fork stdio', () => cp.fork(__filename, [], { stdio: ['pipe', 'pipe', 'pipe'] }));
attempt('spawnSync input', () => cp.spawnSync('node', ['-e', '0'], { input: 5 }));

const missing = cp.spawnSync('qjsw-no-such-program', ['arg']);
console.log(missing.error.code, missing.error.message, missing.error.spawnargs, missing.status, missing.pid);
const child = cp.spawn('qjsw-no-such-program', ['arg']);
child.on('error', (e) => console.log('async', e.code, e.errno, e.syscall, e.path, e.spawnargs));
child.on('close', (code, signal) => console.log('close', code, signal));
attempt('execFileSync missing', () => cp.execFileSync('./qjsw-not-here.js'));
cp.execFile('qjsw-no-such-program', (err, stdout, stderr) => console.log('execFile', err.code, err.cmd, JSON.stringify(stdout), JSON.stringify(stderr)));
