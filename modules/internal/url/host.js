// Host parsing and serialization of the WHATWG URL standard (§3.5): domains through a basic
// IDNA ToASCII (NFKC + lower case + Punycode, no full UTS #46 table), IPv4 numbers in every
// radix the standard allows, IPv6 with "::" compression, and opaque hosts.
import { percentDecode, utf8Decode, percentEncodeString, isC0Control } from 'qjsw:internal/url/encoding';

const FAILURE = null;

// ---------------------------------------------------------------- Punycode (RFC 3492)
const BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700, INITIAL_BIAS = 72, INITIAL_N = 128;

function adapt(delta, numPoints, first) {
  delta = first ? Math.floor(delta / DAMP) : delta >> 1;
  delta += Math.floor(delta / numPoints);
  let k = 0;
  while (delta > ((BASE - TMIN) * TMAX) >> 1) {
    delta = Math.floor(delta / (BASE - TMIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - TMIN + 1) * delta) / (delta + SKEW));
}

const digit = (d) => String.fromCharCode(d < 26 ? 97 + d : 22 + d);

export function punycodeEncode(input) {
  const cps = Array.from(input, (ch) => ch.codePointAt(0));
  let out = cps.filter((c) => c < 0x80).map((c) => String.fromCharCode(c)).join('');
  const basic = out.length;
  let handled = basic;
  if (basic > 0) out += '-';
  let n = INITIAL_N, delta = 0, bias = INITIAL_BIAS;
  while (handled < cps.length) {
    let m = Infinity;
    for (const c of cps) if (c >= n && c < m) m = c;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of cps) {
      if (c < n) delta++;
      if (c !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
        if (q < t) break;
        out += digit(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      out += digit(q);
      bias = adapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return out;
}

// The decoded label, or null when `input` is not valid Punycode.
export function punycodeDecode(input) {
  const out = [];
  let start = 0;
  const dash = input.lastIndexOf('-');
  if (dash > 0) {
    for (let i = 0; i < dash; i++) {
      if (input.charCodeAt(i) >= 0x80) return null;
      out.push(input.charCodeAt(i));
    }
    start = dash + 1;
  }
  let n = INITIAL_N, bias = INITIAL_BIAS, i = 0;
  for (let pos = start; pos < input.length;) {
    const oldi = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= input.length) return null;
      const c = input.charCodeAt(pos++);
      const d = c >= 48 && c <= 57 ? c - 22 : c >= 65 && c <= 90 ? c - 65 : c >= 97 && c <= 122 ? c - 97 : -1;
      if (d < 0) return null;
      i += d * w;
      const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
      if (d < t) break;
      w *= BASE - t;
      if (i > 0x7fffffff || w > 0x7fffffff) return null;
    }
    bias = adapt(i - oldi, out.length + 1, oldi === 0);
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    if (n > 0x10ffff) return null;
    out.splice(i++, 0, n);
  }
  return String.fromCodePoint(...out);
}

// ---------------------------------------------------------------- IDNA (basic)
// Code points UTS #46 maps to nothing; the label separators it maps to ".".
const IGNORED = /[\u00ad\u034f\u180b-\u180d\u200b\u2060\ufe00-\ufe0f\ufeff]/g;
const DOTS = /[\u3002\uff0e\uff61]/g;
// Controls, unassigned, private-use, lone surrogates and U+FFFD: never valid in a label.
const DISALLOWED = /[\p{Cc}\p{Cn}\p{Co}\p{Cs}\ufffd]/u;

// Domain to ASCII as the URL standard calls it (not strict: no DNS length limits).
export function domainToASCII(domain) {
  let mapped = domain;
  if (/[^\x00-\x7f]/.test(mapped)) {
    mapped = mapped.replace(IGNORED, '').normalize('NFKC').toLowerCase().normalize('NFKC').replace(DOTS, '.');
  } else {
    mapped = mapped.toLowerCase();
  }
  const labels = mapped.split('.');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label.startsWith('xn--')) {
      // An ACE label must decode to a label that would encode back to itself.
      const decoded = punycodeDecode(label.slice(4));
      if (decoded === null || decoded === '' || !/[^\x00-\x7f]/.test(decoded) || DISALLOWED.test(decoded)) return FAILURE;
      if (decoded !== decoded.normalize('NFC') || decoded.toLowerCase() !== decoded) return FAILURE;
      continue;
    }
    if (/[^\x00-\x7f]/.test(label)) {
      if (/[\u200c\u200d]/.test(label) || /^\p{M}/u.test(label) || DISALLOWED.test(label)) return FAILURE;
      labels[i] = 'xn--' + punycodeEncode(label);
    }
  }
  const out = labels.join('.');
  return out === '' && domain !== '' ? FAILURE : out;
}

export function domainToUnicode(domain) {
  return domain.toLowerCase().split('.').map((label) => {
    if (!label.startsWith('xn--')) return label;
    const decoded = punycodeDecode(label.slice(4));
    return decoded === null ? label : decoded;
  }).join('.');
}

// ---------------------------------------------------------------- IPv4
// A number of an IPv4 address part: [value, validationError] or null.
function parseIPv4Number(input) {
  if (input === '') return null;
  let radix = 10;
  if (input.length >= 2 && (input.startsWith('0x') || input.startsWith('0X'))) {
    input = input.slice(2);
    radix = 16;
  } else if (input.length >= 2 && input[0] === '0') {
    input = input.slice(1);
    radix = 8;
  }
  if (input === '') return 0;
  const valid = radix === 10 ? /^[0-9]+$/ : radix === 16 ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/;
  if (!valid.test(input)) return null;
  // Parts may be long; exactness matters only up to 2^32, so a double is enough.
  let value = 0;
  for (const ch of input) value = value * radix + parseInt(ch, radix);
  return value;
}

export function endsInANumber(input) {
  const parts = input.split('.');
  if (parts[parts.length - 1] === '') {
    if (parts.length === 1) return false;
    parts.pop();
  }
  const last = parts[parts.length - 1];
  if (last !== '' && /^[0-9]+$/.test(last)) return true;
  return parseIPv4Number(last) !== null;
}

function parseIPv4(input) {
  const parts = input.split('.');
  if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
  if (parts.length > 4) return FAILURE;
  const numbers = [];
  for (const part of parts) {
    const n = parseIPv4Number(part);
    if (n === null) return FAILURE;
    numbers.push(n);
  }
  for (let i = 0; i < numbers.length - 1; i++) if (numbers[i] > 255) return FAILURE;
  const last = numbers[numbers.length - 1];
  if (last >= 256 ** (5 - numbers.length)) return FAILURE;
  let ipv4 = last;
  for (let i = 0; i < numbers.length - 1; i++) ipv4 += numbers[i] * 256 ** (3 - i);
  return [ipv4 >>> 24, (ipv4 >>> 16) & 255, (ipv4 >>> 8) & 255, ipv4 & 255].join('.');
}

// ---------------------------------------------------------------- IPv6
const isHex = (c) => /^[0-9a-fA-F]$/.test(c);

function parseIPv6(input) {
  const address = [0, 0, 0, 0, 0, 0, 0, 0];
  let piece = 0, compress = null, p = 0;
  const at = (i) => input[i];
  if (at(p) === ':') {
    if (at(p + 1) !== ':') return FAILURE;
    p += 2;
    compress = ++piece;
  }
  while (p < input.length) {
    if (piece === 8) return FAILURE;
    if (at(p) === ':') {
      if (compress !== null) return FAILURE;
      p++;
      compress = ++piece;
      continue;
    }
    let value = 0, length = 0;
    while (length < 4 && p < input.length && isHex(at(p))) {
      value = value * 16 + parseInt(at(p), 16);
      p++;
      length++;
    }
    if (at(p) === '.') {
      if (length === 0) return FAILURE;
      p -= length;
      if (piece > 6) return FAILURE;
      let numbersSeen = 0;
      while (p < input.length) {
        let ipv4Piece = null;
        if (numbersSeen > 0) {
          if (at(p) === '.' && numbersSeen < 4) p++;
          else return FAILURE;
        }
        if (p >= input.length || !/[0-9]/.test(at(p))) return FAILURE;
        while (p < input.length && /[0-9]/.test(at(p))) {
          const number = +at(p);
          if (ipv4Piece === null) ipv4Piece = number;
          else if (ipv4Piece === 0) return FAILURE;
          else ipv4Piece = ipv4Piece * 10 + number;
          if (ipv4Piece > 255) return FAILURE;
          p++;
        }
        address[piece] = address[piece] * 0x100 + ipv4Piece;
        numbersSeen++;
        if (numbersSeen === 2 || numbersSeen === 4) piece++;
      }
      if (numbersSeen !== 4) return FAILURE;
      break;
    } else if (at(p) === ':') {
      p++;
      if (p >= input.length) return FAILURE;
    } else if (p < input.length) {
      return FAILURE;
    }
    address[piece++] = value;
  }
  if (compress !== null) {
    let swaps = piece - compress;
    piece = 7;
    while (piece !== 0 && swaps > 0) {
      const other = compress + swaps - 1;
      [address[piece], address[other]] = [address[other], address[piece]];
      piece--;
      swaps--;
    }
  } else if (piece !== 8) {
    return FAILURE;
  }
  return address;
}

function serializeIPv6(address) {
  // The first longest run of two or more zero pieces becomes "::".
  let best = -1, bestLen = 1;
  for (let i = 0; i < 8;) {
    if (address[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && address[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  let out = '';
  let ignore0 = false;
  for (let i = 0; i < 8; i++) {
    if (ignore0 && address[i] === 0) continue;
    ignore0 = false;
    if (best === i) {
      out += i === 0 ? '::' : ':';
      ignore0 = true;
      continue;
    }
    out += address[i].toString(16);
    if (i !== 7) out += ':';
  }
  return `[${out}]`;
}

// ---------------------------------------------------------------- host parser
const FORBIDDEN_HOST = /[\x00\t\n\r #/:<>?@[\\\]^|]/;
const FORBIDDEN_DOMAIN = /[\x00-\x1f #/:<>?@[\\\]^|%\x7f]/;

// The serialized host, or null on failure.
export function parseHost(input, isOpaque) {
  if (input.startsWith('[')) {
    if (!input.endsWith(']')) return FAILURE;
    const address = parseIPv6(input.slice(1, -1));
    return address === FAILURE ? FAILURE : serializeIPv6(address);
  }
  if (isOpaque) {
    if (FORBIDDEN_HOST.test(input)) return FAILURE;
    return percentEncodeString(input, isC0Control);
  }
  const domain = utf8Decode(percentDecode(input));
  const ascii = domainToASCII(domain);
  if (ascii === FAILURE || ascii === '') return FAILURE;
  if (FORBIDDEN_DOMAIN.test(ascii)) return FAILURE;
  if (endsInANumber(ascii)) return parseIPv4(ascii);
  return ascii;
}
