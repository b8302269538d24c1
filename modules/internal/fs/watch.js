// fs.watch and fs.promises.watch, fed by the change journal of the native fs layer
// (native/journal/journal.c: every change made through it, by the guest or through sandbox.fs, and the
// outside changes the host reports), read on the event loop's poll phase: a change never
// reaches a listener synchronously inside the call that made it. Events take Node's shapes on
// Linux: a created, deleted or renamed name is 'rename' (a rename: one for each name), a
// changed file 'change'; filenames are relative to the watched directory (or the watched
// file's own name).
import * as binding from 'qjsw:binding/fs';
import { Buffer } from 'node:buffer';
import { EventEmitter } from 'node:events';
import { basename, dirname, resolve } from 'node:path';
import { uvException, nodeError, invalidArgValue, abortError } from 'qjsw:internal/errors';
import { encodeName, getValidatedPath, validateBoolean, validateFunction, validateObject } from 'qjsw:internal/fs/utils';
import { onRunReset, refWaiting, addPollSource } from 'qjsw:internal/loop';

const TYPES = { 1: 'create', 2: 'change', 3: 'delete', 4: 'rename', 5: 'overflow' };
const watchers = new Set();

const parse = (taken) => taken.map(([type, path, oldPath]) => ({ type: TYPES[type], path, oldPath }));

// Callbacks for changes taken early: before a new watcher joins, what is pending belongs to the
// watchers that were there when it happened.
const early = [];

function collect() {
  if (watchers.size === 0 || !binding.journalPending()) return [];
  const changes = parse(binding.journalDrain());
  const calls = [];
  for (const w of watchers) {
    const events = w._match(changes);
    if (events.length) calls.push(() => w._deliver(events));
  }
  return calls;
}

// A new run starts without the watchers of earlier ones (the loop forgets their refs).
onRunReset(() => {
  for (const w of watchers) w._closed = true, w._refed = false;
  if (watchers.size) binding.journalWatch(false);
  watchers.clear();
  early.length = 0;
});

addPollSource({
  pending: () => early.length > 0 || (watchers.size > 0 && binding.journalPending()),
  take: () => early.splice(0).concat(collect()),
});

function normalizeOptions(options) {
  if (options === undefined || options === null) options = {};
  else if (typeof options === 'string') options = { encoding: options };
  else validateObject(options, 'options');
  const { persistent = true, recursive = false, encoding = 'utf8', signal } = options;
  validateBoolean(persistent, 'options.persistent');
  validateBoolean(recursive, 'options.recursive');
  if (encoding !== 'buffer' && !Buffer.isEncoding(encoding)) throw invalidArgValue('encoding', encoding, 'is invalid encoding');
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "options.signal" property must be an instance of AbortSignal.${signal === null ? ' Received null' : ''}`);
  }
  return { persistent, recursive, encoding, signal };
}

export class FSWatcher extends EventEmitter {
  constructor() {
    super();
    this._target = null;
    this._dir = false;
    this._recursive = false;
    this._encoding = 'utf8';
    this._refed = false;
    this._closed = true;
  }

  _start(filename, options) {
    const path = getValidatedPath(filename);
    const target = resolve(String(path));
    // Node reports a missing path as the watch call's own error
    const stats = new Float64Array(binding.kStatFields);
    const r = binding.stat(target, stats, true);
    if (typeof r === 'number' && r < 0) {
      const err = uvException(r, 'watch', String(path));
      err.filename = String(path);
      throw err;
    }
    this._target = target;
    this._dir = (stats[1] & 0o170000) === 0o040000;
    this._recursive = options.recursive;
    this._encoding = options.encoding;
    this._closed = false;
    if (watchers.size === 0) binding.journalWatch(true);
    else early.push(...collect());
    watchers.add(this);
    if (options.persistent) this.ref();
  }

  // The Node events a batch of journal changes makes for this watcher.
  _match(changes) {
    const out = [];
    const target = this._target;
    const name = (p) => {
      if (!this._dir) return p === target ? basename(target) : undefined;
      if (p === target) return undefined;
      if (this._recursive) return p.startsWith(target === '/' ? '/' : target + '/') ? p.slice(target === '/' ? 1 : target.length + 1) : undefined;
      return dirname(p) === target ? basename(p) : undefined;
    };
    for (const c of changes) {
      if (c.type === 'overflow') {
        // more changed than the journal holds: Node has no such event; say the watched name
        // changed so listeners look again
        out.push(['rename', this._dir ? null : basename(target)]);
        continue;
      }
      if (c.type === 'rename') {
        const from = name(c.oldPath);
        const to = name(c.path);
        if (from !== undefined) out.push(['rename', from]);
        if (to !== undefined) out.push(['rename', to]);
        // the watched file itself renamed away or onto
        continue;
      }
      const n = name(c.path);
      if (n !== undefined) out.push([c.type === 'change' ? 'change' : 'rename', n]);
    }
    return out;
  }

  _deliver(events) {
    for (const [eventType, filename] of events) {
      if (this._closed) return;
      // the name's bytes in the watcher's encoding, as Node gives libuv's
      const name = filename === null ? null : encodeName(filename, this._encoding);
      this.emit('change', eventType, name);
    }
  }

  close() {
    if (this._closed) return;
    this._closed = true;
    this.unref();
    watchers.delete(this);
    if (watchers.size === 0) binding.journalWatch(false);
    process.nextTick(() => this.emit('close'));
  }

  ref() {
    if (!this._closed && !this._refed) {
      this._refed = true;
      refWaiting(1);
    }
    return this;
  }

  unref() {
    if (this._refed) {
      this._refed = false;
      refWaiting(-1);
    }
    return this;
  }
}

export function watch(filename, options, listener) {
  if (typeof options === 'function') {
    listener = options;
    options = undefined;
  }
  const opts = normalizeOptions(options);
  if (listener !== undefined) validateFunction(listener, 'listener');
  const watcher = new FSWatcher();
  watcher._start(filename, opts);
  if (listener) watcher.on('change', listener);
  if (opts.signal) {
    if (opts.signal.aborted) process.nextTick(() => watcher.close());
    else opts.signal.addEventListener('abort', () => watcher.close(), { once: true });
  }
  return watcher;
}

// fs.promises.watch: an async iterator of { eventType, filename }.
export function watchAsync(filename, options) {
  const opts = normalizeOptions(options);
  const { signal } = opts;
  if (signal?.aborted) {
    return {
      [Symbol.asyncIterator]() { return this; },
      next: () => Promise.reject(abortError(signal)),
      return: () => Promise.resolve({ done: true, value: undefined }),
    };
  }
  const watcher = new FSWatcher();
  watcher._start(filename, opts);
  const queue = [];
  const waiting = [];
  let failure = null;
  let done = false;
  watcher.on('change', (eventType, name) => {
    const item = { eventType, filename: name };
    if (waiting.length) waiting.shift().resolve({ done: false, value: item });
    else queue.push(item);
  });
  const finish = (error) => {
    if (done) return;
    done = true;
    failure = error;
    watcher.close();
    for (const w of waiting.splice(0)) error ? w.reject(error) : w.resolve({ done: true, value: undefined });
  };
  signal?.addEventListener('abort', () => finish(abortError(signal)), { once: true });
  return {
    [Symbol.asyncIterator]() { return this; },
    next() {
      // an abort ends the iteration at once, whatever was still queued
      if (failure) return Promise.reject(failure);
      if (queue.length) return Promise.resolve({ done: false, value: queue.shift() });
      if (done) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      finish(null);
      return Promise.resolve({ done: true, value: undefined });
    },
    throw(error) {
      finish(error);
      return Promise.reject(error);
    },
  };
}
