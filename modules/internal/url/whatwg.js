// The WHATWG URL class (URL standard §6.1), with Node 20's argument checks, error codes and
// setter behaviour.
import {
  basicParse, serialize, serializePath, serializeOrigin, FAILURE, hasOpaquePath,
  cannotHaveCredentialsOrPort, setPort, isSpecialScheme,
} from 'qjsw:internal/url/parser';
import { percentEncodeString, isUserinfo } from 'qjsw:internal/url/encoding';
import { invalidArgType, nodeError } from 'qjsw:internal/errors';
import { missingArgs, invalidURL } from 'qjsw:internal/url/errors';
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

function recordOf(self) {
  const url = records.get(self);
  if (!url) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type URL');
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
    if (url === FAILURE) throw invalidURL(input, base);
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
    return serialize(recordOf(this));
  }

  get href() {
    return serialize(recordOf(this));
  }

  set href(value) {
    recordOf(this);
    value = `${value}`;
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
    basicParse(`${value}:`, null, recordOf(this), 'scheme start');
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
    const query = recordOf(this).query;
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
    const url = recordOf(this);
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
    return serialize(recordOf(this));
  }
}
Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });

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
