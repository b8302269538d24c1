// Node's encodeStr (internal/querystring), shared by node:querystring and the legacy URL
// formatter: each takes its own table of ASCII characters to keep.
import { nodeError } from 'qjsw:internal/errors';

const hex = Array.from({ length: 256 }, (_, i) => '%' + i.toString(16).toUpperCase().padStart(2, '0'));

// UTF-8 percent-encoding of every UTF-16 unit not in `table`. A high surrogate takes the next
// unit as its low half whatever it is (Node's encodeStr); one at the very end is URI malformed.
export function encodeStr(str, table) {
  let out = '';
  for (let i = 0; i < str.length; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      out += table[c] === 1 ? str[i] : hex[c];
    } else if (c < 0x800) {
      out += hex[0xc0 | (c >> 6)] + hex[0x80 | (c & 0x3f)];
    } else if (c < 0xd800 || c >= 0xe000) {
      out += hex[0xe0 | (c >> 12)] + hex[0x80 | ((c >> 6) & 0x3f)] + hex[0x80 | (c & 0x3f)];
    } else {
      if (++i >= str.length) throw nodeError(URIError, 'ERR_INVALID_URI', 'URI malformed');
      c = 0x10000 + (((c & 0x3ff) << 10) | (str.charCodeAt(i) & 0x3ff));
      out += hex[0xf0 | (c >> 18)] + hex[0x80 | ((c >> 12) & 0x3f)] + hex[0x80 | ((c >> 6) & 0x3f)] + hex[0x80 | (c & 0x3f)];
    }
  }
  return out;
}
