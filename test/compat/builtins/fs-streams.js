// fs.createReadStream / fs.createWriteStream: events in order, options, errors like Node's.
'use strict';
const { check, checkAsync, transcript: transcriptWithin } = require('./_check');
const fs = require('fs');
const path = require('path');

const dir = fs.mkdtempSync(path.join(process.cwd(), 'fsstreams-'));
const file = (name) => path.join(dir, name);
fs.writeFileSync(file('abc.txt'), 'abcdefghijklmnopqrstuvwxyz');

const transcript = (body) => transcriptWithin(body, 1000);

const show = (c) => (Buffer.isBuffer(c) ? `buf:${c.toString()}` : `str:${c}`);
const errText = (e) => `${e.code} ${e.syscall} ${e.message.replace(dir, '<dir>')}`;

function watchRead(s, log) {
  s.on('open', (fd) => log.push(`open ${typeof fd}`));
  s.on('ready', () => log.push('ready'));
  s.on('data', (c) => log.push(`data ${show(c)}`));
  s.on('end', () => log.push(`end bytesRead=${s.bytesRead}`));
  s.on('error', (e) => log.push(`error ${errText(e)}`));
  s.on('close', () => log.push('close'));
}

(async () => {
  check('classes', () => [typeof fs.ReadStream, typeof fs.WriteStream, fs.createReadStream(file('abc.txt')).destroy() instanceof fs.ReadStream, fs.ReadStream.name, fs.WriteStream.name]);
  check('instanceof stream classes', () => {
    const { Readable, Writable } = require('stream');
    const r = fs.createReadStream(file('abc.txt'));
    const w = fs.createWriteStream(file('inst.txt'));
    r.destroy();
    w.destroy();
    return [r instanceof Readable, w instanceof Writable];
  });
  await checkAsync('read whole file: event order', () => transcript((log, done) => {
    const s = fs.createReadStream(file('abc.txt'));
    log.push(`pending ${s.pending} path ${s.path === file('abc.txt')} hwm ${s.readableHighWaterMark} flags ${s.flags} mode ${s.mode}`);
    watchRead(s, log);
    s.on('close', done);
  }));
  await checkAsync('start/end/highWaterMark/encoding', () => transcript((log, done) => {
    const s = fs.createReadStream(file('abc.txt'), { start: 2, end: 11, highWaterMark: 4, encoding: 'utf8' });
    watchRead(s, log);
    s.on('close', done);
  }));
  await checkAsync('encoding as string option', () => transcript((log, done) => {
    const s = fs.createReadStream(file('abc.txt'), 'hex');
    s.on('data', (c) => log.push(show(c)));
    s.on('close', done);
  }));
  await checkAsync('start beyond the end', () => transcript((log, done) => {
    const s = fs.createReadStream(file('abc.txt'), { start: 100 });
    watchRead(s, log);
    s.on('close', done);
  }));
  await checkAsync('missing file', () => transcript((log, done) => {
    const s = fs.createReadStream(file('nope.txt'));
    watchRead(s, log);
    s.on('close', () => { log.push(`destroyed ${s.destroyed}`); done(); });
  }));
  await checkAsync('reading a directory', () => transcript((log, done) => {
    const s = fs.createReadStream(dir);
    watchRead(s, log);
    s.on('close', done);
  }));
  await checkAsync('from an fd, autoClose false', () => transcript((log, done) => {
    const fd = fs.openSync(file('abc.txt'), 'r');
    const s = fs.createReadStream(null, { fd, autoClose: false, start: 20 });
    log.push(`pending ${s.pending} path ${s.path}`);
    watchRead(s, log);
    s.on('end', () => setTimeout(() => {
      log.push(`fd still open ${fs.fstatSync(fd).size}`);
      fs.closeSync(fd);
      done();
    }, 5));
  }));
  await checkAsync('destroy before open', () => transcript((log, done) => {
    const s = fs.createReadStream(file('abc.txt'));
    watchRead(s, log);
    s.destroy();
    s.on('close', done);
  }));
  await checkAsync('close(cb)', () => transcript((log, done) => {
    const s = fs.createReadStream(file('abc.txt'));
    s.on('open', () => s.close((err) => { log.push(`closed ${err}`); done(); }));
  }));
  await checkAsync('async iteration', async () => {
    const chunks = [];
    for await (const c of fs.createReadStream(file('abc.txt'), { highWaterMark: 10 })) chunks.push(c.toString());
    return chunks;
  });
  await checkAsync('emitClose false', () => transcript((log, done) => {
    const s = fs.createReadStream(file('abc.txt'), { emitClose: false, highWaterMark: 13 });
    watchRead(s, log);
    s.on('end', () => setTimeout(() => { log.push(`destroyed ${s.destroyed} closed ${s.closed}`); done(); }, 5));
  }));
  await checkAsync('paused mode read(n) on a file', () => transcript((log, done) => {
    const s = fs.createReadStream(file('abc.txt'));
    s.once('readable', () => {
      log.push(show(s.read(5)), show(s.read(3)), `left ${s.readableLength}`);
      s.resume();
      s.on('end', () => { log.push('end'); done(); });
    });
  }));
  check('ReadStream without new', () => {
    const s = fs.ReadStream(file('abc.txt'));
    s.destroy();
    return [s instanceof fs.ReadStream, s.autoClose, s.start, s.end];
  });
  await checkAsync('write stream from an fd with start', () => transcript((log, done) => {
    fs.writeFileSync(file('fdw.txt'), '..........');
    const fd = fs.openSync(file('fdw.txt'), 'r+');
    const w = fs.createWriteStream(null, { fd, start: 4 });
    log.push(`pending ${w.pending} path ${w.path}`);
    w.end('WXYZ');
    w.on('close', () => { log.push(fs.readFileSync(file('fdw.txt'), 'utf8'), `bytesWritten ${w.bytesWritten}`); done(); });
  }));
  for (const [encoding, hwm] of [['utf8', 2], ['base64', 4], ['utf16le', 3], ['hex', 1], ['latin1', 5]]) {
    await checkAsync(`multi-byte text split across chunks: ${encoding} hwm ${hwm}`, () => transcript((log, done) => {
      fs.writeFileSync(file('multi.txt'), 'a€b😀c');
      const s = fs.createReadStream(file('multi.txt'), { encoding, highWaterMark: hwm });
      s.on('data', (c) => log.push(c));
      s.on('end', () => { log.push('end'); done(); });
    }));
  }
  check('bad path', () => fs.createReadStream(42));
  check('bad start', () => fs.createReadStream(file('abc.txt'), { start: -1 }));
  check('start after end', () => fs.createReadStream(file('abc.txt'), { start: 5, end: 2 }));
  check('bad end', () => fs.createReadStream(file('abc.txt'), { end: 'x' }));
  check('bad highWaterMark', () => fs.createReadStream(file('abc.txt'), { highWaterMark: -5 }));
  check('bad fd', () => fs.createReadStream(null, { fd: 'x' }));
  check('bad options', () => fs.createReadStream(file('abc.txt'), 42));
  check('bad encoding', () => fs.createReadStream(file('abc.txt'), { encoding: 'nope' }));

  await checkAsync('write stream: event order', () => transcript((log, done) => {
    const w = fs.createWriteStream(file('out.txt'));
    log.push(`pending ${w.pending} flags ${w.flags}`);
    w.on('open', (fd) => log.push(`open ${typeof fd}`));
    w.on('ready', () => log.push('ready'));
    log.push(`write ${w.write('hello ')}`);
    w.write(Buffer.from('world'), () => log.push('write cb'));
    w.end('!', () => log.push('end cb'));
    w.on('finish', () => log.push(`finish bytesWritten=${w.bytesWritten}`));
    w.on('close', () => { log.push(`close ${fs.readFileSync(file('out.txt'), 'utf8')}`); done(); });
  }));
  await checkAsync('write stream: backpressure', () => transcript((log, done) => {
    const w = fs.createWriteStream(file('bp.txt'), { highWaterMark: 4 });
    log.push(w.write('abc'), w.write('def'), w.writableLength);
    w.on('drain', () => { log.push('drain'); w.end(); });
    w.on('close', () => { log.push(fs.readFileSync(file('bp.txt'), 'utf8')); done(); });
  }));
  await checkAsync('write stream: flags a and start', () => transcript((log, done) => {
    fs.writeFileSync(file('ap.txt'), '12345');
    const a = fs.createWriteStream(file('ap.txt'), { flags: 'a' });
    a.end('67', () => {
      const b = fs.createWriteStream(file('ap.txt'), { flags: 'r+', start: 1 });
      b.end('xy');
      b.on('close', () => { log.push(fs.readFileSync(file('ap.txt'), 'utf8')); done(); });
    });
  }));
  await checkAsync('write stream: encoding option', () => transcript((log, done) => {
    const w = fs.createWriteStream(file('hex.txt'), { encoding: 'hex' });
    w.end('414243');
    w.on('close', () => { log.push(fs.readFileSync(file('hex.txt'), 'utf8')); done(); });
  }));
  await checkAsync('write stream: missing directory', () => transcript((log, done) => {
    const w = fs.createWriteStream(file('no/such/dir.txt'));
    w.on('error', (e) => log.push(`error ${errText(e)}`));
    w.on('close', () => { log.push('close'); done(); });
    w.write('x', (e) => log.push(`write cb ${e && e.code}`));
  }));
  await checkAsync('write stream: exclusive flag on existing file', () => transcript((log, done) => {
    const w = fs.createWriteStream(file('abc.txt'), { flags: 'wx' });
    w.on('error', (e) => log.push(`error ${errText(e)}`));
    w.on('close', () => { log.push('close'); done(); });
  }));
  await checkAsync('write stream: close()', () => transcript((log, done) => {
    const w = fs.createWriteStream(file('close.txt'));
    w.write('data');
    w.close((err) => { log.push(`closed ${err} ${fs.readFileSync(file('close.txt'), 'utf8')}`); done(); });
  }));
  await checkAsync('write after end', () => transcript((log, done) => {
    const w = fs.createWriteStream(file('wae.txt'));
    w.on('error', (e) => log.push(`error ${e.code}`));
    w.end();
    w.write('x', (e) => log.push(`cb ${e.code}`));
    w.on('close', () => { log.push('close'); done(); });
  }));
  check('write stream: bad start', () => fs.createWriteStream(file('x.txt'), { start: 'a' }));
  check('write stream: bad path', () => fs.createWriteStream({}));

  await checkAsync('pipe a file into another', () => transcript((log, done) => {
    const r = fs.createReadStream(file('abc.txt'), { highWaterMark: 5 });
    const w = fs.createWriteStream(file('copy.txt'), { highWaterMark: 3 });
    r.on('end', () => log.push('r end'));
    r.on('close', () => log.push('r close'));
    w.on('finish', () => log.push('w finish'));
    w.on('close', () => { log.push(`w close ${fs.readFileSync(file('copy.txt'), 'utf8')}`); done(); });
    r.pipe(w);
  }));
  await checkAsync('pipeline with a transform', async () => {
    const { pipeline } = require('stream/promises');
    const { Transform } = require('stream');
    await pipeline(
      fs.createReadStream(file('abc.txt'), { highWaterMark: 7 }),
      new Transform({ transform(c, e, cb) { cb(null, c.toString().toUpperCase()); } }),
      fs.createWriteStream(file('upper.txt')),
    );
    return fs.readFileSync(file('upper.txt'), 'utf8');
  });
  await checkAsync('pipeline from a missing file', () => require('stream/promises').pipeline(
    fs.createReadStream(file('missing.txt')), fs.createWriteStream(file('never.txt'))).catch((e) => { throw new Error(errText(e)); }));
  await checkAsync('FileHandle.createReadStream', async () => {
    const fh = await fs.promises.open(file('abc.txt'));
    const chunks = [];
    for await (const c of fh.createReadStream({ start: 23 })) chunks.push(c.toString());
    return chunks;
  });
  await checkAsync('FileHandle.createWriteStream', async () => {
    const fh = await fs.promises.open(file('fh.txt'), 'w');
    const w = fh.createWriteStream();
    await new Promise((res) => w.end('via handle', res));
    await new Promise((res) => w.on('close', res));
    return fs.readFileSync(file('fh.txt'), 'utf8');
  });
  fs.rmSync(dir, { recursive: true, force: true });
})();
