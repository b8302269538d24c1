'use strict';
// Duplex.from over each kind of body Node accepts, and its error for one it does not.
const common = require('../common');
const { Duplex, Readable, Writable, PassThrough, pipeline } = require('stream');
const { ReadableStream, WritableStream } = require('stream/web');

(async () => {
  console.log(await Duplex.from(['a', 'b']).toArray());
  console.log(await Duplex.from(Promise.resolve('one')).toArray());
  console.log(await Duplex.from(new Blob(['blob bytes'])).map(String).toArray());
  console.log(await Duplex.from('text').toArray());

  // an async generator function of the written chunks
  const gen = Duplex.from(async function* (source) {
    for await (const chunk of source) yield String(chunk).length;
  });
  gen.write('four');
  gen.end('sevenly');
  console.log(await gen.toArray());

  // an async function: the Duplex is only writable and finishes when the promise settles
  const seen = [];
  const sink = Duplex.from(async function (source) {
    for await (const chunk of source) seen.push(String(chunk));
  });
  console.log('sink readable', sink.readable, 'writable', sink.writable);
  sink.end('x');
  await new Promise((resolve) => sink.on('finish', resolve));
  console.log('sink got', seen);

  // a { readable, writable } pair of Node streams
  const written = [];
  const pair = Duplex.from({
    readable: Readable.from(['r1', 'r2']),
    writable: new Writable({ write(chunk, enc, cb) { written.push(String(chunk)); cb(); } }),
  });
  pair.end('w1');
  console.log(await pair.toArray(), written);

  // web streams, alone and as a pair
  const web = Duplex.from(new ReadableStream({
    start(c) { c.enqueue('web'); c.close(); },
  }));
  console.log(await web.toArray());
  const chunks = [];
  const ws = Duplex.from(new WritableStream({ write(chunk) { chunks.push(chunk); } }));
  ws.end('to web');
  await new Promise((resolve) => ws.on('finish', resolve));
  console.log(chunks.map(String));

  // a Duplex is returned as is
  const pt = new PassThrough();
  console.log(Duplex.from(pt) === pt);

  // pipeline hands a promise stage to Duplex.from too
  await new Promise((resolve) => pipeline(Promise.resolve('p'), new PassThrough({ objectMode: true }),
    new Writable({ objectMode: true, write(chunk, enc, cb) { console.log('piped', chunk); cb(); } }),
    common.mustCall((err) => { console.log('pipeline', err); resolve(); })));

  for (const bad of [42, null, { foo: 1 }]) {
    try {
      Duplex.from(bad);
    } catch (err) {
      console.log(err.code, err.message);
    }
  }
  try {
    Duplex.from(() => 5);
  } catch (err) {
    console.log(err.code, err.message);
  }
})().then(common.mustCall());
