// fs.ReadStream / fs.WriteStream: streams over an fd, opened in _construct (so 'open' and
// 'ready' come after the constructor returns) and closed when the stream is destroyed
// (autoClose). Loaded on first use, so require('fs') does not load node:stream.
import process from 'node:process';
import { Buffer } from 'node:buffer';
import * as fs from 'node:fs';
import { Readable, Writable, finished } from 'node:stream';
import { errorOrDestroy } from 'qjsw:internal/streams/destroy';
import { invalidArgType, outOfRange } from 'qjsw:internal/errors';
import { getOptions, getValidatedPath, getValidatedFd, validateInteger, validateFunction } from 'qjsw:internal/fs/utils';

const kIoDone = Symbol('kIoDone');
const kIsPerformingIO = Symbol('kIsPerformingIO');
const kFs = Symbol('kFs');
const kHandle = Symbol('kHandle');

// Streams read and write through these (options.fs may replace them, as in Node); a FileHandle
// given as `fd` is used through its own methods.
function handleOps(handle) {
  return {
    read: (fd, buf, offset, length, position, cb) => {
      handle.read(buf, offset, length, position).then(({ bytesRead }) => cb(null, bytesRead, buf), (err) => cb(err, 0, buf));
    },
    write: (fd, buf, offset, length, position, cb) => {
      handle.write(buf, offset, length, position).then(({ bytesWritten }) => cb(null, bytesWritten, buf), (err) => cb(err, 0, buf));
    },
    close: (fd, cb) => {
      handle.close().then(() => cb(), cb);
    },
  };
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
  } else if (typeof options.fd === 'object' && options.fd !== null && typeof options.fd.close === 'function' && 'fd' in options.fd) {
    stream[kHandle] = options.fd;
    stream[kFs] = handleOps(options.fd);
    stream.fd = options.fd.fd;
  } else {
    stream[kFs] = options.fs || fs;
    if (typeof options.fd !== 'number') throw invalidArgType('options.fd', ['number', 'FileHandle'], options.fd);
    stream.fd = getValidatedFd(options.fd, 'fd');
  }
  options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
}

function construct(callback) {
  if (typeof this.fd === 'number') {
    callback();
    return;
  }
  this[kFs].open(this.path, this.flags, this.mode, (er, fd) => {
    if (er) {
      callback(er);
    } else {
      this.fd = fd;
      callback();
      this.emit('open', this.fd);
      this.emit('ready');
    }
  });
}

function destroy(err, cb) {
  // An fd in use by a read or write is closed only once that call has returned.
  if (this[kIsPerformingIO]) this.once(kIoDone, (er) => close(this, err || er, cb));
  else close(this, err, cb);
}

function close(stream, err, cb) {
  if (!stream.fd && stream.fd !== 0) {
    cb(err);
  } else {
    stream[kFs].close(stream.fd, (er) => {
      cb(er || err);
    });
    stream.fd = null;
  }
}

const autoCloseProperty = (side) => ({
  get() { return this[side].autoDestroy; },
  set(val) { this[side].autoDestroy = val; },
  configurable: true,
});

export function ReadStream(path, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(path, options);
  options = { ...getOptions(options, {}) };
  if (options.highWaterMark === undefined) options.highWaterMark = 64 * 1024;
  setup(this, path, options, 'r');
  validateFunction(this[kFs].read, 'options.fs.read');
  if (options.autoDestroy) validateFunction(this[kFs].close, 'options.fs.close');
  this.start = options.start;
  this.end = options.end ?? Infinity;
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
  this[kFs].read(this.fd, buf, 0, n, this.pos ?? null, (er, bytesRead, buf) => {
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
  options = { ...getOptions(options, {}) };
  // Strings are always turned into Buffers before _write.
  options.decodeStrings = true;
  setup(this, path, options, 'w');
  validateFunction(this[kFs].write, 'options.fs.write');
  if (options.autoDestroy) validateFunction(this[kFs].close, 'options.fs.close');
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

WriteStream.prototype._construct = construct;
WriteStream.prototype._destroy = destroy;

// Writes the whole chunk, continuing after short writes.
function writeAll(stream, data, size, pos, cb, retries = 0) {
  stream[kFs].write(stream.fd, data, 0, size, pos ?? null, (er, bytesWritten) => {
    if (er?.code === 'EAGAIN') {
      er = null;
      bytesWritten = 0;
    }
    if (stream.destroyed || er) return cb(er || new Error('Cannot call write after a stream was destroyed'));
    stream.bytesWritten += bytesWritten;
    retries = bytesWritten ? 0 : retries + 1;
    size -= bytesWritten;
    if (pos != null) pos += bytesWritten;
    if (retries > 5) cb(new Error('writeAll failed'));
    else if (size) writeAll(stream, data.subarray(bytesWritten), size, pos, cb, retries);
    else cb();
  });
}

WriteStream.prototype._write = function (data, encoding, cb) {
  this[kIsPerformingIO] = true;
  writeAll(this, data, data.length, this.pos, (er) => {
    this[kIsPerformingIO] = false;
    if (this.destroyed) {
      cb(er);
      return this.emit(kIoDone, er);
    }
    cb(er);
  });
  if (this.pos !== undefined) this.pos += data.length;
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

export function createReadStream(path, options) {
  return new ReadStream(path, options);
}

export function createWriteStream(path, options) {
  return new WriteStream(path, options);
}
