'use strict';
// TextEncoderStream/TextDecoderStream across chunk boundaries, and Compression/
// DecompressionStream round trips (compressed bytes differ between zlib builds, so only what
// comes back out is printed).
const common = require('../common');
const zlib = require('zlib');
const util = require('util');
const log = (...a) => console.log(...a);
const err = (e) => `${e.name} ${e.code} ${e.message}`;

async function collect(readable) {
  const out = [];
  for await (const x of readable) out.push(x);
  return out;
}

async function through(pair, chunks) {
  const w = pair.writable.getWriter();
  const done = collect(pair.readable);
  for (const c of chunks) w.write(c).catch(() => {});
  w.close().catch(() => {});
  return done;
}

(async () => {
  const enc = new TextEncoderStream();
  log(util.inspect(enc), enc.encoding);
  const bytes = await through(enc, ['h\u00e9', '\ud83d', '\ude00!', '\udc00', 'x\ud800']);
  log(bytes.map((b) => [b.constructor.name, ...b]));

  const dec = new TextDecoderStream();
  log(util.inspect(dec), dec.encoding, dec.fatal, dec.ignoreBOM);
  const euro = new TextEncoder().encode('\u20ac\ud83d\ude00 ok');
  log(await through(dec, [euro.subarray(0, 1), euro.subarray(1, 5), euro.subarray(5)]));
  const fatal = new TextDecoderStream('utf-8', { fatal: true });
  await through(fatal, [new Uint8Array([0xff])]).catch((e) => log('fatal', e.name, e.code));
  const latin = new TextDecoderStream('latin1');
  log(latin.encoding, await through(latin, [new Uint8Array([0xe9, 0x41])]));
  const bom = new TextDecoderStream('utf-8', { ignoreBOM: true });
  log(JSON.stringify((await through(bom, [new Uint8Array([0xef, 0xbb, 0xbf, 0x61])])).join('')));
  try { new TextDecoderStream('nope'); } catch (e) { log(err(e)); }
  try { Object.getOwnPropertyDescriptor(TextEncoderStream.prototype, 'readable').get.call({}); } catch (e) { log(err(e)); }

  const text = 'web streams compress '.repeat(200);
  for (const format of ['gzip', 'deflate', 'deflate-raw']) {
    const cs = new CompressionStream(format);
    const compressed = Buffer.concat(await through(cs, [text.slice(0, 1000), new TextEncoder().encode(text.slice(1000))]));
    log(format, 'smaller', compressed.length < text.length);
    const ds = new DecompressionStream(format);
    const back = Buffer.concat(await through(ds, [compressed.subarray(0, 7), compressed.subarray(7)])).toString();
    log(format, 'round trip', back === text);
    const sync = { gzip: zlib.gunzipSync, deflate: zlib.inflateSync, 'deflate-raw': zlib.inflateRawSync }[format](compressed);
    log(format, 'node:zlib reads it', sync.toString() === text);
    const fromZlib = { gzip: zlib.gzipSync, deflate: zlib.deflateSync, 'deflate-raw': zlib.deflateRawSync }[format](text);
    const viaStream = Buffer.concat(await through(new DecompressionStream(format), [fromZlib])).toString();
    log(format, 'reads node:zlib', viaStream === text);
  }
  log(util.inspect(new CompressionStream('gzip')), Object.prototype.toString.call(new DecompressionStream('deflate')));
  for (const bad of ['br', 'GZIP', undefined]) {
    try { new CompressionStream(bad); } catch (e) { log(err(e)); }
    try { new DecompressionStream(bad); } catch (e) { log(err(e)); }
  }
  await through(new DecompressionStream('gzip'), [new Uint8Array([1, 2, 3, 4])]).catch((e) => log('bad data', e.code, e.message));
  const gz = zlib.gzipSync('truncated input');
  await through(new DecompressionStream('gzip'), [gz.subarray(0, gz.length - 4)]).catch((e) => log('truncated', e.code, e.message));
})().then(common.mustCall());
