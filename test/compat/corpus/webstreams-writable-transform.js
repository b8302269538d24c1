'use strict';
// WritableStream and TransformStream: sink call order, backpressure, close/abort/error paths,
// the controller's signal, transform/flush/cancel and terminate.
const common = require('../common');
const util = require('util');
const log = (...a) => console.log(...a);
const err = (e) => `${e.name} ${e.code} ${e.message}`;
const tick = () => new Promise((r) => setTimeout(r, 1));

(async () => {
  const events = [];
  let release;
  const ws = new WritableStream({
    start(c) { events.push('start'); },
    write(chunk, c) {
      events.push(`write ${chunk}`);
      return new Promise((r) => { release = r; });
    },
    close() { events.push('close'); },
    abort(r) { events.push(`abort ${r}`); },
  }, new CountQueuingStrategy({ highWaterMark: 2 }));
  const w = ws.getWriter();
  log(util.inspect(w), w.desiredSize);
  const w1 = w.write('a').then(() => events.push('a done'));
  const w2 = w.write('b').then(() => events.push('b done'));
  log('desired', w.desiredSize);
  w.ready.then(() => events.push('ready'));
  await tick();
  release();
  await tick();
  release();
  await Promise.all([w1, w2]);
  const closed = w.close().then(() => events.push('closed'));
  try { await w.close(); } catch (e) { events.push(`close twice ${err(e)}`); }
  await closed;
  log(events.join('\n'));
  log(ws, w.desiredSize);

  // abort: the signal fires, pending writes reject, closed rejects
  const sig = [];
  let controller;
  const ab = new WritableStream({
    start(c) { controller = c; c.signal.addEventListener('abort', () => sig.push(`signal ${c.signal.reason}`)); },
    write() { return new Promise(() => {}); },
    abort(r) { sig.push(`sink abort ${r}`); },
  });
  const aw = ab.getWriter();
  aw.write('x').catch((e) => sig.push(`write rejected ${e}`));
  aw.write('y').catch((e) => sig.push(`queued write rejected ${e}`));
  await tick();
  const abortP = aw.abort('reason');
  log(controller.signal.aborted, controller.signal.reason);
  aw.closed.catch((e) => sig.push(`closed rejected ${e}`));
  await tick();
  log(sig.join('\n'), util.inspect(ab));

  // controller.error, sink failures, locked
  const ew = new WritableStream({ start(c) { c.error(new Error('early')); } });
  await ew.getWriter().closed.catch((e) => log('errored by controller', e.message));
  const fw = new WritableStream({ write() { throw new Error('sink'); } });
  const fwr = fw.getWriter();
  await fwr.write(1).catch((e) => log('write failed', e.message));
  await fwr.closed.catch((e) => log('closed', e.message));
  log(util.inspect(fw));
  try { fw.getWriter(); } catch (e) { log(err(e)); }
  await fw.abort().catch((e) => log('abort locked', err(e)));
  fwr.releaseLock();
  await fwr.closed.catch((e) => log('after release', err(e)));
  try { fwr.desiredSize; } catch (e) { log(err(e)); }
  try { new WritableStream({ type: 'x' }); } catch (e) { log(err(e)); }
  try { new WritableStreamDefaultController(); } catch (e) { log(err(e)); }
  try { new WritableStreamDefaultWriter(1); } catch (e) { log(err(e)); }
  await new WritableStream().close().then(() => log('closed unlocked'));

  // TransformStream
  const steps = [];
  const ts = new TransformStream({
    start(c) { steps.push(`start ${c.desiredSize}`); },
    transform(chunk, c) { steps.push(`transform ${chunk}`); c.enqueue(chunk.toUpperCase()); c.enqueue('|'); },
    flush(c) { steps.push('flush'); c.enqueue('END'); },
  });
  log(util.inspect(ts));
  const out = [];
  const reading = (async () => { for await (const x of ts.readable) out.push(x); })();
  const tw = ts.writable.getWriter();
  await tw.write('ab');
  await tw.write('cd');
  await tw.close();
  await reading;
  log(steps, out);

  // identity transform, terminate, error
  const id = new TransformStream();
  const iw = id.writable.getWriter();
  iw.write('same');
  iw.close();
  log(await arr(id.readable));
  const term = new TransformStream({ transform(chunk, c) { c.enqueue(chunk); c.terminate(); } });
  const tw2 = term.writable.getWriter();
  const wrote = tw2.write('last');
  log(await arr(term.readable));
  await wrote;
  await tw2.write('more').catch((e) => log('after terminate', err(e)));
  const et = new TransformStream({ transform() { throw new Error('tboom'); } });
  const etw = et.writable.getWriter();
  const etr = et.readable.getReader();
  etr.read().catch((e) => log('read failed', e.message));
  await etw.write(1).catch((e) => log('transform threw', e.message));
  etr.releaseLock();
  await et.readable.getReader().closed.catch((e) => log('readable errored', e.message));
  const ct = new TransformStream({ cancel(r) { log('transformer cancel', r); } });
  await ct.readable.cancel('nope');
  await ct.writable.getWriter().closed.catch((e) => log('writable after cancel', e));
  try { new TransformStream({ readableType: 'bytes' }); } catch (e) { log(err(e)); }
  try { new TransformStreamDefaultController(); } catch (e) { log(err(e)); }

  // pipeTo / pipeThrough with options and signals
  const src = () => ReadableStream.from(['1', '2', '3']);
  const sink = (name) => {
    const got = [];
    return [got, new WritableStream({
      write(c) { got.push(c); },
      close() { got.push(`${name} closed`); },
      abort(r) { got.push(`${name} aborted ${r}`); },
    })];
  };
  const [g1, s1] = sink('s1');
  await src().pipeTo(s1);
  log(g1);
  const [g2, s2] = sink('s2');
  await src().pipeTo(s2, { preventClose: true });
  log(g2, s2.locked);
  const [g3, s3] = sink('s3');
  const failing = new ReadableStream({ start(c) { c.enqueue('x'); c.error('src err'); } });
  await failing.pipeTo(s3).catch((e) => log('pipe rejected', e));
  log(g3);
  const ac = new AbortController();
  const [g4, s4] = sink('s4');
  const slow = new ReadableStream({ pull(c) { return new Promise((r) => setTimeout(() => { try { c.enqueue('t'); } catch {} r(); }, 2)); }, cancel(r) { g4.push(`src canceled ${r && r.name}`); } });
  const piping = slow.pipeTo(s4, { signal: ac.signal }).catch((e) => log('signal', e.name, e.message));
  await new Promise((r) => setTimeout(r, 10));
  ac.abort();
  await piping;
  log(g4.filter((x) => x !== 't'));
  await src().pipeTo(s4).catch((e) => log('dest errored', e.name));
  await src().pipeTo(new WritableStream(), { signal: AbortSignal.abort('already') }).catch((e) => log('pre-aborted', e));
  await src().pipeTo({}).catch((e) => log(err(e)));
  await src().pipeTo(new WritableStream(), { signal: {} }).catch((e) => log(err(e)));
  try { src().pipeThrough({}); } catch (e) { log(err(e)); }
  const piped = src().pipeThrough(new TransformStream({ transform(c, ctl) { ctl.enqueue(c * 2); } }));
  log(await arr(piped));
})().then(common.mustCall());

async function arr(stream) {
  const out = [];
  for await (const x of stream) out.push(x);
  return out;
}
