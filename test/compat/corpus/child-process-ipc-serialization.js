'use strict';
// fork()'s channel as Node's setupChannel makes it: send()'s checks, NODE_ messages as
// 'internalMessage', serialization 'json' and 'advanced' (V8's format: Map, BigInt, Buffer,
// typed arrays, errors, cycles), and options read without Object.prototype.
const cp = require('child_process');
const util = require('util');

if (process.argv[2] === 'echo') {
  console.log('child env', process.env.NODE_CHANNEL_FD, process.env.NODE_CHANNEL_SERIALIZATION_MODE);
  process.on('message', (m) => process.send(m));
  process.on('internalMessage', (m) => console.log('child internal', JSON.stringify(m)));
  return;
}

function attempt(label, fn) {
  try {
    console.log(label, 'returned', fn());
  } catch (e) {
    console.log(label, e.name, e.code, e.message);
  }
}

for (const value of [null, 42, 'v8', {}]) {
  attempt(`serialization ${util.inspect(value)}`, () => cp.fork(__filename, ['echo'], { serialization: value }));
}

// each new ChildProcess is published on diagnostics_channel's 'child_process' (checked before
// any child runs, so that its line comes first)
const dc = require('diagnostics_channel');
const seen = [];
const onChild = ({ process: child }) => seen.push(child instanceof cp.ChildProcess);
dc.subscribe('child_process', onChild);
const published = new cp.ChildProcess();
cp.spawnSync(process.execPath, ['-e', '0']);
dc.unsubscribe('child_process', onChild);
console.log('published', seen, published.pid);

async function roundTrip(serialization, messages) {
  const child = cp.fork(__filename, ['echo'], { serialization, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  console.log(serialization, 'channel', child.channel === child._channel, typeof child.channel);
  attempt('send undefined', () => child.send(undefined));
  attempt('send symbol', () => child.send(Symbol('s')));
  attempt('send function', () => child.send(() => {}));
  attempt('send bad handle', () => child.send('m', 'handle'));
  attempt('send bad options', () => child.send('m', null, 'options'));
  child.on('internalMessage', (m) => console.log('parent internal', JSON.stringify(m)));
  for (const message of messages) {
    const received = new Promise((resolve) => child.once('message', resolve));
    child.send(message);
    const got = await received;
    if (got instanceof Error) console.log(serialization, got.constructor.name, got.name, got.message, got.extra);
    else console.log(serialization, util.inspect(got, { depth: 4 }));
  }
  child.send({ cmd: 'NODE_TEST', n: 1 });
  child.send({ cmd: 'NODE_' });
  await new Promise((resolve) => child.once('message', (m) => { console.log('not internal', JSON.stringify(m)); resolve(); }));
  child.disconnect();
  await new Promise((resolve) => child.on('exit', (code, signal) => { console.log(serialization, 'exit', code, signal); resolve(); }));
}

(async () => {
  await roundTrip('json', [{ a: [1, 'two', null] }, 'text', 7, true, { buffer: Buffer.from('hi') }]);
  const circular = { name: 'c' };
  circular.self = circular;
  const error = new RangeError('out of it');
  error.extra = 1;
  await roundTrip('advanced', [
    { uint8: new Uint8Array([1, 2, 3]) },
    { float64: new Float64Array([Math.PI]) },
    { buffer: Buffer.from('Hello!') },
    { map: new Map([[{ a: 1 }, { b: 2 }]]), set: new Set(['x']) },
    { bigInt: 1337n, date: new Date(0), re: /x/gi },
    circular,
    error,
  ]);
  // options are read as own properties only
  Object.prototype.execPath = '/not/there';
  Object.prototype.serialization = 'bogus';
  const child = cp.fork(__filename, ['echo'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  delete Object.prototype.execPath;
  delete Object.prototype.serialization;
  child.on('message', (m) => {
    console.log('tampered', m);
    child.disconnect();
  });
  child.send('still json');
})();
