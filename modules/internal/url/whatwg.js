// The WHATWG URL and URLSearchParams classes (URL standard §6), with Node 20's argument
// checks and error codes.
import {
  basicParse, serialize, serializePath, serializeOrigin, FAILURE, hasOpaquePath,
  cannotHaveCredentialsOrPort, setPort, isSpecialScheme,
} from 'qjsw:internal/url/parser';
import {
  percentEncodeString, utf8Decode, isUserinfo, isFormUrlencoded, toUSVString,
} from 'qjsw:internal/url/encoding';
import { invalidArgType, nodeError } from 'qjsw:internal/errors';

export function missingArgs(...names) {
  const list = names.map((n) => `"${n}"`);
  const text = list.length === 1 ? `The ${list[0]} argument` : `The ${list.slice(0, -1).join(', ')} and ${list[list.length - 1]} arguments`;
  return nodeError(TypeError, 'ERR_MISSING_ARGS', `${text} must be specified`);
}

export function invalidURL(input, base) {
  const err = nodeError(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
  err.input = input;
  if (base !== undefined) err.base = base;
  return err;
}

// ---------------------------------------------------------------- form-urlencoded
// Node decodes with querystring.unescape: decodeURIComponent, or when that throws, each UTF-16
// unit not part of a valid %XX taken as one byte (so a stray "%é" decodes to U+FFFD).
function decodeFormComponent(s) {
  if (!/%[0-9a-fA-F]{2}/.test(s)) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    const bytes = [];
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
        bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.push(s.charCodeAt(i) & 0xff);
      }
    }
    return utf8Decode(bytes);
  }
}

export function parseFormUrlencoded(input) {
  const list = [];
  for (const sequence of input.split('&')) {
    if (sequence === '') continue;
    const eq = sequence.indexOf('=');
    const name = eq < 0 ? sequence : sequence.slice(0, eq);
    const value = eq < 0 ? '' : sequence.slice(eq + 1);
    const decode = (s) => decodeFormComponent(s.replace(/\+/g, ' '));
    list.push([decode(name), decode(value)]);
  }
  return list;
}

export function serializeFormUrlencoded(list) {
  return list.map(([name, value]) =>
    `${percentEncodeString(name, isFormUrlencoded, true)}=${percentEncodeString(value, isFormUrlencoded, true)}`).join('&');
}

// ---------------------------------------------------------------- URLSearchParams
const kList = Symbol('query');
const kURL = Symbol('context');

function checkThis(self) {
  if (self == null || !(kList in Object(self)) || !Array.isArray(self[kList])) {
    throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type URLSearchParams');
  }
}

// Writes the list back into the URL it belongs to.
function update(params) {
  const url = params[kURL];
  if (!url) return;
  const query = serializeFormUrlencoded(params[kList]);
  url.query = query === '' ? null : query;
  if (url.query === null) stripTrailingSpaces(url);
}

function stripTrailingSpaces(url) {
  if (!hasOpaquePath(url) || url.fragment !== null || url.query !== null) return;
  url.path = url.path.replace(/ +$/, '');
}

const iteratorProto = Object.create(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
Object.defineProperty(iteratorProto, Symbol.toStringTag, { value: 'URLSearchParams Iterator', configurable: true });
Object.defineProperty(iteratorProto, 'next', {
  value: function next() {
    const state = this[kList];
    if (!state) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type URLSearchParamsIterator');
    const list = state.target[kList];
    if (state.index >= list.length) return { value: undefined, done: true };
    const [name, value] = list[state.index++];
    return { value: state.kind === 'key' ? name : state.kind === 'value' ? value : [name, value], done: false };
  },
  writable: true,
  configurable: true,
});

function iterator(target, kind) {
  const it = Object.create(iteratorProto);
  Object.defineProperty(it, kList, { value: { target, kind, index: 0 } });
  return it;
}

const usv = (v) => toUSVString(`${v}`);

export class URLSearchParams {
  constructor(init = undefined) {
    Object.defineProperty(this, kList, { value: [], writable: true });
    Object.defineProperty(this, kURL, { value: null, writable: true });
    if (init === undefined || init === null) return;
    if (typeof init === 'object' || typeof init === 'function') {
      const method = init[Symbol.iterator];
      if (method === this[Symbol.iterator] && kList in init) {
        this[kList] = init[kList].map((pair) => pair.slice());
      } else if (method != null) {
        if (typeof method !== 'function') throw nodeError(TypeError, 'ERR_ARG_NOT_ITERABLE', 'Query pairs must be iterable');
        for (const pair of init) {
          if ((typeof pair !== 'object' && typeof pair !== 'function') || pair === null || typeof pair[Symbol.iterator] !== 'function') {
            throw nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
          }
          const items = [...pair];
          if (items.length !== 2) throw nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
          this[kList].push([usv(items[0]), usv(items[1])]);
        }
      } else {
        // A record: own enumerable string keys; keys equal after USV conversion keep the last value.
        const seen = new Map();
        for (const key of Reflect.ownKeys(init)) {
          if (typeof key !== 'string') continue;
          const desc = Reflect.getOwnPropertyDescriptor(init, key);
          if (!desc || !desc.enumerable) continue;
          const name = toUSVString(key);
          const value = usv(init[key]);
          if (seen.has(name)) this[kList][seen.get(name)][1] = value;
          else {
            seen.set(name, this[kList].length);
            this[kList].push([name, value]);
          }
        }
      }
      return;
    }
    let text = usv(init);
    if (text[0] === '?') text = text.slice(1);
    this[kList] = parseFormUrlencoded(text);
  }

  get size() {
    checkThis(this);
    return this[kList].length;
  }

  append(name, value) {
    checkThis(this);
    if (arguments.length < 2) throw missingArgs('name', 'value');
    this[kList].push([usv(name), usv(value)]);
    update(this);
  }

  delete(name, value = undefined) {
    checkThis(this);
    if (arguments.length < 1) throw missingArgs('name');
    name = usv(name);
    if (value !== undefined) {
      value = usv(value);
      this[kList] = this[kList].filter(([n, v]) => n !== name || v !== value);
    } else {
      this[kList] = this[kList].filter(([n]) => n !== name);
    }
    update(this);
  }

  get(name) {
    checkThis(this);
    if (arguments.length < 1) throw missingArgs('name');
    name = usv(name);
    const pair = this[kList].find(([n]) => n === name);
    return pair ? pair[1] : null;
  }

  getAll(name) {
    checkThis(this);
    if (arguments.length < 1) throw missingArgs('name');
    name = usv(name);
    return this[kList].filter(([n]) => n === name).map(([, v]) => v);
  }

  has(name, value = undefined) {
    checkThis(this);
    if (arguments.length < 1) throw missingArgs('name');
    name = usv(name);
    if (value !== undefined) value = usv(value);
    return this[kList].some(([n, v]) => n === name && (value === undefined || v === value));
  }

  set(name, value) {
    checkThis(this);
    if (arguments.length < 2) throw missingArgs('name', 'value');
    name = usv(name);
    value = usv(value);
    const list = this[kList];
    const first = list.findIndex(([n]) => n === name);
    if (first < 0) list.push([name, value]);
    else {
      list[first][1] = value;
      this[kList] = list.filter(([n], i) => i <= first || n !== name);
    }
    update(this);
  }

  sort() {
    checkThis(this);
    // Array#sort is stable; names compare by UTF-16 code units.
    this[kList].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    update(this);
  }

  forEach(callback, thisArg = undefined) {
    checkThis(this);
    if (typeof callback !== 'function') throw invalidArgType('callback', 'Function', callback);
    const list = this[kList];
    for (let i = 0; i < this[kList].length; i++) {
      const [name, value] = this[kList][i];
      callback.call(thisArg, value, name, this);
    }
    void list;
  }

  entries() {
    checkThis(this);
    return iterator(this, 'key+value');
  }

  keys() {
    checkThis(this);
    return iterator(this, 'key');
  }

  values() {
    checkThis(this);
    return iterator(this, 'value');
  }

  toString() {
    checkThis(this);
    return serializeFormUrlencoded(this[kList]);
  }
}
Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
  value: URLSearchParams.prototype.entries, writable: true, configurable: true,
});
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });

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

export function recordOfURL(value) {
  return records.get(value);
}
