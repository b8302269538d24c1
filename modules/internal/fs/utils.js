// Argument validation, option parsing and result classes shared by node:fs and node:fs/promises,
// following Node 20's lib/internal/fs/utils.js and lib/internal/validators.js.
import * as binding from 'qjsw:binding/fs';
import { Buffer } from 'node:buffer';
import { importBuiltin } from 'qjsw:binding/module';
import { uvException, invalidArgType, invalidArgValue, outOfRange } from 'qjsw:internal/errors';

export const constants = Object.assign(Object.create(null), {
  ...binding.constants,
  UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, UV_FS_O_FILEMAP: 0,
  UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3,
  UV_DIRENT_FIFO: 4, UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7,
  COPYFILE_EXCL: 1, COPYFILE_FICLONE: 2, COPYFILE_FICLONE_FORCE: 4,
  UV_FS_COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, UV_FS_COPYFILE_FICLONE_FORCE: 4,
});
const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_SYNC, S_IFMT, S_IFREG,
  S_IFDIR, S_IFLNK, S_IFIFO, S_IFSOCK, S_IFCHR, S_IFBLK } = constants;

export const kMaxUserId = 2 ** 32 - 1;

// Throws Node's error for a negative result of the binding; returns the result otherwise.
export function check(result, syscall, path, dest) {
  if (typeof result === 'number' && result < 0) throw uvException(result, syscall, path, dest);
  return result;
}

export function stringToFlags(flags, name = 'flags') {
  if (typeof flags === 'number') {
    validateInt32(flags, name);
    return flags;
  }
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

// --- validators (lib/internal/validators.js) ---

export function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

export function validateInt32(value, name, min = -2147483648, max = 2147483647) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

export function validateUint32(value, name, positive = false) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  const min = positive ? 1 : 0;
  const max = 4294967295;
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

export function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw invalidArgType(name, 'boolean', value);
}

export function validateFunction(value, name) {
  if (typeof value !== 'function') throw invalidArgType(name, 'Function', value);
}

export function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'string', value);
}

export function validateObject(value, name, nullable = false) {
  if ((!nullable && value === null) || Array.isArray(value) || typeof value !== 'object') {
    if (!(nullable && value === null)) throw invalidArgType(name, 'Object', value);
  }
}

export function validateBuffer(buffer, name = 'buffer') {
  if (!ArrayBuffer.isView(buffer)) throw invalidArgType(name, ['Buffer', 'TypedArray', 'DataView'], buffer);
}

export function validateEncoding(data, encoding) {
  if (encoding === 'utf8') return;
  if (typeof data === 'string' && encoding && !Buffer.isEncoding(encoding) && encoding !== 'buffer') {
    throw invalidArgValue('encoding', encoding, 'is invalid encoding');
  }
}

// Node's validators.validateEncoding, for string data to write: hex needs whole bytes.
export function validateStringEncoding(data, encoding) {
  if (typeof encoding === 'string' && encoding.toLowerCase() === 'hex' && data.length % 2 !== 0) {
    throw invalidArgValue('encoding', encoding, `is invalid for data of length ${data.length}`);
  }
}

// 'mode' as Node's parseFileMode: a uint32 or an octal string.
export function parseFileMode(value, name, def) {
  value ??= def;
  if (typeof value === 'string') {
    if (!/^[0-7]+$/.test(value)) throw invalidArgValue(name, value, 'must be a 32-bit unsigned integer or an octal string');
    value = parseInt(value, 8);
  }
  validateUint32(value, name);
  return value;
}

export function getValidatedFd(fd, name = 'fd') {
  if (Object.is(fd, -0)) return 0;
  validateInt32(fd, name, 0);
  return fd;
}

// The fd check of the functions whose validation Node 20 does in C++, which prints a bigint
// without its "n".
export function getValidatedFdNative(fd) {
  try {
    // C++'s own wording of the received value
    if (typeof fd === 'bigint' || typeof fd === 'function') {
      const err = invalidArgType('fd', 'number', fd);
      err.message = err.message.replace(/ Received .*$/s, typeof fd === 'bigint' ? ` Received type bigint (${fd})` : ' Received function');
      err.stack = `${err.name}: ${err.message}`;
      throw err;
    }
    return getValidatedFd(fd);
  } catch (err) {
    delete err.toString; // C++'s errors are plain ones with a code
    throw err;
  }
}

function fileURLToPath(url) {
  if (url.protocol !== 'file:') {
    const err = new TypeError('The URL must be of scheme file');
    err.code = 'ERR_INVALID_URL_SCHEME';
    throw err;
  }
  if (url.hostname !== '') {
    const err = new TypeError(`File URL host must be "localhost" or empty on linux`);
    err.code = 'ERR_INVALID_FILE_URL_HOST';
    throw err;
  }
  const pathname = url.pathname;
  if (/%2f/i.test(pathname)) {
    const err = new TypeError('File URL path must not include encoded / characters');
    err.code = 'ERR_INVALID_FILE_URL_PATH';
    throw err;
  }
  return decodeURIComponent(pathname);
}

function isURL(value) {
  return value != null && typeof value === 'object' && typeof value.href === 'string' &&
    typeof value.protocol === 'string' && value.auth === undefined && value.path === undefined;
}

// A path argument: string, Buffer/Uint8Array or file: URL, without null bytes.
export function getValidatedPath(path, name = 'path') {
  // Most calls: a string without null bytes, answered before anything else is looked at.
  if (typeof path === 'string' && !path.includes('\u0000')) return path;
  const original = path;
  if (isURL(path)) path = fileURLToPath(path);
  else if (path instanceof Uint8Array) path = Buffer.from(path.buffer, path.byteOffset, path.byteLength).toString();
  else if (typeof path !== 'string') throw invalidArgType(name, ['string', 'Buffer', 'URL'], path);
  if (path.includes('\u0000')) {
    throw invalidArgValue(name, original instanceof Uint8Array ? original : path,
      'must be a string, Uint8Array, or URL without null bytes');
  }
  return path;
}

const kNoOptions = Object.freeze({});

export function getOptions(options, defaults = kNoOptions) {
  if (options == null || typeof options === 'function') return defaults;
  if (typeof options === 'string') {
    defaults = { ...defaults };
    defaults.encoding = options;
    options = defaults;
  } else if (typeof options !== 'object') {
    throw invalidArgType('options', ['string', 'Object'], options);
  }
  if (options.encoding && options.encoding !== 'buffer') validateEncoding('', options.encoding);
  if (options.signal !== undefined) validateAbortSignal(options.signal, 'options.signal');
  return options;
}

function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType(name, 'AbortSignal', signal);
  }
}

// access() and copyFile() modes, checked as Node's binding checks them (its own messages).
export function getValidMode(mode, max) {
  if (mode == null) return 0;
  if (typeof mode !== 'number') {
    const err = new TypeError('mode must be int32 or null/undefined');
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  if (!Number.isFinite(mode)) {
    const err = new RangeError('mode is out of range');
    err.code = 'ERR_OUT_OF_RANGE';
    throw err;
  }
  mode = Math.trunc(mode);
  if (!(mode >= 0 && mode <= max)) {
    const err = new RangeError(`mode is out of range: >= 0 && <= ${max}`);
    err.code = 'ERR_OUT_OF_RANGE';
    throw err;
  }
  return mode;
}

// An absolute path from `p` (relative to `base`), with "." and ".." resolved as text.
export function resolveText(base, p) {
  const out = [];
  for (const part of (p.startsWith('/') ? p : `${base}/${p}`).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

// Inherited options count too (for...in, as Node copies them).
export function copyObject(source) {
  const target = {};
  for (const key in source) target[key] = source[key];
  return target;
}

export function validateOffsetLengthRead(offset, length, bufferLength) {
  if (offset < 0) throw outOfRange('offset', '>= 0', offset);
  if (length < 0) throw outOfRange('length', '>= 0', length);
  if (offset + length > bufferLength) throw outOfRange('length', `<= ${bufferLength - offset}`, length);
}

export function validateOffsetLengthWrite(offset, length, byteLength) {
  if (offset > byteLength) throw outOfRange('offset', `<= ${byteLength}`, offset);
  if (length > byteLength - offset) throw outOfRange('length', `<= ${byteLength - offset}`, length);
  if (length < 0) throw outOfRange('length', '>= 0', length);
  validateInt32(length, 'length', 0);
}

export function validatePosition(position, name, length) {
  if (typeof position === 'number') {
    validateInteger(position, name, -1);
  } else if (typeof position === 'bigint') {
    if (!(position >= -(2n ** 63n) && position <= 2n ** 63n - 1n)) {
      throw outOfRange(name, `>= ${-(2n ** 63n)} && <= ${2n ** 63n - 1n}`, position);
    }
  } else {
    throw invalidArgType(name, ['integer', 'bigint'], position);
  }
}

// Seconds since the epoch from a number, numeric string or Date, as Node's toUnixTimestamp.
export function toUnixTimestamp(time, name = 'time') {
  if (typeof time === 'string' && +time == time) return +time;
  if (Number.isFinite(time)) return time < 0 ? Date.now() / 1000 : time;
  if (time instanceof Date) return time.getTime() / 1000;
  throw invalidArgType(name, ['Date', 'Time in seconds'], time);
}

// --- Stats, BigIntStats, StatFs ---

function dateFromMs(ms) {
  return new Date(typeof ms === 'number' ? Math.round(ms) : Number(ms));
}

// Plain constructors (not class + super): Stats objects are made on every stat call, and
// QuickJS builds them noticeably faster this way.
function StatsBase(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks) {
  this.dev = dev;
  this.mode = mode;
  this.nlink = nlink;
  this.uid = uid;
  this.gid = gid;
  this.rdev = rdev;
  this.blksize = blksize;
  this.ino = ino;
  this.size = size;
  this.blocks = blocks;
}
Object.assign(StatsBase.prototype, {
  _checkModeProperty(property) {
    return (Number(this.mode) & S_IFMT) === property;
  },
  isDirectory() { return this._checkModeProperty(S_IFDIR); },
  isFile() { return this._checkModeProperty(S_IFREG); },
  isBlockDevice() { return this._checkModeProperty(S_IFBLK); },
  isCharacterDevice() { return this._checkModeProperty(S_IFCHR); },
  isSymbolicLink() { return this._checkModeProperty(S_IFLNK); },
  isFIFO() { return this._checkModeProperty(S_IFIFO); },
  isSocket() { return this._checkModeProperty(S_IFSOCK); },
});

export function Stats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs) {
  StatsBase.call(this, dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
  this.atimeMs = atimeMs;
  this.mtimeMs = mtimeMs;
  this.ctimeMs = ctimeMs;
  this.birthtimeMs = birthtimeMs;
  this.atime = dateFromMs(atimeMs);
  this.mtime = dateFromMs(mtimeMs);
  this.ctime = dateFromMs(ctimeMs);
  this.birthtime = dateFromMs(birthtimeMs);
}
Object.setPrototypeOf(Stats.prototype, StatsBase.prototype);
Object.setPrototypeOf(Stats, StatsBase);

export class BigIntStats extends StatsBase {
  constructor(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeNs, mtimeNs, ctimeNs, birthtimeNs) {
    super(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
    this.atimeMs = atimeNs / 1000000n;
    this.mtimeMs = mtimeNs / 1000000n;
    this.ctimeMs = ctimeNs / 1000000n;
    this.birthtimeMs = birthtimeNs / 1000000n;
    this.atimeNs = atimeNs;
    this.mtimeNs = mtimeNs;
    this.ctimeNs = ctimeNs;
    this.birthtimeNs = birthtimeNs;
    this.atime = dateFromMs(this.atimeMs);
    this.mtime = dateFromMs(this.mtimeMs);
    this.ctime = dateFromMs(this.ctimeMs);
    this.birthtime = dateFromMs(this.birthtimeMs);
  }
  _checkModeProperty(property) {
    return (this.mode & BigInt(S_IFMT)) === BigInt(property);
  }
}

const msOf = (s, ns) => s * 1e3 + ns / 1e6;
const nsOf = (s, ns) => BigInt(s) * 1000000000n + BigInt(ns);

// Stats from the binding's 18-number array (native/fs/fs.c: qjsw_fill_stats).
export function getStatsFromBinding(a, bigint = false) {
  if (bigint) {
    const b = (i) => BigInt(a[i]);
    return new BigIntStats(b(0), b(1), b(2), b(3), b(4), b(5), b(6), b(7), b(8), b(9),
      nsOf(a[10], a[11]), nsOf(a[12], a[13]), nsOf(a[14], a[15]), nsOf(a[16], a[17]));
  }
  return new Stats(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9],
    msOf(a[10], a[11]), msOf(a[12], a[13]), msOf(a[14], a[15]), msOf(a[16], a[17]));
}

export const kStatFields = binding.kStatFields;

export class StatFs {
  constructor(type, bsize, blocks, bfree, bavail, files, ffree) {
    this.type = type;
    this.bsize = bsize;
    this.blocks = blocks;
    this.bfree = bfree;
    this.bavail = bavail;
    this.files = files;
    this.ffree = ffree;
  }
}

// --- Dirent ---

const kType = Symbol('type');

export class Dirent {
  constructor(name, type, path) {
    this.name = name;
    this.parentPath = path;
    this.path = path;
    this[kType] = type;
  }
  isDirectory() { return this[kType] === constants.UV_DIRENT_DIR; }
  isFile() { return this[kType] === constants.UV_DIRENT_FILE; }
  isBlockDevice() { return this[kType] === constants.UV_DIRENT_BLOCK; }
  isCharacterDevice() { return this[kType] === constants.UV_DIRENT_CHAR; }
  isSymbolicLink() { return this[kType] === constants.UV_DIRENT_LINK; }
  isFIFO() { return this[kType] === constants.UV_DIRENT_FIFO; }
  isSocket() { return this[kType] === constants.UV_DIRENT_SOCKET; }
}

// Dirent type from lstat when the directory listing did not say (UV_DIRENT_UNKNOWN).
export function direntTypeFromMode(mode) {
  switch (mode & S_IFMT) {
    case S_IFREG: return constants.UV_DIRENT_FILE;
    case S_IFDIR: return constants.UV_DIRENT_DIR;
    case S_IFLNK: return constants.UV_DIRENT_LINK;
    case S_IFIFO: return constants.UV_DIRENT_FIFO;
    case S_IFSOCK: return constants.UV_DIRENT_SOCKET;
    case S_IFCHR: return constants.UV_DIRENT_CHAR;
    case S_IFBLK: return constants.UV_DIRENT_BLOCK;
    default: return constants.UV_DIRENT_UNKNOWN;
  }
}

// A name from the binding in the caller's encoding ('buffer' gives a Buffer).
export function encodeName(name, encoding) {
  if (!encoding || encoding === 'utf8' || encoding === 'utf-8') return name;
  const buf = Buffer.from(name);
  return encoding === 'buffer' ? buf : buf.toString(encoding);
}

// mkdir for node:fs and node:fs/promises. `async` gives the answers of Node's MKDirpAsync,
// which differ from MKDirpSync's when a parent is a dangling symlink: ENOTDIR about that parent.
export function makeDirectory(path, options, async) {
  let mode = 0o777;
  let recursive = false;
  if (typeof options === 'number' || typeof options === 'string') {
    mode = options;
  } else if (options) {
    if (options.recursive !== undefined) recursive = options.recursive;
    if (options.mode !== undefined) mode = options.mode;
  }
  path = getValidatedPath(path);
  validateBoolean(recursive, 'options.recursive');
  mode = parseFileMode(mode, 'mode');
  const result = binding.mkdir(path, mode, recursive, async);
  if (Array.isArray(result)) throw uvException(result[0], 'mkdir', result[1]);
  check(result, 'mkdir', path);
  return recursive ? result : undefined;
}

// Node's one-time fs warnings, each emitted at most once per process.
const warned = new Set();
function warnOnce(key, ...args) {
  if (warned.has(key)) return;
  warned.add(key);
  importBuiltin('qjsw:internal/process_object').default.emitWarning(...args);
}

// A FileHandle collected while open: its fd is closed, with Node's warning and, once,
// DEP0137 (Node's FileHandle destructor).
export function emitFileHandleGcWarnings(fd) {
  importBuiltin('qjsw:internal/process_object').default.emitWarning(`Closing file descriptor ${fd} on garbage collection`);
  warnOnce('DEP0137', 'Closing a FileHandle object on garbage collection is deprecated. ' +
    'Please close FileHandle objects explicitly using FileHandle.prototype.close(). In the future, an error will be ' +
    'thrown if a file descriptor is closed during garbage collection.', 'DeprecationWarning', 'DEP0137');
}

export function emitRecursiveRmdirWarning() {
  warnOnce('DEP0147', 'In future versions of Node.js, fs.rmdir(path, { recursive: true }) ' +
    'will be removed. Use fs.rm(path, { recursive: true }) instead', 'DeprecationWarning', 'DEP0147');
}

export function showTruncateDeprecation() {
  warnOnce('DEP0081', 'Using fs.truncate with a file descriptor is deprecated. Please use ' +
    'fs.ftruncate with a file descriptor instead.', 'DeprecationWarning', 'DEP0081');
}

// Templates ending in X are handled differently across platforms; a validated prefix is a string
// or a Buffer.
export function warnOnNonPortableTemplate(template) {
  const last = typeof template === 'string' ? template.endsWith('X') : template[template.length - 1] === 0x58;
  if (last) warnOnce('mkdtemp', 'mkdtemp() templates ending with X are not portable. For details see: https://nodejs.org/api/fs.html');
}
