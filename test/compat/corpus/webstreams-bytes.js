'use strict';
// Byte streams: BYOB readers and requests, min, autoAllocateChunkSize, transfer, tee.
const common = require('../common');
const log = (...a) => console.log(...a);
const err = (e) => `${e.name} ${e.code} ${e.message}`;

(async () => {
  // a BYOB read fills the caller's buffer through byobRequest; the buffer is transferred
  const rs = new ReadableStream({
    type: 'bytes',
    pull(c) {
      const req = c.byobRequest;
      log('pull view', req.view.constructor.name, req.view.byteOffset, req.view.byteLength, c.desiredSize);
      req.view.set([1, 2, 3]);
      req.respond(3);
      log('after respond', c.byobRequest);
    },
  });
  log(rs);
  const reader = rs.getReader({ mode: 'byob' });
  const buf = new Uint8Array(8);
  const r1 = await reader.read(buf);
  log(r1, buf.byteLength, buf.buffer.byteLength, r1.value.buffer.byteLength);
  const r2 = await reader.read(new Uint16Array(4));
  log(r2.value.constructor.name, r2.value.length, r2.value.byteLength);
  const r3 = await reader.read(new DataView(new ArrayBuffer(6), 2));
  log(r3.value.constructor.name, r3.value.byteOffset, r3.value.byteLength);
  log(reader);

  // argument checks
  for (const bad of [undefined, 1, new ArrayBuffer(4), new Uint8Array(0)]) {
    await reader.read(bad).catch((e) => log('read', err(e)));
  }
  // a SharedArrayBuffer cannot be transferred (V8 and QuickJS word the TypeError differently)
  await reader.read(new Uint8Array(new SharedArrayBuffer(4))).catch((e) => log('shared', e.name, e.code));
  await reader.read(new Uint8Array(4), { min: 0 }).catch((e) => log('min 0', err(e)));
  await reader.read(new Uint8Array(4), { min: 1.5 }).catch((e) => log('min 1.5', err(e)));
  await reader.read(new Uint8Array(4), { min: 5 }).catch((e) => log('min 5', err(e)));
  await reader.read(new Uint8Array(4), { min: '1' }).catch((e) => log('min str', err(e)));
  await reader.read(new DataView(new ArrayBuffer(4)), { min: 5 }).catch((e) => log('min dv', err(e)));
  reader.releaseLock();
  try { new ReadableStream().getReader({ mode: 'byob' }); } catch (e) { log(err(e)); }
  try { new ReadableStream({ type: 'bytes' }, { size() { return 1; } }); } catch (e) { log(err(e)); }
  try { new ReadableStream({ type: 'bytes', autoAllocateChunkSize: 0 }); } catch (e) { log(err(e)); }
  try { new ReadableStreamBYOBRequest(); } catch (e) { log(err(e)); }
  try { new ReadableByteStreamController(); } catch (e) { log(err(e)); }

  // enqueue transfers the chunk; a default reader gets Uint8Arrays
  let ctl;
  const es = new ReadableStream({ type: 'bytes', start(c) { ctl = c; } });
  const chunk = new Uint8Array([9, 8, 7, 6]);
  ctl.enqueue(chunk.subarray(1, 3));
  log('enqueued chunk length', chunk.byteLength, ctl.desiredSize);
  try { ctl.enqueue(chunk); } catch (e) { log('detached', err(e)); }
  try { ctl.enqueue('x'); } catch (e) { log('not a view', err(e)); }
  try { ctl.enqueue(new Uint8Array(0)); } catch (e) { log('empty', err(e)); }
  const dr = es.getReader();
  log(await dr.read());
  ctl.close();
  try { ctl.close(); } catch (e) { log('close twice', err(e)); }
  log(await dr.read());

  // min: a read waits until min elements are there; queued bytes are split across reads
  let c2;
  const ms = new ReadableStream({ type: 'bytes', start(c) { c2 = c; } });
  const mr = ms.getReader({ mode: 'byob' });
  const pending = mr.read(new Uint8Array(6), { min: 4 }).then((r) => log('min read', r.value));
  c2.enqueue(new Uint8Array([1, 2]));
  await Promise.resolve();
  log('still waiting');
  c2.enqueue(new Uint8Array([3, 4, 5, 6, 7, 8, 9]));
  await pending;
  log('next', (await mr.read(new Uint8Array(2))).value, (await mr.read(new Uint8Array(10))).value);
  c2.close();
  log('closed read', await mr.read(new Uint8Array(3)));

  // respond(0) after close ends a pending BYOB read with an empty view
  const cs = new ReadableStream({
    type: 'bytes',
    pull(c) { c.close(); c.byobRequest.respond(0); },
  });
  log('close+respond(0)', await cs.getReader({ mode: 'byob' }).read(new Uint8Array(4)));

  // respond errors
  await new ReadableStream({
    type: 'bytes',
    pull(c) {
      const req = c.byobRequest;
      try { req.respond(100); } catch (e) { log('respond 100', err(e)); }
      try { req.respond(0); } catch (e) { log('respond 0', err(e)); }
      try { req.respondWithNewView(new Uint8Array(2)); } catch (e) { log('new view', err(e)); }
      req.respondWithNewView(new Uint8Array(req.view.buffer, req.view.byteOffset, 2));
      try { req.respond(1); } catch (e) { log('invalidated', err(e)); }
    },
  }).getReader({ mode: 'byob' }).read(new Uint8Array(4)).then((r) => log('new view read', r.value));

  // autoAllocateChunkSize gives default readers a byobRequest too
  const aa = new ReadableStream({
    type: 'bytes',
    autoAllocateChunkSize: 4,
    pull(c) {
      log('auto view', c.byobRequest.view.byteLength);
      c.byobRequest.view[0] = 42;
      c.byobRequest.respond(1);
    },
  });
  log('auto read', await aa.getReader().read());

  // tee of a byte stream: both branches are byte streams
  let tc;
  const ts = new ReadableStream({ type: 'bytes', start(c) { tc = c; } });
  const [b1, b2] = ts.tee();
  log(b1, b2);
  tc.enqueue(new Uint8Array([5, 6, 7]));
  tc.close();
  const byob = b1.getReader({ mode: 'byob' });
  log('tee byob', (await byob.read(new Uint8Array(2))).value, (await byob.read(new Uint8Array(2))).value);
  log('tee default', await b2.getReader().read());

  // an error fails pending BYOB reads
  let ec;
  const errs = new ReadableStream({ type: 'bytes', start(c) { ec = c; } });
  const er = errs.getReader({ mode: 'byob' });
  const pr = er.read(new Uint8Array(2)).catch((e) => log('pending byob', e.message));
  ec.error(new Error('bytes boom'));
  await pr;
  await er.closed.catch((e) => log('closed', e.message));
})().then(common.mustCall());
