// Blob and File (node:buffer and globals): immutable bytes with a MIME type; text(),
// arrayBuffer(), slice() and stream() (a byte ReadableStream, loaded on first use).
import { utf8Encode, utf8Decode } from 'qjsw:binding/buffer';
import { nodeError, describeReceived, invalidArgType } from 'qjsw:internal/errors';
import { importBuiltin } from 'qjsw:binding/module';

const kBytes = Symbol('kBytes');
const kType = Symbol('kType');

function partBytes(part) {
  if (part instanceof Blob) return part[kBytes];
  if (part instanceof ArrayBuffer) return new Uint8Array(part.slice(0));
  if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength));
  return new Uint8Array(utf8Encode(`${part}`));
}

// A type of printable ASCII is kept lowercased; anything else becomes ''.
function normalizeType(type) {
  const t = `${type}`;
  return /^[\u0020-\u007e]*$/.test(t) ? t.toLowerCase() : '';
}

export class Blob {
  constructor(sources = [], options = undefined) {
    if (sources === null || typeof sources !== 'object' || typeof sources[Symbol.iterator] !== 'function') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "sources" argument must be a sequence.${describeReceived(sources)}`);
    }
    if (options !== undefined && (options === null || typeof options !== 'object')) throw invalidArgType('options', 'Object', options);
    const parts = [...sources].map(partBytes);
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      bytes.set(p, offset);
      offset += p.length;
    }
    this[kBytes] = bytes;
    this[kType] = options?.type === undefined ? '' : normalizeType(options.type);
  }

  get size() {
    return this[kBytes].length;
  }

  get type() {
    return this[kType];
  }

  slice(start = 0, end = this.size, contentType = '') {
    const size = this.size;
    const clamp = (n) => (n < 0 ? Math.max(size + n, 0) : Math.min(n, size));
    const from = clamp(Math.trunc(Number(start)) || 0);
    const to = clamp(Math.trunc(Number(end)) || 0);
    const blob = new Blob([], { type: contentType });
    blob[kBytes] = this[kBytes].slice(from, Math.max(from, to));
    return blob;
  }

  async text() {
    return utf8Decode(this[kBytes], 0, this[kBytes].length);
  }

  async arrayBuffer() {
    return this[kBytes].slice().buffer;
  }

  // As Node's: a byte stream with highWaterMark 0 whose first pull gives the bytes, the next
  // the end.
  stream() {
    if (!(this instanceof Blob)) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type Blob');
    const bytes = this[kBytes];
    let sent = false;
    const { ReadableStream } = importBuiltin('qjsw:internal/webstreams/readablestream');
    return new ReadableStream({
      type: 'bytes',
      pull(c) {
        if (!sent && bytes.length) {
          sent = true;
          c.enqueue(bytes.slice());
          return;
        }
        c.close();
        c.byobRequest?.respond(0);
      },
    }, { highWaterMark: 0 });
  }

  get [Symbol.toStringTag]() {
    return 'Blob';
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    return `Blob ${inspect({ size: this.size, type: this.type }, options)}`;
  }
}

export class File extends Blob {
  #name;
  #lastModified;

  constructor(fileBits, fileName, options = {}) {
    if (arguments.length < 2) {
      throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "fileBits" and "fileName" arguments must be specified');
    }
    super(fileBits, options);
    this.#name = `${fileName}`;
    this.#lastModified = options?.lastModified === undefined ? Date.now() : Number(options.lastModified);
  }

  get name() {
    return this.#name;
  }

  get lastModified() {
    return this.#lastModified;
  }

  get [Symbol.toStringTag]() {
    return 'File';
  }
}
