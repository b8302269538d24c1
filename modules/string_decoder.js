// node:string_decoder — decodes a byte stream in chunks without splitting characters. This is
// the state machine of Node's native decoder (src/string_decoder.cc): up to 4 bytes of an
// incomplete character wait in `lastChar` until the next write; whole runs decode through Buffer,
// so invalid UTF-8 becomes U+FFFD exactly as Buffer#toString does.
import { Buffer } from 'node:buffer';
import { invalidArgType, unknownEncoding, nodeError } from 'qjsw:internal/errors';

const names = {
  utf8: 'utf8', 'utf-8': 'utf8', ucs2: 'utf16le', 'ucs-2': 'utf16le', utf16le: 'utf16le',
  'utf-16le': 'utf16le', latin1: 'latin1', binary: 'latin1', base64: 'base64',
  base64url: 'base64url', hex: 'hex', ascii: 'ascii',
};

function normalizeEncoding(enc) {
  if (enc == null || enc === '') return 'utf8';
  const name = typeof enc === 'string' ? names[enc.toLowerCase()] : undefined;
  if (name === undefined) throw unknownEncoding(enc);
  return name;
}

// Per decoder: the incomplete character's bytes and how many are held and still missing.
const kState = Symbol('kNativeDecoder');

function bytesOf(view) {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

function decode(state, enc, data) {
  const pending = state.chars;
  let prepend = '';
  let start = 0;
  let end = data.length;
  if (state.missing > 0) {
    if (enc === 'utf8') {
      // A byte that should continue the character but does not starts a new one; what was
      // held decodes (as U+FFFD) on its own.
      for (let i = 0; i < end && i < state.missing; i++) {
        if ((data[i] & 0xc0) !== 0x80) {
          state.missing = 0;
          pending.set(data.subarray(0, i), state.buffered);
          state.buffered += i;
          start = i;
          break;
        }
      }
    }
    const found = Math.min(end - start, state.missing);
    pending.set(data.subarray(start, start + found), state.buffered);
    start += found;
    state.missing -= found;
    state.buffered += found;
    if (state.missing === 0) {
      prepend = pending.toString(enc, 0, state.buffered);
      state.buffered = 0;
    }
  }
  if (start === end) return prepend;
  if (enc === 'utf8' && data[end - 1] & 0x80) {
    // Ends inside a multi-byte character? Find its lead byte and hold the tail back.
    for (let i = end - 1; ; i--) {
      state.buffered++;
      if ((data[i] & 0xc0) === 0x80) {
        if (state.buffered >= 4 || i === start) {
          state.buffered = 0;
          break;
        }
      } else {
        if ((data[i] & 0xe0) === 0xc0) state.missing = 2;
        else if ((data[i] & 0xf0) === 0xe0) state.missing = 3;
        else if ((data[i] & 0xf8) === 0xf0) state.missing = 4;
        else {
          state.buffered = 0;
          break;
        }
        if (state.buffered >= state.missing) {
          state.missing = 0;
          state.buffered = 0;
        }
        state.missing -= state.buffered;
        break;
      }
    }
  } else if (enc === 'utf16le') {
    if ((end - start) % 2 === 1) {
      state.buffered = 1;
      state.missing = 1;
    } else if ((data[end - 1] & 0xfc) === 0xd8) {
      // The high half of a surrogate pair waits for its low half.
      state.buffered = 2;
      state.missing = 2;
    }
  } else if (enc === 'base64' || enc === 'base64url') {
    state.buffered = (end - start) % 3;
    if (state.buffered > 0) state.missing = 3 - state.buffered;
  }
  if (state.buffered > 0) {
    end -= state.buffered;
    pending.set(data.subarray(end, end + state.buffered), 0);
  }
  return prepend + (end > start ? data.toString(enc, start, end) : '');
}

function flush(state, enc) {
  if (enc === 'utf16le' && state.buffered % 2 === 1) {
    // A lone trailing byte is dropped, as Node does.
    state.missing--;
    state.buffered--;
  }
  if (state.buffered === 0) return '';
  const out = state.chars.toString(enc, 0, state.buffered);
  state.missing = 0;
  state.buffered = 0;
  return out;
}

const multiByte = new Set(['utf8', 'utf16le', 'base64', 'base64url']);

export function StringDecoder(encoding) {
  this.encoding = normalizeEncoding(encoding);
  this[kState] = { chars: Buffer.alloc(4), buffered: 0, missing: 0 };
}

StringDecoder.prototype.write = function write(buf) {
  if (typeof buf === 'string') return buf;
  if (!ArrayBuffer.isView(buf)) throw invalidArgType('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
  if (!this[kState]) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type StringDecoder');
  const data = bytesOf(buf);
  if (!multiByte.has(this.encoding)) return data.toString(this.encoding);
  return decode(this[kState], this.encoding, data);
};

StringDecoder.prototype.end = function end(buf) {
  let ret = '';
  if (buf !== undefined) ret = this.write(buf);
  if (this[kState].buffered > 0) ret += flush(this[kState], this.encoding);
  return ret;
};

// Decodes buf from offset on, forgetting any incomplete character held so far.
StringDecoder.prototype.text = function text(buf, offset) {
  this[kState].missing = 0;
  this[kState].buffered = 0;
  return this.write(buf.slice(offset));
};

Object.defineProperties(StringDecoder.prototype, {
  lastChar: {
    configurable: true,
    enumerable: true,
    get() { return this[kState].chars.subarray(0, 4); },
  },
  lastNeed: {
    configurable: true,
    enumerable: true,
    get() { return this[kState].missing; },
  },
  lastTotal: {
    configurable: true,
    enumerable: true,
    get() { return this[kState].buffered + this[kState].missing; },
  },
});

export default { StringDecoder };
