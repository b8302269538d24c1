// Host parsing and serialization of the WHATWG URL standard (§3.5): domains through IDNA
// (qjsw:internal/url/idna), IPv4 numbers in every radix the standard allows, IPv6 with "::"
// compression, and opaque hosts.
import { percentDecode, utf8Decode, percentEncodeString, isC0Control } from 'qjsw:internal/url/encoding';
import { domainToASCII } from 'qjsw:internal/url/idna';

export { domainToASCII, domainToUnicode } from 'qjsw:internal/url/idna';

const FAILURE = null;

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
  // Only "%" or non-ASCII input needs the percent-decode and UTF-8 round trip.
  const domain = /[%\u0080-\uffff]/.test(input) ? utf8Decode(percentDecode(input)) : input;
  const ascii = domainToASCII(domain);
  if (ascii === FAILURE || ascii === '') return FAILURE;
  if (FORBIDDEN_DOMAIN.test(ascii)) return FAILURE;
  if (endsInANumber(ascii)) return parseIPv4(ascii);
  return ascii;
}
