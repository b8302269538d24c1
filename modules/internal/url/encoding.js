// Percent-encoding (WHATWG URL §1.3) and the UTF-8 codec it rests on. Sets are predicates on
// a code point; each set includes the ones before it, as the standard defines them.

export const isC0Control = (c) => c < 0x20 || c > 0x7e;
export const isFragment = (c) => isC0Control(c) || c === 0x20 || c === 0x22 || c === 0x3c || c === 0x3e || c === 0x60;
export const isQuery = (c) => isC0Control(c) || c === 0x20 || c === 0x22 || c === 0x23 || c === 0x3c || c === 0x3e;
export const isSpecialQuery = (c) => isQuery(c) || c === 0x27;
// Node 20's parser predates the standard's addition of "^" to this set.
export const isPath = (c) => isQuery(c) || c === 0x3f || c === 0x60 || c === 0x7b || c === 0x7d;
export const isUserinfo = (c) => isPath(c) || c === 0x2f || c === 0x3a || c === 0x3b || c === 0x3d || c === 0x40 ||
  (c >= 0x5b && c <= 0x5e) || c === 0x7c;
export const isComponent = (c) => isUserinfo(c) || (c >= 0x24 && c <= 0x26) || c === 0x2b || c === 0x2c;
export const isFormUrlencoded = (c) => isComponent(c) || c === 0x21 || (c >= 0x27 && c <= 0x29) || c === 0x7e;

const hex = Array.from({ length: 256 }, (_, i) => '%' + i.toString(16).toUpperCase().padStart(2, '0'));

// UTF-8 bytes of a string; a lone surrogate becomes U+FFFD (a USVString conversion).
export function utf8Encode(str) {
  const out = [];
  for (let i = 0; i < str.length; i++) {
    let c = str.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = str.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

// The Encoding standard's UTF-8 decode: each maximal invalid subpart becomes one U+FFFD.
export function utf8Decode(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    if (b < 0x80) { out += String.fromCharCode(b); i++; continue; }
    let need, cp, lower = 0x80, upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; }
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2; cp = b & 0xf;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3; cp = b & 7;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else { out += '\ufffd'; i++; continue; }
    let j = i + 1;
    for (; j <= i + need; j++) {
      const c = bytes[j];
      if (c === undefined || c < lower || c > upper) break;
      cp = (cp << 6) | (c & 0x3f);
      lower = 0x80;
      upper = 0xbf;
    }
    if (j <= i + need) { out += '\ufffd'; i = j; continue; }
    out += String.fromCodePoint(cp);
    i = j;
  }
  return out;
}

export function percentEncodeString(str, inSet, spaceAsPlus = false) {
  let out = '';
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c < 0x80) {
      if (spaceAsPlus && c === 0x20) out += '+';
      else out += inSet(c) ? hex[c] : str[i];
      continue;
    }
    // A non-ASCII code point (with its surrogate pair) is always in the set.
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < str.length ? str.slice(i, i + 2) : str[i];
    const ch = pair.length === 2 && /[\udc00-\udfff]/.test(pair[1]) ? pair : str[i];
    for (const b of utf8Encode(ch)) out += hex[b];
    i += ch.length - 1;
  }
  return out;
}

const hexDigit = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

// Percent-decodes a string's UTF-8 bytes to bytes.
export function percentDecode(str) {
  const bytes = utf8Encode(str);
  const out = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x25 && hexDigit(bytes[i + 1]) && hexDigit(bytes[i + 2])) {
      out.push(parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16));
      i += 2;
    } else {
      out.push(b);
    }
  }
  return out;
}

// A string with every lone surrogate replaced by U+FFFD (WebIDL USVString).
export function toUSVString(str) {
  return str.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

// decodeURIComponent with V8's message: QuickJS words its URIError differently.
export function decodeURIComponentV8(str) {
  try {
    return decodeURIComponent(str);
  } catch (err) {
    if (err instanceof URIError) throw new URIError('URI malformed');
    throw err;
  }
}
