'use strict';
// node:zlib's failures as Node reports them: argument validation (thrown), bad or short input
// (thrown by the Sync forms, passed to callbacks, emitted by streams), output limits.
const common = require('../common');
const zlib = require('zlib');

function show(label, fn) {
  try {
    const r = fn();
    console.log(label, 'ok', Buffer.isBuffer(r) ? `<${r.length} bytes>` : typeof r === 'string' || typeof r === 'number' ? r : typeof r);
  } catch (e) {
    console.log(label, e.name, e.code, e.errno, e.message, Object.keys(e).join());
  }
}

// arguments
show('level null', () => zlib.createDeflate({ level: null }));
show('level string', () => zlib.createDeflate({ level: '1' }));
show('level Infinity', () => zlib.createDeflate({ level: Infinity }));
show('level NaN is the default', () => zlib.deflateSync('x', { level: NaN }));
show('level 10', () => zlib.deflateSync('x', { level: 10 }));
show('level -2', () => zlib.gzipSync('x', { level: -2 }));
show('windowBits 16', () => zlib.createInflate({ windowBits: 16 }));
show('gzip windowBits 8', () => zlib.createGzip({ windowBits: 8 }));
show('inflate windowBits 0', () => zlib.inflateSync(zlib.deflateSync('window from header'), { windowBits: 0 }).toString());
show('memLevel 0', () => zlib.createDeflate({ memLevel: 0 }));
show('strategy 5', () => zlib.createDeflate({ strategy: 5 }));
show('chunkSize 63', () => zlib.createDeflate({ chunkSize: 63 }));
show('chunkSize too big', () => zlib.createDeflate({ chunkSize: 2 ** 33 }));
show('flush 6', () => zlib.createDeflate({ flush: 6 }));
show('finishFlush -1', () => zlib.createInflate({ finishFlush: -1 }));
show('brotli flush 4', () => zlib.createBrotliCompress({ flush: 4 }));
show('maxOutputLength 0', () => zlib.createDeflate({ maxOutputLength: 0 }));
show('maxOutputLength 2**32+1', () => zlib.createDeflate({ maxOutputLength: 2 ** 32 + 1 }));
show('dictionary string', () => zlib.createDeflate({ dictionary: 'words' }));
show('brotli param 9', () => zlib.createBrotliCompress({ params: { 9: 1 } }));
show('brotli param name', () => zlib.createBrotliCompress({ params: { quality: 1 } }));
show('brotli param twice', () => zlib.createBrotliCompress({ params: { 1: 4, '01': 5 } }));
show('brotli param value', () => zlib.createBrotliCompress({ params: { 1: '4' } }));
show('brotli quality 99 is clamped', () => zlib.brotliDecompressSync(zlib.brotliCompressSync('q', { params: { 1: 99 } })).toString());
show('brotli decoder param 3', () => zlib.createBrotliDecompress({ params: { 3: 1 } }));
show('input number', () => zlib.deflateSync(42));
show('input null', () => zlib.gzipSync(null));
show('input object', () => zlib.brotliCompressSync({}));
show('no callback', () => zlib.deflate('x'));
show('callback form, bad input', () => zlib.deflate(42, common.mustNotCall()));
show('callback not a function', () => zlib.gunzip('x', {}, 'cb'));
show('crc32 number', () => zlib.crc32(5));
show('crc32 value -1', () => zlib.crc32('x', -1));
show('crc32 value 1.5', () => zlib.crc32('x', 1.5));
show('crc32 value string', () => zlib.crc32('x', '1'));
show('params level', () => zlib.createDeflate().params(10, 0, () => {}));
show('params strategy', () => zlib.createDeflate().params(1, 'x', () => {}));

// bad and short input
const good = zlib.deflateSync('hello hello hello hello');
show('inflate bad', () => zlib.inflateSync(Buffer.from('bad')));
show('gunzip bad', () => zlib.gunzipSync(Buffer.from('bad bad bad bad')));
show('unzip bad', () => zlib.unzipSync(Buffer.from('bad bad bad bad')));
show('inflateRaw bad', () => zlib.inflateRawSync(Buffer.from([0xff, 0xff, 0xff])));
show('inflate truncated', () => zlib.inflateSync(good.subarray(0, good.length - 3)));
show('inflate empty', () => zlib.inflateSync(Buffer.alloc(0)));
show('gunzip of deflate', () => zlib.gunzipSync(good));
show('inflate of gzip', () => zlib.inflateSync(zlib.gzipSync('x')));
show('gunzip junk after member', () => zlib.gunzipSync(Buffer.concat([zlib.gzipSync('x'), Buffer.from('junk')])).toString());
show('gzip bad crc', () => {
  const g = zlib.gzipSync('checked');
  g[g.length - 6] ^= 1;
  return zlib.gunzipSync(g);
});
show('inflate bad adler', () => {
  const d = zlib.deflateSync('checked');
  d[d.length - 1] ^= 1;
  return zlib.inflateSync(d);
});
show('brotli bad', () => zlib.brotliDecompressSync(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff])));
show('brotli truncated', () => zlib.brotliDecompressSync(zlib.brotliCompressSync('hello brotli world').subarray(0, 6)));
show('brotli empty', () => zlib.brotliDecompressSync(Buffer.alloc(0)));
const dict = Buffer.from('a shared dictionary');
const withDict = zlib.deflateSync('a shared dictionary, used', { dictionary: dict });
show('missing dictionary', () => zlib.inflateSync(withDict));
show('bad dictionary', () => zlib.inflateSync(withDict, { dictionary: Buffer.from('another one') }));
show('right dictionary', () => zlib.inflateSync(withDict, { dictionary: dict }).toString());
show('raw wrong dictionary', () => zlib.inflateRawSync(zlib.deflateRawSync('a shared dictionary', { dictionary: dict }), { dictionary: Buffer.from('zzzz') }));

// output limits: a small input that inflates to a lot
const bomb = zlib.deflateSync(Buffer.alloc(1 << 20));
show('maxOutputLength sync', () => zlib.inflateSync(bomb, { maxOutputLength: 1000 }));
show('maxOutputLength exact', () => zlib.inflateSync(zlib.deflateSync('12345'), { maxOutputLength: 5 }));
show('maxOutputLength brotli', () => zlib.brotliDecompressSync(zlib.brotliCompressSync(Buffer.alloc(100000)), { maxOutputLength: 99999 }));
show('within the limit', () => zlib.inflateSync(bomb, { maxOutputLength: 1 << 20 }).length);

// the callback and stream forms of the same failures, one after another
const steps = [
  (next) => zlib.inflate(Buffer.from('bad'), common.mustCall((err, res) => {
    console.log('callback', err.message, err.code, err.errno, res);
    next();
  })),
  (next) => zlib.unzip(bomb, { maxOutputLength: 4096 }, common.mustCall((err, res) => {
    console.log('callback limit', err.name, err.code, err.message, res);
    next();
  })),
  (next) => zlib.brotliDecompress(Buffer.from('\xff\xff\xff\xff', 'latin1'), common.mustCall((err) => {
    console.log('callback brotli', err.message, err.code, err.errno);
    next();
  })),
  (next) => {
    const inflate = zlib.createInflate();
    inflate.on('error', common.mustCall((err) => {
      console.log('stream error', err.message, err.code, err.errno, inflate._closed);
      next();
    }));
    inflate.on('close', common.mustCall());
    inflate.end(Buffer.from('bad'));
  },
  (next) => {
    const gunzip = zlib.createGunzip();
    gunzip.on('error', common.mustCall((err) => {
      console.log('truncated stream', err.message, err.code);
      next();
    }));
    gunzip.resume();
    gunzip.end(zlib.gzipSync('truncated').subarray(0, 12));
  },
];
(function run(i) {
  if (i < steps.length) steps[i](common.mustCall(() => run(i + 1)));
})(0);
