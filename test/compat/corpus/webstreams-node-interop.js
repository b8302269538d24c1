'use strict';
// Web streams with Node's streams: toWeb/fromWeb, stream/consumers, finished, pipeline,
// addAbortSignal, isDisturbed/isErrored, Blob.stream(), and the globals.
const common = require('../common');
const { Readable, Writable, Duplex, PassThrough, pipeline, finished, addAbortSignal, isDisturbed, isErrored } = require('stream');
const { pipeline: pipelinePromise } = require('stream/promises');
const consumers = require('stream/consumers');
const web = require('stream/web');
const log = (...a) => console.log(...a);
const err = (e) => `${e.name} ${e.code} ${e.message}`;

(async () => {
  const names = Object.getOwnPropertyNames(globalThis).filter((n) => /Stream|Queuing|Controller|Reader|Writer|BYOB/.test(n) && !n.startsWith('Abort'));
  log(names);
  log(Object.keys(web).sort());
  log(names.every((n) => globalThis[n] === web[n]));
  log(Object.getOwnPropertyDescriptor(globalThis, 'ReadableStream').enumerable);

  // Readable.toWeb: chunks as Uint8Array copies, object mode as is, backpressure by strategy
  const bytes = Readable.toWeb(Readable.from([Buffer.from('ab'), Buffer.from('cd')], { objectMode: false }));
  for await (const c of bytes) log('toWeb', c.constructor.name, Buffer.from(c).toString());
  log(await consumers.json(Readable.toWeb(Readable.from(['{"k":', '[1,2]}']))));
  const destroyed = new PassThrough();
  destroyed.destroy();
  log('destroyed toWeb', await Readable.toWeb(destroyed).getReader().read());
  const failing = new Readable({ read() { this.destroy(new Error('node side')); } });
  await Readable.toWeb(failing).getReader().read().catch((e) => log('toWeb error', e.message));
  const canceled = new Readable({ read() {} });
  canceled.on('close', () => log('node readable closed by cancel', canceled.destroyed));
  await Readable.toWeb(canceled).cancel(new Error('stop'));
  try { Readable.toWeb({}); } catch (e) { log(err(e)); }

  // Readable.fromWeb
  const fr = Readable.fromWeb(ReadableStream.from(['x', 'y']), { objectMode: true });
  log(await fr.toArray());
  const enc = Readable.fromWeb(ReadableStream.from([new TextEncoder().encode('t\u00e9')]), { encoding: 'utf8' });
  log(await enc.toArray());
  try { Readable.fromWeb({}); } catch (e) { log(err(e)); }
  try { Readable.fromWeb(new ReadableStream(), { encoding: 'nope' }); } catch (e) { log(err(e)); }
  try { Readable.fromWeb(new ReadableStream(), { objectMode: 1 }); } catch (e) { log(err(e)); }
  const errWeb = Readable.fromWeb(new ReadableStream({ start(c) { c.error(new Error('web side')); } }));
  await new Promise((r) => errWeb.on('error', (e) => { log('fromWeb error', e.message); r(); }).resume());

  // Writable.toWeb / fromWeb
  const pt = new PassThrough();
  const seen = [];
  pt.on('data', (d) => seen.push(d.toString()));
  const ww = Writable.toWeb(pt).getWriter();
  await ww.write(new Uint8Array([104, 105]));
  await ww.close();
  log('toWeb wrote', seen, pt.writableFinished);
  const got = [];
  const nw = Writable.fromWeb(new WritableStream({ write(c) { got.push(c.constructor.name + ':' + Buffer.from(c).toString()); } }));
  nw.write('str');
  nw.write(Buffer.from('buf'));
  nw.end();
  await new Promise((r) => nw.on('finish', r));
  log(got);
  const ow = Writable.fromWeb(new WritableStream({ write(c) { got.push(typeof c); } }), { objectMode: true });
  ow.end({ a: 1 });
  await new Promise((r) => ow.on('finish', r));
  log(got);
  const badSink = Writable.fromWeb(new WritableStream({ write() { throw new Error('sink says no'); } }));
  const badDone = new Promise((r) => badSink.on('error', (e) => { log('fromWeb write error', e.message); r(); }));
  badSink.write('x');
  await badDone;
  try { Writable.toWeb({}); } catch (e) { log(err(e)); }

  // Duplex.toWeb / fromWeb
  const { readable, writable } = Duplex.toWeb(new PassThrough());
  const dw = writable.getWriter();
  dw.write(new TextEncoder().encode('pair'));
  dw.close();
  log(await consumers.text(readable));
  const dup = Duplex.fromWeb(new TransformStream({ transform(c, ctl) { ctl.enqueue(Buffer.from(c).toString().toUpperCase()); } }), { encoding: 'utf8', objectMode: false });
  dup.end('shout');
  log(await dup.toArray());
  try { Duplex.fromWeb({ readable: 1 }); } catch (e) { log(err(e)); }
  try { Duplex.toWeb(new Readable()); } catch (e) { log(err(e)); }

  // stream/consumers on web streams, Blob.stream()
  const blob = new Blob(['blob ', 'bytes']);
  const bs = blob.stream();
  log(bs, await consumers.text(bs));
  const br = blob.stream().getReader({ mode: 'byob' });
  log(await br.read(new Uint8Array(3)));
  log(Buffer.from(await consumers.arrayBuffer(ReadableStream.from([new Uint8Array([1, 2]), new Uint8Array([3])]))));
  log((await consumers.buffer(new Blob(['b']).stream())).toString());
  log(await (await consumers.blob(ReadableStream.from([new TextEncoder().encode('bl')]))).text());

  // finished / pipeline / addAbortSignal / isDisturbed / isErrored
  const fin = new ReadableStream({ start(c) { c.close(); } });
  await new Promise((r) => finished(fin, (e) => { log('finished closed', e); r(); }));
  const finW = new WritableStream({ start(c) { c.error(new Error('w broke')); } });
  await new Promise((r) => finished(finW, (e) => { log('finished writable', e.message); r(); }));
  const out = [];
  await pipelinePromise(ReadableStream.from(['p1', 'p2']), new TransformStream({ transform(c, ctl) { ctl.enqueue(`<${c}>`); } }), new WritableStream({ write(c) { out.push(c); } }));
  log(out);
  await new Promise((r) => pipeline(Readable.from(['n1']), new WritableStream({ write(c) { out.push(c); } }), (e) => { log('pipeline node->web', e, out); r(); }));
  const pt2 = new PassThrough({ objectMode: true });
  pipeline(ReadableStream.from(['w1', 'w2']), pt2, (e) => log('pipeline web->node', e));
  log(await pt2.toArray());
  await new Promise((r) => pipeline(ReadableStream.from(['e']), new WritableStream({ write() { throw new Error('stop here'); } }), (e) => { log('pipeline error', e.message); r(); }));
  const ac = new AbortController();
  const sig = addAbortSignal(ac.signal, new ReadableStream());
  ac.abort();
  await sig.getReader().read().catch((e) => log('addAbortSignal', e.name, e.code, e.cause?.name));
  try { addAbortSignal(ac.signal, {}); } catch (e) { log(err(e)); }
  const ds = ReadableStream.from(['d']);
  log(isDisturbed(ds), isErrored(ds));
  await ds.getReader().read();
  log(isDisturbed(ds), isErrored(new ReadableStream({ start(c) { c.error(1); } })));
})().then(common.mustCall());
