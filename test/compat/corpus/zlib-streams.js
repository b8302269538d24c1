'use strict';
// The stream forms: pipeline, flush kinds, params, reset, close, bytesWritten, chunkSize,
// dictionaries, backpressure. Each step waits for the last, so the order is Node's in any run.
const common = require('../common');
const assert = require('assert');
const zlib = require('zlib');
const { pipeline, Readable, Writable, PassThrough } = require('stream');
const streamPromises = require('stream/promises');

let text = '';
for (let i = 0; i < 2000; i++) text += `${i} ${'abcdefghij'.repeat(i % 5)}\n`;
const input = Buffer.from(text);

function collect(stream, done) {
  const chunks = [];
  stream.on('data', (c) => chunks.push(c));
  stream.on('end', () => done(Buffer.concat(chunks), chunks.length));
}

const steps = [
  function pipelineRoundTrip(next) {
    const out = [];
    const gzip = zlib.createGzip();
    pipeline(
      Readable.from([input.subarray(0, 5000), input.subarray(5000)]),
      gzip,
      zlib.createGunzip(),
      new Writable({ write(c, e, cb) { out.push(c); cb(); } }),
      common.mustSucceed(() => {
        console.log('pipeline', Buffer.concat(out).equals(input), gzip.bytesWritten, gzip._closed, gzip.destroyed);
        next();
      }),
    );
  },

  function brotliPipeline(next) {
    const enc = zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } });
    const dec = zlib.createBrotliDecompress();
    enc.pipe(dec);
    collect(dec, (all) => {
      console.log('brotli pipe', all.equals(input), enc.bytesWritten, dec.bytesWritten > 0);
      next();
    });
    enc.end(input);
  },

  async function streamPromisesPipeline(next) {
    const out = new PassThrough();
    const done = new Promise((resolve) => collect(out, resolve));
    await streamPromises.pipeline(Readable.from([input]), zlib.createDeflateRaw({ level: 9 }), zlib.createInflateRaw(), out);
    console.log('stream/promises', (await done).equals(input));
    next();
  },

  async function asyncIteration(next) {
    const gunzip = zlib.createGunzip({ chunkSize: 1024 });
    gunzip.end(zlib.gzipSync(input));
    let n = 0;
    let total = 0;
    for await (const chunk of gunzip) {
      n++;
      total += chunk.length;
      assert.ok(chunk.length <= 1024);
    }
    console.log('for await', n >= Math.ceil(input.length / 1024), total === input.length);
    next();
  },

  function syncFlushAndPartialInflate(next) {
    // what a flush has pushed inflates without the rest of the stream
    const deflate = zlib.createDeflate();
    const chunks = [];
    deflate.on('data', (c) => chunks.push(c));
    const partial = () => zlib.inflateSync(Buffer.concat(chunks), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString();
    deflate.write('first part, ');
    deflate.flush(zlib.constants.Z_SYNC_FLUSH, common.mustCall(() => {
      console.log('after sync flush', partial());
      deflate.write('second part');
      deflate.flush(common.mustCall(() => {
        console.log('after full flush', partial());
        deflate.on('end', common.mustCall(() => {
          console.log('ended', zlib.inflateSync(Buffer.concat(chunks)).toString());
          next();
        }));
        deflate.end();
      }));
    }));
  },

  function flushBytes(next) {
    const deflate = zlib.createDeflateRaw();
    const chunks = [];
    deflate.on('data', (c) => chunks.push(c));
    deflate.write('abc');
    deflate.flush(zlib.constants.Z_SYNC_FLUSH, common.mustCall(() => {
      const all = Buffer.concat(chunks);
      console.log('sync flush ends with', all.subarray(-4).toString('hex'), zlib.inflateRawSync(all, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString());
      deflate.close(common.mustCall(() => {
        console.log('closed', deflate._closed, deflate.destroyed);
        deflate.flush(common.mustCall(() => next()));
      }));
    }));
  },

  function brotliFlush(next) {
    const enc = zlib.createBrotliCompress();
    const chunks = [];
    enc.on('data', (c) => chunks.push(c));
    enc.write('brotli flushed text');
    enc.flush(common.mustCall(() => {
      const partial = Buffer.concat(chunks);
      const flush = zlib.constants.BROTLI_OPERATION_FLUSH;
      console.log('brotli flush', partial.toString('hex'), zlib.brotliDecompressSync(partial, { finishFlush: flush }).toString());
      enc.on('end', common.mustCall(() => {
        console.log('brotli end', zlib.brotliDecompressSync(Buffer.concat(chunks)).toString());
        next();
      }));
      enc.end();
    }));
  },

  function noFlushHoldsOutput(next) {
    const deflate = zlib.createDeflate();
    let seen = 0;
    deflate.on('data', (c) => { seen += c.length; });
    deflate.write('held back until the end', common.mustCall(() => {
      console.log('before end', seen);
      deflate.on('end', common.mustCall(() => {
        console.log('after end', seen > 0);
        next();
      }));
      deflate.end();
    }));
  },

  function params(next) {
    const deflate = zlib.createDeflate({ level: 1 });
    const chunks = [];
    deflate.on('data', (c) => chunks.push(c));
    deflate.write(input.subarray(0, 10000));
    deflate.params(9, zlib.constants.Z_FILTERED, common.mustCall(() => {
      console.log('params', deflate._level, deflate._strategy);
      deflate.params(9, zlib.constants.Z_FILTERED, common.mustCall(() => {
        deflate.end(input.subarray(10000));
      }));
    }));
    deflate.on('end', common.mustCall(() => {
      console.log('params round trip', zlib.inflateSync(Buffer.concat(chunks)).equals(input));
      const gzip = zlib.createGzip();
      gzip.params(0, 0, common.mustCall(() => {
        gzip.end('gzip ignores params');
        collect(gzip, (all) => {
          console.log('gzip params', zlib.gunzipSync(all).toString());
          next();
        });
      }));
    }));
  },

  function reset(next) {
    const deflate = zlib.createDeflate();
    let chunks = [];
    deflate.on('data', (c) => chunks.push(c));
    deflate.write('discarded');
    deflate.flush(common.mustCall(() => {
      deflate.reset();
      chunks = [];
      deflate.end('kept');
      deflate.on('end', () => {
        console.log('reset', zlib.inflateSync(Buffer.concat(chunks)).toString());
        next();
      });
    }));
  },

  function chunkSizeAndEvents(next) {
    const inflate = zlib.createInflate({ chunkSize: 64 });
    const events = [];
    let n = 0;
    inflate.on('data', (c) => { n++; assert.ok(c.length <= 64); });
    for (const e of ['finish', 'end', 'close']) inflate.on(e, () => events.push(e));
    inflate.on('close', () => {
      console.log('chunkSize 64', n, events.join(' '), inflate.bytesWritten === zlib.deflateSync('x'.repeat(1000)).length);
      next();
    });
    inflate.end(zlib.deflateSync('x'.repeat(1000)));
  },

  function dictionary(next) {
    const dict = Buffer.from('the quick brown fox jumps over the lazy dog');
    const deflate = zlib.createDeflate({ dictionary: dict });
    const inflate = zlib.createInflate({ dictionary: dict });
    deflate.pipe(inflate);
    collect(inflate, (all) => {
      console.log('dictionary stream', all.toString());
      const raw = zlib.deflateRawSync('the lazy dog', { dictionary: dict });
      console.log('raw dictionary', zlib.inflateRawSync(raw, { dictionary: dict.buffer.slice(dict.byteOffset, dict.byteOffset + dict.length) }).toString());
      next();
    });
    deflate.end('the quick brown fox jumps over the lazy dog again');
  },

  function corruptInStream(next) {
    const gunzip = zlib.createGunzip();
    gunzip.on('error', common.mustCall((err) => {
      console.log('stream error', err.message, err.code, err.errno, gunzip.destroyed, gunzip._closed);
      pipeline(Readable.from([Buffer.from('not brotli at all, really not')]), zlib.createBrotliDecompress(), new PassThrough(),
        common.mustCall((err) => {
          console.log('pipeline error', err.message, err.code, err.errno);
          next();
        }));
    }));
    gunzip.write(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]));
    gunzip.end(Buffer.from('garbage garbage'));
  },

  function truncated(next) {
    const inflate = zlib.createInflate();
    inflate.on('error', common.mustCall((err) => {
      console.log('truncated', err.message, err.code, err.errno);
      const tolerant = zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
      collect(tolerant, (all) => {
        console.log('finishFlush Z_SYNC_FLUSH', all.toString());
        next();
      });
      tolerant.end(zlib.deflateSync('truncated but readable').subarray(0, 16));
    }));
    inflate.resume();
    inflate.end(zlib.deflateSync('truncated but readable').subarray(0, 16));
  },

  function trailingData(next) {
    // deflate stops at its end: the rest of the input is not read
    const inflate = zlib.createInflate();
    collect(inflate, (all) => {
      console.log('trailing data', all.toString(), inflate.bytesWritten);
      next();
    });
    inflate.end(Buffer.concat([zlib.deflateSync('payload'), Buffer.from('trailing')]));
  },

  function backpressure(next) {
    const inflate = zlib.createInflate({ chunkSize: 1024, highWaterMark: 1024 });
    inflate.end(zlib.deflateSync(Buffer.alloc(100000, 'z')));
    // (once output has started, however slowly the thread pool runs it)
    inflate.once('readable', () => setTimeout(() => {
      const buffered = inflate.readableLength;
      console.log('paused reader holds back', buffered < 100000, buffered > 0);
      let total = 0;
      inflate.on('data', (c) => { total += c.length; });
      inflate.on('end', () => {
        console.log('data after resume', total);
        next();
      });
      inflate.resume();
    }, 20));
  },

  function writeAfterEnd(next) {
    const deflate = zlib.createDeflate();
    deflate.end();
    deflate.on('error', common.mustCall((err) => {
      console.log('write after end', err.code);
      next();
    }));
    deflate.write('late');
  },
];

(function run(i) {
  if (i === steps.length) return console.log('done');
  steps[i](common.mustCall(() => run(i + 1)));
})(0);
