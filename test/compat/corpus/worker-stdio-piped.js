'use strict';
// Without `stdout: true`/`stderr: true` a worker's output still flows through worker.stdout and
// worker.stderr, piped on to this thread's own streams: a 'data' listener sees it too.
const common = require('../common');
const { Worker } = require('worker_threads');

const w = new Worker(
  `process.stderr.write('to stderr\\n');
   process.stdout.write('to stdout\\n');`,
  { eval: true },
);
let seen = '';
w.stderr.on('data', (chunk) => { seen += chunk; });
w.on('exit', common.mustCall((code) => {
  setImmediate(() => console.log('exit', code, 'stderr seen by a listener:', JSON.stringify(seen)));
}));
