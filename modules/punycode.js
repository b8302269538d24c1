// node:punycode (deprecated in Node, still there): RFC 3492 through the URL parser's codec.
import { punycodeDecode, punycodeEncode } from 'qjsw:internal/url/idna';

export const version = '2.1.0';
export const ucs2 = {
  decode: (string) => Array.from(string, (ch) => ch.codePointAt(0)),
  encode: (codePoints) => String.fromCodePoint(...codePoints),
};
export function encode(input) { return punycodeEncode(String(input)); }
export function decode(input) {
  const out = punycodeDecode(String(input));
  if (out === null) throw new RangeError('Invalid input');
  return out;
}
const mapDomain = (domain, fn) => {
  const [local, host] = domain.includes('@') ? [domain.slice(0, domain.lastIndexOf('@') + 1), domain.slice(domain.lastIndexOf('@') + 1)] : ['', domain];
  return local + host.replace(/[\x2E\u3002\uFF0E\uFF61]/g, '.').split('.').map(fn).join('.');
};
export function toASCII(domain) {
  return mapDomain(String(domain), (label) => (/[^\0-\x7F]/.test(label) ? 'xn--' + encode(label) : label));
}
export function toUnicode(domain) {
  return mapDomain(String(domain), (label) => (/^xn--/i.test(label) ? decode(label.slice(4).toLowerCase()) : label));
}

export default { version, ucs2, decode, encode, toASCII, toUnicode };
