// node:process — the sandbox's process. The host fills in argv/env/cwd and the output
// streams at boot (qjsw:internal/sandbox); exit() ends the run through the binding.
import { processInternals } from 'qjsw:internal/process_internals';
import { EventEmitter } from 'node:events';
import * as fsBinding from 'qjsw:binding/fs';
import { exit as exitNow, importBuiltin, enqueueJob } from 'qjsw:binding/module';
import { uvException, invalidArgType, invalidArgValue, outOfRange, nodeError } from 'qjsw:internal/errors';
import { hrtime as monotonicNs } from 'qjsw:binding/util';
import { cwd } from 'qjsw:internal/cwd';
import { nextTick as queueTick, onRunReset, activeResources, activeRequests, activeHandles } from 'qjsw:internal/loop';
import { memoryUsage as uvMemoryUsage, rss as uvRss, UV_EAGAIN } from 'qjsw:binding/uv';
import { NODE_VERSION, NODE_MODULES_ABI, NODE_UV_VERSION, NODE_OPENSSL_VERSION, QUICKJS_VERSION } from 'qjsw:internal/version';
import { hostFunctions as childHost, workerInfo } from 'qjsw:internal/child_host';
import { setLocalZone } from 'qjsw:binding/intl';
import { setUncaughtExceptionCaptureCallback, hasUncaughtExceptionCaptureCallback } from 'qjsw:internal/uncaught_capture';
import { emitWarning } from 'qjsw:internal/warning';
import { getOptionValue } from 'qjsw:internal/options';
import * as credentials from 'qjsw:internal/credentials';
import { NODE_PATH } from 'qjsw:internal/node_binary';

let assertWarned = false;

// As Node's: an object of a class named process, whose prototype is an EventEmitter.
function ProcessClass() {}
Object.defineProperty(ProcessClass, 'name', { value: 'process' });
ProcessClass.prototype = Object.create(EventEmitter.prototype, {
  constructor: { value: ProcessClass, writable: true, enumerable: false, configurable: true },
});
const process = Object.create(ProcessClass.prototype);
EventEmitter.call(process);
// Node's own tag, on the object itself: Object.prototype.toString gives [object process]
Object.defineProperty(process, Symbol.toStringTag, { value: 'process', writable: true, enumerable: false, configurable: false });
// SIGCHLD, SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGWINCH: ignored by default,
// or stopping a process no one could continue
const IGNORED_SIGNALS = [17, 18, 19, 20, 21, 22, 23, 28];

const errnoName = (err) => ({ '-1': 'EPERM', '-3': 'ESRCH', '-22': 'EINVAL' })[err] ?? 'UNKNOWN';
// Node's ErrnoException, as process.kill throws it: "kill ESRCH", no description.
function killError(errno, code) {
  const err = new Error(`kill ${code}`);
  err.errno = errno;
  err.code = code;
  err.syscall = 'kill';
  return err;
}
let host = { write: () => {} };
// A monotonic clock with sub-millisecond resolution (qjsw:binding/util), like Node's hrtime.
let startNs = monotonicNs();
// Date.now() at startNs: performance.timeOrigin, taken on first use (by the clock's own
// Date.now, whatever a guest made of it).
const dateNow = Date.now;
let timeOrigin;
const getTimeOrigin = () => (timeOrigin ??= dateNow() - Number(monotonicNs() - startNs) / 1e6);
// A worker is a thread of its parent's process: it keeps the process's clock (uptime,
// performance.now() and timeOrigin), as the parent gave it.
function setProcessClock(clock) {
  startNs = BigInt(clock.startNs);
  timeOrigin = clock.timeOrigin;
  processInternals.startNs = startNs;
}
const processClock = () => ({ startNs: String(startNs), timeOrigin: getTimeOrigin() });

// process.env as Node's: every value set becomes a string (a symbol key or value is a TypeError).
// A name setenv(3) refuses ("", or one with "=", such as Windows' per-drive "=C:") is dropped
// without a word, as Node on Linux does.
function makeEnv(initial) {
  const store = {};
  const settable = (key) => key !== '' && !key.includes('=');
  for (const key of Object.keys(initial ?? {})) if (settable(key)) store[key] = initial[key];
  let warned = false;
  const toText = (value) => {
    if (typeof value === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    // DEP0104, once, under --pending-deprecation
    if (!warned && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean' &&
        (getOptionValue('--pending-deprecation') === true || initial?.NODE_PENDING_DEPRECATION === '1')) {
      warned = true;
      process.emitWarning('Assigning any value other than a string, number, or boolean to a process.env property is deprecated. ' +
        'Please make sure to convert the value to a string before setting process.env with it.', 'DeprecationWarning', 'DEP0104');
    }
    return String(value);
  };
  // TZ chooses the process's local time zone, as in Node (a worker's changes are its own env's)
  const zoneChanged = (key) => {
    if (key === 'TZ' && workerInfo() === null) setLocalZone(store.TZ);
  };
  if (store.TZ !== undefined) setLocalZone(store.TZ);
  return new Proxy(store, {
    set(target, key, value) {
      if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
      const text = toText(value);
      if (settable(key)) target[key] = text;
      zoneChanged(key);
      return true;
    },
    deleteProperty(target, key) {
      delete target[key];
      zoneChanged(key);
      return true;
    },
    // as Node's: only a configurable, writable, enumerable data property, which sets the variable
    defineProperty(target, key, desc) {
      if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
      const dataOnly = () => nodeError(TypeError, 'ERR_INVALID_OBJECT_DEFINE_PROPERTY',
        "'process.env' only accepts a configurable, writable, and enumerable data descriptor");
      if ('value' in desc) {
        if (desc.writable !== true || desc.enumerable !== true || desc.configurable !== true) throw dataOnly();
        const text = toText(desc.value);
        if (settable(key)) target[key] = text;
        zoneChanged(key);
        return true;
      }
      if ('get' in desc || 'set' in desc) {
        throw nodeError(TypeError, 'ERR_INVALID_OBJECT_DEFINE_PROPERTY', "'process.env' does not accept an accessor(getter/setter) descriptor");
      }
      throw dataOnly();
    },
  });
}

// Called once by the bootstrap with what the host provides.
function configure(options) {
  host = options.host;
  // a child that ran a copy of node: that file, as /proc/self/exe names it
  process.execPath = options.child?.execPath ?? NODE_PATH;
  process.argv = [process.execPath, ...(options.argv ?? [])];
  process.argv0 = 'node';
  process.env = makeEnv(options.env);
  if (options.cwd) process.chdir(options.cwd);
}

// Host callbacks get text as UTF-8 decoded: a lone surrogate must arrive as U+FFFD, as Node's
// stream writes it, whatever the length of the string (taken before guest code can patch).
const wellFormed = Function.prototype.call.bind(String.prototype.toWellFormed);
const utf8 = (text) => {
  const bytes = importBuiltin('node:buffer').Buffer.from(text, 'utf8');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

function stream(fd) {
  const s = new EventEmitter();
  s.fd = fd;
  s.isTTY = false;
  s.writable = true;
  s.write = (chunk, encoding, cb) => {
    if (typeof encoding === 'function') cb = encoding;
    // strings as they are, bytes exactly: the host decodes or encodes for its callbacks
    // (a string with a NUL goes as its UTF-8 bytes: the host reads a string as C text)
    const data = typeof chunk === 'string' ? (chunk.includes('\0') ? utf8(wellFormed(chunk)) : wellFormed(chunk))
      : ArrayBuffer.isView(chunk) ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) : String(chunk);
    host.write(fd, data);
    // (a job of its own, as libuv's write callback: no promise for a promise hook to see)
    if (typeof cb === 'function') enqueueJob(cb);
    return true;
  };
  s.end = (chunk, encoding, cb) => {
    if (chunk !== undefined && typeof chunk !== 'function') s.write(chunk, encoding);
    if (typeof (cb ?? chunk ?? encoding) === 'function') enqueueJob(cb ?? chunk ?? encoding);
    // 'finish', as a Writable emits it: stream.pipeline() and finished() wait for it.
    if (!s.writableEnded) {
      s.writableEnded = true;
      enqueueJob(() => {
        s.writableFinished = true;
        s.emit('finish');
      });
    }
    return s;
  };
  return s;
}

Object.assign(process, {
  version: `v${NODE_VERSION}`,
  versions: { node: NODE_VERSION, quickjs: QUICKJS_VERSION, modules: NODE_MODULES_ABI, uv: NODE_UV_VERSION, openssl: NODE_OPENSSL_VERSION },
  arch: 'wasm32',
  platform: 'linux',
  release: { name: 'node', lts: 'Iron' },
  pid: 1,
  ppid: 0,
  execArgv: [],
  execPath: NODE_PATH,
  argv: [NODE_PATH],
  argv0: 'node',
  env: {},
  stdout: stream(1),
  stderr: stream(2),
  // Intl is there (FormatJS's polyfills, loaded on first use): test/common's hasIntl reads this
  config: { variables: { v8_enable_i18n_support: 1, node_module_version: Number(NODE_MODULES_ABI) } },
  // what this build has, as Node reports it (no inspector, TLS or IPv6 here)
  features: {
    inspector: false, debug: false, uv: true, ipv6: false, require_module: true,
    tls_alpn: false, tls_sni: false, tls_ocsp: false, tls: false, cached_builtins: true,
  },
  domain: null,
  setUncaughtExceptionCaptureCallback,
  hasUncaughtExceptionCaptureCallback,
  cwd,
  chdir(directory) {
    if (typeof directory !== 'string') throw invalidArgType('directory', 'string', directory);
    const r = fsBinding.chdir(directory);
    if (r < 0) {
      const err = uvException(r, 'chdir', process.cwd(), directory);
      err.message = `${err.message.split(',')[0]}, chdir ${process.cwd()} -> '${directory}'`;
      throw err;
    }
  },
  // the mask the guest's own file creations get (native/fs/fs_path.c)
  umask(mask) {
    if (mask !== undefined) mask = importBuiltin('qjsw:internal/fs/utils').parseFileMode(mask, 'mask');
    return fsBinding.umask(mask);
  },
  getBuiltinModule(id) {
    if (typeof id !== 'string') throw invalidArgType('id', 'string', id);
    const Module = importBuiltin('node:module').default;
    return Module.isBuiltin(id) ? Module._load(id) : undefined;
  },
  // (Node's internal assert, deprecated: DEP0100)
  assert(value, message) {
    if (!assertWarned) {
      assertWarned = true;
      process.emitWarning('process.assert() is deprecated. Please use the `assert` module instead.', 'DeprecationWarning', 'DEP0100');
    }
    if (!value) throw nodeError(Error, 'ERR_ASSERTION', message || 'assertion error');
  },
  // the Wasm memory the guest may still grow into (os.freemem()); no cgroup limits here
  availableMemory() {
    return importBuiltin('node:os').freemem();
  },
  constrainedMemory() {
    return 0;
  },
  // the fs requests, then the loop's referenced handles, timers and immediates
  getActiveResourcesInfo() {
    return [...activeRequests().map((req) => req.constructor.name), ...activeResources()];
  },
  // The guest starts as root in a one-process machine (qjsw:internal/credentials).
  getuid: credentials.getuid,
  geteuid: credentials.geteuid,
  getgid: credentials.getgid,
  getegid: credentials.getegid,
  getgroups: credentials.getgroups,
  setuid: credentials.setuid,
  seteuid: credentials.seteuid,
  setgid: credentials.setgid,
  setegid: credentials.setegid,
  setgroups: credentials.setgroups,
  initgroups: credentials.initgroups,
  // Node's argument checks, in its order. Only this process exists (pids 0 and -1 mean it
  // too): signal 0 probes it; a signal it listens to reaches its listeners later, from the
  // loop, and does not keep the loop alive; otherwise the default action: the run ends at
  // once with 128 + the number (without 'exit', as a process killed by a signal), except for
  // signals ignored by default and the stop signals (nothing would continue it).
  kill(pid, sig) {
    if (pid != (pid | 0)) throw invalidArgType('pid', 'number', pid); // eslint-disable-line eqeqeq
    let err;
    // (a signal number as it is, 0 included; a name through the table)
    if (sig === (sig | 0)) {
      err = process._kill(pid, sig);
    } else {
      sig = sig || 'SIGTERM';
      const signals = importBuiltin('node:os').default.constants.signals;
      if (!signals[sig]) {
        const e = new TypeError(`Unknown signal: ${importBuiltin('node:util').format('%s', sig)}`);
        e.code = 'ERR_UNKNOWN_SIGNAL';
        throw e;
      }
      err = process._kill(pid, signals[sig]);
    }
    if (err) throw killError(err, errnoName(err));
    return true;
  },
  // kill(2) of this process (pids 0 and -1 mean it too) or of a child it started: 0 or a
  // negative errno.
  // Signal 0 probes it; a signal it listens to reaches its listeners later, from the loop, and
  // does not keep the loop alive; otherwise the default action: the run ends at once with
  // 128 + the number (without 'exit', as a process killed by a signal), except for signals
  // ignored by default and the stop signals (nothing would continue it).
  _kill(pid, number) {
    number |= 0;
    pid |= 0;
    if (number < 0 || number > 64) return -22;
    if (pid !== process.pid && pid !== 0 && pid !== -1) return importBuiltin('qjsw:internal/child_process').killChild(pid, number);
    if (number === 0) return 0;
    const signals = importBuiltin('node:os').default.constants.signals;
    const name = Object.keys(signals).find((k) => signals[k] === number);
    if (name && number !== 9 && number !== 19 && process.listenerCount(name) > 0) {
      globalThis.setTimeout(() => process.emit(name, name), 0).unref();
    } else if (!IGNORED_SIGNALS.includes(number)) {
      // a child process's parent sees the signal, as a parent sees a process killed by one
      childHost()?.kill(0, name);
      exitNow(128 + number);
    }
    return 0;
  },
  uptime() {
    return Number(monotonicNs() - startNs) / 1e9;
  },
  hrtime: Object.assign(function hrtime(time) {
    const ns = monotonicNs();
    let s = Number(ns / 1000000000n), n = Number(ns % 1000000000n);
    if (time !== undefined) {
      if (!Array.isArray(time)) throw invalidArgType('time', 'Array', time);
      if (time.length !== 2) throw outOfRange('time', '2', time.length);
      s -= time[0];
      n -= time[1];
      if (n < 0) { s--; n += 1e9; }
    }
    return [s, n];
  }, { bigint: () => monotonicNs() }),
  // rss is the Wasm memory, heap* this runtime's QuickJS heap, external what malloc holds
  // outside it (see native/bindings/uv.c). QuickJS keeps ArrayBuffer contents in its heap and cannot
  // tell them apart: they count in heapUsed, and arrayBuffers stays 0.
  memoryUsage: Object.assign(function memoryUsage() {
    const [rss, heapTotal, heapUsed, external] = uvMemoryUsage();
    return { rss, heapTotal, heapUsed, external, arrayBuffers: 0 };
  }, { rss: () => uvRss() }),
  // The one CPU runs only this process (as os.cpus() says): its time since the start is user
  // time, in microseconds.
  cpuUsage(prevValue) {
    if (prevValue) {
      if (!validCpuValue(prevValue.user)) {
        if (typeof prevValue !== 'object') throw invalidArgType('prevValue', 'object', prevValue);
        if (typeof prevValue.user !== 'number') throw invalidArgType('prevValue.user', 'number', prevValue.user);
        throw nodeError(RangeError, 'ERR_INVALID_ARG_VALUE', invalidArgValue('prevValue.user', prevValue.user).message);
      }
      if (!validCpuValue(prevValue.system)) {
        if (typeof prevValue.system !== 'number') throw invalidArgType('prevValue.system', 'number', prevValue.system);
        throw nodeError(RangeError, 'ERR_INVALID_ARG_VALUE', invalidArgValue('prevValue.system', prevValue.system).message);
      }
    }
    const user = Number((monotonicNs() - startNs) / 1000n);
    return prevValue ? { user: user - prevValue.user, system: 0 - prevValue.system } : { user, system: 0 };
  },
  // the fs requests whose callbacks are still to come
  _getActiveRequests() {
    return activeRequests();
  },
  // the guest's referenced sockets and servers
  _getActiveHandles() {
    return activeHandles();
  },
  setSourceMapsEnabled(enabled) {
    // (stacks here are not source-mapped: only the argument is checked)
    if (typeof enabled !== 'boolean') throw invalidArgType('val', 'boolean', enabled);
  },
  nextTick(fn, ...args) {
    if (typeof fn !== 'function') throw invalidArgType('callback', 'Function', fn);
    queueTick(fn, args);
  },
  emitWarning,
  exit(code) {
    if (arguments.length !== 0) process.exitCode = code;
    if (!process._exiting) {
      process._exiting = true;
      process.emit('exit', process.exitCode || 0);
    }
    // as Node, the code is read again (an 'exit' listener may have set process.exitCode), and
    // through process.reallyExit, which programs may replace
    process.reallyExit(process.exitCode || 0);
  },
  // straight to stderr, past process.stderr and the tick queue (Node's debugging aid)
  _rawDebug(...args) {
    host.write(2, `${importBuiltin('node:util').format(...args)}\n`);
  },
  reallyExit(code) {
    exitNow(Number(code) | 0);
  },
  // abort(3): the process ends killed by SIGABRT (its parent sees the signal; 134 here)
  abort() {
    childHost()?.kill(0, 'SIGABRT');
    exitNow(134);
  },
  // Of the bindings Node still lets process.binding() reach, only its legacy 'util' wrapper
  // (lib/internal/legacy/processbinding.js: util.types' checks) is the sandbox's to give.
  binding(name) {
    name = String(name);
    if (name === 'util') {
      const { types } = importBuiltin('node:util');
      return Object.fromEntries(LEGACY_UTIL_BINDING.map((type) => [type, types[type]]));
    }
    throw new Error(`No such module: ${name}`);
  },
});

const LEGACY_UTIL_BINDING = [
  'isArrayBuffer', 'isArrayBufferView', 'isAsyncFunction', 'isDataView', 'isDate', 'isExternal', 'isMap', 'isMapIterator',
  'isNativeError', 'isPromise', 'isRegExp', 'isSet', 'isSetIterator', 'isTypedArray', 'isUint8Array', 'isAnyArrayBuffer',
];

// A worker thread shares its process's state with the main thread, which alone may change it
// (Node's is_not_main_thread and does_not_own_process_state switches): disownProcessState().
let ownsProcessState = true;

// process.title: --title's, else argv[0] as Linux shows it, until the program sets it
let title;
Object.defineProperty(process, 'title', {
  get: () => title ?? (getOptionValue('--title') || process.argv0 || 'node'),
  set: (value) => {
    if (ownsProcessState) title = String(value);
  },
  enumerable: true,
  configurable: true,
});

// Built on first read, then a plain property, as Node's.
Object.defineProperty(process, 'allowedNodeEnvironmentFlags', {
  get() {
    const flags = importBuiltin('qjsw:internal/allowed_flags').buildAllowedFlags();
    Object.defineProperty(this, 'allowedNodeEnvironmentFlags', { value: flags, configurable: true, enumerable: true, writable: true });
    return flags;
  },
  set(value) {
    Object.defineProperty(this, 'allowedNodeEnvironmentFlags', { value, configurable: true, enumerable: true, writable: true });
  },
  enumerable: true,
  configurable: true,
});

// Node's previous-value check of cpuUsage: a number a usage could be.
function validCpuValue(n) {
  return typeof n === 'number' && n <= Number.MAX_SAFE_INTEGER && n >= 0;
}

// process.exitCode as Node's: null or undefined for none, else an integer or a string of one
// (ERR_INVALID_ARG_TYPE / ERR_OUT_OF_RANGE otherwise); not deletable.
let exitCodeValue;
Object.defineProperty(process, 'exitCode', {
  get() {
    return exitCodeValue;
  },
  set(code) {
    if (code !== null && code !== undefined) {
      let value = code;
      if (typeof code === 'string' && code !== '' && Number.isNaN((value = Number(code)))) value = code;
      if (typeof value !== 'number') throw invalidArgType('code', 'number', value);
      if (!Number.isInteger(value)) throw outOfRange('code', 'an integer', value);
      if (value < Number.MIN_SAFE_INTEGER || value > Number.MAX_SAFE_INTEGER) {
        throw outOfRange('code', `>= ${Number.MIN_SAFE_INTEGER} && <= ${Number.MAX_SAFE_INTEGER}`, value);
      }
    }
    exitCodeValue = code;
  },
  enumerable: true,
  configurable: false,
});

// Node's process object is tagged as such (Object.prototype.toString gives '[object process]')
Object.defineProperty(process, Symbol.toStringTag, { value: 'process', writable: true, enumerable: false, configurable: false });

onRunReset(() => {
  title = undefined;
  credentials.resetCredentials();
  fsBinding.umask(0o022);
  // what a program set of the warning flags (the options are read anew)
  for (const flag of ['noDeprecation', 'throwDeprecation', 'traceDeprecation', 'traceProcessWarnings']) delete process[flag];
});

// process.stdin: a Readable of fd 0, which is the sandbox's `stdin` option (native/wasmfs/stdio.cpp),
// made on first use and anew for each run (resetStdin), as the host restarts that input.
let stdin;
// A child process's stdin is a pipe its parent may not have written yet (read gives EAGAIN):
// the child's boot sets who calls back when more comes (qjsw:internal/child_side).
let waitForInput = null;
function setStdinWaiter(fn) {
  waitForInput = fn;
}
// fs.read(0, ...) in such a child waits for input too, as Node's read of a pipe does in its
// thread pool: false when no more can come (not a child's pipe).
function waitForStdin(fn) {
  if (!waitForInput) return false;
  waitForInput(fn);
  return true;
}
const canWaitForStdin = () => waitForInput !== null;
function makeStdin() {
  const { Readable } = importBuiltin('node:stream');
  const { Buffer } = importBuiltin('node:buffer');
  const pull = (stream, size) => {
    const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(size || 65536, 65536)));
    const n = fsBinding.read(0, chunk, 0, chunk.length, -1);
    if (n === UV_EAGAIN && waitForInput) waitForInput(() => !stream.destroyed && pull(stream, size));
    else if (n < 0) stream.destroy(uvException(n, 'read'));
    else stream.push(n === 0 ? null : chunk.subarray(0, n));
  };
  const s = new Readable({
    highWaterMark: 65536,
    read(size) {
      pull(this, size);
    },
  });
  s.fd = 0;
  s.isTTY = false;
  return s;
}
Object.defineProperty(process, 'stdin', {
  get: () => (stdin ??= makeStdin()),
  set: (value) => { stdin = value; },
  enumerable: true,
  configurable: true,
});
function resetStdin() {
  stdin = undefined;
}
// Node's old API (lib/internal/bootstrap/node.js): stdin, flowing
process.openStdin = function() {
  process.stdin.resume();
  return process.stdin;
};

// The inspector's port (no inspector here: nothing listens on it), coerced and checked as Node's.
let debugPort = 9229;
Object.defineProperty(process, 'debugPort', {
  get: () => debugPort,
  set: (value) => {
    const port = Number(value) | 0;
    if ((port !== 0 && port < 1024) || port > 65535) {
      throw new RangeError('process.debugPort must be 0 or in range 1024 to 65535');
    }
    if (ownsProcessState) debugPort = port;
  },
  enumerable: true,
  configurable: true,
});

function unavailable(name) {
  function unavailableInWorker() {
    throw nodeError(Error, 'ERR_WORKER_UNSUPPORTED_OPERATION', `${name} is not supported in workers`);
  }
  unavailableInWorker.disabled = true;
  return unavailableInWorker;
}

function disownProcessState() {
  ownsProcessState = false;
  for (const fn of ['abort', 'chdir', 'setuid', 'seteuid', 'setgid', 'setegid', 'setgroups', 'initgroups']) {
    process[fn] = unavailable(`process.${fn}()`);
  }
  const umask = process.umask;
  process.umask = function wrappedUmask(mask) {
    if (mask !== undefined) unavailable('Setting process.umask()')();
    return umask();
  };
  // a worker whose environment names an IPC channel (inherited from a forked parent) has none
  if (process.env.NODE_CHANNEL_FD) {
    for (const name of ['channel', 'connected']) {
      Object.defineProperty(process, name, { get: unavailable(`process.${name}`), enumerable: false, configurable: true });
    }
    process.send = unavailable('process.send()');
    process.disconnect = unavailable('process.disconnect()');
  }
}

Object.assign(processInternals, { configure, resetStdin, setStdinWaiter, waitForStdin, canWaitForStdin, startNs, disownProcessState,
  getTimeOrigin, setProcessClock, processClock });

export default process;
