// TextEncoderStream and TextDecoderStream: TextEncoder/TextDecoder over a TransformStream.
import { TextEncoder, TextDecoder } from 'qjsw:internal/encoding';
import { kType, kInspect, invalidThis, customInspect, defineClassProperties } from 'qjsw:internal/webstreams/util';
import { TransformStream } from 'qjsw:internal/webstreams/transformstream';

const kHandle = Symbol('kHandle');
const kTransform = Symbol('kTransform');
const kPendingHighSurrogate = Symbol('kPendingHighSurrogate');

const isEncoderStream = (v) => typeof v?.[kHandle] === 'object' && v?.[kType] === 'TextEncoderStream';
const isDecoderStream = (v) => typeof v?.[kHandle] === 'object' && v?.[kType] === 'TextDecoderStream';

export class TextEncoderStream {
  constructor() {
    this[kType] = 'TextEncoderStream';
    this[kHandle] = new TextEncoder();
    this[kPendingHighSurrogate] = null;
    this[kTransform] = new TransformStream({
      // https://encoding.spec.whatwg.org/#encode-and-enqueue-a-chunk: a surrogate pair split
      // across chunks is joined; a lone surrogate becomes U+FFFD
      transform: (chunk, controller) => {
        chunk = String(chunk);
        let out = '';
        for (let i = 0; i < chunk.length; i++) {
          const item = chunk[i];
          const unit = item.charCodeAt(0);
          if (this[kPendingHighSurrogate] !== null) {
            const high = this[kPendingHighSurrogate];
            this[kPendingHighSurrogate] = null;
            if (unit >= 0xdc00 && unit <= 0xdfff) {
              out += high + item;
              continue;
            }
            out += '\ufffd';
          }
          if (unit >= 0xd800 && unit <= 0xdbff) {
            this[kPendingHighSurrogate] = item;
            continue;
          }
          out += unit >= 0xdc00 && unit <= 0xdfff ? '\ufffd' : item;
        }
        if (out) controller.enqueue(this[kHandle].encode(out));
      },
      flush: (controller) => {
        if (this[kPendingHighSurrogate] !== null) controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
      },
    });
  }

  get encoding() {
    if (!isEncoderStream(this)) throw invalidThis('TextEncoderStream');
    return this[kHandle].encoding;
  }

  get readable() {
    if (!isEncoderStream(this)) throw invalidThis('TextEncoderStream');
    return this[kTransform].readable;
  }

  get writable() {
    if (!isEncoderStream(this)) throw invalidThis('TextEncoderStream');
    return this[kTransform].writable;
  }

  [kInspect](depth, options, inspect) {
    if (!isEncoderStream(this)) throw invalidThis('TextEncoderStream');
    return customInspect(this, depth, options, inspect, 'TextEncoderStream', {
      encoding: this[kHandle].encoding,
      readable: this[kTransform].readable,
      writable: this[kTransform].writable,
    });
  }
}
defineClassProperties(TextEncoderStream, ['encoding', 'readable', 'writable'], 'TextEncoderStream');

export class TextDecoderStream {
  constructor(encoding = 'utf-8', options = {}) {
    this[kType] = 'TextDecoderStream';
    this[kHandle] = new TextDecoder(encoding, options);
    this[kTransform] = new TransformStream({
      transform: (chunk, controller) => {
        const value = this[kHandle].decode(chunk, { stream: true });
        if (value) controller.enqueue(value);
      },
      flush: (controller) => {
        const value = this[kHandle].decode();
        if (value) controller.enqueue(value);
        controller.terminate();
      },
    });
  }

  get encoding() {
    if (!isDecoderStream(this)) throw invalidThis('TextDecoderStream');
    return this[kHandle].encoding;
  }

  get fatal() {
    if (!isDecoderStream(this)) throw invalidThis('TextDecoderStream');
    return this[kHandle].fatal;
  }

  get ignoreBOM() {
    if (!isDecoderStream(this)) throw invalidThis('TextDecoderStream');
    return this[kHandle].ignoreBOM;
  }

  get readable() {
    if (!isDecoderStream(this)) throw invalidThis('TextDecoderStream');
    return this[kTransform].readable;
  }

  get writable() {
    if (!isDecoderStream(this)) throw invalidThis('TextDecoderStream');
    return this[kTransform].writable;
  }

  [kInspect](depth, options, inspect) {
    if (!isDecoderStream(this)) throw invalidThis('TextDecoderStream');
    return customInspect(this, depth, options, inspect, 'TextDecoderStream', {
      encoding: this[kHandle].encoding,
      fatal: this[kHandle].fatal,
      ignoreBOM: this[kHandle].ignoreBOM,
      readable: this[kTransform].readable,
      writable: this[kTransform].writable,
    });
  }
}
defineClassProperties(TextDecoderStream, ['encoding', 'fatal', 'ignoreBOM', 'readable', 'writable'], 'TextDecoderStream');
