'use strict';
// fs streams over replaceable fs operations: node:fs's functions looked up at each call (so
// patching them works, as graceful-fs does), an `fs` option, a subclass's own open(), and
// FileHandles, which a stream keeps open until it is done with them.
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const file = tmpdir.resolve('f.txt');
fs.writeFileSync(file, 'abcdefghij');

const done = (stream) => new Promise((resolve) => stream.on('close', resolve));
const text = async (stream) => {
  let out = '';
  for await (const chunk of stream) out += chunk;
  return out;
};
const show = (fn) => {
  try {
    fn();
    console.log('no error');
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
};

(async () => {
  // A patched fs.open and fs.read are what the stream calls.
  const { open, read } = fs;
  const calls = [];
  fs.open = function (...args) {
    calls.push(`open ${args[1]}`);
    return open.apply(this, args);
  };
  fs.read = function (...args) {
    calls.push(`read ${args[3]} at ${args[4]}`);
    return read.apply(this, args);
  };
  try {
    console.log(await text(fs.createReadStream(file, { start: 2, highWaterMark: 4, encoding: 'utf8' })));
  } finally {
    fs.open = open;
    fs.read = read;
  }
  console.log(calls);

  // Options inherited through the prototype count.
  console.log(await text(fs.createReadStream(file, { __proto__: { start: 1, end: 3 }, encoding: 'utf8' })));

  // Corked writes go to options.fs.writev in one batch; flush calls options.fs.fsync.
  const ops = [];
  const custom = {
    open: (...args) => { ops.push('open'); return fs.open(...args); },
    write: (...args) => { ops.push('write'); return fs.write(...args); },
    writev: (fd, buffers, pos, cb) => { ops.push(`writev ${buffers.length}`); return fs.writev(fd, buffers, pos, cb); },
    fsync: (...args) => { ops.push('fsync'); return fs.fsync(...args); },
    close: (...args) => { ops.push('close'); return fs.close(...args); },
  };
  const ws = fs.createWriteStream(tmpdir.resolve('w.txt'), { fs: custom, flush: true });
  ws.cork();
  ws.write('one ');
  ws.write('two ');
  ws.write('three');
  ws.uncork();
  ws.end();
  await done(ws);
  console.log(ops, ws.bytesWritten, fs.readFileSync(tmpdir.resolve('w.txt'), 'utf8'));

  // Either write or writev is enough (Node then only writes batches: a lone chunk would fail).
  const onlyWritev = fs.createWriteStream(tmpdir.resolve('v.txt'), { fs: { ...custom, write: undefined } });
  console.log(onlyWritev._write === null, typeof onlyWritev._writev);
  onlyWritev.cork();
  onlyWritev.write('by ');
  onlyWritev.end('writev');
  await done(onlyWritev);
  console.log(fs.readFileSync(tmpdir.resolve('v.txt'), 'utf8'));

  show(() => fs.createWriteStream(file, { fs: { ...fs, write: null, writev: null } }));
  show(() => fs.createWriteStream(file, { fs: { ...fs, writev: 'no' } }));
  show(() => fs.createWriteStream(file, { flush: 1 }));
  show(() => fs.createWriteStream(file, { flush: true, fs: { ...fs, fsync: null } }));
  show(() => fs.createReadStream(file, { fs: { ...fs, read: null } }));
  show(() => fs.createReadStream(file, { fs: { ...fs, close: null }, autoClose: false }));
  show(() => fs.createReadStream(file, { fd: {} }));
  show(() => fs.createReadStream(file, { end: null }));

  // A subclass's open() (code written for old Node) completes the construction with 'open'.
  function Legacy(...args) {
    fs.ReadStream.call(this, ...args);
  }
  Object.setPrototypeOf(Legacy.prototype, fs.ReadStream.prototype);
  Object.setPrototypeOf(Legacy, fs.ReadStream);
  Legacy.prototype.open = function () {
    fs.open(this.path, this.flags, this.mode, (err, fd) => {
      if (err) return this.emit('error', err);
      this.fd = fd;
      this.emit('open', fd);
    });
  };
  console.log(await text(new Legacy(file, { encoding: 'utf8', start: 7 })));
  const failing = new Legacy(tmpdir.resolve('missing'));
  console.log(await new Promise((resolve) => failing.on('error', (err) => resolve(err.code))));

  // A replaced fs.ReadStream is what fs.createReadStream makes (not FileHandle streams).
  const Original = fs.ReadStream;
  class Counting extends Original {}
  fs.ReadStream = Counting;
  const made = fs.createReadStream(file);
  console.log(made instanceof Counting, fs.FileReadStream === Original, fs.ReadStream === Counting);
  made.destroy();
  await done(made);
  fs.ReadStream = Original;

  // Streams over a FileHandle: close() on the handle closes the stream, and the fd stays open
  // until the stream lets go of it.
  const fh = await fs.promises.open(file, 'r');
  // An emitter with EventEmitter's methods without being one.
  console.log(Object.keys(fh), fh instanceof require('events'), fh.listenerCount('close'));
  const events = [];
  fh.on('close', () => events.push('handle close'));
  const rs = fs.createReadStream(null, { fd: fh, encoding: 'utf8' });
  show(() => fs.createReadStream(null, { fd: fh, fs }));
  console.log(fh.listenerCount('close'));
  const closing = fh.close();
  // Which settles first, the stream's 'close' or the handle's close(), depends on when the fd's
  // close completes (Node's in its thread pool): not shown.
  console.log(events, fh.fd === -1, fh.close() === closing);
  await Promise.all([closing, done(rs)]);
  console.log(events, fh.fd, rs.destroyed);

  const wh = await fs.promises.open(tmpdir.resolve('h.txt'), 'w');
  fs.WriteStream = class extends fs.WriteStream {};
  const hs = wh.createWriteStream();
  console.log(hs instanceof fs.WriteStream, hs instanceof fs.FileWriteStream);
  hs.write('a');
  hs.write('b');
  hs.end('c');
  await done(hs);
  console.log(wh.fd, fs.readFileSync(tmpdir.resolve('h.txt'), 'utf8'));
})().then(common.mustCall());

// The default open() is a deprecated no-op.
process.on('warning', common.mustCall((w) => console.log(w.name, w.code, w.message)));
fs.createReadStream(file).on('error', () => {}).open();
