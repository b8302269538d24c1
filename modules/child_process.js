// node:child_process. The one program here is node: a command that is node (process.execPath,
// `node`, a script whose shebang names node, found as execvp would find it) runs in a child
// sandbox of the same Wasm module (runtime/child-processes.ts), which shares the file tree;
// `exec` and `shell: true` understand the simple shell lines that run node. Anything else is a
// missing binary, as Node reports it (ENOENT; exec's through /bin/sh).
import { EventEmitter } from 'node:events';
import { Readable, Writable } from 'node:stream';
import { Buffer } from 'node:buffer';
import path from 'node:path';
import { importBuiltin } from 'qjsw:binding/module';
import { onRunReset, refWaiting } from 'qjsw:internal/loop';
import { hostFunctions, onHostEvent, ipcSend, ipcDisconnect, ipcReceive } from 'qjsw:internal/child_host';
import { invalidArgType, invalidArgValue, outOfRange, nodeError } from 'qjsw:internal/errors';

const MAX_BUFFER = 1024 * 1024;
const ERRNO = { ENOENT: -2, EACCES: -13, EAGAIN: -11, ETIMEDOUT: -110, ENOBUFS: -105 };

// ---- argument checks, as lib/child_process.js makes them --------------------------------

function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'string', value);
}
function validateObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidArgType(name, 'Object', value);
}
function validateFunction(value, name) {
  if (typeof value !== 'function') throw invalidArgType(name, 'Function', value);
}
function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw invalidArgType(name, 'boolean', value);
}
function nullCheck(value, name) {
  if (typeof value === 'string' && value.includes('\u0000')) {
    throw invalidArgValue(name, value, 'must be a string without null bytes');
  }
}
function validateTimeout(timeout) {
  if (timeout != null && !(Number.isInteger(timeout) && timeout >= 0)) {
    throw outOfRange('timeout', 'an unsigned integer', timeout);
  }
}
function validateMaxBuffer(maxBuffer) {
  if (maxBuffer != null && !(typeof maxBuffer === 'number' && maxBuffer >= 0)) {
    throw outOfRange('options.maxBuffer', 'a positive number', maxBuffer);
  }
}
function signals() {
  return importBuiltin('node:os').constants.signals;
}
function signalName(number) {
  for (const [name, n] of Object.entries(signals())) if (n === number) return name;
  return undefined;
}
// A signal name or number as Node's convertToValidSignal takes it: its name comes back.
function validSignal(signal) {
  if (typeof signal === 'number' && signalName(signal)) return signalName(signal);
  if (typeof signal === 'string' && signals()[signal.toUpperCase()] !== undefined) return signal.toUpperCase();
  throw nodeError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${signal}`);
}
function sanitizeKillSignal(killSignal) {
  if (typeof killSignal === 'string' || typeof killSignal === 'number') return validSignal(killSignal);
  if (killSignal != null) throw invalidArgType('options.killSignal', ['string', 'number'], killSignal);
  return undefined;
}
function validatedCwd(cwd) {
  if (cwd == null) return undefined;
  if (cwd instanceof URL || (typeof cwd === 'object' && cwd !== null && typeof cwd.href === 'string' && cwd.protocol !== undefined)) {
    return importBuiltin('node:url').fileURLToPath(cwd);
  }
  if (typeof cwd !== 'string' && !Buffer.isBuffer(cwd)) throw invalidArgType('options.cwd', ['string', 'Buffer', 'URL'], cwd);
  const text = String(cwd);
  nullCheck(text, 'options.cwd');
  return text;
}

// normalizeSpawnArguments: { file, args (argv0 first), options, envPairs as an object }
function normalizeSpawnArguments(file, args, options) {
  validateString(file, 'file');
  nullCheck(file, 'file');
  if (file.length === 0) throw invalidArgValue('file', file, 'cannot be empty');
  if (Array.isArray(args)) args = args.slice();
  else if (args == null) args = [];
  else if (typeof args !== 'object') throw invalidArgType('args', 'object', args);
  else {
    options = args;
    args = [];
  }
  args.forEach((a, i) => nullCheck(a, `args[${i}]`));
  if (options === undefined) options = {};
  else validateObject(options, 'options');
  options = { ...options };
  const cwd = validatedCwd(options.cwd);
  if (options.detached != null) validateBoolean(options.detached, 'options.detached');
  for (const id of ['uid', 'gid']) {
    if (options[id] != null && !(Number.isInteger(options[id]) && options[id] >= -2147483648 && options[id] <= 2147483647)) {
      throw invalidArgType(`options.${id}`, 'int32', options[id]);
    }
  }
  if (options.shell != null && typeof options.shell !== 'boolean' && typeof options.shell !== 'string') {
    throw invalidArgType('options.shell', ['boolean', 'string'], options.shell);
  }
  if (options.argv0 != null) {
    validateString(options.argv0, 'options.argv0');
    nullCheck(options.argv0, 'options.argv0');
  }
  if (options.windowsHide != null) validateBoolean(options.windowsHide, 'options.windowsHide');
  if (options.windowsVerbatimArguments != null) validateBoolean(options.windowsVerbatimArguments, 'options.windowsVerbatimArguments');
  let command;
  if (options.shell) {
    nullCheck(options.shell, 'options.shell');
    command = [file, ...args].join(' ');
    file = typeof options.shell === 'string' ? options.shell : '/bin/sh';
    args = ['-c', command];
  }
  // each argument as a string, as Node's spawn hands them to the system (spawn(node, [f, 1]))
  args = args.map(String);
  args.unshift(typeof options.argv0 === 'string' ? options.argv0 : file);
  const source = options.env || process.env;
  const env = {};
  for (const key in source) {
    const value = source[key];
    if (value === undefined) continue;
    nullCheck(key, `options.env['${key}']`);
    nullCheck(String(value), `options.env['${key}']`);
    env[key] = String(value);
  }
  return { ...options, file, args, cwd, env, command };
}

function stdioArray(stdio, ipcLast) {
  if (stdio == null) stdio = 'pipe';
  if (typeof stdio === 'string') {
    if (!['pipe', 'overlapped', 'inherit', 'ignore'].includes(stdio)) throw invalidArgValue('stdio', stdio);
    const mode = stdio === 'overlapped' ? 'pipe' : stdio;
    return ipcLast ? [mode, mode, mode, 'ipc'] : [mode, mode, mode];
  }
  if (!Array.isArray(stdio)) throw invalidArgValue('stdio', stdio);
  return stdio.slice();
}

// Each of fds 0-2 as the child sandbox has them: a pipe, the parent's own, or nothing. A
// stream or an fd number given for one stands for the parent's stream of that fd.
function stdioModes(stdio) {
  const modes = [];
  let ipc = false;
  stdio.forEach((s, i) => {
    if (s === 'ipc') {
      if (ipc) throw nodeError(Error, 'ERR_IPC_ONE_PIPE', 'Child process can have only one IPC pipe');
      ipc = true;
      return;
    }
    if (i > 2) return;
    if (s == null || s === 'pipe' || s === 'overlapped') modes[i] = 'pipe';
    else if (s === 'ignore') modes[i] = 'ignore';
    else if (s === 'inherit' || s === i || s === process.stdin || s === process.stdout || s === process.stderr) modes[i] = 'inherit';
    else if (typeof s === 'number' || (typeof s === 'object' && s !== null)) modes[i] = 'inherit';
    else throw invalidArgValue('stdio', s);
  });
  for (let i = 0; i < 3; i++) modes[i] ??= 'pipe';
  return { modes, ipc };
}

// ---- what runs: node, or nothing -------------------------------------------------------

// A file's mode, or undefined when it is not there.
function modeOf(p) {
  try {
    return importBuiltin('node:fs').statSync(p).mode;
  } catch {
    return undefined;
  }
}

function nodeShebang(p) {
  try {
    const fs = importBuiltin('node:fs');
    const fd = fs.openSync(p, 'r');
    const head = Buffer.alloc(256);
    const n = fs.readSync(fd, head, 0, 256, 0);
    fs.closeSync(fd);
    const line = head.toString('latin1', 0, n).split('\n')[0];
    if (!line.startsWith('#!')) return false;
    const words = line.slice(2).trim().split(/\s+/);
    let i = 0;
    if (path.basename(words[0]) === 'env') {
      i = 1;
      while (words[i]?.startsWith('-')) i++;
    }
    return ['node', 'nodejs'].includes(path.basename(words[i] ?? ''));
  } catch {
    return false;
  }
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;

// The program `file` names, as execvp finds it: { node: true } or { script } for a node
// script run directly, else the errno name of the failure.
function findProgram(file, env, cwd) {
  if (file === process.execPath || file === 'node' || file === process.argv0) return { node: true };
  const candidates = [];
  if (file.includes('/')) candidates.push(path.resolve(cwd, file));
  else {
    const dirs = (env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':');
    for (const dir of dirs) candidates.push(path.resolve(cwd, dir || '.', file));
  }
  let denied = false;
  for (const candidate of candidates) {
    if (candidate === process.execPath) return { node: true };
    const mode = modeOf(candidate);
    if (mode === undefined) continue;
    if ((mode & S_IFMT) !== S_IFREG || (mode & 0o111) === 0) {
      denied = true;
      continue;
    }
    // an executable that is not a node script would need its interpreter: none is here
    return nodeShebang(candidate) ? { script: candidate } : { error: 'ENOENT' };
  }
  return { error: denied ? 'EACCES' : 'ENOENT' };
}

// node's own command line: [options] [script | -e code | -p code] [args], as a request.
function nodeCommand(args) {
  const execArgv = [];
  let mode = 'stdin';
  let file = '';
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = flag !== a ? a.slice(eq + 1) : undefined;
    if (['-e', '--eval', '-p', '--print', '-pe', '-ep'].includes(flag)) {
      const code = inline ?? args[++i] ?? '';
      execArgv.push(...(inline !== undefined ? [a] : [a, code]));
      mode = flag.includes('p') ? 'print' : 'eval';
      file = code;
      continue;
    }
    if (flag === '-v' || flag === '--version') {
      execArgv.push(a);
      if (mode === 'stdin') {
        mode = 'print';
        file = 'process.version';
      }
      continue;
    }
    if (['-r', '--require', '--import', '--loader', '--experimental-loader', '--input-type', '--title', '--stack-size', '--max-old-space-size'].includes(flag) && inline === undefined) {
      execArgv.push(a, args[++i]);
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      execArgv.push(a);
      continue;
    }
    break;
  }
  const rest = args.slice(i);
  if (mode === 'stdin' && rest.length > 0 && rest[0] !== '-') {
    mode = 'file';
    file = rest.shift();
  } else if (mode === 'stdin' && rest[0] === '-') rest.shift();
  return { mode, file, args: rest, execArgv };
}

// A simple shell line: NAME=value assignments, then words, quoted as sh quotes them. Anything
// that needs a real shell (pipes, redirections, expansions, globs, lists) gives null.
function parseShell(line) {
  const words = [];
  let word = null;
  let i = 0;
  const quotedFlags = [];
  let quoted = false;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      if (word !== null) {
        words.push(word);
        quotedFlags.push(quoted);
      }
      word = null;
      quoted = false;
      i++;
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return null;
      word = (word ?? '') + line.slice(i + 1, end);
      quoted = true;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= line.length) return null;
        const d = line[i];
        if (d === '"') break;
        if (d === '$' || d === '`') return null;
        if (d === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
          text += line[i + 1];
          i += 2;
          continue;
        }
        text += d;
        i++;
      }
      word = (word ?? '') + text;
      quoted = true;
      i++;
      continue;
    }
    if (c === '\\') {
      if (i + 1 >= line.length) return null;
      word = (word ?? '') + line[i + 1];
      quoted = true;
      i += 2;
      continue;
    }
    if ('|&;<>()$`*?[]{}\n\r'.includes(c) || (c === '#' && word === null) || (c === '~' && word === null)) return null;
    word = (word ?? '') + c;
    i++;
  }
  if (word !== null) {
    words.push(word);
    quotedFlags.push(quoted);
  }
  const env = {};
  while (words.length > 1 && !quotedFlags[0] && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
    const w = words.shift();
    quotedFlags.shift();
    env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
  }
  return words.length ? { env, words } : null;
}

// The child sandbox's request for spawn options `o`, or the errno name that stops it.
function planChild(o, modes, ipc) {
  let file = o.file;
  let args = o.args.slice(1);
  let env = o.env;
  const cwd = o.cwd === undefined ? process.cwd() : path.resolve(o.cwd);
  if (o.command !== undefined) {
    // a shell: what runs is the command line, when it is a simple one
    const line = parseShell(o.command);
    if (!line || (typeof o.shell === 'string' && !['/bin/sh', 'sh', '/bin/bash', 'bash', '/usr/bin/sh', '/usr/bin/bash'].includes(o.shell))) {
      return { error: 'ENOENT' };
    }
    env = { ...env, ...line.env };
    file = line.words[0];
    args = line.words.slice(1);
  }
  const cwdMode = modeOf(cwd);
  // execve's own failure for a cwd that is not a directory: Node reports the file
  if (cwdMode === undefined || (cwdMode & S_IFMT) !== 0o040000) return { error: 'ENOENT' };
  const program = findProgram(file, env, cwd);
  if (program.error) return { error: o.command !== undefined ? 'ENOENT' : program.error };
  const command = program.node ? nodeCommand(args) : { mode: 'file', file: program.script, args, execArgv: [] };
  if (command.mode === 'file') command.file = path.resolve(cwd, command.file);
  return {
    request: {
      ...command,
      // as execve's argv[0]: the file as the caller named it, unless options.argv0 says otherwise
      argv0: o.argv0 ?? (program.node ? file : 'node'),
      cwd,
      env,
      stdio: modes,
      ipc,
    },
  };
}

function spawnError(code, syscall, file, spawnargs) {
  const err = new Error(`${syscall} ${file} ${code}`);
  err.errno = ERRNO[code];
  err.code = code;
  err.syscall = `${syscall} ${file}`;
  err.path = file;
  err.spawnargs = spawnargs;
  return err;
}

// ---- ChildProcess ----------------------------------------------------------------------

const live = new Map(); // host id -> ChildProcess
// A new run starts without the children of the last (the host killed them): their late
// events are not this run's, and the loop's counts they held are gone already.
onRunReset(() => {
  for (const child of live.values()) child._held = 0;
  live.clear();
});
let listening = false;
function listen() {
  if (listening) return;
  listening = true;
  onHostEvent('data', (id, fd, bytes) => live.get(id)?._data(fd, bytes));
  onHostEvent('exit', (id, status, signal) => live.get(id)?._exit(status, signal));
  onHostEvent('message', (id, json) => live.get(id)?._message(json));
  onHostEvent('disconnect', (id) => live.get(id)?._disconnected());
}


export class ChildProcess extends EventEmitter {
  constructor() {
    super();
    this._closesNeeded = 1;
    this._closesGot = 0;
    this.connected = false;
    this.signalCode = null;
    this.exitCode = null;
    this.killed = false;
    this.spawnfile = null;
    this._id = 0;
    this._refd = true;
    this._held = 0;
    this._exited = false;
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.stdio = [null, null, null];
    this.pid = undefined;
  }

  spawn(options) {
    if (options === null || typeof options !== 'object') throw invalidArgType('options', 'Object', options);
    const stdio = stdioArray(options.stdio, false);
    const { modes, ipc } = stdioModes(stdio);
    if (options.envPairs === undefined && options.env === undefined) options.env = { ...process.env };
    validateString(options.file, 'options.file');
    this.spawnfile = options.file;
    if (options.args === undefined) this.spawnargs = [];
    else {
      if (!Array.isArray(options.args)) throw invalidArgType('options.args', 'Array', options.args);
      this.spawnargs = options.args;
    }
    const plan = planChild({ ...options, args: this.spawnargs.length ? this.spawnargs : [options.file] }, modes, ipc);
    let result = plan.error;
    let started;
    if (!result) {
      const host = hostFunctions();
      started = host ? host.spawn(JSON.stringify(plan.request)) : 'ENOENT';
      if (typeof started === 'string') result = started;
    }
    // the pipes exist even when the program does not: they are closed at once then
    for (let i = 0; i < 3; i++) {
      if (modes[i] !== 'pipe') continue;
      this.stdio[i] = i === 0 ? this._stdinStream() : this._readable(i, !result);
    }
    if (ipc) this.stdio[stdio.indexOf('ipc')] = null;
    [this.stdin, this.stdout, this.stderr] = this.stdio;
    if (result) {
      const errno = ERRNO[result] ?? -2;
      const err = spawnError(result, 'spawn', this.spawnfile, this.spawnargs.slice(1));
      for (const s of [this.stdout, this.stderr]) s?.push(null);
      this.stdin?.destroy();
      process.nextTick(() => {
        this.exitCode = errno;
        this.emit('error', err);
        // Node's 'close' of a failed spawn comes a tick after its 'error'
        process.nextTick(() => this._maybeClose());
      });
      return errno;
    }
    const [id, pid] = started;
    this._id = id;
    this.pid = pid;
    live.set(id, this);
    listen();
    for (const s of [this.stdout, this.stderr]) if (s) this._closesNeeded++;
    if (ipc) {
      this.connected = true;
      this._closesNeeded++;
      this.channel = { ref: () => {}, unref: () => {} };
    }
    this._hold();
    process.nextTick(() => this.emit('spawn'));
    return 0;
  }

  _readable(fd, counted) {
    const stream = new Readable({ read() {} });
    if (counted) {
      stream.on('close', () => {
        this._hold();
        this._maybeClose();
      });
      stream.on('end', () => this._hold());
    }
    stream.fd = fd;
    return stream;
  }

  _stdinStream() {
    const child = this;
    const stream = new Writable({
      write(chunk, encoding, cb) {
        if (child._exited) {
          cb(Object.assign(new Error('write EPIPE'), { errno: -32, code: 'EPIPE', syscall: 'write' }));
          return;
        }
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
        hostFunctions().write(child._id, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
        cb();
      },
      final(cb) {
        if (!child._exited) hostFunctions().end(child._id);
        cb();
      },
      destroy(err, cb) {
        if (child._id && !child._exited) hostFunctions().end(child._id);
        cb(err);
      },
    });
    stream.fd = 0;
    return stream;
  }

  // What keeps the parent's loop alive: the running child (unless unref'd), its open pipes
  // and its IPC channel.
  _hold() {
    const open = (s) => s && !s.readableEnded && !s.destroyed;
    const want = (!this._exited && this._refd) || open(this.stdout) || open(this.stderr) || this.connected ? 1 : 0;
    if (want !== this._held) {
      refWaiting(want - this._held);
      this._held = want;
    }
  }

  _data(fd, bytes) {
    const stream = fd === 2 ? this.stderr : this.stdout;
    if (stream && !stream.destroyed) stream.push(Buffer.from(bytes));
  }

  _exit(status, signal) {
    this._exited = true;
    if (signal) this.signalCode = signal;
    else this.exitCode = status;
    live.delete(this._id);
    if (this.stdin) this.stdin.destroy();
    for (const s of [this.stdout, this.stderr]) if (s && !s.destroyed) s.push(null);
    this._hold();
    this.emit('exit', this.exitCode, this.signalCode);
    // output nobody reads is let go, as Node's flushStdio does, so the pipes close
    process.nextTick(() => {
      for (const s of [this.stdout, this.stderr]) if (s && s.readableFlowing === null && !s.destroyed) s.resume();
    });
    this._maybeClose();
  }

  _maybeClose() {
    this._closesGot++;
    if (this._closesGot === this._closesNeeded) this.emit('close', this.exitCode, this.signalCode);
  }

  _message(json) {
    ipcReceive(this, json);
  }

  _disconnected() {
    if (!this.connected) return;
    this.connected = false;
    this._hold();
    process.nextTick(() => {
      this.emit('disconnect');
      this._maybeClose();
    });
  }

  kill(sig) {
    const signal = sig === 0 ? '0' : validSignal(sig === undefined ? 'SIGTERM' : sig);
    if (!this._id || this._exited) return false;
    if (!hostFunctions().kill(this._id, signal)) return false;
    if (signal !== '0') this.killed = true;
    return true;
  }

  send(message, handle, options, callback) {
    return ipcSend(this, this._id, this.connected, message, handle, options, callback);
  }

  disconnect() {
    ipcDisconnect(this, this._id, this.connected);
  }

  ref() {
    this._refd = true;
    this._hold();
  }

  unref() {
    this._refd = false;
    this._hold();
  }

  [Symbol.dispose]() {
    if (!this.killed) this.kill();
  }
}

// ---- spawn and the async forms ---------------------------------------------------------

function abortError(reason) {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  if (reason !== undefined) err.cause = reason;
  return err;
}

export function spawn(file, args, options) {
  const o = normalizeSpawnArguments(file, args, options);
  validateTimeout(o.timeout);
  if (o.signal !== undefined && (o.signal === null || typeof o.signal !== 'object' || !('aborted' in o.signal))) {
    throw invalidArgType('options.signal', 'AbortSignal', o.signal);
  }
  const killSignal = sanitizeKillSignal(o.killSignal);
  const child = new ChildProcess();
  child.spawn(o);
  if (o.timeout > 0) {
    let timer = setTimeout(() => {
      if (timer) {
        try {
          child.kill(killSignal);
        } catch (err) {
          child.emit('error', err);
        }
        timer = null;
      }
    }, o.timeout);
    child.once('exit', () => {
      if (timer) clearTimeout(timer);
      timer = null;
    });
  }
  if (o.signal) {
    const signal = o.signal;
    const onAbort = () => {
      try {
        if (child.kill(killSignal)) child.emit('error', abortError(signal.reason));
      } catch (err) {
        child.emit('error', err);
      }
    };
    if (signal.aborted) process.nextTick(onAbort);
    else {
      signal.addEventListener('abort', onAbort, { once: true });
      child.once('exit', () => signal.removeEventListener('abort', onAbort));
    }
  }
  return child;
}

function normalizeExecFileArgs(file, args, options, callback) {
  if (Array.isArray(args)) args = args.slice();
  else if (args != null && typeof args === 'object') {
    callback = options;
    options = args;
    args = null;
  } else if (typeof args === 'function') {
    callback = args;
    options = null;
    args = null;
  }
  if (args == null) args = [];
  if (typeof options === 'function') callback = options;
  else if (options != null) validateObject(options, 'options');
  if (options == null || typeof options === 'function') options = {};
  if (callback != null) validateFunction(callback, 'callback');
  if (options.argv0 != null) {
    validateString(options.argv0, 'options.argv0');
    nullCheck(options.argv0, 'options.argv0');
  }
  return { file, args, options, callback };
}

function genericError(message, props) {
  const err = new Error(message);
  Object.assign(err, props);
  return err;
}

export function execFile(file, args, options, callback) {
  ({ file, args, options, callback } = normalizeExecFileArgs(file, args, options, callback));
  options = { encoding: 'utf8', timeout: 0, maxBuffer: MAX_BUFFER, killSignal: 'SIGTERM', cwd: null, env: null, shell: false, ...options };
  validateTimeout(options.timeout);
  validateMaxBuffer(options.maxBuffer);
  options.killSignal = sanitizeKillSignal(options.killSignal);
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: options.env,
    gid: options.gid,
    shell: options.shell,
    signal: options.signal,
    uid: options.uid,
    windowsHide: !!options.windowsHide,
    windowsVerbatimArguments: !!options.windowsVerbatimArguments,
  });
  const encoding = options.encoding !== 'buffer' && Buffer.isEncoding(options.encoding) ? options.encoding : null;
  const out = { stdout: [], stderr: [] };
  const length = { stdout: 0, stderr: 0 };
  let killed = false;
  let exited = false;
  let timer;
  let ex = null;
  let cmd = file;

  function exithandler(code, signal) {
    if (exited) return;
    exited = true;
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (!callback) return;
    const joined = (name) =>
      encoding || child[name]?.readableEncoding ? out[name].join('') : Buffer.concat(out[name]);
    const stdout = joined('stdout');
    const stderr = joined('stderr');
    if (!ex && code === 0 && signal === null) {
      callback(null, stdout, stderr);
      return;
    }
    if (args?.length) cmd += ` ${args.join(' ')}`;
    if (!ex) {
      const name = code < 0 ? importBuiltin('node:util').getSystemErrorName(code) : code;
      ex = genericError(`Command failed: ${cmd}\n${stderr}`, { code: name, killed: child.killed || killed, signal });
    }
    ex.cmd = cmd;
    callback(ex, stdout, stderr);
  }

  function errorhandler(e) {
    ex = e;
    child.stdout?.destroy();
    child.stderr?.destroy();
    exithandler();
  }

  function kill() {
    child.stdout?.destroy();
    child.stderr?.destroy();
    killed = true;
    try {
      child.kill(options.killSignal);
    } catch (e) {
      ex = e;
      exithandler();
    }
  }

  if (options.timeout > 0) {
    timer = setTimeout(() => {
      kill();
      timer = null;
    }, options.timeout);
  }

  for (const name of ['stdout', 'stderr']) {
    const stream = child[name];
    if (!stream) continue;
    if (encoding) stream.setEncoding(encoding);
    stream.on('data', (chunk) => {
      if (options.maxBuffer === Infinity) {
        out[name].push(chunk);
        return;
      }
      const enc = stream.readableEncoding;
      const size = enc ? Buffer.byteLength(chunk, enc) : chunk.length;
      length[name] += size;
      if (length[name] > options.maxBuffer) {
        const keep = options.maxBuffer - (length[name] - size);
        out[name].push(chunk.slice(0, keep));
        ex = nodeError(RangeError, 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER', `${name} maxBuffer length exceeded`);
        kill();
      } else {
        out[name].push(chunk);
      }
    });
  }
  child.addListener('close', exithandler);
  child.addListener('error', errorhandler);
  return child;
}

function normalizeExecArgs(command, options, callback) {
  validateString(command, 'command');
  nullCheck(command, 'command');
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  options = { ...options };
  options.shell = typeof options.shell === 'string' ? options.shell : true;
  return { file: command, options, callback };
}

export function exec(command, options, callback) {
  const opts = normalizeExecArgs(command, options, callback);
  return execFile(opts.file, opts.options, opts.callback);
}

function promiseForm(orig) {
  return (...args) => {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    promise.child = orig(...args, (err, stdout, stderr) => {
      if (err !== null) {
        err.stdout = stdout;
        err.stderr = stderr;
        reject(err);
      } else resolve({ stdout, stderr });
    });
    return promise;
  };
}
// util.promisify.custom, without loading node:util with this module
const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');
Object.defineProperty(exec, kCustomPromisify, { enumerable: false, value: promiseForm(exec) });
Object.defineProperty(execFile, kCustomPromisify, { enumerable: false, value: promiseForm(execFile) });

export function fork(modulePath, args = [], options) {
  if (modulePath instanceof URL) modulePath = importBuiltin('node:url').fileURLToPath(modulePath);
  else if (typeof modulePath !== 'string' && !Buffer.isBuffer(modulePath)) throw invalidArgType('modulePath', ['string', 'Buffer', 'URL'], modulePath);
  modulePath = String(modulePath);
  nullCheck(modulePath, 'modulePath');
  if (args == null) args = [];
  else if (typeof args === 'object' && !Array.isArray(args)) {
    options = args;
    args = [];
  } else if (!Array.isArray(args)) throw invalidArgType('args', 'Array', args);
  if (options != null) validateObject(options, 'options');
  options = { ...options, shell: false };
  options.execPath = options.execPath || process.execPath;
  nullCheck(options.execPath, 'options.execPath');
  const execArgv = options.execArgv || process.execArgv;
  args = [...execArgv, modulePath, ...args];
  if (typeof options.stdio === 'string') options.stdio = stdioArray(options.stdio, true);
  else if (!Array.isArray(options.stdio)) options.stdio = stdioArray(options.silent ? 'pipe' : 'inherit', true);
  else if (!options.stdio.includes('ipc')) {
    throw nodeError(Error, 'ERR_CHILD_PROCESS_IPC_REQUIRED', 'Forked processes must have an IPC channel, missing value \'ipc\' in options.stdio');
  }
  return spawn(options.execPath, args, options);
}

// ---- the synchronous forms -------------------------------------------------------------

export function spawnSync(file, args, options) {
  const o = { maxBuffer: MAX_BUFFER, ...normalizeSpawnArguments(file, args, options) };
  validateTimeout(o.timeout);
  validateMaxBuffer(o.maxBuffer);
  o.killSignal = sanitizeKillSignal(o.killSignal);
  const stdio = stdioArray(o.stdio || 'pipe', false);
  const { modes } = stdioModes(stdio);
  let input;
  if (o.input != null) {
    if (ArrayBuffer.isView(o.input)) input = Buffer.from(o.input.buffer, o.input.byteOffset, o.input.byteLength);
    else if (typeof o.input === 'string') input = Buffer.from(o.input, o.encoding);
    else throw invalidArgType('options.stdio[0]', ['Buffer', 'TypedArray', 'DataView', 'string'], o.input);
  }
  const plan = planChild(o, modes, false);
  const fail = (code) => ({
    error: spawnError(code, 'spawnSync', o.file, o.args.slice(1)),
    status: null,
    signal: null,
    output: null,
    pid: 0,
    stdout: null,
    stderr: null,
  });
  if (plan.error) return fail(plan.error);
  const host = hostFunctions();
  if (!host) return fail('ENOENT');
  const request = { ...plan.request, timeout: o.timeout ?? 0, killSignal: o.killSignal ?? 'SIGTERM', maxBuffer: o.maxBuffer === Infinity ? null : o.maxBuffer };
  const bytes = input ? input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength) : undefined;
  const [status, signal, outBytes, errBytes, error, pid] = host.spawnSync(JSON.stringify(request), bytes);
  if (pid === 0 && error) return fail(error);
  const encoding = o.encoding && o.encoding !== 'buffer' && Buffer.isEncoding(o.encoding) ? o.encoding : null;
  const decode = (b) => (b === null ? null : encoding ? Buffer.from(b).toString(encoding) : Buffer.from(b));
  const stdout = decode(outBytes);
  const stderr = decode(errBytes);
  const result = { status, signal, output: [null, stdout, stderr], pid, stdout, stderr };
  return error ? { error: spawnError(error, 'spawnSync', o.file, o.args.slice(1)), ...result } : result;
}

function checkExecSyncError(ret, args, cmd) {
  let err;
  if (ret.error) {
    err = ret.error;
    Object.assign(err, ret);
  } else if (ret.status !== 0) {
    let msg = 'Command failed: ';
    msg += cmd || args.join(' ');
    if (ret.stderr && ret.stderr.length > 0) msg += `\n${ret.stderr.toString()}`;
    err = genericError(msg, ret);
  }
  return err;
}

export function execFileSync(file, args, options) {
  ({ file, args, options } = normalizeExecFileArgs(file, args, options));
  const inheritStderr = !options.stdio;
  const ret = spawnSync(file, args, options);
  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
  const err = checkExecSyncError(ret, [options.argv0 || file, ...args]);
  if (err) throw err;
  return ret.stdout;
}

export function execSync(command, options) {
  const opts = normalizeExecArgs(command, options, null);
  const inheritStderr = !opts.options.stdio;
  const ret = spawnSync(opts.file, opts.options);
  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
  const err = checkExecSyncError(ret, undefined, command);
  if (err) throw err;
  return ret.stdout;
}

export function _forkChild() {}

export default { _forkChild, ChildProcess, exec, execFile, execFileSync, execSync, fork, spawn, spawnSync };
