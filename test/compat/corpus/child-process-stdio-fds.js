'use strict';
// stdio given as the parent's fds (a file for stdin or stdout, fd 1 for stderr) or as another
// child's streams: the bytes go where the fd or stream points, as the kernel would send them,
// and the parent's own fd 1 stays its own while a child starts.
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const os = require('os');

const dir = path.join(os.tmpdir(), 'qjsw-cp-stdio-fds');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir);
const out = path.join(dir, 'out.log');
const inp = path.join(dir, 'in.txt');
fs.writeFileSync(inp, 'from a file\n');

const echo = "process.stdin.on('data', (d) => process.stdout.write('in:' + d));" +
  "process.stdin.on('end', () => { console.log('to stdout'); console.error('to stderr'); })";

const steps = [
  (next) => {
    const fd = fs.openSync(out, 'w');
    const ifd = fs.openSync(inp, 'r');
    const child = cp.spawn(process.execPath, ['-e', echo], { stdio: [ifd, fd, 'pipe'] });
    fs.writeSync(1, 'parent fd 1 right after spawn\n');
    console.log('streams', child.stdio.map((s) => (s === null ? null : typeof s)), child.stdout, child.stdin, child.stderr.fd);
    child.stderr.on('data', (d) => console.log('stderr pipe', JSON.stringify(String(d))));
    child.on('close', (code) => {
      fs.closeSync(fd);
      fs.closeSync(ifd);
      console.log('close', code, JSON.stringify(fs.readFileSync(out, 'utf8')));
      next();
    });
  },
  (next) => {
    const r = cp.spawnSync(process.execPath, ['-e', 'console.log("sync out"); console.error("sync err")'], { stdio: ['ignore', 'pipe', 1] });
    console.log('sync stderr to fd 1', JSON.stringify(String(r.stdout)), r.stderr, r.output);
    const fd = fs.openSync(out, 'w');
    const ifd = fs.openSync(inp, 'r');
    const r2 = cp.spawnSync(process.execPath, ['-e', echo], { stdio: [ifd, fd, 'pipe'] });
    fs.closeSync(fd);
    fs.closeSync(ifd);
    console.log('sync file', r2.status, r2.stdout, JSON.stringify(String(r2.stderr)), JSON.stringify(fs.readFileSync(out, 'utf8')));
    fs.writeSync(1, 'parent fd 1 after spawnSync\n');
    next();
  },
  (next) => {
    // one child's output as another's input
    const first = cp.spawn(process.execPath, ['-e', 'console.log("piped along")']);
    const second = cp.spawn(process.execPath, ['-e', echo], { stdio: [first.stdout, 'pipe', 'ignore'] });
    let text = '';
    second.stdout.on('data', (d) => (text += d));
    second.on('close', (code) => {
      console.log('second', code, JSON.stringify(text), second.stdin);
      next();
    });
  },
];
(function run(i) {
  if (i < steps.length) steps[i](() => run(i + 1));
  else fs.rmSync(dir, { recursive: true });
})(0);
