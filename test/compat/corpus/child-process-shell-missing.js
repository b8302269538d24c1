'use strict';
// A shell line (exec, shell: true, sh -c) naming a program that is not there: the shell runs
// and says so on stderr, with its status (127 not found, 126 not executable), as dash does.
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const os = require('os');

const dir = path.join(os.tmpdir(), 'qjsw-cp-shell-missing');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir);
const plain = path.join(dir, 'plain.txt');
fs.writeFileSync(plain, 'not a program\n');

function show(label, err, stdout, stderr) {
  console.log(label, err && err.message, err && err.code, err && err.killed, err && err.signal, err && err.cmd,
    JSON.stringify(stdout), JSON.stringify(stderr));
}

const steps = [
  (next) => {
    const child = cp.exec('qjsw-no-such-command a b', (err, stdout, stderr) => {
      show('exec missing', err, stdout, stderr);
      next();
    });
    console.log('exec pid', typeof child.pid);
  },
  (next) => cp.exec(plain, (err, stdout, stderr) => {
    show('exec not executable', err, stdout, stderr);
    next();
  }),
  (next) => cp.exec('./qjsw/nothing/here', { cwd: dir }, (err, stdout, stderr) => {
    show('exec path', err, stdout, stderr);
    next();
  }),
  (next) => {
    const child = cp.spawn('qjsw-no-such-command', ['x'], { shell: true });
    console.log('spawn shell', child.spawnfile, child.spawnargs, typeof child.pid);
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => console.log('unexpected error', e.message));
    child.on('close', (code, signal) => {
      console.log('spawn shell close', code, signal, JSON.stringify(err));
      next();
    });
  },
  (next) => {
    const r = cp.spawnSync('qjsw-no-such-command', { shell: true, encoding: 'utf8' });
    console.log('spawnSync shell', r.status, r.signal, r.error, JSON.stringify(r.stdout), JSON.stringify(r.stderr));
    const s = cp.spawnSync('/bin/sh', ['-c', 'qjsw-no-such-command'], { encoding: 'utf8' });
    console.log('sh -c', s.status, JSON.stringify(s.stderr));
    try {
      cp.execSync('qjsw-no-such-command', { stdio: 'pipe' });
    } catch (e) {
      console.log('execSync', e.status, e.message, JSON.stringify(String(e.stderr)));
    }
    next();
  },
  (next) => cp.exec(`"${process.execPath}" -p 6*7;`.replace('6*7', '"6 * 7"'), (err, stdout) => {
    console.log('trailing ;', err, JSON.stringify(stdout));
    next();
  }),
];
(function run(i) {
  if (i < steps.length) steps[i](() => run(i + 1));
  else fs.rmSync(dir, { recursive: true });
})(0);
