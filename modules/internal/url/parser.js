// The basic URL parser of the WHATWG URL standard (§4.4), state by state, including the state
// overrides the URL setters use. A URL record is a plain object:
//   { scheme, username, password, host (serialized, or null), port (number or null),
//     path (array of segments, or a string when opaque), query, fragment (string or null) }
import { parseHost } from 'qjsw:internal/url/host';
import {
  isC0Control, isFragment, isQuery, isSpecialQuery, isPath, isUserinfo, percentEncodeString,
} from 'qjsw:internal/url/encoding';

export const specialSchemes = { ftp: 21, file: null, http: 80, https: 443, ws: 80, wss: 443 };
export const isSpecialScheme = (scheme) => Object.prototype.hasOwnProperty.call(specialSchemes, scheme);
export const defaultPort = (scheme) => (isSpecialScheme(scheme) ? specialSchemes[scheme] : null);

// Parser states (numbers: QuickJS compares a switch's string cases one by one).
const S_SCHEME_START = 0;
const S_SCHEME = 1;
const S_NO_SCHEME = 2;
const S_SPECIAL_RELATIVE_OR_AUTHORITY = 3;
const S_PATH_OR_AUTHORITY = 4;
const S_RELATIVE = 5;
const S_RELATIVE_SLASH = 6;
const S_SPECIAL_AUTHORITY_SLASHES = 7;
const S_SPECIAL_AUTHORITY_IGNORE_SLASHES = 8;
const S_AUTHORITY = 9;
const S_HOST = 10;
const S_HOSTNAME = 11;
const S_PORT = 12;
const S_FILE = 13;
const S_FILE_SLASH = 14;
const S_FILE_HOST = 15;
const S_PATH_START = 16;
const S_PATH = 17;
const S_OPAQUE_PATH = 18;
const S_QUERY = 19;
const S_FRAGMENT = 20;
const STATE_IDS = { 'scheme start': S_SCHEME_START, 'scheme': S_SCHEME, 'no scheme': S_NO_SCHEME, 'special relative or authority': S_SPECIAL_RELATIVE_OR_AUTHORITY, 'path or authority': S_PATH_OR_AUTHORITY, 'relative': S_RELATIVE, 'relative slash': S_RELATIVE_SLASH, 'special authority slashes': S_SPECIAL_AUTHORITY_SLASHES, 'special authority ignore slashes': S_SPECIAL_AUTHORITY_IGNORE_SLASHES, 'authority': S_AUTHORITY, 'host': S_HOST, 'hostname': S_HOSTNAME, 'port': S_PORT, 'file': S_FILE, 'file slash': S_FILE_SLASH, 'file host': S_FILE_HOST, 'path start': S_PATH_START, 'path': S_PATH, 'opaque path': S_OPAQUE_PATH, 'query': S_QUERY, 'fragment': S_FRAGMENT };

export const FAILURE = 'failure';

// The port setter as Node 20 has it (also used for the port part of the host setter): leading
// digits count; digits that do not lead clear the port; a value without digits, starting with a
// space or control, or out of range changes nothing.
export function setPort(url, value) {
  value = value.replace(/[\t\n\r]/g, '');
  if (value === '') {
    url.port = null;
    return;
  }
  if (value.charCodeAt(0) <= 0x20 || !/[0-9]/.test(value)) return;
  const digits = /^[0-9]*/.exec(value)[0];
  if (digits === '') {
    url.port = null;
    return;
  }
  const port = parseInt(digits, 10);
  if (port > 65535) return;
  url.port = port === defaultPort(url.scheme) ? null : port;
}
// What a state override ends with when the new value is refused without an error.
const REFUSED = 'refused';

const ALPHA = /^[A-Za-z]$/;
const SPECIAL = new Set(Object.keys(specialSchemes));

// One code point, percent-encoded if in `inSet`; ASCII goes through a table of the set (the
// hot path of the parser).
const tables = new Map();
function encodeChar(c, inSet) {
  let table = tables.get(inSet);
  if (!table) {
    table = Array.from({ length: 128 }, (_, i) => (inSet(i) ? '%' + i.toString(16).toUpperCase().padStart(2, '0') : String.fromCharCode(i)));
    tables.set(inSet, table);
  }
  const code = c.charCodeAt(0);
  if (c.length === 1 && code < 0x80) return table[code];
  return percentEncodeString(c, inSet);
}
const isAsciiAlpha = (code) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isAsciiDigit = (code) => code >= 48 && code <= 57;

const isWindowsDriveLetter = (s) => s.length === 2 && ALPHA.test(s[0]) && (s[1] === ':' || s[1] === '|');
// (Node 20 takes any segment that starts with one as a drive letter where it keeps them)
const startsWithNormalizedDriveLetter = (s) => s.length >= 2 && ALPHA.test(s[0]) && s[1] === ':';
function startsWithWindowsDriveLetter(cps, p) {
  if (cps.length - p < 2) return false;
  if (!isWindowsDriveLetter(cps[p] + cps[p + 1])) return false;
  if (cps.length - p === 2) return true;
  return ['/', '\\', '?', '#'].includes(cps[p + 2]);
}
const isSingleDot = (s) => s === '.' || s.toLowerCase() === '%2e';
const isDoubleDot = (s) => ['..', '.%2e', '%2e.', '%2e%2e'].includes(s.toLowerCase());

// Removes the last segment; says whether there was one to remove. A string path (see
// 'no scheme') loses what follows its last "/", if it has one.
export function shortenPath(url) {
  const path = url.path;
  if (typeof path === 'string') {
    const slash = path.lastIndexOf('/');
    if (slash < 0) return false;
    url.path = path.slice(0, slash);
    return true;
  }
  if (url.scheme === 'file' && path.length === 1 && startsWithNormalizedDriveLetter(path[0])) return false;
  return path.pop() !== undefined;
}

function pushSegment(url, segment) {
  if (typeof url.path === 'string') url.path += '/' + segment;
  else url.path.push(segment);
}

export const hasOpaquePath = (url) => typeof url.path === 'string';
export const includesCredentials = (url) => url.username !== '' || url.password !== '';
export const cannotHaveCredentialsOrPort = (url) => url.host === null || url.host === '' || url.scheme === 'file';

export function newURL() {
  return { scheme: '', username: '', password: '', host: null, port: null, path: [], query: null, fragment: null };
}

const copy = (url) => ({ ...url, path: Array.isArray(url.path) ? url.path.slice() : url.path });

// Parses `input` against `base` (a record or null). Without `url`/`stateOverride` it returns a
// new record or FAILURE; with them it changes `url` in place (for the setters).
// The spec's "set url's username, password, host and port to base's".
function copyAuthority(url, base) {
  url.username = base.username;
  url.password = base.password;
  url.host = base.host;
  url.port = base.port;
}

// The common shapes at once: the state machine below takes 100 to 200 µs a URL in QuickJS.
// An absolute http(s)/ws(s)/ftp URL with a lower-case ASCII domain name, or a file URL with an
// empty host; or a path relative to such a base. Only characters that no percent-encode set of
// their part holds, no dot segments and no Windows drive letters: anything else, or anything
// that needs a closer look (a numeric last label may be IPv4, "xn--" is Punycode, a port may be
// out of range), is left to the state machine, which test/url-fast-path.test.ts checks this
// against.
const FAST_ABSOLUTE = /^(?:(https?|wss?|ftp):\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*)(?::([0-9]{1,5}))?|(file):\/\/(?=\/))((?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@%]*)*)(?:\?([A-Za-z0-9\-._~!$&()*+,;=:@%/?]*))?(?:#([A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*))?$/;
const FAST_RELATIVE = /^(?!\/\/)([A-Za-z0-9\-._~!$&'()*+,;=@%/]+)(?:\?([A-Za-z0-9\-._~!$&()*+,;=:@%/?]*))?(?:#([A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*))?$/;
const FAST_DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;
const FAST_ENCODED_DOT = /%2e/i;
const FAST_DRIVE_LETTER = /^[A-Za-z][:|]/;

export function fastParse(input, base) {
  let m = FAST_ABSOLUTE.exec(input);
  if (m) {
    const file = m[4] !== undefined;
    let port = null;
    // (the last label starts with a letter: no IPv4 address)
    if (!file && m[2].includes('xn--')) return null;
    if (m[3] !== undefined) {
      port = +m[3];
      if (port > 65535) return null;
      if (port === specialSchemes[m[1]]) port = null;
    }
    const pathText = m[5];
    if (FAST_DOT_SEGMENT.test(pathText) || (pathText.includes('%') && FAST_ENCODED_DOT.test(pathText))) return null;
    const path = pathText === '' ? [''] : pathText.slice(1).split('/');
    if (file && FAST_DRIVE_LETTER.test(path[0])) return null;
    return {
      scheme: file ? 'file' : m[1], username: '', password: '', host: file ? '' : m[2], port, path,
      query: m[6] ?? null, fragment: m[7] ?? null,
    };
  }
  if (!base || base.host === null || typeof base.path === 'string' || !SPECIAL.has(base.scheme)) return null;
  // (a file URL keeps its drive letter through ".." and "/")
  if (base.scheme === 'file' && FAST_DRIVE_LETTER.test(base.path[0] ?? '')) return null;
  m = FAST_RELATIVE.exec(input);
  if (!m || (m[1].includes('%') && FAST_ENCODED_DOT.test(m[1]))) return null;
  let path;
  let segments = m[1].split('/');
  if (segments[0] === '') {
    path = [];
    segments = segments.slice(1);
  } else {
    path = base.path.slice(0, -1);
  }
  // as the path state: ".." removes a segment, "." none; either one last leaves an empty one
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment === '..' || segment === '.') {
      if (segment === '..') path.pop();
      if (i === segments.length - 1) path.push('');
    } else {
      path.push(segment);
    }
  }
  return {
    scheme: base.scheme, username: base.username, password: base.password, host: base.host,
    port: base.port, path, query: m[2] ?? null, fragment: m[3] ?? null,
  };
}

export function basicParse(input, base = null, url = null, stateOverride = null) {
  if (!url) {
    const fast = fastParse(input, base);
    if (fast) return fast;
  }
  if (!url) {
    url = newURL();
    if (/^[\x00-\x20]|[\x00-\x20]$/.test(input)) input = input.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
  }
  if (/[\t\n\r]/.test(input)) input = input.replace(/[\t\n\r]/g, '');
  const cps = Array.from(input);
  let state = stateOverride ? STATE_IDS[stateOverride] : S_SCHEME_START;
  let buffer = '';
  let atSignSeen = false, insideBrackets = false, passwordTokenSeen = false;
  const special = () => SPECIAL.has(url.scheme);

  // The pointer may step back (p--) or restart (p = -1); EOF is processed once, at cps.length.
  for (let p = 0; p <= cps.length; p++) {
    const c = cps[p]; // undefined is the EOF code point
    switch (state) {
      case S_SCHEME_START:
        if (c !== undefined && isAsciiAlpha(c.charCodeAt(0))) {
          buffer += c.toLowerCase();
          state = S_SCHEME;
        } else if (!stateOverride) {
          state = S_NO_SCHEME;
          p--;
        } else {
          return FAILURE;
        }
        break;

      case S_SCHEME:
        if (c !== undefined && (isAsciiAlpha(c.charCodeAt(0)) || isAsciiDigit(c.charCodeAt(0)) || c === '+' || c === '-' || c === '.')) {
          buffer += c.toLowerCase();
        } else if (c === ':') {
          if (stateOverride) {
            if (special() !== isSpecialScheme(buffer)) return REFUSED;
            if ((includesCredentials(url) || url.port !== null) && buffer === 'file') return REFUSED;
            if (url.scheme === 'file' && url.host === '') return REFUSED;
          }
          url.scheme = buffer;
          if (stateOverride) {
            if (url.port === defaultPort(url.scheme)) url.port = null;
            return url;
          }
          buffer = '';
          if (url.scheme === 'file') {
            state = S_FILE;
          } else if (special() && base && base.scheme === url.scheme) {
            state = S_SPECIAL_RELATIVE_OR_AUTHORITY;
          } else if (special()) {
            state = S_SPECIAL_AUTHORITY_SLASHES;
          } else if (cps[p + 1] === '/') {
            state = S_PATH_OR_AUTHORITY;
            p++;
          } else {
            url.path = '';
            state = S_OPAQUE_PATH;
          }
        } else if (!stateOverride) {
          buffer = '';
          state = S_NO_SCHEME;
          p = -1;
        } else {
          return FAILURE;
        }
        break;

      case S_NO_SCHEME:
        // Node 20 resolves a relative input that has a fragment against an opaque path too,
        // appending its segments to that path.
        if (!base || (hasOpaquePath(base) && c !== '#' && !input.includes('#'))) return FAILURE;
        if (hasOpaquePath(base) && c === '#') {
          url.scheme = base.scheme;
          url.path = base.path;
          url.query = base.query;
          url.fragment = '';
          state = S_FRAGMENT;
        } else if (base.scheme !== 'file') {
          state = S_RELATIVE;
          p--;
        } else {
          state = S_FILE;
          p--;
        }
        break;

      case S_SPECIAL_RELATIVE_OR_AUTHORITY:
        if (c === '/' && cps[p + 1] === '/') {
          state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
          p++;
        } else {
          state = S_RELATIVE;
          p--;
        }
        break;

      case S_PATH_OR_AUTHORITY:
        if (c === '/') state = S_AUTHORITY;
        else {
          state = S_PATH;
          p--;
        }
        break;

      case S_RELATIVE:
        url.scheme = base.scheme;
        if (c === '/') {
          state = S_RELATIVE_SLASH;
        } else if (c === '\\' && special()) {
          state = S_RELATIVE_SLASH;
        } else {
          copyAuthority(url, base);
          url.path = base.path.slice();
          url.query = base.query;
          if (c === '?') {
            url.query = '';
            state = S_QUERY;
          } else if (c === '#') {
            url.fragment = '';
            state = S_FRAGMENT;
          } else if (c !== undefined) {
            url.query = null;
            shortenPath(url);
            state = S_PATH;
            p--;
          }
        }
        break;

      case S_RELATIVE_SLASH:
        if (special() && (c === '/' || c === '\\')) {
          state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
        } else if (c === '/') {
          state = S_AUTHORITY;
        } else {
          copyAuthority(url, base);
          state = S_PATH;
          p--;
        }
        break;

      case S_SPECIAL_AUTHORITY_SLASHES:
        if (c === '/' && cps[p + 1] === '/') {
          state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
          p++;
        } else {
          state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
          p--;
        }
        break;

      case S_SPECIAL_AUTHORITY_IGNORE_SLASHES:
        if (c !== '/' && c !== '\\') {
          state = S_AUTHORITY;
          p--;
        }
        break;

      case S_AUTHORITY:
        if (c === '@') {
          if (atSignSeen) buffer = '%40' + buffer;
          atSignSeen = true;
          for (const ch of Array.from(buffer)) {
            if (ch === ':' && !passwordTokenSeen) {
              passwordTokenSeen = true;
              continue;
            }
            const encoded = percentEncodeString(ch, isUserinfo);
            if (passwordTokenSeen) url.password += encoded;
            else url.username += encoded;
          }
          buffer = '';
        } else if (c === undefined || c === '/' || c === '?' || c === '#' || (c === '\\' && special())) {
          if (atSignSeen && buffer === '') return FAILURE;
          p -= Array.from(buffer).length + 1;
          buffer = '';
          state = S_HOST;
        } else {
          buffer += c;
        }
        break;

      case S_HOST:
      case S_HOSTNAME:
        if (stateOverride && url.scheme === 'file') {
          p--;
          state = S_FILE_HOST;
        } else if (c === ':' && !insideBrackets) {
          if (stateOverride === 'host' && buffer === '' && !special() && url.host !== null) {
            // Node 20 lets `host = ":port"` empty a non-special URL's host.
            url.host = '';
          } else {
            if (buffer === '') return FAILURE;
            if (stateOverride === 'hostname') return REFUSED;
            const host = parseHost(buffer, !special());
            if (host === null) return FAILURE;
            url.host = host;
          }
          buffer = '';
          if (stateOverride) {
            // Node 20 hands the rest of a host setter's value to the port setter.
            const rest = cps.slice(p + 1).join('');
            if (rest !== '') setPort(url, rest);
            return url;
          }
          state = S_PORT;
        } else if (c === undefined || c === '/' || c === '?' || c === '#' || (c === '\\' && special())) {
          p--;
          if (special() && buffer === '') return FAILURE;
          if (stateOverride && buffer === '' && (includesCredentials(url) || url.port !== null)) return REFUSED;
          // Node 20 does not give a host-less URL an empty host.
          if (stateOverride && buffer === '' && url.host === null) return REFUSED;
          const host = parseHost(buffer, !special());
          if (host === null) return FAILURE;
          url.host = host;
          buffer = '';
          state = S_PATH_START;
          if (stateOverride) return url;
        } else {
          if (c === '[') insideBrackets = true;
          if (c === ']') insideBrackets = false;
          buffer += c;
        }
        break;

      case S_PORT:
        if (c !== undefined && isAsciiDigit(c.charCodeAt(0))) {
          buffer += c;
        } else if (c === undefined || c === '/' || c === '?' || c === '#' || (c === '\\' && special()) || stateOverride) {
          if (buffer !== '') {
            const port = parseInt(buffer, 10);
            if (port > 65535) return FAILURE;
            url.port = port === defaultPort(url.scheme) ? null : port;
            buffer = '';
          }
          if (stateOverride) return url;
          state = S_PATH_START;
          p--;
        } else {
          return FAILURE;
        }
        break;

      case S_FILE:
        url.scheme = 'file';
        url.host = '';
        if (c === '/' || c === '\\') {
          state = S_FILE_SLASH;
        } else if (base && base.scheme === 'file') {
          url.host = base.host;
          url.path = base.path.slice();
          url.query = base.query;
          if (c === '?') {
            url.query = '';
            state = S_QUERY;
          } else if (c === '#') {
            url.fragment = '';
            state = S_FRAGMENT;
          } else if (c !== undefined) {
            url.query = null;
            if (!startsWithWindowsDriveLetter(cps, p)) shortenPath(url);
            else url.path = [];
            state = S_PATH;
            p--;
          }
        } else {
          state = S_PATH;
          p--;
        }
        break;

      case S_FILE_SLASH:
        if (c === '/' || c === '\\') {
          state = S_FILE_HOST;
        } else {
          if (base && base.scheme === 'file') {
            url.host = base.host;
            if (!startsWithWindowsDriveLetter(cps, p) && base.path.length > 0 && startsWithNormalizedDriveLetter(base.path[0])) {
              url.path.push(base.path[0]);
            }
          }
          state = S_PATH;
          p--;
        }
        break;

      case S_FILE_HOST:
        if (c === undefined || c === '/' || c === '\\' || c === '?' || c === '#') {
          p--;
          if (!stateOverride && isWindowsDriveLetter(buffer)) {
            state = S_PATH;
          } else if (buffer === '') {
            url.host = '';
            if (stateOverride) return url;
            state = S_PATH_START;
          } else {
            let host = parseHost(buffer, false);
            if (host === null) return FAILURE;
            if (host === 'localhost') host = '';
            url.host = host;
            if (stateOverride) return url;
            buffer = '';
            state = S_PATH_START;
          }
        } else {
          buffer += c;
        }
        break;

      case S_PATH_START:
        if (special()) {
          state = S_PATH;
          if (c !== '/' && c !== '\\') p--;
        } else if (!stateOverride && c === '?') {
          url.query = '';
          state = S_QUERY;
        } else if (!stateOverride && c === '#') {
          url.fragment = '';
          state = S_FRAGMENT;
        } else if (c !== undefined) {
          state = S_PATH;
          if (c !== '/') p--;
        } else if (stateOverride && url.host === null) {
          url.path.push('');
        }
        break;

      case S_PATH:
        if (c === undefined || c === '/' || (c === '\\' && special()) || (!stateOverride && (c === '?' || c === '#'))) {
          const slash = c === '/' || (c === '\\' && special());
          if (isDoubleDot(buffer)) {
            // Node 20's parser leaves a non-special path as it is when ".." had nothing to remove.
            const removed = shortenPath(url);
            if (!slash && (special() || removed)) pushSegment(url, '');
          } else if (isSingleDot(buffer) && !slash) {
            pushSegment(url, '');
          } else if (!isSingleDot(buffer)) {
            if (url.scheme === 'file' && url.path.length === 0 && isWindowsDriveLetter(buffer)) {
              buffer = buffer[0] + ':';
            }
            pushSegment(url, buffer);
          }
          buffer = '';
          if (c === '?') {
            url.query = '';
            state = S_QUERY;
          }
          if (c === '#') {
            url.fragment = '';
            state = S_FRAGMENT;
          }
        } else {
          buffer += encodeChar(c, isPath);
        }
        break;

      case S_OPAQUE_PATH:
        if (c === '?') {
          url.query = '';
          state = S_QUERY;
        } else if (c === '#') {
          url.fragment = '';
          state = S_FRAGMENT;
        } else if (c !== undefined) {
          url.path += encodeChar(c, isC0Control);
        }
        break;

      case S_QUERY:
        if ((!stateOverride && c === '#') || c === undefined) {
          url.query += percentEncodeString(buffer, special() ? isSpecialQuery : isQuery);
          buffer = '';
          if (c === '#') {
            url.fragment = '';
            state = S_FRAGMENT;
          }
        } else {
          buffer += c;
        }
        break;

      case S_FRAGMENT:
        if (c !== undefined) url.fragment += encodeChar(c, isFragment);
        break;
    }
  }
  // A path built on an empty opaque path (see 'no scheme') starts with "/": Node 20 then treats
  // it as a hierarchical path.
  // (One starting with "//" stays a string: Node serializes it without the "/." guard.)
  if (!stateOverride && typeof url.path === 'string' && url.path.startsWith('/') && !url.path.startsWith('//')) {
    url.path = url.path.slice(1).split('/');
  }
  return url;
}

export { REFUSED, copy };

// ---------------------------------------------------------------- serializing
export function serializePath(url) {
  if (hasOpaquePath(url)) return url.path;
  let out = '';
  for (const segment of url.path) out += '/' + segment;
  return out;
}

export function serialize(url, excludeFragment = false) {
  let out = url.scheme + ':';
  if (url.host !== null) {
    out += '//';
    if (includesCredentials(url)) {
      out += url.username;
      if (url.password !== '') out += ':' + url.password;
      out += '@';
    }
    out += url.host;
    if (url.port !== null) out += ':' + url.port;
  } else if (!hasOpaquePath(url) && url.path.length > 1 && url.path[0] === '') {
    out += '/.';
  }
  out += serializePath(url);
  if (url.query !== null) out += '?' + url.query;
  if (!excludeFragment && url.fragment !== null) out += '#' + url.fragment;
  return out;
}

export function serializeOrigin(url) {
  switch (url.scheme) {
    case 'blob': {
      const inner = basicParse(serializePath(url));
      if (inner !== FAILURE && (inner.scheme === 'http' || inner.scheme === 'https')) return serializeOrigin(inner);
      return 'null';
    }
    case 'ftp': case 'http': case 'https': case 'ws': case 'wss':
      return `${url.scheme}://${url.host}${url.port !== null ? ':' + url.port : ''}`;
    default:
      return 'null';
  }
}
