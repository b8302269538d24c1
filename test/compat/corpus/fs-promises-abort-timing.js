'use strict';
// fs/promises readFile, writeFile and appendFile with a signal aborted at each point before
// their I/O comes back: synchronously, in a tick, in a microtask, in an immediate. Each I/O step
// returns from the thread pool after those, so each of them aborts the call. An iterable is
// written chunk by chunk: an abort between chunks keeps what was written.
const common = require('../common');
const fs = require('fs');
const fsp = require('fs/promises');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();

const file = tmpdir.resolve('f.txt');
const when = {
  sync: (c) => c.abort(),
  tick: (c) => process.nextTick(() => c.abort()),
  microtask: (c) => queueMicrotask(() => c.abort()),
  immediate: (c) => setImmediate(() => c.abort()),
};
const ops = {
  readFile: (signal) => fsp.readFile(file, { signal, encoding: 'utf8' }),
  writeFile: (signal) => fsp.writeFile(file, 'new', { signal }),
  'writeFile array': (signal) => fsp.writeFile(file, ['a', 'b'], { signal }),
  appendFile: (signal) => fsp.appendFile(file, 'more', { signal }),
};
(async () => {
  for (const [name, op] of Object.entries(ops)) {
    for (const [at, abort] of Object.entries(when)) {
      fs.writeFileSync(file, 'abc');
      const controller = new AbortController();
      const promise = op(controller.signal);
      abort(controller);
      const outcome = await promise.then((v) => `resolved ${v}`, (e) => `${e.name} ${e.code}`);
      console.log(name, at, outcome, JSON.stringify(fs.readFileSync(file, 'utf8')));
    }
  }
  // aborted by the iterable itself after its first chunk
  const controller = new AbortController();
  async function* chunks() {
    yield 'first ';
    controller.abort();
    yield 'second';
  }
  await fsp.writeFile(file, chunks(), { signal: controller.signal }).catch((e) => console.log('generator', e.name));
  console.log(JSON.stringify(fs.readFileSync(file, 'utf8')));
  const c2 = new AbortController();
  function* syncChunks() {
    yield Buffer.from('one ');
    yield '';
    yield 'two';
    c2.abort(new Error('enough'));
    yield 'three';
  }
  await fsp.writeFile(file, syncChunks(), { signal: c2.signal }).catch((e) => console.log('sync generator', e.name, e.cause?.message));
  console.log(JSON.stringify(fs.readFileSync(file, 'utf8')));
})().then(common.mustCall());
