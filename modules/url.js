// node:url — the WHATWG URL API (qjsw:internal/url/*), Node's file URL and domain helpers,
// and the legacy url.parse/format/resolve (qjsw:internal/url/legacy).
import { URL, URLSearchParams, missingArgs, isURL } from 'qjsw:internal/url/whatwg';
import { basicParse, FAILURE } from 'qjsw:internal/url/parser';
import { domainToUnicode as hostToUnicode } from 'qjsw:internal/url/host';
import { decodeURIComponentV8 } from 'qjsw:internal/url/encoding';
import { Url, parse, format, resolve, resolveObject } from 'qjsw:internal/url/legacy';
import { invalidArgType, invalidArgValue, nodeError } from 'qjsw:internal/errors';
import path from 'node:path';

export { URL, URLSearchParams, Url, parse, format, resolve, resolveObject };

// Node answers these by parsing "ws://" + domain: whatever the host parser makes of it.
function hostOf(domain) {
  const url = basicParse(`ws://${domain}`);
  return url === FAILURE ? '' : url.host;
}

export function domainToASCII(domain) {
  if (arguments.length < 1) throw missingArgs('domain');
  domain = `${domain}`;
  return domain === '' ? '' : hostOf(domain);
}

export function domainToUnicode(domain) {
  if (arguments.length < 1) throw missingArgs('domain');
  domain = `${domain}`;
  return domain === '' ? '' : hostToUnicode(hostOf(domain));
}

export function fileURLToPath(path, options) {
  if (typeof path === 'string') path = new URL(path);
  else if (!isURL(path)) throw invalidArgType('path', ['string', 'URL'], path);
  if (path.protocol !== 'file:') throw nodeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
  return options?.windows ? windowsPathOf(path) : posixPathOf(path);
}

function posixPathOf(url) {
  if (url.hostname !== '') {
    throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
  }
  const pathname = url.pathname;
  if (/%2f/i.test(pathname)) {
    throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
  }
  return decodeURIComponentV8(pathname);
}

// { windows: true }: a drive-letter path, or a UNC path for a URL with a host.
function windowsPathOf(url) {
  let pathname = url.pathname;
  if (/%2f|%5c/i.test(pathname)) {
    throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded \\ or / characters');
  }
  pathname = decodeURIComponentV8(pathname.replace(/\//g, '\\'));
  if (url.hostname !== '') return `\\\\${domainToUnicode(url.hostname)}${pathname}`;
  const letter = pathname.codePointAt(1) | 0x20;
  if (letter < 0x61 || letter > 0x7a || pathname[2] !== ':') {
    throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must be absolute');
  }
  return pathname.slice(1);
}

// Characters a path may hold that the URL parser would otherwise drop or reinterpret ("\" is
// a separator on Windows), and those RFC 1738 calls unsafe, as Node encodes them.
const pathChars = {
  '%': '%25', '\t': '%09', '\n': '%0A', '\r': '%0D', ' ': '%20', '"': '%22', '#': '%23', '?': '%3F', '[': '%5B',
  '\\': '%5C', ']': '%5D', '^': '%5E', '|': '%7C', '~': '%7E',
};
const encodePathChars = (p, windows) => p.replace(windows ? /[%\t\n\r "#?[\]^|~]/g : /[%\t\n\r "#?[\\\]^|~]/g, (c) => pathChars[c]);

export function pathToFileURL(filepath, options) {
  if (typeof filepath !== 'string') throw invalidArgType('path', 'string', filepath);
  const windows = !!options?.windows;
  if (windows && filepath.startsWith('\\\\')) return uncToFileURL(filepath);
  let resolved = windows ? path.win32.resolve(filepath) : path.resolve(filepath);
  // resolve() drops a trailing separator; a directory URL keeps it.
  if ((filepath.endsWith('/') || (windows && filepath.endsWith('\\'))) && !resolved.endsWith('/')) resolved += '/';
  return new URL(`file://${encodePathChars(resolved, windows)}`);
}

// \\server\share\file (or \\?\UNC\server\share\file) as file://server/share/file.
function uncToFileURL(filepath) {
  const prefix = filepath.startsWith('\\\\?\\UNC\\') ? 8 : 2;
  const hostEnd = filepath.indexOf('\\', prefix);
  if (hostEnd === -1) throw invalidArgValue('path', filepath, 'Missing UNC resource path');
  if (hostEnd === 2) throw invalidArgValue('path', filepath, 'Empty UNC servername');
  const out = new URL('file://');
  out.hostname = domainToASCII(filepath.slice(prefix, hostEnd));
  out.pathname = encodePathChars(filepath.slice(hostEnd).replace(/\\/g, '/'), true);
  return out;
}

export function urlToHttpOptions(url) {
  const { hostname, pathname, port, username, password, search } = url;
  const options = {
    __proto__: null,
    ...url,
    protocol: url.protocol,
    hostname: hostname && hostname[0] === '[' ? hostname.slice(1, -1) : hostname,
    hash: url.hash,
    search,
    pathname,
    path: `${pathname || ''}${search || ''}`,
    href: url.href,
  };
  if (port !== '') options.port = Number(port);
  if (username || password) options.auth = `${decodeURIComponentV8(username)}:${decodeURIComponentV8(password)}`;
  return options;
}

export default {
  Url, parse, resolve, resolveObject, format, URL, URLSearchParams, domainToASCII, domainToUnicode,
  pathToFileURL, fileURLToPath, urlToHttpOptions,
};
