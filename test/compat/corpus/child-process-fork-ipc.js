'use strict';
// fork: the IPC channel both ways (JSON), send callbacks, disconnect from either side, and the
// events around the child's end. (The child reports by messages: its stdout is the parent's,
// where the two would interleave as the processes are scheduled.)
const { fork } = require('child_process');

if (process.argv[2] === 'child') {
  process.on('message', (m) => {
    if (m.cmd === 'double') process.send({ doubled: m.values.map((v) => v * 2), nested: { ok: true, nil: null } });
    if (m.cmd === 'echo') process.send(m.payload, (err) => process.send(`child send callback ${err}`));
    if (m.cmd === 'bye') process.disconnect();
  });
  process.send({ connected: process.connected, send: typeof process.send, argv: process.argv.slice(3) });
  return;
}
if (process.argv[2] === 'quiet') return;

const child = fork(__filename, ['child', 'x'], { silent: false });
const seen = [];
console.log('stdio', child.stdio.length, child.stdin, child.stdout, child.connected, typeof child.send);
child.on('spawn', () => seen.push('spawn'));
let got = 0;
child.on('message', (m) => {
  console.log('parent got', JSON.stringify(m));
  if (++got === 1) {
    child.send({ cmd: 'double', values: [1, 2, 3] });
    child.send({ cmd: 'echo', payload: [1, 'two', { three: 3 }, 'ünïcode'] }, (err) => console.log('parent send callback', err));
  } else if (got === 4) {
    child.send({ cmd: 'bye' });
  }
});
child.on('disconnect', () => seen.push(`disconnect ${child.connected}`));
child.on('exit', (code, signal) => seen.push(`exit ${code} ${signal}`));
child.on('close', (code, signal) => {
  seen.push(`close ${code} ${signal}`);
  console.log(seen.join(', '));
  console.log('send after close', child.send('late', (err) => console.log('late send', err.code, err.message)));
  // a child that never listens for messages exits on its own
  const quiet = fork(__filename, ['quiet'], { stdio: 'pipe' });
  quiet.on('exit', (code2) => console.log('quiet child exit', code2, quiet.connected));
  try {
    quiet.send(undefined);
  } catch (e) {
    console.log(e.code, e.message);
  }
});
