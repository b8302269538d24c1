// node:stream: Readable/Writable/Duplex/Transform behaviour, event order transcripts,
// backpressure, pipe/pipeline/finished, async iteration and Node's errors.
'use strict';
const { check, checkAsync, transcript } = require('./_check');
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished } = stream;


const text = (c) => (Buffer.isBuffer(c) ? `buf:${c.toString()}` : typeof c === 'string' ? `str:${c}` : JSON.stringify(c));

function source(chunks, opts) {
  const list = chunks.slice();
  return new Readable({ ...opts, read() { this.push(list.length ? list.shift() : null); } });
}

function sink(log, opts = {}) {
  return new Writable({ ...opts, write(chunk, enc, cb) { log.push(`write ${text(chunk)} ${enc}`); cb(); } });
}

function watch(s, log, events = ['data', 'end', 'finish', 'close', 'error']) {
  for (const ev of events) s.on(ev, (x) => log.push(ev === 'data' ? `data ${text(x)}` : ev === 'error' ? `error ${x.code || x.message}` : ev));
}

(async () => {
  check('require(stream) is the Stream class', () => [typeof stream, stream === stream.Stream, stream.name]);
  check('exports', () => ['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough', 'pipeline', 'finished', 'addAbortSignal', 'promises'].map((k) => typeof stream[k]));
  check('inheritance', () => {
    const d = new Duplex();
    return [d instanceof Readable, d instanceof Writable, d instanceof stream, new Transform() instanceof Duplex, new PassThrough() instanceof Transform, new Readable() instanceof require('events')];
  });
  check('callable without new', () => [Readable() instanceof Readable, Writable() instanceof Writable, PassThrough() instanceof PassThrough]);
  check('default highWaterMarks', () => [new Readable().readableHighWaterMark, new Writable().writableHighWaterMark, new Readable({ objectMode: true }).readableHighWaterMark]);
  check('duplex per-side options', () => {
    const d = new Duplex({ readableObjectMode: true, writableHighWaterMark: 5 });
    return [d.readableObjectMode, d.writableObjectMode, d.readableHighWaterMark, d.writableHighWaterMark];
  });
  check('bad highWaterMark', () => new Readable({ highWaterMark: -1 }));
  check('bad highWaterMark type', () => new Writable({ highWaterMark: 'x' }));
  check('bad duplex highWaterMark', () => new Duplex({ readableHighWaterMark: 1.5 }));
  check('initial state', () => {
    const r = new Readable();
    return [r.readable, r.readableFlowing, r.readableLength, r.readableEnded, r.destroyed, r.isPaused(), r.closed, r.errored];
  });

  await checkAsync('flowing: data/end/close order', () => transcript((log, done) => {
    const r = source(['a', 'b', 'c']);
    watch(r, log);
    r.on('close', done);
  }));
  await checkAsync('push returns false at highWaterMark', () => transcript((log, done) => {
    const r = new Readable({ highWaterMark: 4, read() {} });
    log.push(r.push('ab'), r.push('cd'), r.push('ef'), r.readableLength);
    done();
  }));
  await checkAsync('paused mode with readable/read()', () => transcript((log, done) => {
    const r = source(['ab', 'cd', 'ef']);
    r.on('readable', () => {
      let c;
      while ((c = r.read()) !== null) log.push(`read ${text(c)}`);
      log.push('readable-drained');
    });
    r.on('end', () => log.push('end'));
    r.on('close', () => { log.push('close'); done(); });
  }));
  await checkAsync('read(n) sizes', () => transcript((log, done) => {
    const r = new Readable({ read() {} });
    r.push('abcdef');
    r.push('gh');
    r.push(null);
    r.once('readable', () => {
      log.push(text(r.read(3)), text(r.read(4)), text(r.read(5)), text(r.read()), text(r.read()));
      r.on('end', () => { log.push('end'); done(); });
      r.read();
    });
  }));
  await checkAsync('read(0) and setEncoding', () => transcript((log, done) => {
    const r = new Readable({ read() {} });
    r.setEncoding('hex');
    r.push(Buffer.from([1, 2, 255]));
    r.push(null);
    r.on('data', (c) => log.push(text(c)));
    r.on('end', () => { log.push('end', r.readableEncoding); done(); });
  }));
  await checkAsync('utf8 split across chunks', () => transcript((log, done) => {
    const euro = Buffer.from('€');
    const r = source([euro.subarray(0, 1), euro.subarray(1), Buffer.from('!')], { encoding: 'utf8' });
    r.on('data', (c) => log.push(text(c)));
    r.on('end', () => { log.push('end'); done(); });
  }));
  await checkAsync('unshift puts data back', () => transcript((log, done) => {
    const r = new Readable({ read() {} });
    r.push('world');
    r.once('readable', () => {
      const c = r.read();
      r.unshift(Buffer.from('hello '));
      log.push(text(c), text(r.read()));
      r.push(null);
      r.on('end', () => { log.push('end'); done(); });
      r.resume();
    });
  }));
  await checkAsync('pause/resume events', () => transcript((log, done) => {
    const r = source(['a', 'b']);
    r.on('pause', () => log.push('pause'));
    r.on('resume', () => log.push('resume'));
    r.on('data', (c) => {
      log.push(`data ${text(c)}`);
      r.pause();
      log.push(`isPaused ${r.isPaused()} flowing ${r.readableFlowing}`);
      setTimeout(() => r.resume(), 1);
    });
    r.on('end', () => { log.push('end'); done(); });
  }));
  await checkAsync('object mode', () => transcript((log, done) => {
    const r = new Readable({ objectMode: true, read() {} });
    r.push({ a: 1 });
    r.push(0);
    r.push('s');
    r.push(null);
    r.on('data', (c) => log.push(text(c)));
    r.on('end', () => { log.push('end'); done(); });
  }));
  await checkAsync('push after EOF', () => transcript((log, done) => {
    const r = new Readable({ read() {} });
    watch(r, log, ['error', 'close']);
    r.push(null);
    r.push('x');
    r.on('close', done);
  }));
  await checkAsync('push of a bad chunk', () => transcript((log, done) => {
    const r = new Readable({ read() {} });
    r.on('error', (e) => log.push(`${e.code}: ${e.message}`));
    r.push(42);
    r.on('close', () => { log.push('close'); done(); });
  }));
  await checkAsync('_read not implemented', () => transcript((log, done) => {
    const r = new Readable();
    r.on('error', (e) => log.push(`${e.code}: ${e.message}`));
    r.on('close', () => { log.push('close'); done(); });
    r.resume();
  }));
  await checkAsync('unshift after end', () => transcript((log, done) => {
    const r = source(['a']);
    r.on('error', (e) => log.push(`${e.code}: ${e.message}`));
    r.on('end', () => { log.push('end'); r.unshift('z'); });
    r.on('close', () => { log.push('close'); done(); });
    r.resume();
  }));
  await checkAsync('autoDestroy false keeps it open', () => transcript((log, done) => {
    const r = source(['a'], { autoDestroy: false });
    watch(r, log);
    r.on('end', () => setTimeout(() => { log.push(`destroyed ${r.destroyed}`); done(); }, 5));
  }));
  await checkAsync('emitClose false', () => transcript((log, done) => {
    const r = source(['a'], { emitClose: false });
    watch(r, log);
    r.on('end', () => setTimeout(() => { log.push(`destroyed ${r.destroyed}`); done(); }, 5));
  }));

  await checkAsync('writable: backpressure and drain', () => transcript((log, done) => {
    const w = new Writable({ highWaterMark: 3, write(c, e, cb) { log.push(`write ${text(c)}`); setTimeout(cb, 1); } });
    log.push(`w1 ${w.write('ab')}`, `w2 ${w.write('cd')}`, `needDrain ${w.writableNeedDrain}`, `length ${w.writableLength}`);
    w.on('drain', () => { log.push('drain'); w.end('z'); });
    watch(w, log, ['finish', 'close']);
    w.on('close', done);
  }));
  await checkAsync('writable: callbacks, finish, close order', () => transcript((log, done) => {
    const w = sink(log);
    w.write('a', () => log.push('cb a'));
    w.write(Buffer.from('b'), 'buffer', () => log.push('cb b'));
    w.end('c', () => log.push('end cb'));
    w.on('prefinish', () => log.push('prefinish'));
    watch(w, log, ['finish', 'close']);
    log.push(`writableEnded ${w.writableEnded} finished ${w.writableFinished}`);
    w.on('close', done);
  }));
  await checkAsync('writable: _final runs before finish', () => transcript((log, done) => {
    const w = new Writable({
      write(c, e, cb) { log.push('write'); cb(); },
      final(cb) { log.push('final'); setTimeout(() => { log.push('final done'); cb(); }, 1); },
    });
    w.on('finish', () => log.push('finish'));
    w.on('close', () => { log.push('close'); done(); });
    w.end('x');
  }));
  await checkAsync('writable: decodeStrings false keeps strings', () => transcript((log, done) => {
    const w = sink(log, { decodeStrings: false });
    w.write('hé', 'utf8');
    w.write('aGk=', 'base64');
    w.end();
    w.on('finish', done);
  }));
  await checkAsync('writable: setDefaultEncoding', () => transcript((log, done) => {
    const w = sink(log);
    w.setDefaultEncoding('hex');
    w.write('6869');
    w.end();
    w.on('finish', done);
  }));
  check('writable: bad encoding', () => new Writable({ write() {} }).write('x', 'nope'));
  check('writable: bad setDefaultEncoding', () => new Writable().setDefaultEncoding('nope'));
  check('writable: null chunk', () => new Writable({ write() {} }).write(null));
  check('writable: number chunk', () => new Writable({ write() {} }).write(1));
  await checkAsync('writable: write after end', () => transcript((log, done) => {
    const w = sink(log);
    w.on('error', (e) => log.push(`error ${e.code}: ${e.message}`));
    w.end('a');
    log.push(`ret ${w.write('b', (e) => log.push(`cb ${e && e.code}`))}`);
    w.on('close', () => { log.push('close'); done(); });
  }));
  await checkAsync('writable: end twice', () => transcript((log, done) => {
    const w = sink(log);
    w.end();
    w.on('finish', () => {
      log.push('finish');
      w.end((e) => { log.push(`second end cb ${e && e.code}`); done(); });
    });
  }));
  await checkAsync('writable: cork/uncork with writev', () => transcript((log, done) => {
    const w = new Writable({
      write(c, e, cb) { log.push(`write ${text(c)}`); cb(); },
      writev(chunks, cb) { log.push(`writev ${chunks.map((x) => text(x.chunk)).join(',')}`); cb(); },
    });
    w.cork();
    w.write('a');
    w.write('b');
    log.push(`corked ${w.writableCorked} buffered ${w.writableBuffer.length}`);
    process.nextTick(() => { w.uncork(); w.end('c'); });
    w.on('finish', () => { log.push('finish'); done(); });
  }));
  await checkAsync('writable: error in _write', () => transcript((log, done) => {
    const w = new Writable({ write(c, e, cb) { cb(new Error('boom')); } });
    w.write('a', (e) => log.push(`cb ${e.message}`));
    watch(w, log, ['error', 'finish', 'close']);
    w.on('close', () => { log.push(`errored ${w.errored && w.errored.message} destroyed ${w.destroyed}`); done(); });
  }));
  await checkAsync('writable: _write not implemented', () => transcript((log, done) => {
    const w = new Writable();
    w.on('error', (e) => log.push(`${e.code}: ${e.message}`));
    try { w.write('a'); } catch (e) { log.push(`throws ${e.code}`); }
    setTimeout(done, 1);
  }));
  await checkAsync('writable: pipe from a Writable', () => transcript((log, done) => {
    const w = new Writable();
    w.on('error', (e) => { log.push(`${e.code}: ${e.message}`); done(); });
    w.pipe(new Writable());
  }));
  await checkAsync('writable: object mode', () => transcript((log, done) => {
    const w = sink(log, { objectMode: true, highWaterMark: 2 });
    log.push(w.write({ x: 1 }), w.write([2]), w.writableLength);
    w.end(3);
    w.on('finish', done);
  }));

  await checkAsync('destroy(err): error then close', () => transcript((log, done) => {
    const r = new Readable({ read() {} });
    watch(r, log);
    r.destroy(new Error('gone'));
    log.push(`sync destroyed ${r.destroyed} errored ${r.errored.message}`);
    r.on('close', done);
  }));
  await checkAsync('destroy(): close only, twice is a no-op', () => transcript((log, done) => {
    const w = sink(log);
    watch(w, log);
    w.destroy();
    w.destroy(new Error('late'));
    log.push(`closed ${w.closed}`);
    w.on('close', () => setTimeout(done, 2));
  }));
  await checkAsync('destroy with custom _destroy', () => transcript((log, done) => {
    const r = new Readable({
      read() {},
      destroy(err, cb) { log.push(`_destroy ${err && err.message}`); setTimeout(() => cb(new Error('replaced')), 1); },
    });
    watch(r, log, ['error', 'close']);
    r.destroy(new Error('orig'), );
    r.on('close', done);
  }));
  await checkAsync('destroy callback', () => transcript((log, done) => {
    const r = new Readable({ read() {} });
    r.on('error', () => log.push('error event'));
    r.destroy(new Error('x'), (err) => log.push(`cb ${err && err.message}`));
    r.on('close', () => { log.push('close'); done(); });
  }));
  await checkAsync('write after destroy', () => transcript((log, done) => {
    const w = sink(log);
    w.on('error', (e) => log.push(`error ${e.code}`));
    w.destroy();
    w.write('x', (e) => { log.push(`cb ${e.code}: ${e.message}`); done(); });
  }));
  await checkAsync('construct delays reads and writes', () => transcript((log, done) => {
    const d = new Duplex({
      construct(cb) { log.push('construct'); setTimeout(() => { log.push('constructed'); cb(); }, 2); },
      read() { log.push('read'); this.push(null); },
      write(c, e, cb) { log.push(`write ${text(c)}`); cb(); },
    });
    d.write('a');
    d.end();
    d.resume();
    watch(d, log, ['end', 'finish', 'close']);
    d.on('close', done);
  }));
  await checkAsync('construct error', () => transcript((log, done) => {
    const r = new Readable({ construct(cb) { cb(new Error('no')); }, read() {} });
    watch(r, log, ['error', 'close']);
    r.on('close', done);
  }));

  await checkAsync('duplex: allowHalfOpen false ends the writable side', () => transcript((log, done) => {
    const d = new Duplex({
      allowHalfOpen: false,
      read() { this.push(null); },
      write(c, e, cb) { cb(); },
    });
    watch(d, log, ['end', 'finish', 'close']);
    d.resume();
    d.on('close', () => { log.push(`writableEnded ${d.writableEnded}`); done(); });
  }));
  await checkAsync('duplex: both sides before close', () => transcript((log, done) => {
    const d = new Duplex({ read() {}, write(c, e, cb) { log.push(`write ${text(c)}`); cb(); } });
    watch(d, log, ['data', 'end', 'finish', 'close']);
    d.push('r');
    d.end('w');
    setTimeout(() => d.push(null), 3);
    d.on('close', done);
  }));

  await checkAsync('transform: upper-case with flush', () => transcript((log, done) => {
    const t = new Transform({
      transform(c, e, cb) { cb(null, c.toString().toUpperCase()); },
      flush(cb) { this.push('!'); cb(null, '?'); },
    });
    watch(t, log, ['data', 'end', 'finish', 'close']);
    t.write('ab');
    t.end('cd');
    t.on('close', done);
  }));
  await checkAsync('transform: error from transform', () => transcript((log, done) => {
    const t = new Transform({ transform(c, e, cb) { cb(new Error('bad chunk')); } });
    watch(t, log, ['error', 'close']);
    t.write('x');
    t.on('close', done);
  }));
  await checkAsync('transform: not implemented', () => transcript((log, done) => {
    const t = new Transform();
    t.on('error', (e) => { log.push(`${e.code}: ${e.message}`); done(); });
    try { t.write('x'); } catch (e) { log.push(`throws ${e.code}: ${e.message}`); done(); }
  }));
  await checkAsync('transform: backpressure holds the callback', () => transcript((log, done) => {
    const t = new Transform({ highWaterMark: 2, objectMode: true, transform(c, e, cb) { log.push(`transform ${c}`); cb(null, c); } });
    for (let i = 1; i <= 5; i++) log.push(`write ${i} ${t.write(i)}`);
    setTimeout(() => {
      log.push(`readableLength ${t.readableLength} writableLength ${t.writableLength}`);
      t.on('data', (c) => log.push(`data ${c}`));
      t.end();
      t.on('end', () => { log.push('end'); done(); });
    }, 2);
  }));
  await checkAsync('passthrough', () => transcript((log, done) => {
    const p = new PassThrough();
    p.end('through');
    p.on('data', (c) => log.push(text(c)));
    p.on('end', () => { log.push('end'); done(); });
  }));

  await checkAsync('pipe: order of events', () => transcript((log, done) => {
    const r = source(['a', 'b']);
    const w = sink(log);
    r.on('end', () => log.push('r end'));
    r.on('close', () => log.push('r close'));
    w.on('pipe', (src) => log.push(`pipe ${src === r}`));
    w.on('unpipe', (src) => log.push(`unpipe ${src === r}`));
    w.on('finish', () => log.push('w finish'));
    w.on('close', () => { log.push('w close'); done(); });
    log.push(`returns dest ${r.pipe(w) === w}`);
  }));
  await checkAsync('pipe: backpressure pauses the source', () => transcript((log, done) => {
    let n = 0;
    const r = new Readable({ highWaterMark: 2, read() { n++; this.push(n <= 6 ? String(n) : null); } });
    const w = new Writable({ highWaterMark: 2, write(c, e, cb) { log.push(`write ${c} paused=${r.isPaused()}`); setTimeout(cb, 1); } });
    w.on('drain', () => log.push('drain'));
    w.on('finish', () => { log.push('finish'); done(); });
    r.pipe(w);
  }));
  await checkAsync('pipe: end false', () => transcript((log, done) => {
    const r = source(['x']);
    const w = sink(log);
    r.pipe(w, { end: false });
    r.on('end', () => setTimeout(() => { log.push(`ended ${w.writableEnded}`); done(); }, 2));
  }));
  await checkAsync('unpipe stops the flow', () => transcript((log, done) => {
    const r = new Readable({ read() {} });
    const w = sink(log);
    r.pipe(w);
    r.push('1');
    setTimeout(() => {
      r.unpipe(w);
      log.push(`flowing ${r.readableFlowing}`);
      r.push('2');
      setTimeout(() => { log.push(`length ${r.readableLength}`); done(); }, 2);
    }, 2);
  }));
  await checkAsync('pipe to two destinations', () => transcript((log, done) => {
    const r = source(['a', 'b']);
    const w1 = sink(log);
    const w2 = new Writable({ write(c, e, cb) { log.push(`w2 ${c}`); cb(); } });
    r.pipe(w1);
    r.pipe(w2);
    let n = 0;
    const fin = () => { if (++n === 2) done(); };
    w1.on('finish', fin);
    w2.on('finish', fin);
  }));

  await checkAsync('pipeline: success', () => transcript((log, done) => {
    const t = new Transform({ transform(c, e, cb) { cb(null, `<${c}>`); } });
    pipeline(source(['a', 'b']), t, sink(log), (err, ...rest) => { log.push(`callback ${err} ${rest.length}`); done(); });
  }));
  await checkAsync('pipeline: error destroys every stream', () => transcript((log, done) => {
    const r = source(['a', 'b', 'c']);
    const t = new Transform({ transform(c, e, cb) { cb(c.toString() === 'b' ? new Error('at b') : null, c); } });
    const w = sink(log);
    for (const [name, s] of [['r', r], ['t', t], ['w', w]]) s.on('close', () => log.push(`${name} close`));
    pipeline(r, t, w, (err) => {
      log.push(`callback ${err.message} destroyed ${[r.destroyed, t.destroyed, w.destroyed]}`);
      done();
    });
  }));
  await checkAsync('pipeline: premature close', () => transcript((log, done) => {
    const r = new Readable({ read() {} });
    const w = sink(log);
    pipeline(r, w, (err) => { log.push(`callback ${err.code}: ${err.message}`); done(); });
    r.push('x');
    setTimeout(() => r.destroy(), 2);
  }));
  await checkAsync('pipeline: generator stages', () => transcript((log, done) => {
    pipeline(
      function* () { yield 'a'; yield 'b'; },
      async function* (src) { for await (const c of src) yield c.toUpperCase(); },
      async function (src) { let all = ''; for await (const c of src) all += c; return all; },
      (err, value) => { log.push(`callback ${err} ${value}`); done(); },
    );
  }));
  check('pipeline: missing callback', () => pipeline(new PassThrough(), new PassThrough()));
  check('pipeline: one stream', () => pipeline(new PassThrough(), () => {}));
  check('pipeline: bad source', () => pipeline(42, new PassThrough(), () => {}));

  await checkAsync('finished: readable end', () => transcript((log, done) => {
    const r = source(['a']);
    finished(r, (err) => { log.push(`finished ${err}`); done(); });
    r.on('end', () => log.push('end'));
    r.on('close', () => log.push('close'));
    r.resume();
  }));
  await checkAsync('finished: premature close', () => transcript((log, done) => {
    const r = new Readable({ read() {} });
    finished(r, (err) => { log.push(`finished ${err.code}`); done(); });
    r.destroy();
  }));
  await checkAsync('finished: already finished stream', () => transcript((log, done) => {
    const w = sink(log);
    w.end();
    w.on('close', () => finished(w, (err) => { log.push(`finished ${err}`); done(); }));
  }));
  await checkAsync('finished: error', () => transcript((log, done) => {
    const w = sink(log);
    const cleanup = finished(w, (err) => { log.push(`finished ${err.message} ${typeof cleanup}`); done(); });
    w.destroy(new Error('w broke'));
  }));
  check('finished: not a stream', () => finished({}, () => {}));
  check('finished: no callback', () => finished(new PassThrough()));

  await checkAsync('for await over a Readable', async () => {
    const out = [];
    for await (const c of source(['a', 'b', 'c'], { encoding: 'utf8' })) out.push(c);
    return out;
  });
  await checkAsync('for await: break destroys the stream', async () => {
    const r = source(['a', 'b', 'c'], { objectMode: true });
    const log = [];
    r.on('close', () => log.push('close'));
    for await (const c of r) { log.push(c); break; }
    await new Promise((res) => setTimeout(res, 2));
    return [log, r.destroyed];
  });
  await checkAsync('for await: error rejects', async () => {
    const r = new Readable({ read() { this.destroy(new Error('read failed')); } });
    for await (const c of r) void c;
  });
  await checkAsync('iterator({ destroyOnReturn: false })', async () => {
    const r = source(['a', 'b'], { objectMode: true });
    for await (const c of r.iterator({ destroyOnReturn: false })) { void c; break; }
    const rest = [];
    for await (const c of r) rest.push(c);
    return rest;
  });
  await checkAsync('Readable.from(array)', () => Readable.from([1, 2, 3]).toArray());
  await checkAsync('Readable.from(string) is one chunk', () => Readable.from('whole').toArray());
  await checkAsync('Readable.from(async generator)', async () => {
    const r = Readable.from((async function* () { yield 'x'; yield 'y'; })());
    return [r.readableObjectMode, await r.toArray()];
  });
  await checkAsync('Readable.from: null value', () => Readable.from([1, null]).toArray());
  check('Readable.from(number)', () => Readable.from(5));
  await checkAsync('Readable.from: destroy runs generator finally', async () => {
    const log = [];
    const r = Readable.from((function* () { try { yield 1; yield 2; } finally { log.push('finally'); } })());
    r.once('data', (c) => { log.push(`data ${c}`); r.destroy(); });
    await new Promise((res) => r.on('close', res));
    return log;
  });
  await checkAsync('map and filter', () => Readable.from([1, 2, 3, 4]).filter((x) => x % 2 === 0).map((x) => x * 10).toArray());
  check('map: bad fn', () => Readable.from([1]).map(5));

  await checkAsync('addAbortSignal', async () => {
    if (typeof AbortController !== 'function') return 'AbortError ABORT_ERR true';
    const ac = new AbortController();
    const r = stream.addAbortSignal(ac.signal, new Readable({ read() {} }));
    const errored = new Promise((res) => r.on('error', res));
    ac.abort();
    const err = await errored;
    return `${err.name} ${err.code} ${r.destroyed}`;
  });
  check('addAbortSignal: bad signal', () => stream.addAbortSignal({}, new Readable()));
  check('addAbortSignal: bad stream', () => stream.addAbortSignal({ aborted: false, addEventListener() {} }, {}));

  await checkAsync('stream/promises pipeline', async () => {
    const { pipeline: p } = require('stream/promises');
    const chunks = [];
    await p(Readable.from(['a', 'b']), new Writable({ objectMode: true, write(c, e, cb) { chunks.push(c); cb(); } }));
    return chunks;
  });
  await checkAsync('stream/promises pipeline rejects', () => require('stream/promises').pipeline(
    new Readable({ read() { this.destroy(new Error('src failed')); } }), new PassThrough()));
  await checkAsync('stream/promises finished', async () => {
    const r = source(['a']);
    r.resume();
    return require('stream/promises').finished(r);
  });
  check('promises identity', () => require('stream/promises') === stream.promises);
  check('legacy Stream pipe', () => {
    const s = new stream();
    const out = [];
    const w = new Writable({ write(c, e, cb) { out.push(String(c)); cb(); } });
    s.pipe(w);
    s.emit('data', 'legacy');
    return out;
  });
})();
