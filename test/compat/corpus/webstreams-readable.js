'use strict';
// Default ReadableStreams: start/pull/cancel order, queuing, readers, iteration, from(), tee.
const common = require('../common');
const util = require('util');
const log = (...a) => console.log(...a);
const err = (e) => `${e.name} ${e.code} ${e.message}`;

(async () => {
  // pulls fill the queue up to the high water mark, in order with reads
  const events = [];
  let n = 0;
  const rs = new ReadableStream({
    start(c) { events.push(`start ${c.desiredSize}`); },
    pull(c) { events.push(`pull ${c.desiredSize}`); if (n < 3) c.enqueue(n++); else c.close(); },
    cancel(r) { events.push(`cancel ${r}`); },
  }, { highWaterMark: 2 });
  const reader = rs.getReader();
  await new Promise((r) => setTimeout(r, 5));
  events.push('reading');
  for (;;) {
    const { value, done } = await reader.read();
    events.push(`read ${value} ${done}`);
    if (done) break;
  }
  await reader.closed;
  log(events.join('\n'));
  log(util.inspect(rs), util.inspect(reader));

  // size() and desiredSize; errors from size() error the stream
  let ctl;
  const sized = new ReadableStream({ start(c) { ctl = c; } }, { highWaterMark: 10, size: (chunk) => chunk.length });
  ctl.enqueue('abcd');
  log('desired', ctl.desiredSize);
  ctl.enqueue('efghijkl');
  log('desired', ctl.desiredSize);
  try { ctl.enqueue({ length: -1 }); } catch (e) { log('size', err(e)); }
  log(util.inspect(sized));
  try { ctl.enqueue('x'); } catch (e) { log('after error', err(e)); }
  await sized.getReader().read().catch((e) => log('read errored', err(e)));

  // strategies
  const bl = new ByteLengthQueuingStrategy({ highWaterMark: 16 });
  const cq = new CountQueuingStrategy({ highWaterMark: 3 });
  log(bl, cq, bl.size(new Uint8Array(5)), cq.size(), bl.size.name, Object.keys(ByteLengthQueuingStrategy.prototype));
  try { new CountQueuingStrategy({}); } catch (e) { log(err(e)); }
  try { new CountQueuingStrategy(); } catch (e) { log(err(e)); }
  try { new ReadableStream({}, { highWaterMark: -1 }); } catch (e) { log(err(e)); }
  try { new ReadableStream({}, { highWaterMark: NaN }); } catch (e) { log(err(e)); }
  try { new ReadableStream({ type: 'nope' }); } catch (e) { log(err(e)); }
  try { new ReadableStream(null); } catch (e) { log(err(e)); }
  try { new ReadableStream({ pull: 1 }); } catch (e) { log(err(e)); }
  try { new ReadableStream({}, { size: 1 }); } catch (e) { log(err(e)); }
  try { new ReadableStreamDefaultReader({}); } catch (e) { log(err(e)); }
  try { new ReadableStreamDefaultController(); } catch (e) { log(err(e)); }
  try { rs.getReader({ mode: 'x' }); } catch (e) { log(err(e)); }
  try { Object.getOwnPropertyDescriptor(ReadableStream.prototype, 'locked').get.call({}); } catch (e) { log(err(e)); }

  // locking, releaseLock with a pending read, cancel
  const pending = new ReadableStream();
  const r1 = pending.getReader();
  try { pending.getReader(); } catch (e) { log('locked', err(e)); }
  const p = r1.read();
  r1.releaseLock();
  await p.catch((e) => log('pending read', err(e)));
  await r1.closed.catch((e) => log('closed after release', err(e)));
  await r1.read().catch((e) => log('released read', err(e)));
  log('locked?', pending.locked);
  await pending.cancel('why').then(() => log('canceled'));
  await pending.getReader().read().then((r) => log('after cancel', r));
  await rs.cancel().catch((e) => log('cancel locked', err(e)));
  reader.releaseLock();
  await rs.cancel().then(() => log('cancel closed stream ok'));

  // errored stream
  const boom = new Error('boom');
  const bad = new ReadableStream({ start(c) { c.enqueue(1); c.error(boom); } });
  await bad.getReader().read().catch((e) => log('errored read', e === boom));
  await bad.cancel().catch((e) => log('cancel errored', e === boom));
  const badStart = new ReadableStream({ start() { return Promise.reject(boom); } });
  await badStart.getReader().closed.catch((e) => log('start rejected', e === boom));
  const badPull = new ReadableStream({ pull() { throw boom; } });
  await badPull.getReader().read().catch((e) => log('pull threw', e === boom));

  // async iteration: break cancels, preventCancel keeps the stream
  const mk = () => new ReadableStream({
    start(c) { c.enqueue('a'); c.enqueue('b'); c.enqueue('c'); c.close(); },
    cancel(r) { log('source cancel', r); },
  });
  const s1 = mk();
  for await (const x of s1) { log('it', x); break; }
  log('after break locked', s1.locked);
  const s2 = mk();
  for await (const x of s2.values({ preventCancel: true })) { log('it', x); break; }
  const rest = [];
  for await (const x of s2) rest.push(x);
  log('rest', rest);
  const it = mk()[Symbol.asyncIterator]();
  log(await it.next(), await it.return('r'), await it.next());
  log(Object.prototype.toString.call(Object.getPrototypeOf(it)));
  log(Object.getOwnPropertyNames(Object.getPrototypeOf(it)), util.inspect(it));
  log(util.inspect({ a: { b: { c: s1 } } }), util.inspect(s1, { depth: -1 }));
  log(ReadableStream.length, WritableStream.length, TransformStream.length, ReadableStream.from.length);
  log(Object.keys(ReadableStream.prototype), Object.keys(ReadableStream), Object.keys(ReadableStreamDefaultReader.prototype));

  // from(): arrays, generators, async generators, strings, errors
  log(await arr(ReadableStream.from([1, 2, 3])));
  log(await arr(ReadableStream.from((function* () { yield 'g1'; yield 'g2'; })())));
  log(await arr(ReadableStream.from((async function* () { yield 'a1'; yield 'a2'; })())));
  log(await arr(ReadableStream.from('hi')));
  log(await arr(ReadableStream.from([Promise.resolve('p')])));
  try { ReadableStream.from(1); } catch (e) { log(err(e)); }
  try { ReadableStream.from({}); } catch (e) { log(err(e)); }
  const gen = (async function* () { try { yield 1; yield 2; } finally { log('gen finally'); } })();
  const fr = ReadableStream.from(gen).getReader();
  log(await fr.read());
  await fr.cancel('stop');
  await arr(ReadableStream.from({ [Symbol.asyncIterator]() { return { next() { return 1; } }; } })).catch((e) => log(err(e)));

  // tee: both branches see all chunks; source canceled once both are
  const [b1, b2] = mk().tee();
  log(await arr(b1), await arr(b2));
  const [c1, c2] = mk().tee();
  const one = c1.cancel('one').then(() => log('one canceled'));
  log('one canceling');
  await c2.cancel('two').then(() => log('two canceled'));
  await one;
  const [e1, e2] = new ReadableStream({ start(c) { c.error(boom); } }).tee();
  await e1.getReader().closed.catch((e) => log('tee branch error', e === boom));
  await e2.getReader().closed.catch((e) => log('tee branch error', e === boom));
})().then(common.mustCall());

async function arr(stream) {
  const out = [];
  for await (const x of stream) out.push(x);
  return out;
}
