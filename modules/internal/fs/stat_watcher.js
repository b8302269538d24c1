// fs.watchFile / fs.unwatchFile: stat polling, as Node 20 does it with libuv's fs_poll. One
// StatWatcher per watched path (resolved against the cwd), shared by every watchFile() call on
// it; each poll stat()s the path through the guest's own fs binding (a timer on the guest event
// loop, qjsw:internal/loop) and emits 'change' (curr, prev) when the result differs.
//
// What counts as a change is what fs_poll compares: size, mode, uid, gid, ino, dev and the
// mtime, ctime and birthtime (seconds and nanoseconds). atime and nlink do not count. A failed
// stat is reported once per distinct errno, with curr zero-filled and prev the last stat that
// succeeded (zero-filled if none has). So a path missing at the start is reported once, both
// zero-filled; a file that goes away is reported once; and when it comes back, prev is the
// stat from before it went away. Loaded on first use by node:fs.
import * as binding from 'qjsw:binding/fs';
import { UV_EPERM } from 'qjsw:binding/uv';
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { setInterval, clearInterval, setImmediate, clearImmediate, nextTick } from 'qjsw:internal/loop';
import { getValidatedPath, validateFunction, validateUint32, getStatsFromBinding, kStatFields } from 'qjsw:internal/fs/utils';

const kUseBigint = Symbol('kUseBigint');
const kOldStatus = Symbol('kOldStatus');
const kRefs = Symbol('kRefs');
const kMaxRefs = Symbol('kMaxRefs');
const kStart = Symbol('kStart');
const kReport = Symbol('kReport');

// Indices into the binding's stat array (native/fs/fs.c: qjsw_fill_stats) that fs_poll compares.
const DEV = 0, MODE = 1, UID = 3, GID = 4, INO = 7, SIZE = 8;
const MTIME_S = 12, MTIME_NS = 13, CTIME_S = 14, CTIME_NS = 15, BIRTH_S = 16, BIRTH_NS = 17;
const kCompared = [MTIME_NS, CTIME_NS, BIRTH_NS, MTIME_S, CTIME_S, BIRTH_S, SIZE, MODE, UID, GID, INO, DEV];

function sameStat(a, b) {
  for (const i of kCompared) if (a[i] !== b[i]) return false;
  return true;
}

const kZero = new Float64Array(kStatFields);
// The loop's timers take at most 2^31-1 ms; a longer interval (up to 2^32-1) fires at that
// period and polls only once the interval has passed.
const kMaxDelay = 2 ** 31 - 1;

// The polling behind a StatWatcher (Node's _handle): a repeating timer, ref'd or not.
class StatPoller {
  constructor(owner, path, interval) {
    this.owner = owner;
    this.path = path;
    this.interval = interval || 1; // libuv polls a zero interval every millisecond
    this.due = Date.now() + this.interval;
    // fs_poll's state: 0 before any poll, 1 once a stat succeeded, else the errno last
    // reported; `last` is the last stat that succeeded (zero-filled until one does).
    this.state = 0;
    this.last = new Float64Array(kStatFields);
    this.timer = setInterval(() => this.tick(), Math.min(this.interval, kMaxDelay));
    // The first stat happens now; libuv reports its failure from the loop, and does so even
    // when the watcher is unref'd (its stat request keeps the loop alive until then).
    this.pending = 0;
    this.immediate = null;
    this.poll();
    if (this.pending !== 0) this.immediate = setImmediate(() => this.flush());
  }

  ref() { this.timer.ref(); }
  unref() { this.timer.unref(); }

  close() {
    clearInterval(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = null;
    this.pending = 0;
    this.owner = null;
  }

  tick() {
    if (this.interval > kMaxDelay && Date.now() < this.due) return;
    this.due = Date.now() + this.interval;
    this.flush();
    if (this.owner) this.poll();
  }

  // The first poll's failure, if it is still to be reported.
  flush() {
    this.immediate = null;
    const errno = this.pending;
    this.pending = 0;
    if (errno !== 0 && this.owner) this.owner[kReport](errno, kZero, this.last);
  }

  poll() {
    const current = new Float64Array(kStatFields);
    const err = binding.stat(this.path, current, true);
    if (err < 0) {
      if (this.state === err) return;
      const first = this.state === 0;
      this.state = err;
      if (first) this.pending = err;
      else this.owner[kReport](err, kZero, this.last);
      return;
    }
    const previous = this.last;
    const changed = this.state < 0 || (this.state !== 0 && !sameStat(previous, current));
    this.last = current;
    this.state = 1;
    if (changed) this.owner[kReport](0, current, previous);
  }
}

export function StatWatcher(bigint) {
  EventEmitter.call(this);
  this._handle = null;
  this[kOldStatus] = -1;
  this[kUseBigint] = bigint === true;
  // Node counts one ref per watchFile() call on the path (kMaxRefs) and how many of those are
  // held (kRefs); the polling keeps the loop alive while any is held.
  this[kRefs] = 1;
  this[kMaxRefs] = 1;
}
Object.setPrototypeOf(StatWatcher.prototype, EventEmitter.prototype);
Object.setPrototypeOf(StatWatcher, EventEmitter);

StatWatcher.prototype[kReport] = function (status, curr, prev) {
  // Node drops an EPERM while the last status it reported (none yet counts) was EPERM too.
  if (status === UV_EPERM && this[kOldStatus] === UV_EPERM) return;
  this[kOldStatus] = status;
  const bigint = this[kUseBigint];
  this.emit('change', getStatsFromBinding(curr, bigint), getStatsFromBinding(prev, bigint));
};

StatWatcher.prototype[kStart] = function (filename, persistent, interval) {
  if (this._handle !== null) return;
  validateUint32(interval, 'interval');
  this._handle = new StatPoller(this, filename, interval);
  if (!persistent) this.unref();
};

// Not public API, kept by Node for the code that calls it: a no-op.
StatWatcher.prototype.start = () => {};

// Stops polling for good ('stop' follows on the next tick); the listeners stay.
StatWatcher.prototype.stop = function () {
  if (this._handle === null) return;
  nextTick((watcher) => watcher.emit('stop'), [this]);
  this._handle.close();
  this._handle = null;
};

StatWatcher.prototype.ref = function () {
  if (this._handle !== null && this[kRefs] < this[kMaxRefs]) {
    this[kRefs] += 1;
    if (this[kRefs] === 1) this._handle.ref();
  }
  return this;
};

StatWatcher.prototype.unref = function () {
  if (this._handle !== null && this[kRefs] > 0) {
    this[kRefs] -= 1;
    if (this[kRefs] === 0) this._handle.unref();
  }
  return this;
};

// Another watchFile() on the path: one more ref to hold, held already (it does not ref a
// watcher that was unref'd).
function addRef(watcher) {
  watcher[kRefs] += 1;
  watcher[kMaxRefs] += 1;
}

// unwatchFile() of one listener: one ref fewer to hold, and one given up.
function dropRef(watcher) {
  watcher[kMaxRefs] -= 1;
  watcher.unref();
}

// unwatchFile() of all the listeners.
function dropAllRefs(watcher) {
  watcher[kRefs] = 0;
  watcher[kMaxRefs] = 0;
  watcher._handle?.unref();
}

const statWatchers = new Map();

// Node validates the path as fs paths are, then resolves it with path.resolve(), which takes
// only strings (a Buffer path fails there).
function resolvePath(filename) {
  const path = getValidatedPath(filename);
  return resolve(filename instanceof Uint8Array ? filename : path);
}

export function watchFile(filename, options, listener) {
  filename = resolvePath(filename);
  if (options === null || typeof options !== 'object') {
    listener = options;
    options = null;
  }
  // 5007 ms is Node's default, from libev
  options = { interval: 5007, persistent: true, ...options };
  validateFunction(listener, 'listener');
  let watcher = statWatchers.get(filename);
  if (watcher === undefined) {
    watcher = new StatWatcher(options.bigint);
    watcher[kStart](filename, options.persistent, options.interval);
    statWatchers.set(filename, watcher);
  } else {
    addRef(watcher);
  }
  watcher.addListener('change', listener);
  return watcher;
}

export function unwatchFile(filename, listener) {
  filename = resolvePath(filename);
  const watcher = statWatchers.get(filename);
  if (watcher === undefined) return;
  if (typeof listener === 'function') {
    const before = watcher.listenerCount('change');
    watcher.removeListener('change', listener);
    if (watcher.listenerCount('change') < before) dropRef(watcher);
  } else {
    watcher.removeAllListeners('change');
    dropAllRefs(watcher);
  }
  if (watcher.listenerCount('change') === 0) {
    watcher.stop();
    statWatchers.delete(filename);
  }
}
