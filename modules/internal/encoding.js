// TextEncoder and TextDecoder (WHATWG Encoding) for the encodings Node's decoder is used with:
// UTF-8, UTF-16LE and the "latin1"/"ascii" family, which Node names windows-1252 but decodes
// as ISO-8859-1 (one code point per byte). The byte work is the buffer binding's.
import { utf8Encode, utf8Decode, decode as decodeBytes } from 'qjsw:binding/buffer';
import { invalidArgType, nodeError } from 'qjsw:internal/errors';

const LATIN1 = 1;
const UCS2 = 3;

const labels = new Map();
for (const label of ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8']) labels.set(label, 'utf-8');
for (const label of ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le']) labels.set(label, 'utf-16le');
for (const label of ['ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100',
  'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252', 'x-cp1252']) {
  labels.set(label, 'windows-1252');
}

function toBytes(input) {
  if (input === undefined) return new Uint8Array(0);
  if (input instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && input instanceof SharedArrayBuffer)) {
    return new Uint8Array(input);
  }
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  // Node's own wording here: another argument name and no "Received" part.
  throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
    'The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.');
}

// Length of the incomplete UTF-8 sequence ending `bytes`, if it could still be completed.
function incompleteUtf8Tail(bytes) {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    if (need <= back) return 0;
    if (back >= 2) {
      const second = bytes[n - back + 1];
      const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
      if (second < lo || second > hi) return 0;
    }
    return back;
  }
  return 0;
}

function isValidUtf8(bytes) {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    const need = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    if (need === 0 || i + need > bytes.length) return false;
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (bytes[i + 1] < lo || bytes[i + 1] > hi) return false;
    for (let k = 2; k < need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return false;
    i += need;
  }
  return true;
}

export class TextEncoder {
  get encoding() {
    return 'utf-8';
  }

  encode(input = '') {
    return new Uint8Array(utf8Encode(`${input}`));
  }

  encodeInto(src, dest) {
    if (typeof src !== 'string') throw invalidArgType('src', 'string', src);
    if (!(dest instanceof Uint8Array)) throw invalidArgType('dest', 'Uint8Array', dest);
    let read = 0;
    let written = 0;
    for (const ch of src) {
      const cp = ch.codePointAt(0);
      const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (written + size > dest.length) break;
      dest.set(new Uint8Array(utf8Encode(ch)), written);
      written += size;
      read += ch.length;
    }
    return { read, written };
  }

  get [Symbol.toStringTag]() {
    return 'TextEncoder';
  }
}

export class TextDecoder {
  #encoding;
  #fatal;
  #ignoreBOM;
  #pending = null;
  #bomSeen = false;

  constructor(encoding = 'utf-8', options = {}) {
    const label = `${encoding}`.trim().toLowerCase();
    const name = labels.get(label);
    if (name === undefined) {
      throw nodeError(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', `The "${encoding}" encoding is not supported`);
    }
    if (options !== undefined && options !== null && typeof options !== 'object') {
      throw invalidArgType('options', 'object', options);
    }
    this.#encoding = name;
    this.#fatal = Boolean(options?.fatal);
    this.#ignoreBOM = Boolean(options?.ignoreBOM);
  }

  get encoding() {
    return this.#encoding;
  }

  get fatal() {
    return this.#fatal;
  }

  get ignoreBOM() {
    return this.#ignoreBOM;
  }

  decode(input = undefined, options = {}) {
    let bytes = toBytes(input);
    const stream = Boolean(options?.stream);
    if (this.#pending) {
      const joined = new Uint8Array(this.#pending.length + bytes.length);
      joined.set(this.#pending);
      joined.set(bytes, this.#pending.length);
      bytes = joined;
      this.#pending = null;
    }
    let hold = 0;
    if (stream) {
      if (this.#encoding === 'utf-8') hold = incompleteUtf8Tail(bytes);
      else if (this.#encoding === 'utf-16le') {
        hold = bytes.length % 2;
        const last = bytes.length - hold - 2;
        if (last >= 0 && (bytes[last + 1] & 0xfc) === 0xd8) hold += 2;
      }
    }
    if (hold) {
      this.#pending = bytes.slice(bytes.length - hold);
      bytes = bytes.subarray(0, bytes.length - hold);
    }
    let text = this.#decodeBytes(bytes);
    if (!this.#bomSeen && !this.#ignoreBOM && text.charCodeAt(0) === 0xfeff && this.#encoding !== 'windows-1252') {
      text = text.slice(1);
    }
    if (bytes.length) this.#bomSeen = true;
    if (!stream) this.#bomSeen = false;
    return text;
  }

  #invalid() {
    return nodeError(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', `The encoded data was not valid for encoding ${this.#encoding}`);
  }

  #decodeBytes(bytes) {
    if (this.#encoding === 'utf-8') {
      if (this.#fatal && !isValidUtf8(bytes)) throw this.#invalid();
      return utf8Decode(bytes, 0, bytes.length);
    }
    if (this.#encoding === 'utf-16le') {
      const odd = bytes.length % 2;
      if (this.#fatal && odd) throw this.#invalid();
      let text = decodeBytes(bytes, 0, bytes.length - odd, UCS2);
      if (this.#fatal && /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) throw this.#invalid();
      text = text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
      return odd ? `${text}\ufffd` : text;
    }
    return decodeBytes(bytes, 0, bytes.length, LATIN1);
  }

  get [Symbol.toStringTag]() {
    return 'TextDecoder';
  }
}
