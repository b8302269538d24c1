// CompressionStream and DecompressionStream ('deflate', 'deflate-raw', 'gzip') on node:zlib's
// streams, fed chunk by chunk from a TransformStream.
import { Buffer } from 'node:buffer';
import { importBuiltin } from 'qjsw:binding/module';
import { kType, kInspect, invalidThis, invalidArgType, invalidArgValue, customInspect, defineClassProperties } from 'qjsw:internal/webstreams/util';
import { createTransformStream } from 'qjsw:internal/webstreams/transformstream';

const kHandle = Symbol('kHandle');
const kTransform = Symbol('kTransform');

function toBuffer(chunk) {
  if (typeof chunk === 'string') return Buffer.from(chunk);
  if (ArrayBuffer.isView(chunk)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw invalidArgType('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
}

// The engine is node:zlib's stream: its output arrives as 'data' events before each write's
// callback (and before 'end' after end()), and its failures as 'error'.
function pair(engine) {
  let controller;
  let pending;
  let failure;
  engine.on('data', (out) => {
    try {
      controller.enqueue(new Uint8Array(out));
    } catch {
      // the readable side was canceled meanwhile
    }
  });
  engine.on('error', (err) => {
    failure = err;
    pending?.reject(err);
  });
  const run = (c, start) => new Promise((resolve, reject) => {
    controller = c;
    if (failure) {
      reject(failure);
      return;
    }
    pending = { resolve, reject };
    start(() => {
      pending = undefined;
      resolve();
    });
  });
  return createTransformStream(
    (chunk, c) => {
      const bytes = toBuffer(chunk);
      return run(c, (done) => engine.write(bytes, () => { if (!failure) done(); }));
    },
    (c) => run(c, (done) => {
      engine.once('end', done);
      engine.end();
    }),
    () => engine.destroy(),
  );
}

function streamClass(name, engines) {
  const is = (v) => typeof v?.[kHandle] === 'object' && v?.[kType] === name;
  const Class = {
    [name]: class {
      constructor(format) {
        this[kType] = name;
        const create = Object.hasOwn(engines, format) ? engines[format] : undefined;
        if (create === undefined) throw invalidArgValue('format', format);
        // node:zlib loads when first used, as in Node, not when the global is looked at
        this[kHandle] = importBuiltin('node:zlib')[create]();
        this[kTransform] = pair(this[kHandle]);
      }

      get readable() {
        if (!is(this)) throw invalidThis(name);
        return this[kTransform].readable;
      }

      get writable() {
        if (!is(this)) throw invalidThis(name);
        return this[kTransform].writable;
      }

      [kInspect](depth, options, inspect) {
        if (!is(this)) throw invalidThis(name);
        return customInspect(this, depth, options, inspect, name, {
          readable: this[kTransform].readable,
          writable: this[kTransform].writable,
        });
      }
    },
  }[name];
  defineClassProperties(Class, ['readable', 'writable'], name);
  return Class;
}

export const CompressionStream = streamClass('CompressionStream', { deflate: 'createDeflate', 'deflate-raw': 'createDeflateRaw', gzip: 'createGzip' });
export const DecompressionStream = streamClass('DecompressionStream', { deflate: 'createInflate', 'deflate-raw': 'createInflateRaw', gzip: 'createGunzip' });
