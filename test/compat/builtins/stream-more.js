// node:stream, second part: less common paths — hwm 0, 'readable' with Transform, errors
// through pipe, destroy of Duplex/Transform, iterator helpers' errors, read() limits.
'use strict';
const { check, checkAsync, transcript } = require('./_check');
const { Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished } = require('stream');


const text = (c) => (Buffer.isBuffer(c) ? `buf:${c.toString()}` : typeof c === 'string' ? `str:${c}` : JSON.stringify(c));

(async () => {
  // Stream events are scheduled with process.nextTick: its order against promise jobs matters.
  await checkAsync('nextTick and promise job order', () => new Promise((resolve) => {
    const log = [];
    Promise.resolve().then(() => log.push('promise 1'));
    process.nextTick(() => {
      log.push('tick 1');
      process.nextTick(() => log.push('tick in tick'));
      Promise.resolve().then(() => log.push('promise in tick'));
    });
    Promise.resolve().then(() => {
      log.push('promise 2');
      process.nextTick(() => log.push('tick in promise'));
    });
    process.nextTick(() => log.push('tick 2'));
    setTimeout(() => resolve(log), 2);
  }));
  check('read(n) above 1GiB', () => new Readable({ read() {} }).read(2 ** 31));
  check('read(n) raises the highWaterMark', () => {
    const r = new Readable({ read() {} });
    r.read(100);
    return r.readableHighWaterMark;
  });
  check('setEncoding bad', () => new Readable().setEncoding('klingon'));
  check('setEncoding converts the buffer', () => {
    const r = new Readable({ read() {} });
    r.push(Buffer.from('hi'));
    r.setEncoding('base64');
    return [r.readableEncoding, r.readableLength, r.read()];
  });
  check('Readable.from(null)', () => Readable.from(null));
  check('pipeline: last argument not a function', () => pipeline(new PassThrough(), new PassThrough(), 'cb'));
  check('finished: bad options', () => finished(new PassThrough(), 'opts', () => {}));
  check('finished: bad signal', () => finished(new PassThrough(), { signal: 1 }, () => {}));
  check('iterator: bad options', () => new Readable().iterator(5));
  check('filter: bad concurrency', () => Readable.from([1]).filter(() => true, { concurrency: 0 }));
  check('toArray: bad options', () => Readable.from([1]).toArray(3).catch((e) => e.code) instanceof Promise);
  check('getDefaultHighWaterMark', () => [require('stream').getDefaultHighWaterMark(false), require('stream').getDefaultHighWaterMark(true)]);
  check('writable getters before use', () => {
    const w = new Writable();
    return [w.writable, w.writableEnded, w.writableFinished, w.writableLength, w.writableNeedDrain, w.writableCorked, w.writableObjectMode, w.destroyed, w.closed, w.errored];
  });
  check('duplex writable false', () => {
    const d = new Duplex({ writable: false, read() {} });
    return [d.writable, d.readable, d.writableEnded, d.writableFinished];
  });

  await checkAsync('highWaterMark 0 readable', () => transcript((log, done) => {
    let n = 0;
    const r = new Readable({ highWaterMark: 0, read() { n++; log.push(`_read ${n}`); this.push(n < 3 ? String(n) : null); } });
    r.on('data', (c) => log.push(`data ${text(c)}`));
    r.on('end', () => { log.push('end'); done(); });
  }));
  await checkAsync('transform read with readable event', () => transcript((log, done) => {
    const t = new Transform({ transform(c, e, cb) { cb(null, c); } });
    t.on('readable', () => {
      let c;
      while ((c = t.read()) !== null) log.push(`read ${text(c)}`);
    });
    t.on('end', () => { log.push('end'); done(); });
    t.write('a');
    t.write('b');
    t.end();
  }));
  await checkAsync('error in destination unpipes the source', () => transcript((log, done) => {
    const r = new Readable({ read() {} });
    const w = new Writable({ write(c, e, cb) { cb(new Error('disk full')); } });
    w.on('unpipe', () => log.push('unpipe'));
    w.on('error', (e) => log.push(`w error ${e.message}`));
    w.on('close', () => { log.push(`w close; source flowing ${r.readableFlowing}`); done(); });
    r.pipe(w);
    r.push('x');
  }));
  await checkAsync('destroying a Transform', () => transcript((log, done) => {
    const t = new PassThrough();
    for (const ev of ['end', 'finish', 'close', 'error']) t.on(ev, (e) => log.push(ev === 'error' ? `error ${e.message}` : ev));
    t.write('x');
    t.destroy(new Error('stop'));
    log.push(`destroyed ${t.destroyed} writable ${t.writable} readable ${t.readable}`);
    t.on('close', done);
  }));
  await checkAsync('Duplex both sides end then close', () => transcript((log, done) => {
    const d = new Duplex({ read() { this.push('r'); this.push(null); }, write(c, e, cb) { cb(); } });
    for (const ev of ['end', 'finish', 'close']) d.on(ev, () => log.push(ev));
    d.on('data', (c) => log.push(`data ${text(c)}`));
    d.end('w');
    d.on('close', done);
  }));
  await checkAsync('once readable then data', () => transcript((log, done) => {
    const r = new Readable({ read() {} });
    r.push('a');
    r.once('readable', () => {
      log.push(`readable len ${r.readableLength}`);
      r.on('data', (c) => log.push(`data ${text(c)}`));
      r.push('b');
      r.push(null);
    });
    r.on('end', () => { log.push('end'); done(); });
  }));
  await checkAsync('write with writev batches buffered chunks', () => transcript((log, done) => {
    const w = new Writable({
      writev(chunks, cb) { log.push(`writev ${chunks.map((c) => text(c.chunk)).join('|')}`); setTimeout(cb, 1); },
    });
    w.write('1');
    w.write('2');
    w.write('3');
    w.end('4');
    w.on('finish', () => { log.push('finish'); done(); });
  }));
  await checkAsync('final error', () => transcript((log, done) => {
    const w = new Writable({ write(c, e, cb) { cb(); }, final(cb) { cb(new Error('final failed')); } });
    w.on('error', (e) => log.push(`error ${e.message}`));
    w.on('finish', () => log.push('finish'));
    w.end((e) => log.push(`end cb ${e && e.message}`));
    w.on('close', () => { log.push('close'); done(); });
  }));
  await checkAsync('callback called twice', () => transcript((log, done) => {
    const w = new Writable({ write(c, e, cb) { cb(); cb(); } });
    w.on('error', (e) => { log.push(`${e.code}: ${e.message}`); });
    w.on('close', () => { log.push('close'); done(); });
    w.write('x');
  }));
  await checkAsync('pipeline: destination function receives the source', async () => {
    const seen = [];
    const result = await require('stream/promises').pipeline(Readable.from(['a', 'b']), async function* (src) { for await (const c of src) yield c + c; }, async (src) => { for await (const c of src) seen.push(c); return 'done'; });
    return [seen, result];
  });
  await checkAsync('pipeline: transform stage returns a non-iterable', () => require('stream/promises').pipeline(Readable.from(['a']), () => 42, new PassThrough()));
  await checkAsync('pipeline: error in a generator stage', () => require('stream/promises').pipeline(Readable.from(['a']), async function* (src) { for await (const c of src) throw new Error(`bad ${c}`); }, new PassThrough({ objectMode: true })));
  await checkAsync('pipeline: array of streams', () => new Promise((resolve) => {
    const out = [];
    pipeline([Readable.from(['x', 'y']), new Writable({ objectMode: true, write(c, e, cb) { out.push(c); cb(); } })], (err) => resolve([err, out]));
  }));
  await checkAsync('Readable.from: async generator that throws', () => Readable.from((async function* () { yield 1; throw new Error('gen broke'); })()).toArray());
  await checkAsync('Readable.from: objectMode false', () => transcript((log, done) => {
    const r = Readable.from(['ab', 'cd'], { objectMode: false });
    log.push(r.readableObjectMode, r.readableHighWaterMark);
    r.on('data', (c) => log.push(text(c)));
    r.on('end', () => { log.push('end'); done(); });
  }));
  await checkAsync('forEach', async () => {
    const seen = [];
    await Readable.from([1, 2, 3]).forEach((x) => { seen.push(x * 2); });
    return seen;
  });
  await checkAsync('map with async function', () => Readable.from(['a', 'b']).map(async (x) => x.toUpperCase()).toArray());
  await checkAsync('for await: object stream with hwm 1', async () => {
    const out = [];
    for await (const c of Readable.from([{ a: 1 }, { b: 2 }])) out.push(c);
    return out;
  });
  await checkAsync('wrap an old-style stream', () => transcript((log, done) => {
    const Old = require('events');
    const old = new Old();
    old.pause = () => log.push('old pause');
    old.resume = () => log.push('old resume');
    const r = new Readable().wrap(old);
    r.on('data', (c) => log.push(`data ${text(c)}`));
    r.on('end', () => { log.push('end'); done(); });
    old.emit('data', Buffer.from('1'));
    old.emit('end');
  }));
})();
