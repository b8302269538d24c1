'use strict';
// Symbol.asyncDispose of streams, eventNames() with Node's preset event slots, default
// encoding validation, captureRejections and async iteration of a v1 stream.
const common = require('../common');
const { Stream, Readable, Writable, Duplex, PassThrough } = require('stream');

(async () => {
  const r = new Readable({ read() {} });
  r.on('error', common.mustCall((err) => console.log('readable error', err.name)));
  await r[Symbol.asyncDispose]();
  console.log('readable', r.destroyed, r.errored?.name);

  const w = new Writable({ write(chunk, enc, cb) { cb(); } });
  w.on('error', common.mustCall((err) => console.log('writable error', err.name)));
  await w[Symbol.asyncDispose]();
  console.log('writable', w.destroyed);

  const ended = Readable.from([]);
  ended.resume();
  await new Promise((resolve) => ended.on('end', resolve));
  await ended[Symbol.asyncDispose]();
  console.log('ended stream disposed', ended.errored);

  const d = new Duplex({ read() {}, write(chunk, enc, cb) { cb(); } });
  d.cork();
  d.write('queued', common.mustCall((err) => console.log('queued write', err.code)));
  d.destroy();
  await new Promise((resolve) => d.on('close', resolve));

  const names = new PassThrough();
  console.log(names.eventNames());
  names.on('foo', () => {});
  names.on('end', () => {});
  names.on('drain', () => {});
  console.log(names.eventNames());
  console.log(new Writable().eventNames(), Object.keys(new Readable()._events));
  console.log(require('util').inspect(new Duplex()._events));

  for (const make of [() => new Readable({ defaultEncoding: 'nope' }), () => new Writable({ defaultEncoding: 'nope' }),
    () => new Writable().setDefaultEncoding({}), () => new Writable().setDefaultEncoding(Symbol('s'))]) {
    try {
      make();
    } catch (err) {
      console.log(err.name, err.code, err.message);
    }
  }
  const hex = new Readable({ read() {}, defaultEncoding: 'hex' });
  hex.push('abcd');
  console.log(hex.read());
  const nullEnc = new Writable({ decodeStrings: false, defaultEncoding: null, write(c, enc, cb) { console.log('enc', enc); cb(); } });
  nullEnc.end('x');

  const rejecting = new Readable({ captureRejections: true, read() {} });
  rejecting.push('x');
  rejecting.on('error', common.mustCall((err) => console.log('captured', err.message, rejecting.destroyed)));
  rejecting.on('data', async () => { throw new Error('async listener'); });

  const v1 = new Stream();
  v1.destroy = common.mustCall();
  process.nextTick(() => {
    v1.emit('data', 'one');
    v1.emit('data', 'two');
    v1.emit('end');
  });
  v1[Symbol.asyncIterator] = Readable.prototype[Symbol.asyncIterator];
  let joined = '';
  for await (const chunk of v1) joined += chunk;
  console.log('v1', joined);

  const a = new Stream();
  const b = new Stream();
  a.listenerCount = undefined;
  b.listenerCount = undefined;
  b.on('error', common.mustCall((err) => console.log('dest error', err.message)));
  a.on('error', common.mustCall((err) => console.log('src error', err.message)));
  a.pipe(b);
  a.emit('error', new Error('from a'));
  b.emit('error', new Error('from b'));
})().then(common.mustCall());
