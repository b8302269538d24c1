'use strict';
// A worker shares its process's state: what would change it (cwd, umask, credentials, title,
// the debug port) throws ERR_WORKER_UNSUPPORTED_OPERATION or is ignored there, as in Node; so
// does the IPC channel of a worker whose environment names one.
require('../common');
const { Worker, isMainThread, parentPort } = require('worker_threads');

if (isMainThread) {
  const run = (env, next) => {
    const w = new Worker(__filename, { env });
    w.on('message', (lines) => console.log(lines.join('\n')));
    w.on('exit', (code) => {
      console.log('worker exit', code);
      next?.();
    });
  };
  run(process.env, () => run({ ...process.env, NODE_CHANNEL_FD: 'foo' }));
} else {
  const out = [`NODE_CHANNEL_FD ${process.env.NODE_CHANNEL_FD}`];
  const show = (what, f) => {
    try { out.push(`${what}: ${JSON.stringify(f())}`); } catch (e) { out.push(`${what}: ${e.code} ${e.message}`); }
  };
  const title = process.title;
  process.title = 'renamed';
  out.push(`title kept: ${process.title === title}`);
  const port = process.debugPort;
  process.debugPort = port + 1;
  out.push(`debugPort kept: ${process.debugPort === port}`);
  show('umask()', () => typeof process.umask());
  show('umask(0o077)', () => process.umask(0o077));
  for (const fn of ['abort', 'chdir', 'setuid', 'seteuid', 'setgid', 'setegid', 'setgroups', 'initgroups', 'send', 'disconnect']) {
    if (typeof process[fn] !== 'function') out.push(`${fn}: ${typeof process[fn]}`);
    else show(`${fn} (disabled: ${process[fn].disabled})`, () => process[fn]());
  }
  show('channel', () => process.channel);
  show('connected', () => process.connected);
  parentPort.postMessage(out);
}
