// The WHATWG URL class (URL standard §6.1), with Node 20's argument checks, error codes and
// setter behaviour.
import {
  basicParse, serialize, serializePath, serializeOrigin, FAILURE, hasOpaquePath,
  cannotHaveCredentialsOrPort, setPort, isSpecialScheme,
} from 'qjsw:internal/url/parser';
import { percentEncodeString, isUserinfo } from 'qjsw:internal/url/encoding';
import { invalidArgType } from 'qjsw:internal/errors';
import { missingArgs, invalidURL, parseFailure } from 'qjsw:internal/url/errors';
import {
  URLSearchParams, kList, kURL, parseFormUrlencoded, stripTrailingSpaces,
} from 'qjsw:internal/url/search-params';

export { URLSearchParams, missingArgs, invalidURL };

// ---------------------------------------------------------------- URL
const records = new WeakMap();
const searchParamsOf = new WeakMap();

// Node 20 also treats a non-special URL without host and with an empty path as having an
// opaque path: its host, hostname and pathname setters do nothing.
function opaqueForSetters(url) {
  if (hasOpaquePath(url)) return true;
  return !isSpecialScheme(url.scheme) && url.host === null && url.path.length === 0;
}

// Node's URL keeps its state in private members, so a receiver that is no URL gets V8's
// errors: those of a private field (#context, #searchParams) or, where Node's code first calls
// a private method, of its brand check.
const privateMember = (name) => new TypeError(`Cannot read private member ${name} from an object whose class did not declare it`);
function recordOf(self, member = '#context') {
  const url = records.get(self);
  if (!url) throw member === 'brand' ? new TypeError('Receiver must be an instance of class URL') : privateMember(member);
  return url;
}

// Keeps a URL's searchParams (when made) in step with its query.
function syncSearchParams(self, url) {
  const params = searchParamsOf.get(self);
  if (!params) return;
  params[kURL] = url;
  params[kList] = url.query ? parseFormUrlencoded(url.query) : [];
}

function parseWithBase(input, base) {
  let baseRecord = null;
  if (base !== undefined) {
    baseRecord = basicParse(base);
    if (baseRecord === FAILURE) return FAILURE;
  }
  return basicParse(input, baseRecord);
}

export class URL {
  constructor(input, base = undefined) {
    if (arguments.length === 0) throw missingArgs('url');
    input = `${input}`;
    if (base !== undefined) base = `${base}`;
    const url = parseWithBase(input, base);
    if (url === FAILURE) throw parseFailure(input, base);
    records.set(this, url);
  }

  static canParse(input, base = undefined) {
    if (arguments.length === 0) throw missingArgs('url');
    return parseWithBase(`${input}`, base === undefined ? undefined : `${base}`) !== FAILURE;
  }

  static parse(input, base = undefined) {
    if (arguments.length === 0) throw missingArgs('url');
    try {
      return new URL(input, base);
    } catch {
      return null;
    }
  }

  // Blob URLs need Blob objects, which the sandbox does not have.
  static createObjectURL(obj) {
    throw invalidArgType('obj', 'Blob', obj);
  }

  static revokeObjectURL(url) {
    if (arguments.length === 0) throw missingArgs('url');
  }

  toString() {
    return serialize(recordOf(this, 'brand'));
  }

  get href() {
    return serialize(recordOf(this, 'brand'));
  }

  set href(value) {
    value = `${value}`;
    recordOf(this);
    const url = basicParse(value);
    if (url === FAILURE) throw invalidURL(value);
    records.set(this, url);
    syncSearchParams(this, url);
  }

  get origin() {
    return serializeOrigin(recordOf(this));
  }

  get protocol() {
    return recordOf(this).scheme + ':';
  }

  set protocol(value) {
    const url = recordOf(this);
    basicParse(`${value}:`, null, url, 'scheme start');
  }

  get username() {
    return recordOf(this).username;
  }

  set username(value) {
    const url = recordOf(this);
    if (cannotHaveCredentialsOrPort(url)) return;
    url.username = percentEncodeString(`${value}`, isUserinfo);
  }

  get password() {
    return recordOf(this).password;
  }

  set password(value) {
    const url = recordOf(this);
    if (cannotHaveCredentialsOrPort(url)) return;
    url.password = percentEncodeString(`${value}`, isUserinfo);
  }

  get host() {
    const url = recordOf(this);
    if (url.host === null) return '';
    return url.port === null ? url.host : `${url.host}:${url.port}`;
  }

  set host(value) {
    const url = recordOf(this);
    if (opaqueForSetters(url)) return;
    setVia(url, `${value}`, 'host');
  }

  get hostname() {
    return recordOf(this).host ?? '';
  }

  set hostname(value) {
    const url = recordOf(this);
    if (opaqueForSetters(url)) return;
    setVia(url, `${value}`, 'hostname');
  }

  get port() {
    const port = recordOf(this).port;
    return port === null ? '' : String(port);
  }

  set port(value) {
    const url = recordOf(this);
    if (cannotHaveCredentialsOrPort(url)) return;
    setPort(url, `${value}`);
  }

  get pathname() {
    return serializePath(recordOf(this));
  }

  set pathname(value) {
    const url = recordOf(this);
    if (opaqueForSetters(url)) return;
    const saved = url.path;
    url.path = [];
    if (setVia(url, `${value}`, 'path start') === false) url.path = saved;
  }

  get search() {
    const query = recordOf(this, 'brand').query;
    return query === null || query === '' ? '' : `?${query}`;
  }

  set search(value) {
    const url = recordOf(this);
    value = `${value}`;
    if (value === '') {
      url.query = null;
      stripTrailingSpaces(url);
    } else {
      if (value[0] === '?') value = value.slice(1);
      url.query = '';
      basicParse(value, null, url, 'query');
    }
    syncSearchParams(this, url);
  }

  get searchParams() {
    const url = recordOf(this, '#searchParams');
    let params = searchParamsOf.get(this);
    if (!params) {
      params = new URLSearchParams(url.query ?? '');
      params[kURL] = url;
      searchParamsOf.set(this, params);
    }
    return params;
  }

  get hash() {
    const fragment = recordOf(this).fragment;
    return fragment === null || fragment === '' ? '' : `#${fragment}`;
  }

  set hash(value) {
    const url = recordOf(this);
    value = `${value}`;
    if (value === '') {
      url.fragment = null;
      stripTrailingSpaces(url);
      return;
    }
    if (value[0] === '#') value = value.slice(1);
    url.fragment = '';
    basicParse(value, null, url, 'fragment');
  }

  toJSON() {
    return serialize(recordOf(this, 'brand'));
  }
}
Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });

// What Node's URL holds (ada's url_aggregator: the href and where each part starts), shown by
// util.inspect with showHidden. Ada marks an absent port, query or fragment with 2 ** 32 - 1.
const OMITTED = 4294967295;
const SCHEME_TYPES = { http: 0, https: 2, ws: 3, ftp: 4, wss: 5, file: 6 };
class URLContext {
  href = '';
  protocol_end = 0;
  username_end = 0;
  host_start = 0;
  host_end = 0;
  pathname_start = 0;
  search_start = 0;
  hash_start = 0;
  port = 0;
  scheme_type = 1;

  get hasPort() {
    return this.port !== OMITTED;
  }

  get hasSearch() {
    return this.search_start !== OMITTED;
  }

  get hasHash() {
    return this.hash_start !== OMITTED;
  }
}

function contextOf(url) {
  const ctx = new URLContext();
  const href = serialize(url);
  ctx.href = href;
  ctx.protocol_end = url.scheme.length + 1;
  if (url.host === null) {
    ctx.username_end = ctx.host_start = ctx.host_end = ctx.protocol_end;
  } else {
    ctx.username_end = ctx.protocol_end + 2 + url.username.length;
    ctx.host_start = ctx.username_end + (url.password === '' ? 0 : 1 + url.password.length);
    const credentials = url.username !== '' || url.password !== '';
    ctx.host_end = ctx.host_start + (credentials ? 1 : 0) + url.host.length;
  }
  ctx.hash_start = url.fragment === null ? OMITTED : href.length - url.fragment.length - 1;
  const afterQuery = url.fragment === null ? href.length : ctx.hash_start;
  ctx.search_start = url.query === null ? OMITTED : afterQuery - url.query.length - 1;
  ctx.pathname_start = (url.query === null ? afterQuery : ctx.search_start) - serializePath(url).length;
  ctx.port = url.port === null ? OMITTED : url.port;
  ctx.scheme_type = SCHEME_TYPES[url.scheme] ?? 1;
  return ctx;
}
const contextForInspect = Symbol('context');

// util.inspect shows a URL as its parts, as Node does.
const kInspect = Symbol.for('nodejs.util.inspect.custom');
Object.defineProperty(URL.prototype, kInspect, {
  value: {
    [kInspect](depth, opts, inspect) {
      if (typeof depth === 'number' && depth < 0) return this;
      const constructor = Object.getPrototypeOf(this)?.constructor || URL;
      const obj = { __proto__: { constructor } };
      for (const key of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname',
        'search', 'searchParams', 'hash']) {
        obj[key] = this[key];
      }
      if (opts.showHidden) obj[contextForInspect] = contextOf(recordOf(this));
      return `${constructor.name} ${inspect(obj, opts)}`;
    },
  }[kInspect],
  configurable: true,
  writable: true,
});
// Node's static methods are enumerable properties.
for (const name of ['canParse', 'parse', 'createObjectURL', 'revokeObjectURL']) {
  Object.defineProperty(URL, name, { __proto__: null, enumerable: true });
}
for (const name of ['toString', 'href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname',
  'port', 'pathname', 'search', 'searchParams', 'hash', 'toJSON']) {
  const desc = Object.getOwnPropertyDescriptor(URL.prototype, name);
  desc.enumerable = true;
  Object.defineProperty(URL.prototype, name, desc);
}

// A setter's parse works on a copy, so a value refused halfway leaves the URL as it was.
function setVia(url, value, state) {
  const work = { ...url, path: Array.isArray(url.path) ? url.path.slice() : url.path };
  const result = basicParse(value, null, work, state);
  if (result !== work) return false;
  Object.assign(url, work);
  return true;
}

export function isURL(value) {
  return value != null && records.has(value);
}
