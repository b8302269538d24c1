// URLSearchParams (URL standard §6.2) and application/x-www-form-urlencoded, with Node 20's
// argument checks and errors. A URL's searchParams writes its list back into the URL record.
import { hasOpaquePath } from 'qjsw:internal/url/parser';
import { percentEncodeString, utf8Decode, isFormUrlencoded, toUSVString } from 'qjsw:internal/url/encoding';
import { invalidArgType, nodeError } from 'qjsw:internal/errors';
import { missingArgs } from 'qjsw:internal/url/errors';

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
// The pairs of a URLSearchParams, and the URL record it writes back to (or null).
export const kList = Symbol('query');
export const kURL = Symbol('context');

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

export function stripTrailingSpaces(url) {
  if (!hasOpaquePath(url) || url.fragment !== null || url.query !== null) return;
  url.path = url.path.replace(/ +$/, '');
}

const iteratorProto = Object.create(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
Object.defineProperty(iteratorProto, Symbol.toStringTag, { value: 'URLSearchParams Iterator', configurable: true });
const kInspect = Symbol.for('nodejs.util.inspect.custom');

function iteratorState(self) {
  const state = self !== null && typeof self === 'object' ? self[kList] : undefined;
  if (!state) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type URLSearchParamsIterator');
  return state;
}

Object.defineProperty(iteratorProto, 'next', {
  value: function next() {
    const state = iteratorState(this);
    const list = state.target[kList];
    if (state.index >= list.length) return { value: undefined, done: true };
    const [name, value] = list[state.index++];
    return { value: state.kind === 'key' ? name : state.kind === 'value' ? value : [name, value], done: false };
  },
  writable: true,
  configurable: true,
});

// util.inspect shows what is left to iterate, as Node does.
Object.defineProperty(iteratorProto, kInspect, {
  value: {
    [kInspect](recurseTimes, ctx, inspect) {
      const state = iteratorState(this);
      if (typeof recurseTimes === 'number' && recurseTimes < 0) return ctx.stylize('[Object]', 'special');
      const innerOpts = { ...ctx };
      if (recurseTimes !== null) innerOpts.depth = recurseTimes - 1;
      const output = state.target[kList].slice(state.index)
        .map(([name, value]) => (state.kind === 'key' ? name : state.kind === 'value' ? value : [name, value]));
      const breakLn = inspect(output, innerOpts).includes('\n');
      const strs = output.map((p) => inspect(p, innerOpts));
      const body = breakLn ? `\n  ${strs.join(',\n  ')}` : ` ${strs.join(', ')}`;
      return `${this[Symbol.toStringTag]} {${body} }`;
    },
  }[kInspect],
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
          const desc = Reflect.getOwnPropertyDescriptor(init, key);
          if (!desc || !desc.enumerable) continue;
          // (an enumerable symbol key fails to convert, as in Node)
          const name = usv(key);
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
    // Live: pairs the callback appends are visited too.
    for (let i = 0; i < this[kList].length; i++) {
      const [name, value] = this[kList][i];
      callback.call(thisArg, value, name, this);
    }
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
// Web IDL operations and attributes: enumerable.
for (const name of ['append', 'delete', 'get', 'getAll', 'has', 'set', 'sort', 'entries', 'forEach', 'keys', 'values',
  'toString', 'size']) {
  Object.defineProperty(URLSearchParams.prototype, name, { __proto__: null, enumerable: true });
}
Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
  value: URLSearchParams.prototype.entries, writable: true, configurable: true,
});
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });

// util.inspect shows the pairs, on one line while they fit (Node's layout).
Object.defineProperty(URLSearchParams.prototype, kInspect, {
  value: {
    [kInspect](recurseTimes, ctx, inspect) {
      checkThis(this);
      if (typeof recurseTimes === 'number' && recurseTimes < 0) return ctx.stylize('[Object]', 'special');
      const innerOpts = { ...ctx };
      if (recurseTimes !== null) innerOpts.depth = recurseTimes - 1;
      const output = this[kList].map(([k, v]) => `${inspect(k, innerOpts)} => ${inspect(v, innerOpts)}`);
      const length = output.reduce((n, cur) => n + cur.replace(/\u001b\[\d\d?m/g, '').length + 2, -2);
      const name = this.constructor.name;
      if (length > ctx.breakLength) return `${name} {\n  ${output.join(',\n  ')} }`;
      if (output.length) return `${name} { ${output.join(', ')} }`;
      return `${name} {}`;
    },
  }[kInspect],
  configurable: true,
  writable: true,
});
