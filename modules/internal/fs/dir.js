// fs.Dir: an open directory read entry by entry (opendir), over the binding's DIR handles.
import * as binding from 'qjsw:binding/fs';
import { nodeError } from 'qjsw:internal/errors';
import { check, getOptions, getValidatedPath, validateFunction, validateUint32, Dirent, encodeName,
  direntTypeFromMode, kStatFields, constants } from 'qjsw:internal/fs/utils';

const statValues = new Float64Array(kStatFields);

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

  constructor(handle, path, options) {
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
    if (this.#closed) throw dirClosed();
    if (callback === undefined) return Promise.resolve().then(() => this.readSync());
    validateFunction(callback, 'callback');
    let entry, error = null;
    try { entry = this.readSync(); } catch (err) { error = err; }
    Promise.resolve().then(() => (error ? callback(error) : callback(null, entry)));
  }

  closeSync() {
    if (this.#closed) throw dirClosed();
    this.#closed = true;
    check(binding.dirClose(this.#handle), 'closedir', this.#path);
  }

  close(callback) {
    if (callback === undefined) {
      if (this.#closed) return Promise.reject(dirClosed());
      return Promise.resolve().then(() => this.closeSync());
    }
    validateFunction(callback, 'callback');
    let error = null;
    try { this.closeSync(); } catch (err) { error = err; }
    Promise.resolve().then(() => callback(error));
  }

  // A hand-written iterator rather than an async generator: QuickJS does not wait for an async
  // generator's return() when `for await` breaks, and Node's Dir is closed by then.
  entries() {
    const close = () => {
      if (!this.#closed) this.closeSync();
    };
    return {
      next: () => {
        try {
          const entry = this.#closed ? null : this.readSync();
          if (entry === null) close();
          return Promise.resolve(entry === null ? { value: undefined, done: true } : { value: entry, done: false });
        } catch (err) {
          return Promise.reject(err);
        }
      },
      return: () => {
        try {
          close();
        } catch (err) {
          return Promise.reject(err);
        }
        return Promise.resolve({ value: undefined, done: true });
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
