// node:fs/promises — the promise API and FileHandle, over the same synchronous implementation as
// node:fs (every call settles through a promise job; argument errors reject, as in Node).
import * as ac from 'qjsw:internal/async_context';
import * as fs from 'node:fs';
import { Buffer } from 'node:buffer';
import {
  constants, emitFileHandleGcWarnings, getOptions, makeDirectory, validateBoolean, validateInteger,
} from 'qjsw:internal/fs/utils';
import { setImmediate } from 'qjsw:internal/loop';

const kReadDefaults = Object.freeze({ flag: 'r' });
import { aggregateTwoErrors, invalidArgType, nodeError, uvException } from 'qjsw:internal/errors';
import { UV_EBADF } from 'qjsw:binding/uv';
import { cpAsync } from 'qjsw:internal/fs/cp';
import { readStdinPipePromise } from 'qjsw:internal/fs/stdin_pipe';
import { importBuiltin } from 'qjsw:binding/module';
import EventEmitter from 'node:events';
import { DOMException } from 'qjsw:internal/dom_exception';
import { kRef, kUnref, kTransferFd, kDetach, setFileHandleClass } from 'qjsw:internal/fs/file_handle_refs';

export { constants };

const kFd = Symbol('kFd');

// What Node's FileHandle methods throw once the handle is closed; syscall names the internal
// function the method runs (fstat for stat, writeFile for appendFile, ...).
function closedError(syscall) {
  const err = new Error('file closed');
  err.code = 'EBADF';
  err.syscall = syscall;
  return err;
}

// A chunk of iterable writeFile data, as Node's Buffer.from takes it.
function chunkBytes(chunk, encoding) {
  if (typeof chunk === 'string') return Buffer.from(chunk, encoding || 'utf8');
  if (ArrayBuffer.isView(chunk)) return chunk;
  throw invalidArgType('first argument', ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], chunk);
}

const encodingOf = (options) => (typeof options === 'string' ? options : options?.encoding);

// writeFile/appendFile data: strings, views, or (sync) iterables of them.
function collectData(data, options) {
  if (typeof data === 'string' || ArrayBuffer.isView(data)) return data;
  if (data != null && typeof data === 'object' && typeof data[Symbol.iterator] === 'function') {
    const encoding = encodingOf(options);
    return Buffer.concat(Array.from(data, (chunk) => chunkBytes(chunk, encoding)));
  }
  return data;
}

// An event emitter without being an EventEmitter: Node mixes EventEmitter's methods into a base
// class of FileHandle (so its own fields come after the emitter's). FileHandle emits 'close' when
// close() is called, which is how streams over it learn to close.
class EmitterMixin {
  constructor() {
    EventEmitter.call(this);
  }
}
{
  const methods = Object.getOwnPropertyDescriptors(EventEmitter.prototype);
  delete methods.constructor;
  Object.defineProperties(EmitterMixin.prototype, methods);
}

// An open handle that is collected closes its fd, with Node's warnings.
const closeOnCollect = new FinalizationRegistry((fd) => {
  try {
    fs.closeSync(fd);
  } catch {
    // (closed meanwhile by its number)
  }
  emitFileHandleGcWarnings(fd);
});

// close() waits for the operations in flight and the streams over the handle, each of which
// holds a reference to it.
export class FileHandle extends EmitterMixin {
  #refs = 1;
  #closePromise = null;
  #closeSettle = null;
  constructor(fd) {
    super();
    this[kFd] = fd;
    closeOnCollect.register(this, fd, this);
  }
  get fd() {
    return this[kFd];
  }
  #use(syscall, fn) {
    if (this[kFd] === -1) return Promise.reject(closedError(syscall));
    this.#refs++;
    const fd = this[kFd];
    return Promise.resolve().then(() => fn(fd)).finally(() => this.#unref());
  }
  #unref() {
    if (--this.#refs !== 0) return;
    const fd = this[kFd];
    this[kFd] = -1;
    closeOnCollect.unregister(this);
    const settle = this.#closeSettle;
    this.#closeSettle = null;
    later(() => fs.closeSync(fd)).then(settle?.resolve, settle?.reject);
  }
  getAsyncId() { return this[kFd]; }
  appendFile(data, options) { return this.#use('writeFile', () => writeFile(this, data, options)); }
  chmod(mode) { return this.#use('fchmod', (fd) => fs.fchmodSync(fd, mode)); }
  chown(uid, gid) { return this.#use('fchown', (fd) => fs.fchownSync(fd, uid, gid)); }
  datasync() { return this.#use('fdatasync', (fd) => fs.fdatasyncSync(fd)); }
  sync() { return this.#use('fsync', (fd) => fs.fsyncSync(fd)); }
  read(buffer, offset, length, position) {
    return this.#use('read', (fd) => {
      if (buffer === undefined || buffer === null || (!ArrayBuffer.isView(buffer) && typeof buffer === 'object')) {
        const opts = buffer ?? {};
        buffer = opts.buffer ?? Buffer.alloc(16384);
        offset = opts.offset ?? 0;
        length = opts.length ?? buffer.byteLength - offset;
        position = opts.position ?? null;
      } else if (typeof offset === 'object' && offset !== null) {
        ({ offset = 0, length = buffer.byteLength - offset, position = null } = offset);
      }
      const bytesRead = fs.readSync(fd, buffer, offset ?? 0, length ?? buffer.byteLength - (offset ?? 0), position ?? null);
      return { bytesRead, buffer };
    });
  }
  readv(buffers, position) {
    return this.#use('readv', (fd) => ({ bytesRead: fs.readvSync(fd, buffers, position), buffers }));
  }
  readFile(options) { return this.#use('readFile', () => readFile(this, options)); }
  stat(options) { return this.#use('fstat', (fd) => fs.fstatSync(fd, options)); }
  truncate(len = 0) { return this.#use('ftruncate', (fd) => fs.ftruncateSync(fd, len)); }
  utimes(atime, mtime) { return this.#use('futimes', (fd) => fs.futimesSync(fd, atime, mtime)); }
  write(buffer, ...args) {
    return this.#use('write', (fd) => ({ bytesWritten: fs.writeSync(fd, buffer, ...args), buffer }));
  }
  writev(buffers, position) {
    return this.#use('writev', (fd) => ({ bytesWritten: fs.writevSync(fd, buffers, position), buffers }));
  }
  writeFile(data, options) { return this.#use('writeFile', () => writeFile(this, data, options)); }
  // a stream over the handle holds it open until the stream closes
  [kRef]() {
    this.#refs++;
  }
  [kUnref]() {
    this.#unref();
  }
  // worker_threads' transfer list (Node's kTransfer): only a handle nothing else uses moves
  [kTransferFd]() {
    if (this.#closePromise || this.#refs > 1) throw new DOMException('Cannot transfer FileHandle while in use', 'DataCloneError');
    return this[kFd];
  }
  [kDetach]() {
    closeOnCollect.unregister(this);
    this[kFd] = -1;
    this.#refs = 0;
  }
  close = () => {
    if (this[kFd] === -1) return Promise.resolve();
    if (this.#closePromise) return this.#closePromise;
    const closing = new Promise((resolve, reject) => {
      this.#closeSettle = { resolve, reject };
    });
    this.#closePromise = closing.finally(() => {
      this.#closePromise = null;
    });
    const promise = this.#closePromise;
    this.#unref();
    this.emit('close');
    return promise;
  };
  async [Symbol.asyncDispose]() {
    return this.close();
  }
  // The stream classes themselves, not a replaced fs.ReadStream/fs.WriteStream, as Node does.
  createReadStream(options = undefined) {
    const { ReadStream } = importBuiltin('qjsw:internal/fs/streams');
    return new ReadStream(undefined, { ...options, fd: this });
  }
  readLines(options = undefined) {
    const { Interface } = importBuiltin('qjsw:internal/readline');
    return new Interface({ input: this.createReadStream(options), crlfDelay: Infinity });
  }
  createWriteStream(options = undefined) {
    const { WriteStream } = importBuiltin('qjsw:internal/fs/streams');
    return new WriteStream(undefined, { ...options, fd: this });
  }
}

setFileHandleClass(FileHandle);

// Each operation is an async resource of its own, as Node's FSReqPromise (async_hooks'
// FSREQPROMISE): it runs in a later job, in the resource's scope, and is destroyed after.
class FSReqPromise {}
const later = (fn) => {
  const id = ac.newAsyncId();
  const trigger = ac.defaultTriggerAsyncId();
  const req = ac.hooksOn ? new FSReqPromise() : ac.topLevelResource;
  if (ac.hooksOn) ac.emitInit(id, 'FSREQPROMISE', trigger, req);
  return Promise.resolve().then(() => {
    try {
      return ac.runAs(id, trigger, req, ac.currentContext(), fn, undefined, []);
    } finally {
      ac.emitDestroy(id);
    }
  });
};

// readFile/writeFile/appendFile with an already aborted `signal` reject before touching the file,
// with Node's AbortError (the reason as its cause).
function checkAborted(options) {
  const signal = options !== null && typeof options === 'object' ? options.signal : undefined;
  if (signal?.aborted) {
    const err = new Error('The operation was aborted', { cause: signal.reason });
    err.code = 'ABORT_ERR';
    err.name = 'AbortError';
    throw err;
  }
}

export const access = (path, mode) => later(() => fs.accessSync(path, mode));
export const appendFile = async (path, data, options) => {
  options = { ...getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' }) };
  options.flag = options.flag || 'a';
  return writeFile(path, data, options);
};
export const chmod = (path, mode) => later(() => fs.chmodSync(path, mode));
export const chown = (path, uid, gid) => later(() => fs.chownSync(path, uid, gid));
export const copyFile = (src, dest, mode) => later(() => fs.copyFileSync(src, dest, mode));
export const cp = (src, dest, options) => later(() => cpAsync(src, dest, options));
export const lchown = (path, uid, gid) => later(() => fs.lchownSync(path, uid, gid));
export const lutimes = (path, atime, mtime) => later(() => fs.lutimesSync(path, atime, mtime));
export const link = (existingPath, newPath) => later(() => fs.linkSync(existingPath, newPath));
export const lstat = (path, options) => later(() => fs.lstatSync(path, options));
export const mkdir = (path, options) => later(() => makeDirectory(path, options, true));
export const mkdtemp = (prefix, options) => later(() => fs.mkdtempSync(prefix, options));
export const open = (path, flags, mode) => later(() => new FileHandle(fs.openSync(path, flags, mode)));
export const opendir = (path, options) => new Promise((resolve, reject) => {
  fs.opendir(path, options, (err, dir) => (err ? reject(err) : resolve(dir)));
});
export const readdir = (path, options) => later(() => fs.readdirSync(path, options));
// readFile, writeFile and truncate of a path go through a FileHandle, as Node's: the handle's fd
// is read for the operation and the handle closed after it, whatever the operation's outcome.
export const readFile = async (path, options) => {
  options = getOptions(options, kReadDefaults);
  const flag = options.flag || 'r';
  if (path instanceof FileHandle) return readFileHandle(path, options);
  checkAborted(options);
  const handle = await open(path, flag, 0o666);
  return handleFdClose(readFileHandle(handle, options), handle.close);
};

async function readFileHandle(handle, options) {
  checkAborted(options);
  const fd = handle.fd;
  // with a signal, the bytes are read once a turn of I/O has passed, as Node's fstat comes back
  // from the thread pool before its reads, where an abort queued meanwhile is seen
  if (options.signal !== undefined) await afterIO();
  return later(() => {
    checkAborted(options);
    return readStdinPipePromise(fd, options.encoding) ?? fs.readFileSync(fd, options);
  });
}

// The close's outcome after the operation's: a failed close after a failed operation rejects
// with both (Node's handleFdClose).
function handleFdClose(fileOpPromise, closeFunc) {
  return fileOpPromise.then(
    (result) => closeFunc().then(() => result),
    (opError) => closeFunc().then(
      () => Promise.reject(opError),
      (closeError) => Promise.reject(aggregateTwoErrors(closeError, opError)),
    ),
  );
}
export const readlink = (path, options) => later(() => fs.readlinkSync(path, options));
// Node's promises.realpath is libuv's realpath(3), not fs.realpath's walk in JS
export const realpath = (path, options) => later(() => fs.realpathSync.native(path, options));
export const rename = (oldPath, newPath) => later(() => fs.renameSync(oldPath, newPath));
export const rm = (path, options) => later(() => fs.rmSync(path, options));
export const rmdir = (path, options) => later(() => fs.rmdirSync(path, options));
export const stat = (path, options) => later(() => fs.statSync(path, options));
export const statfs = (path, options) => later(() => fs.statfsSync(path, options));
export const symlink = (target, path, type) => later(() => fs.symlinkSync(target, path, type));
// (Node opens the path: an fd is no path here, unlike fs.truncate's deprecated form)
export const truncate = async (path, len = 0) => {
  const handle = await open(path, 'r+');
  return handleFdClose(ftruncate(handle, len), handle.close);
};

async function ftruncate(handle, len) {
  validateInteger(len, 'len');
  const fd = handle.fd;
  return later(() => fs.ftruncateSync(fd, Math.max(0, len)));
}
export const unlink = (path) => later(() => fs.unlinkSync(path));
export const utimes = (path, atime, mtime) => later(() => fs.utimesSync(path, atime, mtime));
export const writeFile = async (path, data, options) => {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w', flush: false });
  const flag = options.flag || 'w';
  const flush = options.flush ?? false;
  validateBoolean(flush, 'options.flush');
  if (!ArrayBuffer.isView(data) && !isCustomIterable(data)) {
    if (typeof data !== 'string') throw invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
    data = Buffer.from(data, options.encoding || 'utf8');
  }
  if (path instanceof FileHandle) return writeFileHandle(path, data, options);
  checkAborted(options);
  const handle = await open(path, flag, options.mode);
  let writeOp = writeFileHandle(handle, data, options);
  if (flush) writeOp = writeOp.then((result) => handle.sync().then(() => result));
  return handleFdClose(writeOp, handle.close);
};

const isCustomIterable = (data) => data != null && typeof data === 'object' && !ArrayBuffer.isView(data) &&
  (typeof data[Symbol.asyncIterator] === 'function' || typeof data[Symbol.iterator] === 'function');

// Node's writeFileHandle: the handle's fd is read for the first write (none for no bytes).
async function writeFileHandle(handle, data, options) {
  checkAborted(options);
  if (isCustomIterable(data) && options.signal !== undefined) {
    // chunk by chunk, as Node writes them: an abort stops it between two, after what is written.
    // The first check comes after a turn of I/O, as Node's after the open of a path does.
    await afterIO();
    checkAborted(options);
    for await (const chunk of data) {
      checkAborted(options);
      const bytes = chunkBytes(chunk, options.encoding);
      if (bytes.byteLength !== 0) await writeAfterIO(handle.fd, bytes, options);
      checkAborted(options);
    }
    return;
  }
  if (isCustomIterable(data)) {
    data = typeof data[Symbol.asyncIterator] === 'function' ? await collectAsync(data, options) : collectData(data, options);
    checkAborted(options);
  }
  if (data.byteLength === 0) return;
  return writeAfterIO(handle.fd, data, options);
}

async function collectAsync(data, options) {
  const chunks = [];
  for await (const chunk of data) {
    checkAborted(options);
    chunks.push(chunkBytes(chunk, encodingOf(options)));
  }
  return Buffer.concat(chunks);
}

// With a signal, the bytes are written once a turn of I/O has passed, as Node's first write
// comes back from the thread pool, where an abort queued meanwhile is seen.
async function writeAfterIO(fd, data, options) {
  if (options.signal !== undefined) {
    await afterIO();
    checkAborted(options);
    return writeBytes(fd, data);
  }
  return later(() => writeBytes(fd, data));
}

// (a closed handle's fd, -1, goes to the binding in Node, which reports EBADF)
function writeBytes(fd, data) {
  if (fd === -1) throw uvException(UV_EBADF, 'write');
  return fs.writeFileSync(fd, data);
}

// Node's file I/O calls back from the thread pool, after the ticks and promise jobs queued
// meanwhile; an immediate comes after them too.
const afterIO = () => new Promise((resolve) => setImmediate(resolve));
// An async iterator of { eventType, filename } (qjsw:internal/fs/watch).
export const watch = (filename, options) => importBuiltin('qjsw:internal/fs/watch').watchAsync(filename, options);
// Linux has no lchmod: Node's promise API keeps the name and rejects.
export const lchmod = () =>
  Promise.reject(nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The lchmod() method is not implemented'));

export default {
  constants, FileHandle, access, appendFile, chmod, chown, copyFile, cp, lchown, lutimes, link,
  lstat, mkdir, mkdtemp, open, opendir, readdir, readFile, readlink, realpath, rename, rm, rmdir,
  stat, statfs, symlink, truncate, unlink, utimes, writeFile, watch, lchmod,
};
