'use strict';
// stream.compose and readable.compose: Node transforms, async generators and web streams as
// one Duplex, and the errors for stages that cannot be composed.
const common = require('../common');
const { compose, Transform, Readable, Writable, PassThrough } = require('stream');
const { TransformStream } = require('stream/web');

const upper = () => new Transform({
  transform(chunk, enc, cb) { cb(null, String(chunk).toUpperCase()); },
});

// The message up to the inspected stream, whose layout is util.inspect's business.
const shortMessage = (err) => err.message.split(' Received ')[0];

// compose among node:stream's names, in Node's order
console.log(Object.keys(require('stream')).join(','));

(async () => {
  // Node transform -> async generator -> web TransformStream
  const d = compose(
    upper(),
    async function* (source) {
      for await (const chunk of source) yield `[${chunk}]`;
    },
    new TransformStream({ transform(chunk, controller) { controller.enqueue(`${chunk}!`); } }),
  );
  console.log('readable', d.readable, 'writable', d.writable);
  d.end('abc');
  const out = [];
  for await (const chunk of d) out.push(String(chunk));
  console.log(out.join('|'));

  // the operator: a Readable composed with a generator stage
  const r = Readable.from(['a', 'b', 'c']).compose(async function* (source) {
    let s = '';
    for await (const chunk of source) s += chunk;
    yield s.toUpperCase();
  });
  console.log(r instanceof Readable, await r.toArray());

  // a single stage is Duplex.from()
  const single = compose(async function* (source) {
    for await (const chunk of source) yield chunk * 2;
  });
  single.write(1);
  single.write(21);
  single.end();
  console.log(await single.toArray());

  // an error inside destroys the composed stream with it
  const failing = compose(new PassThrough(), new Transform({
    transform(chunk, enc, cb) { cb(new Error('boom')); },
  }));
  failing.on('error', common.mustCall((err) => console.log('error', err.message)));
  failing.write('x');
  failing.resume();
  await new Promise((resolve) => failing.on('close', resolve));
  console.log('destroyed', failing.destroyed);

  for (const args of [[], [new Writable({ write(c, e, cb) { cb(); } }), new PassThrough()],
    [new PassThrough(), new Readable({ read() {} })]]) {
    try {
      compose(...args);
    } catch (err) {
      console.log(err.name, err.code, shortMessage(err));
    }
  }
  try {
    Readable.from([]).compose(new Readable({ read() {} }));
  } catch (err) {
    console.log(err.code, shortMessage(err));
  }
})().then(common.mustCall());
