// node:fs — the Node-facing layer: argument validation, option parsing and Node's errors, on
// top of qjsw:binding/fs (native/fs*.c), which performs every syscall inside the Wasm module.
// Callback forms run the same synchronous code and call back from a later job, as Node never
// calls back synchronously; node:fs/promises does the same with promises.
import * as binding from 'qjsw:binding/fs';
import { Buffer } from 'node:buffer';
import { FastBuffer } from 'qjsw:internal/buffer';
import { uvException, invalidArgType, invalidArgValue, outOfRange, nodeError, abortError } from 'qjsw:internal/errors';
import { UV_EINVAL, UV_ENOENT, UV_ELOOP, UV_ENOTDIR, UV_ENOTSUP } from 'qjsw:binding/uv';
import { setImmediate } from 'qjsw:internal/loop';
import {
  constants, check, getValidatedFdNative, stringToFlags, validateInteger, validateInt32, validateUint32, validateBoolean,
  validateFunction, validateObject, validateBuffer, validateEncoding, validateStringEncoding, parseFileMode, getValidatedFd,
  getValidatedPath, getOptions, validateOffsetLengthRead, validateOffsetLengthWrite,
  validatePosition, toUnixTimestamp, getValidMode, resolveText, getStatsFromBinding, kStatFields, Stats, BigIntStats, StatFs,
  Dirent, direntTypeFromMode, encodeName, kMaxUserId, makeDirectory, copyObject, emitRecursiveRmdirWarning,
  showTruncateDeprecation, warnOnNonPortableTemplate,
} from 'qjsw:internal/fs/utils';
import { Dir, opendirSync } from 'qjsw:internal/fs/dir';
const opendirSyncImpl = opendirSync;
import { cpSyncImpl, cpAsync } from 'qjsw:internal/fs/cp';
import { cwd as processCwd } from 'qjsw:internal/cwd';
import { processInternals } from 'qjsw:internal/process_internals';
import { readStdinPipe } from 'qjsw:internal/fs/stdin_pipe';
import { callbackify, reportTransfer, later } from 'qjsw:internal/fs/callbacks';
import { customPromisifyArgs as kCustomPromisifyArgs } from 'qjsw:internal/symbols';
import { validateRmdirOptions, validateRmOptionsSync } from 'qjsw:internal/fs/rm_options';
// fs.promises is the object require('fs/promises') gives, not the module namespace
import promises from 'node:fs/promises';
import { importBuiltin } from 'qjsw:binding/module';
import { join as pathJoin } from 'node:path';

export { constants, Stats, BigIntStats, Dirent, Dir, opendirSync };
const { O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, O_APPEND, F_OK, S_IFMT, S_IFREG, S_IFDIR } = constants;
export const { R_OK, W_OK, X_OK } = constants;
export { F_OK };

const statValues = new Float64Array(kStatFields);


// The offset Node's binding writes at (GetOffset): a safe integer as it is (a negative one, as
// NaN, a fraction or a huge number, means the current position: -1).
const offsetOf = (position) => (Number.isSafeInteger(position) ? position : -1);

// Node's isInt32, which throws (V8's TypeError) for a BigInt or Symbol path.
function isInt32(value) {
  return value === (value | 0);
}

// Node's binding reports an empty path itself (WasmFS would take it as the cwd).
function rejectEmpty(path, syscall, errno = -2) {
  if (path === '') throw uvException(errno, syscall, '');
}

const kStatDefaults = Object.freeze({ bigint: false, throwIfNoEntry: true });
const kFstatDefaults = Object.freeze({ bigint: false });

// V8's words for reading a property of null, which Node's stat functions surface.
function nullOptions(options) {
  if (options === null) throw new TypeError("Cannot read properties of null (reading 'bigint')");
}

// --- existence, access, stat ---

export function existsSync(path) {
  try {
    path = getValidatedPath(path);
  } catch {
    return false;
  }
  return binding.access(path, F_OK) === 0;
}

export function accessSync(path, mode) {
  path = getValidatedPath(path);
  mode = getValidMode(mode, 7);
  check(binding.access(path, mode), 'access', path);
}

// Node's binding takes `bigint` only when it is exactly true.
const useBigint = (options) => options?.bigint === true;

function statPath(path, options, followSymlinks, syscall) {
  path = getValidatedPath(path);
  nullOptions(options);
  const bigint = useBigint(options);
  // Plain Stats are built by the binding in one go; BigIntStats from the raw numbers.
  const r = binding.stat(path, bigint ? statValues : Stats.prototype, followSymlinks);
  if (typeof r === 'number' && r < 0) {
    if (options.throwIfNoEntry === false && r === UV_ENOENT) return undefined;
    throw uvException(r, syscall, path);
  }
  return bigint ? getStatsFromBinding(statValues, true) : r;
}

// The common call, a plain string path and no options, in one frame: each call of a small
// helper is a frame of the interpreter, and stat is the call tools make most.
export function statSync(path, options = kStatDefaults) {
  if (options === kStatDefaults && typeof path === 'string' && !path.includes('\u0000')) {
    const r = binding.stat(path, Stats.prototype, true);
    if (typeof r === 'number' && r < 0) throw uvException(r, 'stat', path);
    return r;
  }
  return statPath(path, options, true, 'stat');
}

export function lstatSync(path, options = kStatDefaults) {
  if (options === kStatDefaults && typeof path === 'string' && !path.includes('\u0000')) {
    const r = binding.stat(path, Stats.prototype, false);
    if (typeof r === 'number' && r < 0) throw uvException(r, 'lstat', path);
    return r;
  }
  return statPath(path, options, false, 'lstat');
}

export function fstatSync(fd, options = kFstatDefaults) {
  fd = getValidatedFdNative(fd);
  if (useBigint(options)) {
    check(binding.fstat(fd, statValues), 'fstat');
    return getStatsFromBinding(statValues, true);
  }
  return check(binding.fstat(fd, Stats.prototype), 'fstat');
}

export function statfsSync(path, options = kFstatDefaults) {
  path = getValidatedPath(path);
  const r = check(binding.statfs(path), 'statfs', path);
  return new StatFs(...(useBigint(options) ? r.map(BigInt) : r));
}

// --- directories ---

function readdirRecursive(base, encoding, withFileTypes) {
  const out = [];
  const queue = [[base, '']];
  while (queue.length) {
    const [dir, rel] = queue.shift();
    const r = check(binding.readdir(dir, true), 'scandir', dir);
    const [names, types] = r;
    for (let i = 0; i < names.length; i++) {
      const full = `${dir}/${names[i]}`;
      let type = types[i];
      if (type === constants.UV_DIRENT_UNKNOWN) {
        if (binding.stat(full, statValues, false) === 0) type = direntTypeFromMode(statValues[1]);
      }
      const relName = rel ? `${rel}/${names[i]}` : names[i];
      let descend = type === constants.UV_DIRENT_DIR;
      if (withFileTypes) {
        out.push(new Dirent(encodeName(names[i], encoding), type, dir));
      } else {
        out.push(encodeName(relName, encoding));
        // Node lists names by stat(), which follows links into directories
        if (type === constants.UV_DIRENT_LINK) descend = binding.stat(full, statValues, true) === 0 && (statValues[1] & S_IFMT) === S_IFDIR;
      }
      // Node reads the next level at path.join(parentPath, name): normalized
      if (descend) queue.push([pathJoin(dir, names[i]), relName]);
    }
  }
  return out;
}

export function readdirSync(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path);
  if (options.recursive != null) validateBoolean(options.recursive, 'options.recursive');
  if (options.recursive) return readdirRecursive(path, options.encoding, !!options.withFileTypes);
  const r = check(binding.readdir(path, !!options.withFileTypes), 'scandir', path);
  if (!options.withFileTypes) {
    const enc = options.encoding;
    return !enc || enc === 'utf8' || enc === 'utf-8' ? r : r.map((name) => encodeName(name, enc));
  }
  const [names, types] = r;
  return names.map((name, i) => {
    let type = types[i];
    if (type === constants.UV_DIRENT_UNKNOWN && binding.stat(`${path}/${name}`, statValues, false) === 0) {
      type = direntTypeFromMode(statValues[1]);
    }
    return new Dirent(encodeName(name, options.encoding), type, path);
  });
}

export function mkdirSync(path, options) {
  return makeDirectory(path, options, false);
}

export function mkdtempSync(prefix, options) {
  options = getOptions(options);
  prefix = getValidatedPath(prefix, 'prefix');
  warnOnNonPortableTemplate(prefix);
  // Node's binding appends "XXXXXX" with room for only as many bytes as the whole template
  // minus one: an empty prefix becomes "XXXXX", which mkdtemp(3) refuses
  if (prefix === '') throw uvException(UV_EINVAL, 'mkdtemp', 'XXXXX');
  const r = binding.mkdtemp(prefix);
  if (typeof r === 'number') throw uvException(r, 'mkdtemp', `${prefix}XXXXXX`);
  return encodeName(r, options.encoding);
}

// Node's rimraf (lib/internal/fs/rimraf.js), synchronous: a directory's removal after its
// children is the public fs.rmdirSync (which callers may have replaced), as there.
const rimrafRetryCodes = new Set(['EBUSY', 'EMFILE', 'ENFILE', 'ENOTEMPTY', 'EPERM']);
const rimrafNotEmptyCodes = new Set(['ENOTEMPTY', 'EEXIST', 'EPERM']);
const kSlash = Buffer.from('/');

function rimrafSync(path, options) {
  let stats;
  try {
    stats = lstatSync(path);
  } catch (err) {
    if (err.code === 'ENOENT') return;
    // other lstat failures: unlink reports them
  }
  try {
    if (stats?.isDirectory()) rimrafDirSync(path, options, null);
    else rimrafUnlinkSync(path, options);
  } catch (err) {
    if (err.code === 'ENOENT') return;
    if (err.code === 'EPERM') return rimrafDirSync(path, options, err);
    if (err.code !== 'EISDIR') throw err;
    rimrafDirSync(path, options, err);
  }
}

// (Node sleeps retryDelay between tries; a sandbox run cannot block, so the tries follow at once)
function rimrafRetry(options, fn) {
  const tries = options.maxRetries + 1;
  for (let i = 1; i <= tries; i++) {
    try {
      return fn();
    } catch (err) {
      if (rimrafRetryCodes.has(err.code) && i < tries && options.retryDelay > 0) continue;
      if (err.code === 'ENOENT') return;
      if (i === tries) throw err;
    }
  }
}

function rimrafUnlinkSync(path, options) {
  rimrafRetry(options, () => unlinkSync(path));
}

function rimrafDirSync(path, options, originalErr) {
  try {
    rmdirSync(path);
  } catch (err) {
    if (err.code === 'ENOENT') return;
    if (err.code === 'ENOTDIR') throw originalErr || err;
    if (rimrafNotEmptyCodes.has(err.code)) {
      // the children's paths as bytes, as Node's (what a replaced fs.rmdirSync is given)
      const pathBuf = Buffer.from(path);
      for (const child of readdirSync(pathBuf, 'buffer')) rimrafSync(Buffer.concat([pathBuf, kSlash, child]), options);
      return rimrafRetry(options, () => fs.rmdirSync(path));
    }
    throw originalErr || err;
  }
}

export function rmSync(path, options) {
  path = getValidatedPath(path);
  options = validateRmOptionsSync(path, options, false);
  rimrafSync(path, options);
}

export function rmdirSync(path, options) {
  path = getValidatedPath(path);
  if (options?.recursive) {
    emitRecursiveRmdirWarning();
    options = validateRmOptionsSync(path, { ...options, force: false }, true);
    if (options !== false) return rimrafSync(path, options);
  } else {
    validateRmdirOptions(options);
  }
  check(binding.rmdir(path), 'rmdir', path);
}

export function unlinkSync(path) {
  path = getValidatedPath(path);
  check(binding.unlink(path), 'unlink', path);
}

export function renameSync(oldPath, newPath) {
  oldPath = getValidatedPath(oldPath, 'oldPath');
  newPath = getValidatedPath(newPath, 'newPath');
  check(binding.rename(oldPath, newPath), 'rename', oldPath, newPath);
}

export function copyFileSync(src, dest, mode) {
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  mode = getValidMode(mode, 7);
  if (mode & constants.COPYFILE_FICLONE_FORCE) {
    throw uvException(UV_ENOTSUP, 'copyfile', src, dest);
  }
  check(binding.copyFile(src, dest, mode), 'copyfile', src, dest);
}

export function cpSync(src, dest, options) {
  cpSyncImpl(src, dest, options);
}

// --- links ---

export function symlinkSync(target, path, type) {
  target = getValidatedPath(target, 'target');
  path = getValidatedPath(path);
  // Node reads the type once both paths have passed
  if (typeof type === 'string' && type !== 'dir' && type !== 'file' && type !== 'junction') {
    throw nodeError(Error, 'ERR_FS_INVALID_SYMLINK_TYPE',
      `Symlink type must be one of "dir", "file", or "junction". Received "${type}"`);
  }
  check(binding.symlink(target, path), 'symlink', target, path);
}

export function readlinkSync(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path, 'oldPath');
  return encodeName(check(binding.readlink(path), 'readlink', path), options.encoding);
}

export function linkSync(existingPath, newPath) {
  existingPath = getValidatedPath(existingPath, 'existingPath');
  newPath = getValidatedPath(newPath, 'newPath');
  if (existingPath === '' || newPath === '') throw uvException(UV_ENOENT, 'link', existingPath, newPath);
  check(binding.link(existingPath, newPath), 'link', existingPath, newPath);
}

// Node's JS realpath: walks the components with lstat/readlink, so errors name the component.
// path.resolve(p): absolute, with "." and ".." resolved as text.
function resolveFromCwd(p) {
  if (p.startsWith('/')) return resolveText('/', p);
  return resolveText(processCwd(), p);
}

export function realpathSync(p, options) {
  options = getOptions(options);
  if (p != null && typeof p === 'object' && typeof p.href === 'string') p = getValidatedPath(p);
  if (typeof p !== 'string') p += ''; // Node's realpathSync coerces
  p = resolveFromCwd(getValidatedPath(p)); // Node resolves ".." as text before walking
  let current = '';
  const parts = p.split('/');
  let links = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === '' || part === '.') continue;
    if (part === '..') {
      current = current.slice(0, current.lastIndexOf('/'));
      continue;
    }
    const next = `${current}/${part}`;
    const err = binding.stat(next, statValues, false);
    if (err < 0) throw uvException(err, 'lstat', next);
    if ((statValues[1] & S_IFMT) === constants.S_IFLNK) {
      // Node stat()s a link before reading it: a cycle or a dangling link fails there
      const followed = binding.stat(next, statValues, true);
      if (followed < 0) throw uvException(followed, 'stat', next);
      if (++links > 40) throw uvException(UV_ELOOP, 'stat', next);
      const target = check(binding.readlink(next), 'readlink', next);
      const rest = parts.slice(i + 1);
      parts.length = 0;
      parts.push(...target.split('/'), ...rest);
      i = -1;
      if (target.startsWith('/')) current = '';
      continue;
    }
    if (i < parts.length - 1 && parts.slice(i + 1).some((x) => x !== '') && (statValues[1] & S_IFMT) !== S_IFDIR) {
      throw uvException(UV_ENOTDIR, 'lstat', `${next}/${parts[i + 1]}`);
    }
    current = next;
  }
  return encodeName(current || '/', options.encoding);
}

realpathSync.native = function realpathNativeSync(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path);
  rejectEmpty(path, 'realpath');
  const r = binding.realpath(path);
  if (typeof r === 'number') throw uvException(r, 'realpath', path);
  return encodeName(r, options.encoding);
};

// --- modes, owners, times ---

export function chmodSync(path, mode) {
  path = getValidatedPath(path);
  mode = parseFileMode(mode, 'mode');
  check(binding.chmod(path, mode), 'chmod', path);
}

export function fchmodSync(fd, mode) {
  mode = parseFileMode(mode, 'mode');
  fd = getValidatedFdNative(fd);
  check(binding.fchmod(fd, mode), 'fchmod');
}

function validateIds(uid, gid) {
  validateInteger(uid, 'uid', -1, kMaxUserId);
  validateInteger(gid, 'gid', -1, kMaxUserId);
}

export function chownSync(path, uid, gid) {
  path = getValidatedPath(path);
  validateIds(uid, gid);
  check(binding.chown(path, uid, gid, true), 'chown', path);
}

export function lchownSync(path, uid, gid) {
  path = getValidatedPath(path);
  validateIds(uid, gid);
  check(binding.chown(path, uid, gid, false), 'lchown', path);
}

export function fchownSync(fd, uid, gid) {
  fd = getValidatedFdNative(fd);
  validateIds(uid, gid);
  check(binding.fchown(fd, uid, gid), 'fchown');
}

export function utimesSync(path, atime, mtime) {
  path = getValidatedPath(path);
  atime = toUnixTimestamp(atime);
  mtime = toUnixTimestamp(mtime);
  rejectEmpty(path, 'utime');
  check(binding.utimes(path, atime, mtime, true), 'utime', path);
}

export function lutimesSync(path, atime, mtime) {
  path = getValidatedPath(path);
  atime = toUnixTimestamp(atime);
  mtime = toUnixTimestamp(mtime);
  rejectEmpty(path, 'lutime');
  check(binding.utimes(path, atime, mtime, false), 'lutime', path);
}

export function futimesSync(fd, atime, mtime) {
  atime = toUnixTimestamp(atime, 'atime');
  mtime = toUnixTimestamp(mtime, 'mtime');
  check(binding.futimes(getValidatedFdNative(fd), atime, mtime), 'futime');
}

// --- file descriptors ---

export function openSync(path, flags, mode) {
  path = getValidatedPath(path);
  flags = stringToFlags(flags);
  mode = parseFileMode(mode, 'mode', 0o666);
  return check(binding.open(path, flags, mode), 'open', path);
}

export function closeSync(fd) {
  fd = getValidatedFdNative(fd);
  check(binding.close(fd), 'close');
}

export function readSync(fd, buffer, offsetOrOptions, length, position) {
  fd = getValidatedFd(fd);
  validateBuffer(buffer);
  let offset = offsetOrOptions;
  if (arguments.length <= 3 || typeof offsetOrOptions === 'object') {
    if (offsetOrOptions !== undefined) validateObject(offsetOrOptions, 'options', true);
    ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions ?? {});
  }
  if (offset === undefined) offset = 0;
  else validateInteger(offset, 'offset', 0);
  length |= 0;
  if (length === 0) return 0;
  if (buffer.byteLength === 0) throw invalidArgValue('buffer', buffer, 'is empty and cannot be written');
  validateOffsetLengthRead(offset, length, buffer.byteLength);
  if (position == null) position = -1;
  validatePosition(position, 'position', length);
  return check(binding.read(fd, buffer, offset, length, position < 0 ? -1 : Number(position)), 'read');
}

export function writeSync(fd, buffer, offsetOrOptions, length, position) {
  fd = getValidatedFd(fd);
  let offset = offsetOrOptions;
  if (ArrayBuffer.isView(buffer)) {
    if (typeof offset === 'object') {
      ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions ?? {});
    }
    if (position === undefined) position = null;
    if (offset == null) offset = 0;
    else validateInteger(offset, 'offset', 0);
    if (typeof length !== 'number') length = buffer.byteLength - offset;
    if (typeof position !== 'number') position = null;
    validateOffsetLengthWrite(offset, length, buffer.byteLength);
    return check(binding.write(fd, buffer, offset, length, offsetOf(position)), 'write');
  }
  if (typeof buffer !== 'string') {
    throw invalidArgType('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
  }
  validateStringEncoding(buffer, length);
  const pos = offsetOf(offset);
  // Node writes with an unknown encoding as UTF-8 here rather than throwing
  if (length === undefined || length === null || !Buffer.isEncoding(length) || length === 'utf8' || length === 'utf-8') {
    return check(binding.writeString(fd, buffer, pos), 'write');
  }
  const bytes = Buffer.from(buffer, length);
  return check(binding.write(fd, bytes, 0, bytes.length, pos), 'write');
}

function validateBufferArray(buffers, name = 'buffers') {
  if (!Array.isArray(buffers)) throw invalidArgType(name, 'ArrayBufferView[]', buffers);
  for (const b of buffers) {
    if (!ArrayBuffer.isView(b)) throw invalidArgType(name, 'ArrayBufferView[]', buffers);
  }
  return buffers;
}

export function readvSync(fd, buffers, position) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  return check(binding.readv(fd, buffers, offsetOf(position)), 'read');
}

export function writevSync(fd, buffers, position) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  if (buffers.length === 0) return 0;
  return check(binding.writev(fd, buffers, offsetOf(position)), 'write');
}

export function fsyncSync(fd) {
  fd = getValidatedFdNative(fd);
  check(binding.fsync(fd), 'fsync');
}

export function fdatasyncSync(fd) {
  fd = getValidatedFdNative(fd);
  check(binding.fdatasync(fd), 'fdatasync');
}

export function ftruncateSync(fd, len = 0) {
  validateInteger(len, 'len');
  fd = getValidatedFdNative(fd);
  check(binding.ftruncate(fd, Math.max(0, len)), 'ftruncate');
}

export function truncateSync(path, len) {
  if (typeof path === 'number') {
    showTruncateDeprecation();
    return ftruncateSync(path, len);
  }
  if (len === undefined) len = 0;
  path = getValidatedPath(path);
  if (!Number.isInteger(len)) { // Node opens the file before it looks at len
    const fd = openSync(path, 'r+');
    try {
      ftruncateSync(fd, len);
    } finally {
      closeSync(fd);
    }
  }
  const r = binding.truncate(path, Math.max(0, len));
  if (Array.isArray(r)) throw uvException(r[0], r[1]);
  check(r, 'open', path);
}

// --- whole files ---

// The rest of an open file from its current position, as Node's readFileSync(fd) reads it.
// With 'utf8' Node reads without an fstat first, so read() reports a bad fd.
// Node's readFileUtf8 reads an int32 fd as it is (-1: EBADF from read); the other encodings
// fstat it first, which checks its range
function readFd(fd, utf8) {
  if (!utf8) fd = getValidatedFd(fd);
  const err = binding.fstat(fd, statValues);
  if (err < 0 && !utf8) throw uvException(err, 'fstat');
  const size = err === 0 && (statValues[1] & S_IFMT) === S_IFREG ? statValues[8] : 0;
  const chunks = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(size > 0 ? Math.max(size - total, 1) : 8192);
    const n = check(binding.read(fd, chunk, 0, chunk.length, -1), 'read');
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

const kReadDefaults = Object.freeze({ flag: 'r' });
const kWriteDefaults = Object.freeze({ encoding: 'utf8', mode: 0o666, flag: 'w' });
const kAppendDefaults = Object.freeze({ encoding: 'utf8', mode: 0o666, flag: 'a' });

// The common calls, readFileSync(path[, 'utf8']) with a plain string path, skip option parsing.
function isPlainPath(path) {
  return typeof path === 'string' && !path.includes('\u0000');
}

// [errno, syscall] from the binding's whole-file read: a failed read() names no path.
function readFileError([errno, syscall], path) {
  return syscall === 'open' ? uvException(errno, 'open', path) : uvException(errno, syscall);
}

export function readFileSync(path, options) {
  if ((options === undefined || options === 'utf8') && isPlainPath(path)) {
    const result = options ? binding.readFileUtf8(path, O_RDONLY) : binding.readFile(path, O_RDONLY);
    if (Array.isArray(result)) throw readFileError(result, path);
    return options ? result : new FastBuffer(result);
  }
  options = getOptions(options, kReadDefaults);
  const encoding = options.encoding;
  if (isInt32(path)) {
    const buffer = readFd(path, encoding === 'utf8' || encoding === 'utf-8');
    return encoding ? buffer.toString(encoding) : buffer;
  }
  path = getValidatedPath(path);
  const flags = stringToFlags(options.flag);
  const isUtf8 = encoding === 'utf8' || encoding === 'utf-8';
  const result = isUtf8 ? binding.readFileUtf8(path, flags) : binding.readFile(path, flags);
  if (Array.isArray(result)) throw readFileError(result, path);
  if (isUtf8) return result;
  const buffer = new FastBuffer(result);
  return encoding ? buffer.toString(encoding) : buffer;
}

// Node's writeFileSync(fd) does not validate the fd: write() reports a bad one.
function writeAll(fd, bytes) {
  for (let off = 0; off < bytes.byteLength;) {
    off += check(binding.write(fd, bytes, off, bytes.byteLength - off, -1), 'write');
  }
}

// The binding opens, writes and closes in one call: an open failure names the path, a write
// failure does not (as Node's writeSync reports it).
function writeFileChecked(path, data, flags, mode) {
  const r = binding.writeFile(path, data, flags, mode);
  if (Array.isArray(r)) throw uvException(r[0], r[1]);
  check(r, 'open', path);
}

export function writeFileSync(path, data, options) {
  if ((options === undefined || options === 'utf8') && isPlainPath(path) &&
      (typeof data === 'string' || ArrayBuffer.isView(data))) {
    writeFileChecked(path, data, O_TRUNC | O_CREAT | O_WRONLY, 0o666);
    return;
  }
  options = getOptions(options, kWriteDefaults);
  if (options.flush != null) validateBoolean(options.flush, 'options.flush');
  if (!ArrayBuffer.isView(data)) {
    if (typeof data !== 'string') {
      throw invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
    }
  }
  const encoding = options.encoding || 'utf8';
  // C++ writes a UTF-8 string itself; anything else goes through writeSync
  const viaWriteSync = typeof data !== 'string' || (options.encoding !== 'utf8' && options.encoding !== 'utf-8');
  if (typeof data === 'string' && encoding !== 'utf8' && encoding !== 'utf-8') data = Buffer.from(data, encoding);
  // Node's UTF-8 string path ignores flush; the others fsync through fs.fsyncSync (mockable)
  const flush = options.flush === true && viaWriteSync;
  if (isInt32(path)) {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    if (viaWriteSync && bytes.byteLength > 0) getValidatedFd(path); // writeSync's check, per write
    writeAll(path, bytes);
    if (flush) fs.fsyncSync(path);
    return;
  }
  path = getValidatedPath(path);
  const flags = stringToFlags(options.flag || 'w');
  const mode = parseFileMode(options.mode, 'mode', 0o666);
  if (!flush) return writeFileChecked(path, data, flags, mode);
  const fd = check(binding.open(path, flags, mode), 'open', path);
  try {
    writeAll(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fs.fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function appendFileSync(path, data, options) {
  options = { ...getOptions(options, kAppendDefaults) };
  if (!options.flag || isInt32(path)) options.flag = 'a';
  writeFileSync(path, data, options);
}

// --- streams and watching load their modules on first use ---

// The stream classes load on first use: most programs never need node:stream. fs.ReadStream and
// fs.WriteStream can be replaced (graceful-fs does), and createReadStream/createWriteStream then
// make the replacements, as in Node.
let ReadStream;
let WriteStream;
let FileReadStream;
let FileWriteStream;
function lazyLoadStreams() {
  if (!ReadStream) {
    ({ ReadStream, WriteStream } = importBuiltin('qjsw:internal/fs/streams'));
    FileReadStream = ReadStream;
    FileWriteStream = WriteStream;
  }
}
export function createReadStream(path, options) {
  lazyLoadStreams();
  return new ReadStream(path, options);
}
export function createWriteStream(path, options) {
  lazyLoadStreams();
  return new WriteStream(path, options);
}
// fs.watch loads on first use too (it starts the journal only while a watcher lives).
export function watch(filename, options, listener) {
  return importBuiltin('qjsw:internal/fs/watch').watch(filename, options, listener);
}
// Stat polling on the guest event loop (qjsw:internal/fs/stat_watcher), loaded on first use.
const statWatchers = () => importBuiltin('qjsw:internal/fs/stat_watcher');
export function watchFile(filename, options, listener) {
  return statWatchers().watchFile(filename, options, listener);
}
export function unwatchFile(filename, listener) {
  return statWatchers().unwatchFile(filename, listener);
}

// --- callback forms ---

// Node checks these arguments before it looks for the callback.
export const access = callbackify(accessSync, 1, 3, false, 3, (path) => {
  getValidatedPath(path);
});
export const exists = function exists(path, callback) {
  validateFunction(callback, 'cb');
  try {
    path = getValidatedPath(path);
  } catch {
    return callback(false); // Node answers a bad path synchronously
  }
  const result = existsSync(path);
  later(() => callback(result));
};
// util.promisify(fs.exists) resolves to the boolean, as Node's custom promisified form.
Object.defineProperty(exists, Symbol.for('nodejs.util.promisify.custom'), {
  value: function exists(path) {
    return new Promise((resolve) => fsExists(path, resolve));
  },
});
const fsExists = exists;
// The callback forms always report a missing entry: they ignore throwIfNoEntry.
const statIgnoringNoEntry = (fn) => ({ [fn.name](path, options) {
  return fn(path, options == null ? options : { ...options, throwIfNoEntry: true });
} })[fn.name];
export const stat = callbackify(statIgnoringNoEntry(statSync), 1, 3, false, 1);
export const lstat = callbackify(statIgnoringNoEntry(lstatSync), 1, 3, false, 1);
export const fstat = callbackify(fstatSync, 1, 3, false, 1);
export const statfs = callbackify(statfsSync, 1, 3, false, 1);
export const readdir = callbackify(readdirSync, 1, 3);
export const mkdir = callbackify({ mkdir: (path, options) => makeDirectory(path, options, true) }.mkdir, 1, 3);
export const mkdtemp = callbackify(mkdtempSync, 1, 3);
export const rm = callbackify(rmSync, 1, 3);
export const rmdir = callbackify(rmdirSync, 1, 3);
export const unlink = callbackify(unlinkSync, 1, 2);
export const rename = callbackify(renameSync, 2, 3);
export const copyFile = callbackify(copyFileSync, 2, 4);
export function cp(src, dest, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'cb');
  // (Node calls back (null, undefined) here)
  cpAsync(src, dest, options).then(() => callback(null, undefined), (err) => callback(err));
}
export const symlink = callbackify(symlinkSync, 2, 4);
export const readlink = callbackify(readlinkSync, 1, 3);
export const link = callbackify(linkSync, 2, 3);
export const realpath = callbackify(realpathSync, 1, 3);
realpath.native = callbackify(realpathSync.native, 1, 3);
export const chmod = callbackify(chmodSync, 2, 3, false, 3, (path, mode) => {
  getValidatedPath(path);
  parseFileMode(mode, 'mode');
});
export const fchmod = callbackify(fchmodSync, 2, 3, false, 3, (fd, mode) => parseFileMode(mode, 'mode'));
export const chown = callbackify(chownSync, 3, 4);
export const lchown = callbackify(lchownSync, 3, 4);
export const fchown = callbackify(fchownSync, 3, 4, false, 4, (fd, uid, gid) => validateIds(uid, gid));
export const utimes = callbackify(utimesSync, 3, 4);
export const lutimes = callbackify(lutimesSync, 3, 4);
export const futimes = callbackify(futimesSync, 3, 4, false, 4, (fd, atime, mtime) => {
  toUnixTimestamp(atime, 'atime');
  toUnixTimestamp(mtime, 'mtime');
});
export const open = callbackify(openSync, 1, 4, false, 4, function open(path, flags, mode) {
  getValidatedPath(path);
  if (arguments.length < 3) {
    validateFunction(flags, 'cb'); // (path, callback): whatever is second is the callback
    return;
  }
  if (typeof mode !== 'function') parseFileMode(mode, 'mode', 0o666);
  stringToFlags(flags);
});
export const close = callbackify(closeSync, 1, 2, true);
export const fsync = callbackify(fsyncSync, 1, 2);
export const fdatasync = callbackify(fdatasyncSync, 1, 2);
export const ftruncate = callbackify(ftruncateSync, 1, 3, false, 1, (fd, len = 0) => {
  if (typeof len !== 'function') validateInteger(len, 'len');
});
const truncateCallback = callbackify(truncateSync, 1, 3);
export function truncate(path, len, callback) {
  if (typeof path === 'number') {
    showTruncateDeprecation();
    return ftruncate(path, len, callback);
  }
  if (typeof len === 'function') {
    callback = len;
    len = 0;
  } else if (len === undefined) {
    len = 0;
  }
  validateInteger(len, 'len');
  validateFunction(callback, 'cb');
  truncateCallback(path, len, callback);
}
// readFile, writeFile and appendFile take `callback ||= options`: with three functions given,
// the last is the callback and the one in the options slot means no options.
const readFileCallback = callbackify(readFileSync, 1, 3);
export function readFile(path, options, callback) {
  callback ||= options;
  validateFunction(callback, 'cb');
  options = getOptions(options, kReadDefaults);
  // Node reads a given fd on a later tick, where C++ first meets (and throws at) a bad one
  if (isInt32(path) && path < 0) {
    process.nextTick(() => getValidatedFd(path));
    return;
  }
  const { signal } = options;
  if (signal !== undefined && !isInt32(path)) {
    if (signal.aborted) return callback(abortError(signal));
    stringToFlags(options.flag, 'options.flag');
    getValidatedPath(path);
    // Node sees an abort that comes before its reads, which start after the open and fstat
    // have come back from the thread pool; an immediate comes after what is queued meanwhile.
    setImmediate(() => {
      let result;
      try {
        result = readFileSync(path, options);
      } catch (err) {
        return callback(err);
      }
      if (signal.aborted) callback(abortError(signal));
      else callback(null, result);
    });
    return;
  }
  if (isInt32(path) || typeof path === 'string') {
    if (readStdinPipe(path, options.flag, options.encoding, callback)) return;
  }
  return readFileCallback(path, options, callback);
}
// The callback forms write a given fd with fs.write, which validates it after the data and
// after a look at the signal (Node's writeAll).
const writeFileCallback = callbackify(writeFileSync, 2, 4);
export function writeFile(path, data, options, callback) {
  callback ||= options;
  validateFunction(callback, 'cb');
  options = getOptions(options, kWriteDefaults);
  const flush = options.flush ?? false;
  validateBoolean(flush, 'options.flush');
  if (!ArrayBuffer.isView(data) && typeof data !== 'string') {
    throw invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  const { signal } = options;
  if (isInt32(path)) {
    if (signal?.aborted) return callback(abortError(signal));
    getValidatedFd(path);
    return writeFileCallback(path, data, options, callback);
  }
  if (signal !== undefined || flush) {
    if (signal?.aborted) return callback(abortError(signal));
    // opened now, written once the open would have come back from the thread pool
    let fd;
    try {
      fd = openSync(path, options.flag || 'w', options.mode);
    } catch (err) {
      if (isArgumentErrorOf(err)) throw err;
      setImmediate(() => callback(err));
      return;
    }
    const done = (error) => {
      try {
        closeSync(fd);
      } catch (err) {
        error ??= err;
      }
      callback(error);
    };
    setImmediate(() => {
      try {
        if (signal?.aborted) throw abortError(signal);
        writeFileSync(fd, data, { ...options, flush: false });
      } catch (err) {
        return done(err);
      }
      // Node's writeAll syncs through fs.fsync (mockable) before it closes
      if (flush) fs.fsync(fd, (err) => done(err ?? null));
      else done(null);
    });
    return;
  }
  return writeFileCallback(path, data, options, callback);
}
// ERR_* argument errors throw synchronously; system errors go to the callback.
const isArgumentErrorOf = (err) => typeof err?.code === 'string' && err.code.startsWith('ERR_');
// as Node's: fs.writeFile with flag 'a'
export function appendFile(path, data, options, callback) {
  callback ||= options;
  validateFunction(callback, 'cb');
  options = copyObject(getOptions(options, kAppendDefaults));
  if (!options.flag || isInt32(path)) options.flag = 'a';
  return writeFile(path, data, options, callback);
}
// Async opendir errors name the path; the sync form's do not.
export const opendir = callbackify(function opendirSync(path, options) {
  try {
    return opendirSyncImpl(path, options);
  } catch (err) {
    if (err.syscall === 'opendir' && err.path === undefined) throw uvException(err.errno, 'opendir', getValidatedPath(path));
    throw err;
  }
}, 1, 3, false, 3, (path, options, callback) => validateFunction(typeof options === 'function' ? options : callback, 'callback'));

// fs.read's argument shuffles and checks, as Node 20 does them: (fd, cb), (fd, buffer|params, cb),
// (fd, buffer, options, cb) and (fd, buffer, offset, length, position, cb).
export function read(fd, buffer, offsetOrOptions, length, position, callback) {
  fd = getValidatedFd(fd);
  let offset = offsetOrOptions;
  let params = null;
  if (arguments.length <= 4) {
    if (arguments.length === 4) {
      validateObject(offsetOrOptions, 'options', true);
      callback = length;
      params = offsetOrOptions;
    } else if (arguments.length === 3) {
      if (!ArrayBuffer.isView(buffer)) {
        params = buffer;
        ({ buffer = Buffer.alloc(16384) } = params ?? {});
      }
      callback = offsetOrOptions;
    } else {
      callback = buffer;
      buffer = Buffer.alloc(16384);
    }
    if (params !== undefined) validateObject(params, 'options', true);
    ({ offset = 0, length = buffer?.byteLength - offset, position = null } = params ?? {});
  }
  validateBuffer(buffer);
  validateFunction(callback, 'cb');
  if (offset == null) offset = 0;
  else validateInteger(offset, 'offset', 0);
  length |= 0;
  if (length === 0) return reportTransfer(callback, buffer, () => 0);
  if (buffer.byteLength === 0) throw invalidArgValue('buffer', buffer, 'is empty and cannot be written');
  validateOffsetLengthRead(offset, length, buffer.byteLength);
  if (position == null) position = -1;
  validatePosition(position, 'position', length);
  const args = [buffer, offset, length, position < 0 ? -1 : Number(position)];
  readWhenReady(fd, args, callback);
}

// An empty pipe (a child's stdin its parent has not written to yet) is waited on, not EAGAIN.
function readWhenReady(fd, args, callback) {
  reportTransfer((err, bytes, buffer) => {
    if (err?.code === 'EAGAIN' && fd === 0 && processInternals.waitForStdin(() => readWhenReady(fd, args, callback))) return;
    callback(err, bytes, buffer);
  }, args[0], () => check(binding.read(fd, ...args), 'read'));
}

export function write(fd, buffer, offsetOrOptions, length, position, callback) {
  let args;
  if (ArrayBuffer.isView(buffer)) {
    callback = callback || position || length || offsetOrOptions;
    validateFunction(callback, 'cb');
    args = [offsetOrOptions, length, position].map((a) => (typeof a === 'function' ? undefined : a));
  } else {
    if (typeof buffer !== 'string') {
      throw invalidArgType('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
    }
    if (typeof position !== 'function') {
      if (typeof offsetOrOptions === 'function') {
        position = offsetOrOptions;
        offsetOrOptions = null;
      } else {
        position = length;
      }
      length = 'utf8';
    }
    validateStringEncoding(buffer, length);
    callback = position;
    validateFunction(callback, 'cb');
    args = [offsetOrOptions, length];
  }
  reportTransfer(callback, buffer, () => writeSync(fd, buffer, ...args));
}

export function readv(fd, buffers, position, callback) {
  if (typeof position === 'function') { callback = position; position = null; }
  validateFunction(callback, 'cb');
  reportTransfer(callback, buffers, () => readvSync(fd, buffers, position));
}

export function writev(fd, buffers, position, callback) {
  if (typeof position === 'function') { callback = position; position = null; }
  validateFunction(callback, 'cb');
  reportTransfer(callback, buffers, () => writevSync(fd, buffers, position));
}

// util.promisify resolves these to { bytesRead|bytesWritten, buffer|buffers }, as Node's.
for (const [fn, names] of [[read, ['bytesRead', 'buffer']], [readv, ['bytesRead', 'buffers']],
  [write, ['bytesWritten', 'buffer']], [writev, ['bytesWritten', 'buffers']]]) {
  Object.defineProperty(fn, kCustomPromisifyArgs, { value: names, enumerable: false });
}

export { promises };

const fs = {
  constants, F_OK, R_OK, W_OK, X_OK, Stats, BigIntStats, Dirent, Dir,
  existsSync, accessSync, statSync, lstatSync, fstatSync, statfsSync, readdirSync, opendirSync,
  mkdirSync, mkdtempSync, rmSync, rmdirSync, unlinkSync, renameSync, copyFileSync, cpSync,
  symlinkSync, readlinkSync, linkSync, realpathSync, chmodSync, fchmodSync, chownSync, lchownSync,
  fchownSync, utimesSync, lutimesSync, futimesSync, openSync, closeSync, readSync, writeSync,
  readvSync, writevSync, fsyncSync, fdatasyncSync, ftruncateSync, truncateSync, readFileSync,
  writeFileSync, appendFileSync,
  access, exists, stat, lstat, fstat, statfs, readdir, opendir, mkdir, mkdtemp, rm, rmdir, unlink,
  rename, copyFile, cp, symlink, readlink, link, realpath, chmod, fchmod, chown, lchown, fchown,
  utimes, lutimes, futimes, open, close, read, write, readv, writev, fsync, fdatasync, ftruncate,
  truncate, readFile, writeFile, appendFile,
  createReadStream, createWriteStream, watch, watchFile, unwatchFile,
  _toUnixTimestamp: toUnixTimestamp,
};
// A getter, as Node's: node:fs/promises imports node:fs, so its default export may not be
// initialized yet while this module evaluates (a guest importing fs/promises first).
Object.defineProperty(fs, 'promises', { get: () => promises, enumerable: true, configurable: true });
// replaceable, as graceful-fs does; createReadStream/createWriteStream make the replacements
Object.defineProperties(fs, {
  ReadStream: streamClass(() => ReadStream, (v) => { ReadStream = v; }),
  WriteStream: streamClass(() => WriteStream, (v) => { WriteStream = v; }),
  FileReadStream: streamClass(() => FileReadStream, (v) => { FileReadStream = v; }),
  FileWriteStream: streamClass(() => FileWriteStream, (v) => { FileWriteStream = v; }),
});
function streamClass(get, set) {
  return { get() { lazyLoadStreams(); return get(); }, set, enumerable: true, configurable: true };
}
export default fs;
export { toUnixTimestamp as _toUnixTimestamp };
