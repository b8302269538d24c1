// Node's legacy URL API (url.parse/format/resolve and Url objects): a lenient parser that keeps
// what it cannot interpret in the path, lower-cases and Punycodes the hostname, and escapes a
// fixed set of unsafe characters. The behaviour, quirks included, is Node 20's.
import querystring from 'node:querystring';
import { encodeStr } from 'qjsw:internal/querystring';
import { domainToASCII, domainToUnicode } from 'qjsw:internal/url/host';
import { decodeURIComponentV8 } from 'qjsw:internal/url/encoding';
import { invalidArgType } from 'qjsw:internal/errors';
import { URL, invalidURL } from 'qjsw:internal/url/whatwg';

const FIELDS = ['protocol', 'slashes', 'auth', 'host', 'port', 'hostname', 'hash', 'search', 'query', 'pathname', 'path', 'href'];

export function Url() {
  for (const f of FIELDS) this[f] = null;
}

// Protocols that never have a host, and those that always have "//" before it.
const hostless = new Set(['javascript', 'javascript:']);
const slashed = new Set(['http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:', 'file', 'file:', 'ws', 'ws:', 'wss', 'wss:']);

const isWs = (c) => c < 33 || c === 0xa0 || c === 0xfeff;
const SIMPLE_PATH = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
// Characters that end the host part, and those RFC 2396 never allows in one.
const HOST_END = '#/?';
const NON_HOST = ' "%\';<>\\^`{|}';
const FORBIDDEN_HOST = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
const FORBIDDEN_HOST_IPV6 = /[\0\t\n\r #%/<>?@\\^|]/;
const AUTO_ESCAPE = { '\t': '%09', '\n': '%0A', '\r': '%0D', ' ': '%20', '"': '%22', "'": '%27', '<': '%3C', '>': '%3E', '\\': '%5C', '^': '%5E', '`': '%60', '{': '%7B', '|': '%7C', '}': '%7D' };

function trimAndFixSlashes(url) {
  let start = 0, end = url.length;
  while (start < end && isWs(url.charCodeAt(start))) start++;
  while (end > start && isWs(url.charCodeAt(end - 1))) end--;
  const s = url.slice(start, end);
  // Browsers read "\" as "/" before the query or fragment.
  const split = s.search(/[?#]/);
  const head = split < 0 ? s : s.slice(0, split);
  return {
    rest: head.replace(/\\/g, '/') + (split < 0 ? '' : s.slice(split)),
    hasHash: url.includes('#'),
    hasAt: head.includes('@'),
  };
}

Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
  if (typeof url !== 'string') throw invalidArgType('url', 'string', url);
  let { rest, hasHash, hasAt } = trimAndFixSlashes(url);

  if (!slashesDenoteHost && !hasHash && !hasAt) {
    const simple = SIMPLE_PATH.exec(rest);
    if (simple) {
      this.path = rest;
      this.href = rest;
      this.pathname = simple[1];
      if (simple[2]) {
        this.search = simple[2];
        this.query = parseQueryString ? querystring.parse(this.search.slice(1)) : this.search.slice(1);
      } else if (parseQueryString) {
        this.search = null;
        this.query = Object.create(null);
      }
      return this;
    }
  }

  let proto = /^[a-z0-9.+-]+:/i.exec(rest);
  let lowerProto;
  if (proto) {
    proto = proto[0];
    lowerProto = proto.toLowerCase();
    this.protocol = lowerProto;
    rest = rest.slice(proto.length);
  }

  let slashes;
  if (slashesDenoteHost || proto || /^\/\/[^@/]+@[^@/]+/.test(rest)) {
    slashes = rest.startsWith('//');
    if (slashes && !(proto && hostless.has(lowerProto))) {
      rest = rest.slice(2);
      this.slashes = true;
    }
  }

  // Node checks the protocol as written (not lower-cased) here.
  if (!hostless.has(lowerProto) && (slashes || (proto && !slashed.has(proto)))) {
    rest = this._parseAuthority(rest, url);
  }

  if (!hostless.has(lowerProto)) rest = rest.replace(/[\t\n\r "'<>\\^`{|}]/g, (c) => AUTO_ESCAPE[c]);

  const hashAt = rest.indexOf('#');
  if (hashAt >= 0) this.hash = rest.slice(hashAt);
  const beforeHash = hashAt >= 0 ? rest.slice(0, hashAt) : rest;
  const queryAt = beforeHash.indexOf('?');
  if (queryAt >= 0) {
    this.search = beforeHash.slice(queryAt);
    this.query = beforeHash.slice(queryAt + 1);
    if (parseQueryString) this.query = querystring.parse(this.query);
  } else if (parseQueryString) {
    this.search = null;
    this.query = Object.create(null);
  }
  const pathEnd = queryAt >= 0 ? queryAt : hashAt;
  if (pathEnd < 0) {
    if (rest.length > 0) this.pathname = rest;
  } else if (pathEnd > 0) {
    this.pathname = rest.slice(0, pathEnd);
  }
  if (slashed.has(lowerProto) && this.hostname && !this.pathname) this.pathname = '/';
  if (this.pathname || this.search) this.path = (this.pathname || '') + (this.search || '');
  this.href = this.format();
  return this;
};

let warnedInvalidPort = false;

// Takes auth, host, port and hostname from the front of `rest`; returns what follows.
Url.prototype._parseAuthority = function parseAuthority(rest, url) {
  let atSign = -1, nonHost = -1;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i];
    if (ch === '\t' || ch === '\n' || ch === '\r') {
      // Dropped from the authority, as the WHATWG parser does.
      rest = rest.slice(0, i) + rest.slice(i + 1);
      i--;
      continue;
    }
    if (HOST_END.includes(ch)) {
      if (nonHost === -1) nonHost = i;
      break;
    }
    if (NON_HOST.includes(ch)) {
      if (nonHost === -1) nonHost = i;
    } else if (ch === '@') {
      // The last "@" before the host ends decides where the auth stops.
      atSign = i;
      nonHost = -1;
    }
  }
  let start = 0;
  if (atSign !== -1) {
    this.auth = decodeURIComponentV8(rest.slice(0, atSign));
    start = atSign + 1;
  }
  if (nonHost === -1) {
    this.host = rest.slice(start);
    rest = '';
  } else {
    this.host = rest.slice(start, nonHost);
    rest = rest.slice(nonHost);
  }
  this.parseHost();
  if (typeof this.hostname !== 'string') this.hostname = '';
  let hostname = this.hostname;
  const ipv6 = hostname.length > 1 && hostname[0] === '[' && hostname[hostname.length - 1] === ']';
  if (!ipv6) {
    // Whatever follows a character a hostname cannot have (a non-numeric port) is path.
    const bad = hostname.search(/[/\\#?:]/);
    if (bad >= 0) {
      if (hostname[bad] === ':' && !warnedInvalidPort) {
        warnedInvalidPort = true;
        globalThis.process?.emitWarning?.(`The URL ${url} is invalid. Future versions of Node.js will throw an error.`,
          'DeprecationWarning', 'DEP0170');
      }
      this.hostname = hostname.slice(0, bad);
      rest = `/${hostname.slice(bad)}${rest}`;
    }
  }
  hostname = this.hostname;
  this.hostname = hostname.length > 255 ? '' : hostname.toLowerCase();
  if (this.hostname !== '') {
    if (ipv6) {
      if (FORBIDDEN_HOST_IPV6.test(this.hostname)) throw invalidURL(url);
    } else {
      this.hostname = domainToASCII(this.hostname) || '';
      // toASCII must not have made the host empty or let a delimiter in.
      if (this.hostname === '' || FORBIDDEN_HOST.test(this.hostname)) throw invalidURL(url);
    }
  }
  this.host = this.hostname + (this.port ? `:${this.port}` : '');
  if (ipv6) {
    this.hostname = this.hostname.slice(1, -1);
    if (rest[0] !== '/') rest = `/${rest}`;
  }
  return rest;
};

Url.prototype.parseHost = function parseHost() {
  let host = this.host;
  const port = /:[0-9]*$/.exec(host);
  if (port) {
    if (port[0] !== ':') this.port = port[0].slice(1);
    host = host.slice(0, host.length - port[0].length);
  }
  if (host) this.hostname = host;
};

// Characters the auth part keeps as they are: querystring's set plus ":".
const authKeep = new Uint8Array(128);
for (let c = 0; c < 128; c++) authKeep[c] = /[A-Za-z0-9\-._~!'()*:]/.test(String.fromCharCode(c)) ? 1 : 0;

Url.prototype.format = function format() {
  let auth = this.auth || '';
  if (auth) auth = encodeStr(auth, authKeep) + '@';
  let protocol = this.protocol || '';
  let pathname = this.pathname || '';
  let hash = this.hash || '';
  let host = '';
  let query = '';
  if (this.host) {
    host = auth + this.host;
  } else if (this.hostname) {
    const h = this.hostname;
    host = auth + (h.includes(':') && !(h[0] === '[' && h[h.length - 1] === ']') ? `[${h}]` : h);
    if (this.port) host += `:${this.port}`;
  }
  if (this.query !== null && typeof this.query === 'object') query = querystring.stringify(this.query);
  let search = this.search || (query && `?${query}`) || '';
  if (protocol && !protocol.endsWith(':')) protocol += ':';
  pathname = pathname.replace(/[#?]/g, (c) => (c === '#' ? '%23' : '%3F'));
  if (this.slashes || slashed.has(protocol)) {
    if (this.slashes || host) {
      if (pathname && pathname[0] !== '/') pathname = `/${pathname}`;
      host = `//${host}`;
    } else if (protocol.startsWith('file')) {
      host = '//';
    }
  }
  search = search.replace(/#/g, '%23');
  if (hash && hash[0] !== '#') hash = `#${hash}`;
  if (search && search[0] !== '?') search = `?${search}`;
  return protocol + host + pathname + search + hash;
};

Url.prototype.resolve = function resolve(relative) {
  return this.resolveObject(urlParse(relative, false, true)).format();
};

// RFC 1808-style resolution as Node does it, including its handling of protocols without
// "//" (mailto:), whose first path segment acts as the host.
Url.prototype.resolveObject = function resolveObject(relative) {
  if (typeof relative === 'string') {
    const rel = new Url();
    rel.parse(relative, false, true);
    relative = rel;
  }
  const result = new Url();
  Object.assign(result, this);
  result.hash = relative.hash;
  const done = () => {
    result.href = result.format();
    return result;
  };
  if (relative.href === '') return done();

  if (relative.slashes && !relative.protocol) {
    for (const key of Object.keys(relative)) if (key !== 'protocol') result[key] = relative[key];
    if (slashed.has(result.protocol) && result.hostname && !result.pathname) result.path = result.pathname = '/';
    return done();
  }

  if (relative.protocol && relative.protocol !== result.protocol) {
    if (!slashed.has(relative.protocol)) {
      Object.assign(result, relative);
      return done();
    }
    result.protocol = relative.protocol;
    if (!relative.host && !/^file:?$/.test(relative.protocol) && !hostless.has(relative.protocol)) {
      // "http:foo/bar" from another protocol: the first segment becomes the host.
      const relPath = (relative.pathname || '').split('/');
      while (relPath.length && !(relative.host = relPath.shift()));
      relative.host ||= '';
      relative.hostname ||= '';
      if (relPath[0] !== '') relPath.unshift('');
      if (relPath.length < 2) relPath.unshift('');
      result.pathname = relPath.join('/');
    } else {
      result.pathname = relative.pathname;
    }
    result.search = relative.search;
    result.query = relative.query;
    result.host = relative.host || '';
    result.auth = relative.auth;
    result.hostname = relative.hostname || relative.host;
    result.port = relative.port;
    if (result.pathname || result.search) result.path = (result.pathname || '') + (result.search || '');
    result.slashes = result.slashes || relative.slashes;
    return done();
  }

  const isSourceAbs = !!result.pathname && result.pathname[0] === '/';
  const isRelAbs = !!relative.host || (!!relative.pathname && relative.pathname[0] === '/');
  let mustEndAbs = isRelAbs || isSourceAbs || (!!result.host && !!relative.pathname);
  const removeAllDots = mustEndAbs;
  let srcPath = (result.pathname && result.pathname.split('/')) || [];
  const relPath = (relative.pathname && relative.pathname.split('/')) || [];
  const noLeadingSlashes = result.protocol && !slashed.has(result.protocol);

  if (noLeadingSlashes) {
    // The host is the first path segment for the dot handling below.
    result.hostname = '';
    result.port = null;
    if (result.host) {
      if (srcPath[0] === '') srcPath[0] = result.host;
      else srcPath.unshift(result.host);
    }
    result.host = '';
    if (relative.protocol) {
      // A relative with the protocol written out brings its own auth (or none).
      result.auth = null;
      relative.hostname = null;
      relative.port = null;
      if (relative.host) {
        if (relPath[0] === '') relPath[0] = relative.host;
        else relPath.unshift(relative.host);
      }
      relative.host = null;
    }
    mustEndAbs = mustEndAbs && (relPath[0] === '' || srcPath[0] === '');
  }

  const hostFromPath = () => {
    const authInHost = result.host && result.host.indexOf('@') > 0 ? result.host.split('@') : null;
    if (authInHost) {
      result.auth = authInHost.shift();
      result.host = result.hostname = authInHost.shift();
    }
  };

  if (isRelAbs) {
    if (relative.host || relative.host === '') {
      if (result.host !== relative.host) result.auth = null;
      result.host = relative.host;
      result.port = relative.port;
    }
    if (relative.hostname || relative.hostname === '') {
      if (result.hostname !== relative.hostname) result.auth = null;
      result.hostname = relative.hostname;
    }
    result.search = relative.search;
    result.query = relative.query;
    srcPath = relPath;
  } else if (relPath.length) {
    srcPath.pop();
    srcPath = srcPath.concat(relPath);
    result.search = relative.search;
    result.query = relative.query;
  } else if (relative.search !== null && relative.search !== undefined) {
    if (noLeadingSlashes) {
      result.hostname = result.host = srcPath.shift();
      hostFromPath();
    }
    result.search = relative.search;
    result.query = relative.query;
    if (result.pathname !== null || result.search !== null) {
      result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '');
    }
    return done();
  }

  if (!srcPath.length) {
    result.pathname = null;
    result.path = result.search ? `/${result.search}` : null;
    return done();
  }

  let last = srcPath[srcPath.length - 1];
  const hasTrailingSlash = ((result.host || relative.host || srcPath.length > 1) && (last === '.' || last === '..')) || last === '';

  // Drop "." and resolve ".." from the end; `up` counts ".." that went past the start.
  let up = 0;
  for (let i = srcPath.length - 1; i >= 0; i--) {
    last = srcPath[i];
    if (last === '.') srcPath.splice(i, 1);
    else if (last === '..') {
      srcPath.splice(i, 1);
      up++;
    } else if (up) {
      srcPath.splice(i, 1);
      up--;
    }
  }
  if (!mustEndAbs && !removeAllDots) while (up--) srcPath.unshift('..');
  if (mustEndAbs && srcPath[0] !== '' && (!srcPath[0] || srcPath[0][0] !== '/')) srcPath.unshift('');
  if (hasTrailingSlash && !srcPath.join('/').endsWith('/')) srcPath.push('');

  const isAbsolute = srcPath[0] === '' || (!!srcPath[0] && srcPath[0][0] === '/');
  if (noLeadingSlashes) {
    result.hostname = result.host = isAbsolute ? '' : srcPath.length ? srcPath.shift() : '';
    hostFromPath();
  }
  mustEndAbs = mustEndAbs || (result.host && srcPath.length);
  if (mustEndAbs && !isAbsolute) srcPath.unshift('');
  if (srcPath.length > 0) {
    result.pathname = srcPath.join('/');
  } else {
    result.pathname = null;
    result.path = null;
  }
  if (result.pathname !== null || result.search !== null) {
    result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '');
  }
  result.auth = relative.auth || result.auth;
  result.slashes = result.slashes || relative.slashes;
  return done();
};

function urlParse(url, parseQueryString, slashesDenoteHost) {
  if (url instanceof Url) return url;
  const out = new Url();
  out.parse(url, parseQueryString, slashesDenoteHost);
  return out;
}

export { urlParse as parse };

export function format(urlObject, options) {
  if (typeof urlObject === 'string') {
    urlObject = urlParse(urlObject);
  } else if (typeof urlObject !== 'object' || urlObject === null) {
    throw invalidArgType('urlObject', ['Object', 'string'], urlObject);
  } else if (urlObject instanceof URL) {
    let fragment = true, unicode = false, search = true, auth = true;
    if (options != null) {
      if (typeof options !== 'object' || Array.isArray(options)) throw invalidArgType('options', 'object', options);
      if (options.fragment != null) fragment = Boolean(options.fragment);
      if (options.unicode != null) unicode = Boolean(options.unicode);
      if (options.search != null) search = Boolean(options.search);
      if (options.auth != null) auth = Boolean(options.auth);
    }
    return formatURL(urlObject, fragment, unicode, search, auth);
  }
  return Url.prototype.format.call(urlObject);
}

function formatURL(url, fragment, unicode, search, auth) {
  const copy = new URL(url.href);
  if (!fragment) copy.hash = '';
  if (!search) copy.search = '';
  if (!auth) {
    copy.username = '';
    copy.password = '';
  }
  let href = copy.href;
  if (unicode && copy.hostname) {
    const host = copy.host;
    const at = href.indexOf(host, copy.protocol.length);
    href = href.slice(0, at) + domainToUnicode(copy.hostname) + (copy.port ? `:${copy.port}` : '') + href.slice(at + host.length);
  }
  return href;
}

export function resolve(source, relative) {
  return urlParse(source, false, true).resolve(relative);
}

export function resolveObject(source, relative) {
  if (!source) return relative;
  return urlParse(source, false, true).resolveObject(relative);
}
