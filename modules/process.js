// node:process — the sandbox's process. The host fills in argv/env/cwd and the output
// streams at boot (qjsw:internal/bootstrap); exit() ends the run through the binding.
import { EventEmitter } from 'node:events';
import * as fsBinding from 'qjsw:binding/fs';
import { exit as exitNow, importBuiltin } from 'qjsw:binding/module';
import { uvException, invalidArgType, outOfRange, nodeError } from 'qjsw:internal/errors';
import { hrtime as monotonicNs } from 'qjsw:binding/util';
import { cwd } from 'qjsw:internal/cwd';
import { nextTick as queueTick, onRunReset, activeResources } from 'qjsw:internal/loop';
import { memoryUsage as uvMemoryUsage, rss as uvRss } from 'qjsw:binding/uv';
import { NODE_VERSION, NODE_MODULES_ABI, NODE_UV_VERSION, QUICKJS_VERSION } from 'qjsw:internal/version';
import { hostFunctions as childHost } from 'qjsw:internal/child_host';
import { setUncaughtExceptionCaptureCallback, hasUncaughtExceptionCaptureCallback } from 'qjsw:internal/uncaught_capture';

let warningHintShown = false;

let assertWarned = false;

const process = new EventEmitter();
// SIGCHLD, SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGWINCH: ignored by default,
// or stopping a process no one could continue
const IGNORED_SIGNALS = [17, 18, 19, 20, 21, 22, 23, 28];

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
export const startNs = monotonicNs();

// process.env as Node's: every value set becomes a string (a symbol key or value is a TypeError).
// A name setenv(3) refuses ("", or one with "=", such as Windows' per-drive "=C:") is dropped
// without a word, as Node on Linux does.
function makeEnv(initial) {
  const store = {};
  const settable = (key) => key !== '' && !key.includes('=');
  for (const key of Object.keys(initial ?? {})) if (settable(key)) store[key] = initial[key];
  const toText = (value) => {
    if (typeof value === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    return String(value);
  };
  return new Proxy(store, {
    set(target, key, value) {
      if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
      const text = toText(value);
      if (settable(key)) target[key] = text;
      return true;
    },
    defineProperty(target, key, desc) {
      if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
      if ('value' in desc) {
        const text = toText(desc.value);
        if (settable(key)) target[key] = text;
      }
      return true;
    },
  });
}

// As Node's warning printer: through the global console's error (its _stderr, so a guest that
// hijacks process.stderr.write or console._stderr sees it), resolved on first use.
let consoleError;
function writeWarning(text) {
  consoleError ??= importBuiltin('qjsw:internal/polyfills/console').console.error;
  consoleError(text);
}

// Called once by the bootstrap with what the host provides.
export function configure(options) {
  host = options.host;
  process.argv = ['/usr/local/bin/node', ...(options.argv ?? [])];
  process.argv0 = 'node';
  process.env = makeEnv(options.env);
  if (options.cwd) process.chdir(options.cwd);
}

function stream(fd) {
  const s = new EventEmitter();
  s.fd = fd;
  s.isTTY = false;
  s.writable = true;
  s.write = (chunk, encoding, cb) => {
    if (typeof encoding === 'function') cb = encoding;
    // strings as they are, bytes exactly: the host decodes or encodes for its callbacks
    const data = typeof chunk === 'string' ? chunk
      : ArrayBuffer.isView(chunk) ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) : String(chunk);
    host.write(fd, data);
    if (typeof cb === 'function') Promise.resolve().then(cb);
    return true;
  };
  s.end = (chunk, encoding, cb) => {
    if (chunk !== undefined && typeof chunk !== 'function') s.write(chunk, encoding);
    if (typeof (cb ?? chunk ?? encoding) === 'function') Promise.resolve().then(cb ?? chunk ?? encoding);
    // 'finish', as a Writable emits it: stream.pipeline() and finished() wait for it.
    if (!s.writableEnded) {
      s.writableEnded = true;
      Promise.resolve().then(() => {
        s.writableFinished = true;
        s.emit('finish');
      });
    }
    return s;
  };
  return s;
}

Object.assign(process, {
  title: 'node',
  version: `v${NODE_VERSION}`,
  versions: { node: NODE_VERSION, quickjs: QUICKJS_VERSION, modules: NODE_MODULES_ABI, uv: NODE_UV_VERSION },
  arch: 'wasm32',
  platform: 'linux',
  release: { name: 'node', lts: 'Iron' },
  pid: 1,
  ppid: 0,
  execArgv: [],
  execPath: '/usr/local/bin/node',
  argv: ['/usr/local/bin/node'],
  argv0: 'node',
  env: {},
  exitCode: undefined,
  stdout: stream(1),
  stderr: stream(2),
  // Intl is there (FormatJS's polyfills, loaded on first use): test/common's hasIntl reads this
  config: { variables: { v8_enable_i18n_support: 1 } },
  features: {},
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
  umask() {
    return 0o022;
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
  // the loop's referenced timers and immediates (no handles or requests are counted here)
  getActiveResourcesInfo() {
    return activeResources();
  },
  // The guest runs as root in a one-process machine (as os.userInfo() says).
  getuid: () => 0,
  geteuid: () => 0,
  getgid: () => 0,
  getegid: () => 0,
  getgroups: () => [0],
  // Node's argument checks, in its order. Only this process exists (pids 0 and -1 mean it
  // too): signal 0 probes it; a signal it listens to reaches its listeners later, from the
  // loop, and does not keep the loop alive; otherwise the default action: the run ends at
  // once with 128 + the number (without 'exit', as a process killed by a signal), except for
  // signals ignored by default and the stop signals (nothing would continue it).
  kill(pid, sig) {
    if (pid != (pid | 0)) throw invalidArgType('pid', 'number', pid); // eslint-disable-line eqeqeq
    const signals = importBuiltin('node:os').default.constants.signals;
    let number = sig;
    if (sig !== (sig | 0)) {
      sig = sig || 'SIGTERM';
      number = typeof sig === 'string' ? signals[sig] : undefined;
      if (!number) {
        const err = new TypeError(`Unknown signal: ${importBuiltin('node:util').format('%s', sig)}`);
        err.code = 'ERR_UNKNOWN_SIGNAL';
        throw err;
      }
    }
    // kill(2): a number that is no signal is EINVAL, whoever the target
    if (number < 0 || number > 64) throw killError(-22, 'EINVAL');
    pid |= 0;
    if (pid !== process.pid && pid !== 0 && pid !== -1) throw killError(-3, 'ESRCH');
    if (number === 0) return true;
    const name = Object.keys(signals).find((k) => signals[k] === number);
    if (name && number !== 9 && number !== 19 && process.listenerCount(name) > 0) {
      globalThis.setTimeout(() => process.emit(name, name), 0).unref();
    } else if (!IGNORED_SIGNALS.includes(number)) {
      // a child process's parent sees the signal, as a parent sees a process killed by one
      childHost()?.kill(0, name);
      exitNow(128 + number);
    }
    return true;
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
  // outside it (see native/uv.c). QuickJS keeps ArrayBuffer contents in its heap and cannot
  // tell them apart: they count in heapUsed, and arrayBuffers stays 0.
  memoryUsage: Object.assign(function memoryUsage() {
    const [rss, heapTotal, heapUsed, external] = uvMemoryUsage();
    return { rss, heapTotal, heapUsed, external, arrayBuffers: 0 };
  }, { rss: () => uvRss() }),
  cpuUsage: () => ({ user: 0, system: 0 }),
  nextTick(fn, ...args) {
    if (typeof fn !== 'function') throw invalidArgType('callback', 'Function', fn);
    queueTick(fn, args);
  },
  // As Node: the warning becomes an Error (name = type), and on the next tick it is printed to
  // stderr and emitted as process 'warning' (Node's printer is the first 'warning' listener).
  emitWarning(warning, type, code, ctor) {
    let detail;
    if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
      ctor = type.ctor;
      code = type.code;
      if (typeof type.detail === 'string') detail = type.detail;
      type = type.type || 'Warning';
    } else if (typeof type === 'function') {
      ctor = type;
      code = undefined;
      type = 'Warning';
    }
    if (type !== undefined && typeof type !== 'string') throw invalidArgType('type', 'string', type);
    if (typeof code === 'function') {
      ctor = code;
      code = undefined;
    } else if (code !== undefined && typeof code !== 'string') {
      throw invalidArgType('code', 'string', code);
    }
    if (typeof warning === 'string') {
      const err = new Error(warning);
      err.name = String(type || 'Warning');
      if (code !== undefined) err.code = code;
      if (detail !== undefined) err.detail = detail;
      warning = err;
    } else if (!(warning instanceof Error)) {
      throw invalidArgType('warning', ['Error', 'string'], warning);
    }
    if (warning.name === 'DeprecationWarning') {
      if (process.noDeprecation) return;
      if (process.throwDeprecation) throw warning;
    }
    queueTick(() => {
      const { name, message } = warning;
      const tag = warning.code ? `[${warning.code}] ` : '';
      let extra = typeof warning.detail === 'string' ? `\n${warning.detail}` : '';
      // once per process, as Node: how to see where warnings come from
      if (!warningHintShown) {
        warningHintShown = true;
        const flag = name === 'DeprecationWarning' ? '--trace-deprecation' : '--trace-warnings';
        extra += `\n(Use \`${process.argv0 || 'node'} ${flag} ...\` to show where the warning was created)`;
      }
      writeWarning(`(node:${process.pid}) ${tag}${name}: ${message}${extra}`);
      process.emit('warning', warning);
    }, []);
  },
  exit(code) {
    if (code !== undefined) process.exitCode = code;
    const final = process.exitCode === undefined ? 0 : Number(process.exitCode) | 0;
    if (!process._exiting) {
      process._exiting = true;
      process.emit('exit', final);
    }
    // as Node, the code is read again: an 'exit' listener may have set process.exitCode
    exitNow(process.exitCode === undefined ? final : Number(process.exitCode) | 0);
  },
  abort() {
    exitNow(134);
  },
  binding(name) {
    throw new Error(`No such module: ${name}`);
  },
});

// process.stdin: a Readable of fd 0, which is the sandbox's `stdin` option (native/stdio.cpp),
// made on first use and anew for each run (resetStdin), as the host restarts that input.
let stdin;
// A child process's stdin is a pipe its parent may not have written yet (read gives EAGAIN):
// the child's boot sets who calls back when more comes (qjsw:internal/child_side).
let waitForInput = null;
export function setStdinWaiter(fn) {
  waitForInput = fn;
}
// fs.read(0, ...) in such a child waits for input too, as Node's read of a pipe does in its
// thread pool: false when no more can come (not a child's pipe).
export function waitForStdin(fn) {
  if (!waitForInput) return false;
  waitForInput(fn);
  return true;
}
const UV_EAGAIN = -11;
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
export function resetStdin() {
  stdin = undefined;
}

export default process;
