'use strict';
// worker_threads messages cross into the worker and back as Node's structured clone gives
// them: each value goes to an echoing worker and is inspected as it came back.
const { Worker, isMainThread, parentPort } = require('worker_threads');
const util = require('util');

if (!isMainThread) {
  parentPort.on('message', (m) => {
    if (m === 'end') return parentPort.close();
    parentPort.postMessage(m);
  });
  return;
}

const shared = { s: 1 };
const cyclic = { name: 'c' };
cyclic.self = cyclic;
const buf = new ArrayBuffer(8);
const holes = [1, , 3];
holes.extra = 'x';
const err = new RangeError('bad', { cause: new Error('why') });
err.code = 'ERR_OWN';
const values = [
  1, -0, NaN, Infinity, 12345678901234567890n, 'str', '\ud800lone', true, null, undefined,
  { a: 1, nested: { b: [1, 2] } },
  holes,
  new Date(86400000),
  /ab+c/gi,
  new Map([[1, { x: 1 }], ['k', shared]]),
  new Set([1, 'two', shared]),
  { one: shared, two: shared },
  cyclic,
  new Uint8Array([1, 2, 3]),
  { u8: new Uint8Array(buf, 0, 4), f32: new Float32Array(buf, 4, 1), dv: new DataView(buf, 2, 4) },
  new BigInt64Array([1n, -1n]),
  Buffer.from('buffer'),
  err,
  new TypeError('type'),
  Object(5), Object('boxed'), Object(false), Object(7n),
  new (class Point { constructor() { this.x = 1; } })(),
];

const worker = new Worker(__filename);
let i = 0;
worker.on('message', (m) => {
  const v = values[i];
  let extra = '';
  if (m && m.u8) extra = ` same buffer: ${m.u8.buffer === m.f32.buffer && m.f32.buffer === m.dv.buffer}`;
  if (m && m.one) extra = ` shared: ${m.one === m.two}`;
  if (m === Object(m) && m.self) extra = ` cyclic: ${m.self === m}`;
  if (typeof m === 'string') extra = ` codes: ${[...m].map((c) => c.charCodeAt(0))}`;
  if (m instanceof Error) {
    extra = ` ${m.constructor.name} own: ${Object.keys(m)} cause: ${m.cause?.message} code: ${m.code}`;
    extra += ` stack kept: ${m.stack === v.stack}`;
  }
  if (m instanceof Map) extra = ` shared: ${m.get('k') === [...m.values()][1]}`;
  if (typeof v === 'number' || typeof m === 'number') extra = ` is: ${Object.is(v, m)}`;
  const shown = m instanceof Error ? `${m.name}: ${m.message}` : typeof m === 'string' ? m.length : m;
  console.log(i, util.inspect(shown, { depth: 4 }).replace(/\n\s*/g, ' ').slice(0, 200), extra);
  if (++i < values.length) worker.postMessage(values[i]);
  else worker.postMessage('end');
});
worker.on('exit', (code) => console.log('exit', code));
worker.postMessage(values[0]);

// What cannot be cloned is a DataCloneError in the sender, before anything is sent.
for (const bad of [() => 1, Symbol('s'), { f() {} }, Promise.resolve(), new WeakMap()]) {
  try {
    worker.postMessage(bad);
    console.log('sent', typeof bad);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
