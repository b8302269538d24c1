'use strict';
// A Worker's life as its parent sees it, one worker after another: 'online', messages,
// 'error' with the uncaught exception cloned, 'exit' with its code; process.exit() in the
// worker, terminate(), eval workers with argv/env/workerData/resourceLimits/name, and the
// worker's stdout/stderr/stdin when asked for.
const { Worker, SHARE_ENV, setEnvironmentData } = require('worker_threads');

function run(label, code, options = {}) {
  return new Promise((resolve) => {
    const w = new Worker(code, { eval: true, ...options });
    const events = [];
    w.on('online', () => events.push('online'));
    w.on('message', (m) => events.push(['message', m]));
    w.on('error', (e) => {
      events.push(['error', e instanceof Error, e?.constructor?.name, e?.message, e?.code, e?.extra]);
    });
    w.on('exit', (code) => {
      events.push(['exit', code, w.threadId]);
      // 'online' before or after the worker's first message: a race in Node itself (its
      // 'online' comes through a port of its own), so it is printed apart from the rest
      const online = events.includes('online');
      console.log(label, online, JSON.stringify(events.filter((e) => e !== 'online')));
      resolve();
    });
  });
}

(async () => {
  await run('throws', `throw new TypeError('boom')`);
  await run('throws own props', `const e = new RangeError('x'); e.code = 'ERR_X'; e.extra = { n: 1 }; throw e`);
  await run('throws number', `throw 42`);
  await run('throws object', `throw { plain: true }`);
  await run('rejects', `Promise.reject(new Error('rejected'))`);
  await run('exit 7', `require('worker_threads').parentPort.postMessage('before'); process.exit(7); `);
  await run('exitCode', `process.exitCode = 3`);
  await run('exit handlers', `process.on('exit', (c) => require('worker_threads').parentPort.postMessage('exit ' + c))`);
  await run('uncaught handled', `process.on('uncaughtException', (e) => require('worker_threads').parentPort.postMessage('caught ' + e.message)); throw new Error('x')`);
  await run('identity', `
    const wt = require('worker_threads');
    wt.parentPort.postMessage({
      isMainThread: wt.isMainThread, argv: process.argv.slice(1), env: process.env.FOO, keys: Object.keys(process.env).length,
      workerData: wt.workerData, limits: wt.resourceLimits.maxOldGenerationSizeMb, stack: wt.resourceLimits.stackSizeMb,
      filename: __filename, hasParentPort: wt.parentPort !== null, env2: wt.getEnvironmentData('shared'),
    })`, {
    argv: ['a', 2], env: { FOO: 'bar' }, workerData: { deep: [1, { two: 2 }] }, name: 'named',
    resourceLimits: { maxOldGenerationSizeMb: 64, stackSizeMb: 2 },
  });
  setEnvironmentData('shared', { v: 'env data' });
  await run('environment data', `require('worker_threads').parentPort.postMessage(require('worker_threads').getEnvironmentData('shared'))`);
  process.env.FROM_PARENT = 'yes';
  await run('env copy', `process.env.FROM_PARENT += '!'; require('worker_threads').parentPort.postMessage(process.env.FROM_PARENT)`);
  console.log('parent env after', process.env.FROM_PARENT);
  await run('share env', `require('worker_threads').parentPort.postMessage(process.env.FROM_PARENT)`, { env: SHARE_ENV });

  // terminate(): a worker that would run forever (an interval) ends with code 1
  const w = new Worker(`setInterval(() => {}, 1000); require('worker_threads').parentPort.postMessage('up')`, { eval: true });
  const id = w.threadId;
  await new Promise((r) => w.once('message', r));
  console.log('terminate ->', await w.terminate(), w.threadId, id > 0, await w.terminate());

  // stdout/stderr streams, stdin
  const io = new Worker(`
    process.stdout.write('out 1\\n'); console.error('err 1');
    let input = '';
    process.stdin.on('data', (d) => (input += d));
    process.stdin.on('end', () => console.log('stdin was', JSON.stringify(input)));
  `, { eval: true, stdout: true, stderr: true, stdin: true });
  let out = '';
  let err = '';
  io.stdout.on('data', (d) => (out += d));
  io.stderr.on('data', (d) => (err += d));
  io.stdin.write('hello ');
  io.stdin.end('worker');
  await new Promise((r) => io.on('exit', r));
  console.log(JSON.stringify(out), JSON.stringify(err));

  // a worker from a file, with a relative path; and what a bad path or option is
  const fromFile = new Worker('./' + require('path').relative(process.cwd(), __filename).replace(/\\/g, '/') + '.nope');
  fromFile.on('error', (e) => console.log('missing file', e.code));
  await new Promise((r) => fromFile.on('exit', (c) => r(console.log('missing file exit', c))));
  for (const bad of [['worker.js'], [42], ['x', { eval: true, env: 5 }], [{}, { eval: true }]]) {
    try {
      new Worker(...bad);
    } catch (e) {
      console.log(e.name, e.code, e.message);
    }
  }
})();
