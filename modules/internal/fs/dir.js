// fs.Dir: an open directory read entry by entry (opendir), over the binding's DIR handles.
import * as binding from 'qjsw:binding/fs';
import { nodeError } from 'qjsw:internal/errors';
import { later } from 'qjsw:internal/fs/callbacks';
import { check, getOptions, getValidatedPath, validateFunction, validateUint32, Dirent, encodeName,
  direntTypeFromMode, kStatFields, constants } from 'qjsw:internal/fs/utils';

const statValues = new Float64Array(kStatFields);

function dirConcurrent() {
  return nodeError(Error, 'ERR_DIR_CONCURRENT_OPERATION',
    'Cannot do synchronous work on directory handle with concurrent asynchronous operations');
}

function dirClosed() {
  return nodeError(Error, 'ERR_DIR_CLOSED', 'Directory handle was closed');
}

export class Dir {
  #handle;
  #path;
  #encoding;
  #buffer = [];
  #bufferSize;
  #closed = false;
  #queue = null;

  constructor(handle, path, options) {
    if (handle == null) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "handle" argument must be specified');
    this.#handle = handle;
    this.#path = path;
    this.#encoding = options.encoding;
    this.#bufferSize = options.bufferSize ?? 32;
  }

  get path() {
    return this.#path;
  }

  readSync() {
    if (this.#closed) throw dirClosed();
    if (this.#queue !== null) throw dirConcurrent();
    return this.#readNow();
  }

  #readNow() {
    if (this.#buffer.length === 0) {
      const entries = check(binding.dirRead(this.#handle, this.#bufferSize), 'scandir', this.#path);
      for (let i = 0; i < entries.length; i += 2) this.#buffer.push([entries[i], entries[i + 1]]);
    }
    const next = this.#buffer.shift();
    if (!next) return null;
    let [name, type] = next;
    if (type === constants.UV_DIRENT_UNKNOWN && binding.stat(`${this.#path}/${name}`, statValues, false) === 0) {
      type = direntTypeFromMode(statValues[1]);
    }
    return new Dirent(encodeName(name, this.#encoding), type, this.#path);
  }

  read(callback) {
    return this.#read(callback);
  }

  // As Node: a read that needs the binding holds the handle until it calls back; reads and
  // closes asked for meanwhile wait in a queue, and synchronous calls throw.
  #read(callback) {
    if (this.#closed) throw dirClosed();
    if (callback === undefined) {
      return new Promise((resolve, reject) => this.#read((err, dirent) => (err ? reject(err) : resolve(dirent))));
    }
    validateFunction(callback, 'callback');
    if (this.#queue !== null) {
      this.#queue.push(() => this.#read(callback));
      return;
    }
    const buffered = this.#buffer.length > 0;
    if (!buffered) this.#queue = [];
    let entry, error = null;
    try {
      entry = this.#readNow();
    } catch (err) {
      error = err;
    }
    later(() => {
      if (!buffered) Promise.resolve().then(() => this.#drain());
      if (error) callback(error);
      else callback(null, entry);
    });
  }

  #drain() {
    const queue = this.#queue;
    this.#queue = null;
    for (const op of queue) op();
  }

  closeSync() {
    if (this.#closed) throw dirClosed();
    if (this.#queue !== null) throw dirConcurrent();
    this.#closed = true;
    check(binding.dirClose(this.#handle), 'closedir', this.#path);
  }

  close(callback) {
    if (callback === undefined) {
      if (this.#closed) return Promise.reject(dirClosed());
      return new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
    }
    validateFunction(callback, 'callback');
    if (this.#closed) {
      later(() => callback(dirClosed()));
      return;
    }
    if (this.#queue !== null) {
      this.#queue.push(() => this.close(callback));
      return;
    }
    this.#closed = true;
    let error = null;
    try {
      check(binding.dirClose(this.#handle), 'closedir', this.#path);
    } catch (err) {
      error = err;
    }
    later(() => callback(error));
  }

  // A hand-written iterator rather than an async generator: QuickJS does not wait for an async
  // generator's return() when `for await` breaks, and Node's Dir is closed by then.
  entries() {
    let done = false;
    const close = () => this.close();
    return {
      next: async () => {
        if (done) return { value: undefined, done: true };
        let entry;
        try {
          entry = await this.#read();
        } catch (err) {
          done = true;
          await close();
          throw err;
        }
        if (entry !== null) return { value: entry, done: false };
        done = true;
        await close();
        return { value: undefined, done: true };
      },
      return: async () => {
        if (!done) {
          done = true;
          await close();
        }
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  [Symbol.asyncIterator]() {
    return this.entries();
  }
}

export function opendirSync(path, options) {
  path = getValidatedPath(path);
  options = getOptions(options, { encoding: 'utf8' });
  if (options.bufferSize !== undefined) validateUint32(options.bufferSize, 'options.bufferSize', true);
  const handle = check(binding.opendir(path), 'opendir');
  return new Dir(handle, path, options);
}
