// node:querystring — application/x-www-form-urlencoded as Node's legacy API does it: its own
// escape set (RFC 3986 unreserved plus !'()*), '+' for spaces on parse, repeated keys as arrays,
// and a lenient decoder that keeps malformed %-sequences as they are.
import { Buffer } from 'node:buffer';
import { encodeStr } from 'qjsw:internal/querystring';
import { invalidArgType } from 'qjsw:internal/errors';

const unreserved = /[A-Za-z0-9\-._~!'()*]/;
const keep = new Uint8Array(128);
for (let c = 0; c < 128; c++) keep[c] = unreserved.test(String.fromCharCode(c)) ? 1 : 0;

const hexValue = (c) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);

export function escape(str) {
  if (typeof str !== 'string') str = typeof str === 'object' ? String(str) : str + '';
  return encodeStr(str, keep);
}

// Bytes of `s` with valid %XX decoded (and '+' as space when asked); every other UTF-16 unit
// is stored as one byte, truncated, as Node does.
export function unescapeBuffer(s, decodeSpaces) {
  // Node sizes the buffer by s.length and reads characters of String(s).
  const length = s.length;
  if (typeof length !== 'number') throw invalidArgType('size', 'number', length);
  const text = String(s);
  const out = Buffer.allocUnsafe(length);
  let n = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 43 && decodeSpaces) {
      out[n++] = 32;
    } else if (c === 37 && i < length - 2) {
      const hi = hexValue(text.charCodeAt(i + 1));
      const lo = hi < 0 ? -1 : hexValue(text.charCodeAt(i + 2));
      if (lo < 0) out[n++] = 37;
      else {
        out[n++] = hi * 16 + lo;
        i += 2;
      }
    } else {
      out[n++] = c;
    }
  }
  return out.subarray(0, n);
}

export function unescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch {
    return unescapeBuffer(s, decodeSpaces).toString();
  }
}

// What a value becomes in stringify: strings and finite numbers, bigints and booleans;
// anything else is ''. With the default escape, numbers of 1e21 and above are escaped ('+').
function primitive(v) {
  if (typeof v === 'string') return v;
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'bigint') return '' + v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function convertDefault(v, encode) {
  if (typeof v === 'string') return v.length ? encode(v) : '';
  if (typeof v === 'number' && Number.isFinite(v)) return Math.abs(v) < 1e21 ? '' + v : encode('' + v);
  return primitive(v);
}

export function stringify(obj, sep, eq, options) {
  sep ||= '&';
  eq ||= '=';
  let encode = qs.escape;
  if (options && typeof options.encodeURIComponent === 'function') encode = options.encodeURIComponent;
  const convert = encode === escape ? convertDefault : (v, enc) => enc(primitive(v));
  if (obj === null || typeof obj !== 'object') return '';
  const fields = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    const prefix = convert(key, encode) + eq;
    const values = Array.isArray(value) ? value : [value];
    for (let j = 0; j < values.length; j++) fields.push(prefix + convert(values[j], encode));
  }
  return fields.join(sep);
}

function decodeStr(s, decode) {
  try {
    return decode(s);
  } catch {
    return qs.unescape(s, true);
  }
}

export function parse(str, sep, eq, options) {
  const obj = Object.create(null);
  if (typeof str !== 'string' || str.length === 0) return obj;
  sep = sep ? String(sep) : '&';
  eq = eq ? String(eq) : '=';
  let pairs = 1000;
  if (options && typeof options.maxKeys === 'number') pairs = options.maxKeys > 0 ? options.maxKeys : -1;
  let decode = qs.unescape;
  if (options && typeof options.decodeURIComponent === 'function') decode = options.decodeURIComponent;
  const custom = decode !== unescape;
  const plus = custom ? '%20' : ' ';

  const add = (key, value, keyEncoded, valueEncoded) => {
    if (key && keyEncoded) key = decodeStr(key, decode);
    if (value && valueEncoded) value = decodeStr(value, decode);
    const current = obj[key];
    if (current === undefined) obj[key] = value;
    else if (Array.isArray(current)) current.push(value);
    else obj[key] = [current, value];
  };

  // One pass that matches sep and eq a character at a time without backtracking, as Node
  // does: a mismatch restarts the match at the next character, not this one. The default
  // decoder runs only on a key or value flagged as holding a %XX; as in Node, characters of
  // the key that the key's own check skips go through the value's check.
  let key = '', value = '', inValue = false, sepAt = 0, eqAt = 0, start = 0;
  let keyEncoded = custom, valueEncoded = custom, hexSeen = 0;
  const isHex = (ch) => /^[0-9a-fA-F]$/.test(ch);
  for (let i = 0; i < str.length; i++) {
    const ch = str[i];
    if (ch === sep[sepAt]) {
      if (++sepAt < sep.length) continue;
      const end = i - sep.length + 1;
      // Node asks whether eq is still unmatched: never, for an empty eq, whose text is a value
      if (!inValue && eq.length > 0) {
        if (start < end) key += str.slice(start, end);
        else if (key.length === 0) {
          // An empty pair still counts against maxKeys.
          if (--pairs === 0) return obj;
          start = i + 1;
          sepAt = eqAt = 0;
          continue;
        }
      } else if (start < end) value += str.slice(start, end);
      add(key, value, keyEncoded, valueEncoded);
      if (--pairs === 0) return obj;
      keyEncoded = valueEncoded = custom;
      key = value = '';
      inValue = false;
      hexSeen = 0;
      start = i + 1;
      sepAt = eqAt = 0;
      continue;
    }
    sepAt = 0;
    if (!inValue) {
      if (ch === eq[eqAt]) {
        if (++eqAt === eq.length) {
          const end = i - eq.length + 1;
          if (start < end) key += str.slice(start, end);
          hexSeen = 0;
          inValue = true;
          start = i + 1;
        }
        continue;
      }
      eqAt = 0;
      if (!keyEncoded) {
        if (ch === '%') {
          hexSeen = 1;
          continue;
        }
        if (hexSeen > 0) {
          if (isHex(ch)) {
            if (++hexSeen === 3) keyEncoded = true;
            continue;
          }
          hexSeen = 0;
        }
      }
      if (ch === '+') {
        if (start < i) key += str.slice(start, i);
        key += plus;
        start = i + 1;
        continue;
      }
    }
    if (ch === '+') {
      if (start < i) value += str.slice(start, i);
      value += plus;
      start = i + 1;
    } else if (!valueEncoded) {
      if (ch === '%') hexSeen = 1;
      else if (hexSeen > 0) {
        if (isHex(ch)) {
          if (++hexSeen === 3) valueEncoded = true;
        } else {
          hexSeen = 0;
        }
      }
    }
  }
  if (start < str.length) {
    if (!inValue && eq.length > 0) key += str.slice(start);
    else if (sepAt < sep.length) value += str.slice(start);
  } else if (eqAt === 0 && !inValue && key.length === 0) {
    return obj;
  }
  add(key, value, keyEncoded, valueEncoded);
  return obj;
}

export { parse as decode, stringify as encode };

const qs = { unescapeBuffer, unescape, escape, stringify, encode: stringify, parse, decode: parse };
export default qs;
