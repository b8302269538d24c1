// Node's error shapes: system errors from libuv numbers, and the ERR_* argument errors.
import { errname, message as uvMessage } from 'qjsw:binding/uv';
import { importBuiltin } from 'qjsw:binding/module';

// util.inspect is loaded by the first message that needs it: most runs never format a
// received object, and the formatter is the largest module a boot would otherwise read.
const util = () => importBuiltin('qjsw:internal/util/inspect');
const inspect = (value, options) => util().inspect(value, options);
const format = (...args) => util().format(...args);

// `ENOENT: no such file or directory, open '/x'` with errno/code/syscall/path/dest, as Node's
// UVException builds it.
export function uvException(errno, syscall, path, dest) {
  const code = errname(errno);
  let msg = `${code}: ${uvMessage(errno)}, ${syscall}`;
  if (path !== undefined) msg += ` '${path}'`;
  if (dest !== undefined) msg += ` -> '${dest}'`;
  const err = new Error(msg);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  if (path !== undefined) err.path = path;
  if (dest !== undefined) err.dest = dest;
  captureStack(err, uvException);
  withStackHeader(err);
  return err;
}

// QuickJS's stack holds only the frames; V8's (Node's) starts with "Name: message".
function withStackHeader(err) {
  const stack = err.stack;
  if (typeof stack === 'string' && !stack.startsWith(err.name)) {
    Object.defineProperty(err, 'stack', { __proto__: null, value: `${err.name}: ${err.message}\n${stack}`, writable: true, configurable: true });
  }
}

function captureStack(err, fn) {
  if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(err, fn);
}

function makeNodeError(Base, code, message) {
  const err = new Base(message);
  Object.defineProperty(err, 'code', { __proto__: null, value: code, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(err, 'toString', {
    __proto__: null,
    value() { return `${this.name} [${this.code}]: ${this.message}`; },
    writable: true,
    configurable: true,
  });
  // Node prints `TypeError [ERR_X]: message` as the stack head.
  const stack = err.stack;
  Object.defineProperty(err, 'stack', {
    __proto__: null,
    value: `${err.name}: ${message}\n${typeof stack === 'string' ? stack : ''}`,
    writable: true,
    configurable: true,
  });
  return err;
}

// util.inspect of a string: Node's quote choice and escapes (strEscape).
const meta = [];
for (let i = 0; i < 0xa0; i++) {
  if (i < 0x20 || (i >= 0x7f)) meta[i] = '\\x' + i.toString(16).toUpperCase().padStart(2, '0');
}
Object.assign(meta, { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 92: '\\\\' });

export function inspectString(str) {
  let quote = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) quote = '"';
    else if (!str.includes('`') && !str.includes('${')) quote = '`';
  }
  let out = '';
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c === quote.charCodeAt(0) && quote === "'") out += "\\'";
    else if (c < 0xa0 && meta[c] !== undefined) out += meta[c];
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = str.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) { out += str[i] + str[i + 1]; i++; }
      else out += '\\u' + c.toString(16).toUpperCase();
    } else out += str[i];
  }
  return quote + out + quote;
}

// A small util.inspect for the values Node shows in error messages.
export function inspectValue(v, depth = 0) {
  if (typeof v === 'string') return inspectString(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'function') return v.name ? `[Function: ${v.name}]` : '[Function (anonymous)]';
  if (v === null || typeof v !== 'object') return Object.is(v, -0) ? '-0' : String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  if (v instanceof Uint8Array && v.constructor.name === 'Buffer') {
    const shown = Array.from(v.subarray(0, 50), (b) => b.toString(16).padStart(2, '0')).join(' ');
    return `<Buffer${shown ? ' ' + shown : ''}${v.length > 50 ? ` ... ${v.length - 50} more bytes` : ''}>`;
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const items = Array.from(v.subarray(0, 100), (x) => inspectValue(x));
    if (v.length > 100) items.push(`... ${v.length - 100} more items`);
    return `${v.constructor.name}(${v.length}) [${items.length ? ` ${items.join(', ')} ` : ''}]`;
  }
  if (depth > 2) return Array.isArray(v) ? '[Array]' : '[Object]';
  if (Array.isArray(v)) return v.length ? `[ ${v.map((x) => inspectValue(x, depth + 1)).join(', ')} ]` : '[]';
  const keys = Object.keys(v);
  const ctor = v.constructor && v.constructor.name;
  const prefix = ctor && ctor !== 'Object' ? `${ctor} ` : '';
  if (!keys.length) return `${prefix}{}`;
  const body = keys.map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : inspectString(k)}: ${inspectValue(v[k], depth + 1)}`);
  return `${prefix}{ ${body.join(', ')} }`;
}

const classRe = /^([A-Z][a-z0-9]*)+$/;
const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol'];

// What Node appends as `Received ...` in ERR_INVALID_ARG_TYPE.
export function describeReceived(value) {
  if (value == null) return ` Received ${value}`;
  if (typeof value === 'function') return ` Received function ${value.name}`;
  if (typeof value === 'object') {
    if (value.constructor && value.constructor.name) return ` Received an instance of ${value.constructor.name}`;
    return ` Received ${inspect(value, { depth: -1 })}`;
  }
  let shown = typeof value === 'bigint' ? `${value}n` : Object.is(value, -0) ? '-0' : inspectValue(value);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof value} (${shown})`;
}

// new ERR_INVALID_ARG_TYPE('path', ['string', 'Buffer', 'URL'], value)
export function invalidArgType(name, expected, actual) {
  if (!Array.isArray(expected)) expected = [expected];
  let msg = 'The ';
  if (name.endsWith(' argument')) msg += `${name} `;
  else msg += `"${name}" ${name.includes('.') ? 'property' : 'argument'} `;
  msg += 'must be ';
  const types = [], instances = [], other = [];
  for (const value of expected) {
    if (kTypes.includes(value)) types.push(value.toLowerCase());
    else if (classRe.test(value)) instances.push(value);
    else other.push(value);
  }
  if (instances.length > 0) {
    const pos = types.indexOf('object');
    if (pos !== -1) { types.splice(pos, 1); instances.push('Object'); }
  }
  if (types.length > 0) {
    if (types.length > 2) msg += `one of type ${types.slice(0, -1).join(', ')}, or ${types[types.length - 1]}`;
    else if (types.length === 2) msg += `one of type ${types[0]} or ${types[1]}`;
    else msg += `of type ${types[0]}`;
    if (instances.length > 0 || other.length > 0) msg += ' or ';
  }
  if (instances.length > 0) {
    if (instances.length > 2) msg += `an instance of ${instances.slice(0, -1).join(', ')}, or ${instances[instances.length - 1]}`;
    else msg += `an instance of ${instances.join(' or ')}`;
    if (other.length > 0) msg += ' or ';
  }
  if (other.length > 0) {
    if (other.length > 2) msg += `one of ${other.slice(0, -1).join(', ')}, or ${other[other.length - 1]}`;
    else if (other.length === 2) msg += `one of ${other[0]} or ${other[1]}`;
    else {
      if (other[0].toLowerCase() !== other[0]) msg += 'an ';
      msg += other[0];
    }
  }
  return makeNodeError(TypeError, 'ERR_INVALID_ARG_TYPE', msg + '.' + describeReceived(actual));
}

export function invalidArgValue(name, value, reason = 'is invalid') {
  let shown = inspectValue(value);
  if (shown.length > 128) shown = shown.slice(0, 128) + '...';
  const kind = name.includes('.') ? 'property' : 'argument';
  return makeNodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The ${kind} '${name}' ${reason}. Received ${shown}`);
}

// 1_000_000 style grouping Node uses for big numbers in ERR_OUT_OF_RANGE.
function addNumericalSeparator(val) {
  let res = '';
  let i = val.length;
  const start = val[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
  return `${val.slice(0, i)}${res}`;
}

export function outOfRange(name, range, value) {
  let received;
  if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) {
    received = addNumericalSeparator(String(value));
  } else if (typeof value === 'bigint') {
    received = String(value);
    if (value > 2n ** 32n || value < -(2n ** 32n)) received = addNumericalSeparator(received);
    received += 'n';
  } else {
    received = Object.is(value, -0) ? '-0' : inspectValue(value);
  }
  return makeNodeError(RangeError, 'ERR_OUT_OF_RANGE',
    `The value of "${name}" is out of range. It must be ${range}. Received ${received}`);
}

// Node's AbortError for an aborted signal (events.once/on, fs.promises.watch...).
export function abortError(signal) {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  if (signal?.reason !== undefined) err.cause = signal.reason;
  return err;
}

// Node's aggregateTwoErrors: an error that follows another (a close after a failed operation)
// joins it in an AggregateError that keeps the first one's message and code.
export function aggregateTwoErrors(innerError, outerError) {
  if (innerError && outerError && innerError !== outerError) {
    if (Array.isArray(outerError.errors)) {
      outerError.errors.push(innerError);
      return outerError;
    }
    const err = new AggregateError([outerError, innerError], outerError.message);
    err.code = outerError.code;
    return err;
  }
  return innerError || outerError;
}

export function nodeError(Base, code, message) {
  return makeNodeError(Base, code, message);
}

export function unknownEncoding(encoding) {
  return makeNodeError(TypeError, 'ERR_UNKNOWN_ENCODING', format('Unknown encoding: %s', encoding));
}
