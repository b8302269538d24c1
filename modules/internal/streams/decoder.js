// The incremental decoding Readable.setEncoding needs: a multi-byte character (or a base64
// quantum) split across two chunks must come out whole, so incomplete tails wait for the
// next chunk.
import { Buffer } from 'node:buffer';
import { unknownEncoding } from 'qjsw:internal/errors';

const aliases = {
  utf8: 'utf8', 'utf-8': 'utf8', ucs2: 'utf16le', 'ucs-2': 'utf16le', utf16le: 'utf16le', 'utf-16le': 'utf16le',
  latin1: 'latin1', binary: 'latin1', base64: 'base64', base64url: 'base64url', hex: 'hex', ascii: 'ascii',
};

export function normalizeEncoding(enc) {
  if (enc === undefined || enc === null || enc === '') return 'utf8';
  return aliases[String(enc).toLowerCase()];
}

// How many bytes at the end of buf start a UTF-8 sequence that is not complete yet.
function utf8Incomplete(buf) {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

export class StringDecoder {
  constructor(encoding) {
    const enc = normalizeEncoding(encoding);
    if (enc === undefined) throw unknownEncoding(encoding);
    this.encoding = enc;
    this.pending = Buffer.alloc(0);
  }

  write(chunk) {
    if (typeof chunk === 'string') return chunk;
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let keep = 0;
    switch (this.encoding) {
      case 'utf8': keep = utf8Incomplete(buf); break;
      case 'utf16le': {
        keep = buf.length % 2;
        // A high surrogate at the end waits for its pair.
        if (buf.length - keep >= 2) {
          const unit = buf.readUInt16LE(buf.length - keep - 2);
          if (unit >= 0xd800 && unit <= 0xdbff) keep += 2;
        }
        break;
      }
      case 'base64': case 'base64url': keep = buf.length % 3; break;
    }
    this.pending = Buffer.from(buf.subarray(buf.length - keep));
    return buf.toString(this.encoding, 0, buf.length - keep);
  }

  end(chunk) {
    let out = chunk === undefined ? '' : this.write(chunk);
    if (this.pending.length) out += this.pending.toString(this.encoding);
    this.pending = Buffer.alloc(0);
    return out;
  }
}
