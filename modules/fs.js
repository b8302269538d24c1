// node:fs — the Node-facing layer: argument validation, option parsing and Node's errors.
// Every syscall goes to qjsw:binding/fs (native/fs.c), which runs inside the Wasm module.
import * as binding from 'qjsw:binding/fs';
import { Buffer } from 'node:buffer';
import { uvException, invalidArgType, invalidArgValue, outOfRange } from 'qjsw:internal/errors';

export const constants = Object.freeze({ ...binding.constants });
const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_SYNC, F_OK } = constants;

// Node's stringToFlags.
function stringToFlags(flags, name = 'flags') {
  if (typeof flags === 'number') return flags;
  if (flags == null) return O_RDONLY;
  switch (flags) {
    case 'r': return O_RDONLY;
    case 'rs': case 'sr': return O_RDONLY | O_SYNC;
    case 'r+': return O_RDWR;
    case 'rs+': case 'sr+': return O_RDWR | O_SYNC;
    case 'w': return O_TRUNC | O_CREAT | O_WRONLY;
    case 'wx': case 'xw': return O_TRUNC | O_CREAT | O_WRONLY | O_EXCL;
    case 'w+': return O_TRUNC | O_CREAT | O_RDWR;
    case 'wx+': case 'xw+': return O_TRUNC | O_CREAT | O_RDWR | O_EXCL;
    case 'a': return O_APPEND | O_CREAT | O_WRONLY;
    case 'ax': case 'xa': return O_APPEND | O_CREAT | O_WRONLY | O_EXCL;
    case 'as': case 'sa': return O_APPEND | O_CREAT | O_WRONLY | O_SYNC;
    case 'a+': return O_APPEND | O_CREAT | O_RDWR;
    case 'ax+': case 'xa+': return O_APPEND | O_CREAT | O_RDWR | O_EXCL;
    case 'as+': case 'sa+': return O_APPEND | O_CREAT | O_RDWR | O_SYNC;
  }
  throw invalidArgValue(name, flags);
}

function fileURLToPath(url) {
  if (url.protocol !== 'file:') {
    const err = new TypeError('The URL must be of scheme file');
    err.code = 'ERR_INVALID_URL_SCHEME';
    throw err;
  }
  return decodeURIComponent(url.pathname);
}

// A path argument as Node accepts it: string, Buffer/Uint8Array, or file: URL.
function getValidatedPath(path, name = 'path') {
  if (typeof path !== 'string') {
    if (path instanceof Uint8Array) path = Buffer.from(path).toString();
    else if (path != null && typeof path === 'object' && typeof path.href === 'string' && path.protocol !== undefined) path = fileURLToPath(path);
    else throw invalidArgType(name, ['string', 'Buffer', 'URL'], path);
  }
  if (path.includes('\u0000')) {
    throw invalidArgValue(name, path, 'must be a string, Uint8Array, or URL without null bytes');
  }
  return path;
}

function parseMode(value, name, def) {
  if (value === undefined || value === null) return def;
  if (typeof value === 'string') {
    if (!/^[0-7]+$/.test(value)) throw invalidArgValue(name, value, 'must be a 32-bit unsigned integer or an octal string');
    value = parseInt(value, 8);
  }
  if (typeof value !== 'number') throw invalidArgType(name, ['number', 'string'], value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < 0 || value > 0xffffffff) throw outOfRange(name, '>= 0 && <= 4294967295', value);
  return value;
}

function getOptions(options, defaults) {
  if (options === undefined || options === null || typeof options === 'function') return defaults;
  if (typeof options === 'string') return { ...defaults, encoding: options };
  if (typeof options !== 'object') throw invalidArgType('options', ['string', 'Object'], options);
  return { ...defaults, ...options };
}

function assertEncoding(encoding) {
  if (encoding && encoding !== 'buffer' && !Buffer.isEncoding(encoding)) {
    throw invalidArgValue('encoding', encoding, 'is invalid encoding');
  }
}

function throwIfError(result, syscall, path) {
  if (typeof result === 'number' && result < 0) throw uvException(result, syscall, path);
  return result;
}

// A file descriptor argument: Node accepts any uint32 number in place of a path.
function isFd(value) {
  return typeof value === 'number' && value >>> 0 === value;
}

const kStatFields = binding.kStatFields;
const S_IFMT = constants.S_IFMT, S_IFREG = constants.S_IFREG;

// The rest of an open file from its current position, as Node's readFileSync(fd) does it.
function readFd(fd) {
  const stats = new Float64Array(kStatFields);
  const err = binding.fstat(fd, stats);
  if (err < 0) throw uvException(err, 'fstat');
  const size = (stats[1] & S_IFMT) === S_IFREG ? stats[8] : 0;
  const chunks = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(size > 0 ? Math.max(size - total, 1) : 8192);
    const n = binding.read(fd, chunk, 0, chunk.length, -1);
    if (n < 0) throw uvException(n, 'read');
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

function writeFd(fd, bytes) {
  for (let off = 0; off < bytes.byteLength;) {
    const n = binding.write(fd, bytes, off, bytes.byteLength - off, -1);
    if (n < 0) throw uvException(n, 'write');
    off += n;
  }
}

export function readFileSync(path, options) {
  options = getOptions(options, { flag: 'r' });
  assertEncoding(options.encoding);
  if (isFd(path)) {
    const buffer = readFd(path);
    return options.encoding && options.encoding !== 'buffer' ? buffer.toString(options.encoding) : buffer;
  }
  path = getValidatedPath(path);
  const flags = stringToFlags(options.flag);
  const encoding = options.encoding === 'buffer' ? null : options.encoding;
  const isUtf8 = encoding === 'utf8' || encoding === 'utf-8';
  const result = isUtf8 ? binding.readFileUtf8(path, flags) : binding.readFile(path, flags);
  if (Array.isArray(result)) {
    const [errno, syscall] = result;
    throw uvException(errno, syscall, syscall === 'open' ? path : undefined);
  }
  if (isUtf8) return result;
  const buffer = new Buffer(result);
  return encoding ? buffer.toString(encoding) : buffer;
}

function dataBytes(data, encoding) {
  if (typeof data === 'string') {
    return encoding === 'utf8' || encoding === 'utf-8' || !encoding ? data : Buffer.from(data, encoding);
  }
  if (ArrayBuffer.isView(data)) return data;
  throw invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

export function writeFileSync(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
  assertEncoding(options.encoding);
  const bytes = dataBytes(data, options.encoding);
  if (isFd(path)) {
    writeFd(path, typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
    return;
  }
  path = getValidatedPath(path);
  const flags = stringToFlags(options.flag);
  const mode = parseMode(options.mode, 'mode', 0o666);
  const err = binding.writeFile(path, bytes, flags, mode);
  // The native call opens, writes and closes; Node reports an open failure as 'open'.
  if (err < 0) throw uvException(err, 'open', path);
}

export function appendFileSync(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  if (!options.flag || options.flag === 'r') options = { ...options, flag: 'a' };
  writeFileSync(path, data, options);
}

export function existsSync(path) {
  try {
    path = getValidatedPath(path);
  } catch {
    return false;
  }
  return binding.access(path, F_OK) === 0;
}

export function mkdirSync(path, options) {
  let mode = 0o777;
  let recursive = false;
  if (typeof options === 'number' || typeof options === 'string') {
    mode = parseMode(options, 'mode', 0o777);
  } else if (options) {
    if (options.recursive !== undefined && typeof options.recursive !== 'boolean') {
      throw invalidArgType('options.recursive', 'boolean', options.recursive);
    }
    recursive = !!options.recursive;
    mode = parseMode(options.mode, 'mode', 0o777);
  }
  path = getValidatedPath(path);
  const result = binding.mkdir(path, mode, recursive);
  throwIfError(result, 'mkdir', path);
  return recursive ? result : undefined;
}

export default {
  constants,
  readFileSync,
  writeFileSync,
  appendFileSync,
  existsSync,
  mkdirSync,
};
