'use strict';
// Children of children: a spawnSync child whose own asynchronous children (spawn, exec) run
// while its parent waits, and the same child forked.
const cp = require('child_process');

if (process.argv[2] === 'mid') {
  const g = cp.spawn(process.execPath, ['-e', 'setTimeout(() => console.log("grandchild " + process.argv[1]), 30)', 'arg']);
  let out = '';
  g.stdout.on('data', (d) => (out += d));
  g.on('close', (code) => {
    console.log('mid saw', JSON.stringify(out), code);
    cp.exec('node -p "40 + 2"', (err, stdout) => console.log('mid exec', err, stdout.trim()));
  });
  console.log('mid ppid is a number', typeof process.ppid === 'number', process.pid !== process.ppid);
  return;
}

const r = cp.spawnSync(process.execPath, [__filename, 'mid'], { encoding: 'utf8' });
console.log(r.status, JSON.stringify(r.stdout));
const f = cp.fork(__filename, ['mid'], { silent: true });
let out = '';
f.stdout.on('data', (d) => (out += d));
f.on('close', (code) => console.log('fork', code, JSON.stringify(out)));
