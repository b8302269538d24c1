'use strict';
// structuredClone with web streams in the transfer list: the clone gets new streams fed through
// (or feeding) the originals, which end locked; locked or unlisted streams cannot be cloned.
const common = require('../common');

(async () => {
  const buf = new Uint8Array([7]);
  const readable = new ReadableStream({ start(c) { c.enqueue(buf); c.enqueue({ n: 1 }); c.close(); } });
  const [out1, out2] = readable.tee();
  const cloned = structuredClone(out2, { transfer: [out2] });
  console.log('locked after transfer', out2.locked, cloned.locked, cloned instanceof ReadableStream);
  for await (const chunk of cloned) console.log('cloned', chunk, chunk === buf);
  for await (const chunk of out2) console.log('out2', chunk);
  console.log('out2 unlocked again', out2.locked);
  for await (const chunk of out1) console.log('out1', chunk);

  const got = [];
  const ws = new WritableStream({ write(c) { got.push(c); } });
  const { w: ws2, n } = structuredClone({ w: ws, n: 5 }, { transfer: [ws] });
  console.log(ws.locked, ws2.locked, ws2 instanceof WritableStream, n);
  const writer = ws2.getWriter();
  await writer.write('hi');
  await writer.write({ deep: [1, 2] });
  await writer.close();
  console.log('written before delivery', got);
  await new Promise((resolve) => setTimeout(resolve, 20));
  console.log('delivered', got);

  const ts = new TransformStream({ transform(c, ctl) { ctl.enqueue(`${c}!`); } });
  const ts2 = structuredClone(ts, { transfer: [ts] });
  console.log(ts2 instanceof TransformStream, ts.readable.locked, ts.writable.locked);
  const tw = ts2.writable.getWriter();
  tw.write('x');
  tw.close();
  for await (const c of ts2.readable) console.log('transformed', c);

  // the receiver cancelling reaches the original source
  const source = new ReadableStream({
    pull(c) { c.enqueue('tick'); },
    cancel: common.mustCall((reason) => console.log('source cancelled', reason)),
  });
  const far = structuredClone(source, { transfer: [source] });
  const reader = far.getReader();
  console.log(await reader.read());
  await reader.cancel('enough');
  await new Promise((resolve) => setTimeout(resolve, 20));

  // an error of the original reaches the receiver
  const failing = new ReadableStream({ start(c) { c.error(new RangeError('bad')); } });
  const failingClone = structuredClone(failing, { transfer: [failing] });
  await failingClone.getReader().read().catch((err) => console.log('error crossed', err.name, err.message));

  const tries = [
    () => { const r = new ReadableStream(); r.getReader(); structuredClone(r, { transfer: [r] }); },
    () => { const t = new TransformStream(); t.writable.getWriter(); structuredClone(t, { transfer: [t] }); },
    () => { const r = new ReadableStream(); structuredClone(r, { transfer: [r, r] }); },
    () => structuredClone({ s: new WritableStream() }),
  ];
  for (const t of tries) {
    try {
      t();
    } catch (err) {
      console.log(err.name, err.code, err.message);
    }
  }
  const untouched = new ReadableStream();
  try {
    structuredClone([untouched, () => {}], { transfer: [untouched] });
  } catch (err) {
    console.log(err.name, 'left unlocked', untouched.locked);
  }
})().then(common.mustCall());
