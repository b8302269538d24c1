// fs.ReadStream / fs.WriteStream: streams over an fd, opened in _construct (so 'open' and
// 'ready' come after the constructor returns) and closed when the stream is destroyed
// (autoClose). Loaded on first use, so require('fs') does not load node:stream.
import process from 'qjsw:internal/process_object';
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import { deprecate } from 'node:util';
import { FileHandle } from 'node:fs/promises';
import { Readable, Writable, finished } from 'node:stream';
import { errorOrDestroy } from 'qjsw:internal/streams/destroy';
import { invalidArgType, outOfRange, nodeError } from 'qjsw:internal/errors';
import { kRef, kUnref } from 'qjsw:internal/fs/file_handle_refs';
import {
  copyObject, getOptions, getValidatedPath, getValidatedFd, validateInteger, validateFunction, validateBoolean,
} from 'qjsw:internal/fs/utils';

const kIoDone = Symbol('kIoDone');
const kIsPerformingIO = Symbol('kIsPerformingIO');
const kFs = Symbol('kFs');
const kHandle = Symbol('kHandle');

const notImplemented = (what) => nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', `The ${what} method is not implemented`);
const streamDestroyed = (what) => nodeError(Error, 'ERR_STREAM_DESTROYED', `Cannot call ${what} after a stream was destroyed`);
// Node raises ERR_SYSTEM_ERROR with a bare string as its context, hence the undefined fields.
const systemError = () => nodeError(Error, 'ERR_SYSTEM_ERROR', 'A system error occurred: undefined returned undefined (undefined)');

// The fs operations of a stream over a FileHandle: its promise methods, called back. The handle
// holds a reference for the stream (kRef in importFd) that closing the stream gives back.
function fileHandleOps(handle) {
  return {
    open: () => {
      throw notImplemented('open()');
    },
    close: (fd, cb) => {
      handle[kUnref]();
      handle.close().then(() => cb(), cb);
    },
    fsync: (fd, cb) => {
      handle.sync().then(() => cb(), cb);
    },
    read: (fd, buf, offset, length, pos, cb) => {
      handle.read(buf, offset, length, pos).then((r) => cb(null, r.bytesRead, r.buffer), (err) => cb(err, 0, buf));
    },
    write: (fd, buf, offset, length, pos, cb) => {
      handle.write(buf, offset, length, pos).then((r) => cb(null, r.bytesWritten, r.buffer), (err) => cb(err, 0, buf));
    },
    writev: (fd, buffers, pos, cb) => {
      handle.writev(buffers, pos).then((r) => cb(null, r.bytesWritten, r.buffers), (err) => cb(err, 0, buffers));
    },
  };
}

// options.fd: a number is used with options.fs (or node:fs, whose functions are looked up at
// each call, so patching them works); a FileHandle through its own methods.
function importFd(stream, options) {
  if (typeof options.fd === 'number') {
    stream[kFs] = options.fs || fs;
    return options.fd;
  }
  if (typeof options.fd === 'object' && options.fd instanceof FileHandle) {
    if (options.fs) throw notImplemented('FileHandle with fs');
    stream[kHandle] = options.fd;
    stream[kFs] = fileHandleOps(options.fd);
    options.fd[kRef]();
    options.fd.on('close', stream.close.bind(stream));
    return options.fd.fd;
  }
  throw invalidArgType('options.fd', ['number', 'FileHandle'], options.fd);
}

function setup(stream, path, options, defaultFlags) {
  if (options.fd == null) {
    stream.fd = null;
    stream[kFs] = options.fs || fs;
    validateFunction(stream[kFs].open, 'options.fs.open');
    // A file: URL becomes its path; strings and Buffers are kept as given (Node's stream.path).
    const validated = getValidatedPath(path);
    stream.path = typeof path === 'string' || path instanceof Uint8Array ? path : validated;
    stream.flags = options.flags === undefined ? defaultFlags : options.flags;
    stream.mode = options.mode === undefined ? 0o666 : options.mode;
  } else {
    stream.fd = getValidatedFd(importFd(stream, options));
  }
  options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
}

// Opens the file unless an fd was given. A subclass's own open() (graceful-fs and code written
// for old Node) is still called: its 'open' or 'error' event then completes the construction.
function construct(callback) {
  const stream = this;
  if (typeof stream.fd === 'number') {
    callback();
    return;
  }
  if (stream.open !== openWriteFs && stream.open !== openReadFs) {
    const orgEmit = stream.emit;
    stream.emit = function (...args) {
      if (args[0] === 'open') {
        this.emit = orgEmit;
        callback();
        Reflect.apply(orgEmit, this, args);
      } else if (args[0] === 'error') {
        this.emit = orgEmit;
        callback(args[1]);
      } else {
        Reflect.apply(orgEmit, this, args);
      }
    };
    stream.open();
    return;
  }
  stream[kFs].open(stream.path, stream.flags, stream.mode, (er, fd) => {
    if (er) {
      callback(er);
    } else {
      stream.fd = fd;
      callback();
      stream.emit('open', stream.fd);
      stream.emit('ready');
    }
  });
}

function destroy(err, cb) {
  // An fd in use by a read or write is closed only once that call has returned.
  if (this[kIsPerformingIO]) this.once(kIoDone, (er) => close(this, err || er, cb));
  else close(this, err, cb);
}

// As in Node, fd 0 counts as no fd: a stream never closes stdin.
function close(stream, err, cb) {
  if (!stream.fd) {
    cb(err);
  } else if (stream.flush) {
    stream[kFs].fsync(stream.fd, (flushErr) => closeFd(stream, err || flushErr, cb));
  } else {
    closeFd(stream, err, cb);
  }
}

function closeFd(stream, err, cb) {
  stream[kFs].close(stream.fd, (er) => {
    cb(er || err);
  });
  stream.fd = null;
}

const autoCloseProperty = (side) => ({
  get() { return this[side].autoDestroy; },
  set(val) { this[side].autoDestroy = val; },
  configurable: true,
});

export function ReadStream(path, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(path, options);
  options = copyObject(getOptions(options, {}));
  if (options.highWaterMark === undefined) options.highWaterMark = 64 * 1024;
  setup(this, path, options, 'r');
  validateFunction(this[kFs].read, 'options.fs.read');
  if (options.autoDestroy) validateFunction(this[kFs].close, 'options.fs.close');
  this.start = options.start;
  this.end = options.end === undefined ? Infinity : options.end;
  this.pos = undefined;
  this.bytesRead = 0;
  this[kIsPerformingIO] = false;
  if (this.start !== undefined) {
    validateInteger(this.start, 'start', 0);
    this.pos = this.start;
  }
  if (this.end !== Infinity) {
    validateInteger(this.end, 'end', 0);
    if (this.start !== undefined && this.start > this.end) {
      throw outOfRange('start', `<= "end" (here: ${this.end})`, this.start);
    }
  }
  Readable.call(this, options);
}
Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
Object.setPrototypeOf(ReadStream, Readable);

Object.defineProperties(ReadStream.prototype, {
  autoClose: autoCloseProperty('_readableState'),
  pending: { get() { return this.fd === null; }, configurable: true },
});

const openReadFs = deprecate(function () {}, 'ReadStream.prototype.open() is deprecated', 'DEP0135');
ReadStream.prototype.open = openReadFs;
ReadStream.prototype._construct = construct;
ReadStream.prototype._destroy = destroy;

ReadStream.prototype._read = function (n) {
  n = this.pos !== undefined ? Math.min(this.end - this.pos + 1, n) : Math.min(this.end - this.bytesRead + 1, n);
  if (n <= 0) {
    this.push(null);
    return;
  }
  const buf = Buffer.allocUnsafeSlow(n);
  this[kIsPerformingIO] = true;
  this[kFs].read(this.fd, buf, 0, n, this.pos, (er, bytesRead, buf) => {
    this[kIsPerformingIO] = false;
    // The stream was destroyed while reading: let the pending close go ahead.
    if (this.destroyed) {
      this.emit(kIoDone, er);
      return;
    }
    if (er) {
      errorOrDestroy(this, er);
    } else if (bytesRead > 0) {
      if (this.pos !== undefined) this.pos += bytesRead;
      this.bytesRead += bytesRead;
      if (bytesRead !== buf.length) {
        const dst = Buffer.allocUnsafeSlow(bytesRead);
        buf.copy(dst, 0, 0, bytesRead);
        buf = dst;
      }
      this.push(buf);
    } else {
      this.push(null);
    }
  });
};

ReadStream.prototype.close = function (cb) {
  if (typeof cb === 'function') finished(this, cb);
  this.destroy();
};

export function WriteStream(path, options) {
  if (!(this instanceof WriteStream)) return new WriteStream(path, options);
  options = copyObject(getOptions(options, {}));
  // Strings are always turned into Buffers before _write.
  options.decodeStrings = true;
  setup(this, path, options, 'w');
  if (!this[kFs].write && !this[kFs].writev) throw invalidArgType('options.fs.write', 'function', this[kFs].write);
  if (this[kFs].write) validateFunction(this[kFs].write, 'options.fs.write');
  if (this[kFs].writev) validateFunction(this[kFs].writev, 'options.fs.writev');
  if (options.autoDestroy) validateFunction(this[kFs].close, 'options.fs.close');
  this.flush = options.flush;
  if (this.flush == null) {
    this.flush = false;
  } else {
    validateBoolean(this.flush, 'options.flush');
    validateFunction(this[kFs].fsync, 'options.fs.fsync');
  }
  // Either of write and writev is enough: the stream then only uses the one given.
  if (!this[kFs].write) this._write = null;
  if (!this[kFs].writev) this._writev = null;
  this.start = options.start;
  this.pos = undefined;
  this.bytesWritten = 0;
  this[kIsPerformingIO] = false;
  if (this.start !== undefined) {
    validateInteger(this.start, 'start', 0);
    this.pos = this.start;
  }
  Writable.call(this, options);
  if (options.encoding) this.setDefaultEncoding(options.encoding);
}
Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(WriteStream, Writable);

Object.defineProperties(WriteStream.prototype, {
  autoClose: autoCloseProperty('_writableState'),
  pending: { get() { return this.fd === null; }, configurable: true },
});

const openWriteFs = deprecate(function () {}, 'WriteStream.prototype.open() is deprecated', 'DEP0135');
WriteStream.prototype.open = openWriteFs;
WriteStream.prototype._construct = construct;
WriteStream.prototype._destroy = destroy;

// Writes the whole chunk, continuing after short writes (the rest of the buffer the write
// call handed back).
function writeAll(stream, data, size, pos, cb, retries = 0) {
  stream[kFs].write(stream.fd, data, 0, size, pos, (er, bytesWritten, buffer) => {
    if (er?.code === 'EAGAIN') {
      er = null;
      bytesWritten = 0;
    }
    if (stream.destroyed || er) return cb(er || streamDestroyed('write'));
    stream.bytesWritten += bytesWritten;
    retries = bytesWritten ? 0 : retries + 1;
    size -= bytesWritten;
    // Node's NaN position here means "the current position", which undefined says to our fs.
    if (pos !== undefined) pos += bytesWritten;
    if (retries > 5) cb(systemError());
    else if (size) writeAll(stream, buffer.slice(bytesWritten), size, pos, cb, retries);
    else cb();
  });
}

// As writeAll for a batch of chunks; Node passes the stream's position again on a retry.
function writevAll(stream, chunks, size, cb, retries = 0) {
  stream[kFs].writev(stream.fd, chunks, stream.pos, (er, bytesWritten, buffers) => {
    if (er?.code === 'EAGAIN') {
      er = null;
      bytesWritten = 0;
    }
    if (stream.destroyed || er) return cb(er || streamDestroyed('writev'));
    stream.bytesWritten += bytesWritten;
    retries = bytesWritten ? 0 : retries + 1;
    size -= bytesWritten;
    if (retries > 5) cb(systemError());
    else if (size) writevAll(stream, [Buffer.concat(buffers).slice(bytesWritten)], size, cb, retries);
    else cb();
  });
}

function afterIo(stream, cb) {
  return (er) => {
    stream[kIsPerformingIO] = false;
    if (stream.destroyed) {
      // _destroy waits for this to close the fd.
      cb(er);
      return stream.emit(kIoDone, er);
    }
    cb(er);
  };
}

WriteStream.prototype._write = function (data, encoding, cb) {
  this[kIsPerformingIO] = true;
  writeAll(this, data, data.length, this.pos, afterIo(this, cb));
  if (this.pos !== undefined) this.pos += data.length;
};

WriteStream.prototype._writev = function (data, cb) {
  const chunks = new Array(data.length);
  let size = 0;
  for (let i = 0; i < data.length; i++) {
    chunks[i] = data[i].chunk;
    size += chunks[i].length;
  }
  this[kIsPerformingIO] = true;
  writevAll(this, chunks, size, afterIo(this, cb));
  if (this.pos !== undefined) this.pos += size;
};

WriteStream.prototype.close = function (cb) {
  if (cb) {
    if (this.closed) {
      process.nextTick(cb);
      return;
    }
    this.on('close', cb);
  }
  // Without autoClose, end() alone would leave the fd open.
  if (!this.autoClose) this.on('finish', this.destroy);
  this.end();
};

WriteStream.prototype.destroySoon = WriteStream.prototype.end;
