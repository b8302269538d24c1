// node:child_process in a sandbox with no programs to run: every command fails as a missing
// binary does in Node (ENOENT, 'error' then 'close' with -2; the Sync forms return or throw the
// error), exec's through /bin/sh. Running node scripts in a child sandbox is not done yet.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { invalidArgType } from 'qjsw:internal/errors';

function spawnError(file, args, syscall = 'spawn') {
  const err = new Error(`${syscall} ${file} ENOENT`);
  err.errno = -2;
  err.code = 'ENOENT';
  err.syscall = `${syscall} ${file}`;
  err.path = file;
  err.spawnargs = args;
  return err;
}

function normalize(file, args, options) {
  if (typeof file !== 'string') throw invalidArgType('file', 'string', file);
  if (!Array.isArray(args)) {
    options = args;
    args = [];
  }
  return [file, args.map(String), options ?? {}];
}

function closed() {
  const s = new PassThrough();
  s.end();
  return s;
}

export class ChildProcess extends EventEmitter {
  constructor() {
    super();
    this.pid = undefined;
    this.exitCode = null;
    this.signalCode = null;
    this.killed = false;
    this.connected = false;
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.stdio = [null, null, null];
  }
  spawn(options) {
    const file = options.file;
    const args = options.args ?? [file];
    this.spawnfile = file;
    this.spawnargs = args;
    const piped = (i) => {
      const mode = Array.isArray(options.stdio) ? options.stdio[i] : options.stdio ?? 'pipe';
      return mode === 'pipe' || mode === undefined ? closed() : null;
    };
    this.stdin = piped(0);
    this.stdout = piped(1);
    this.stderr = piped(2);
    this.stdio = [this.stdin, this.stdout, this.stderr];
    const err = spawnError(file, args.slice(1));
    process.nextTick(() => {
      this.emit('error', err);
      this.emit('close', -2, null);
    });
    return -2;
  }
  kill() { return false; }
  disconnect() {}
  send(message, ...rest) {
    const cb = rest.find((a) => typeof a === 'function');
    const err = Object.assign(new Error('Channel closed'), { code: 'ERR_IPC_CHANNEL_CLOSED' });
    if (cb) process.nextTick(cb, err);
    else process.nextTick(() => this.emit('error', err));
    return false;
  }
  ref() {}
  unref() {}
}

export function spawn(file, args, options) {
  [file, args, options] = normalize(file, args, options);
  const child = new ChildProcess();
  child.spawn({ file, args: [options.argv0 ?? file, ...args], stdio: options.stdio });
  return child;
}

function buffered(child, cmd, callback) {
  if (typeof callback !== 'function') return child;
  child.once('error', (err) => {
    err.cmd = cmd;
    callback(err, '', '');
  });
  return child;
}

export function execFile(file, args, options, callback) {
  if (typeof args === 'function') {
    callback = args;
    args = [];
  } else if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (!Array.isArray(args)) {
    options = args;
    args = [];
  }
  const child = spawn(file, args ?? [], options);
  return buffered(child, [file, ...(args ?? [])].join(' '), callback);
}

export function exec(command, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (typeof command !== 'string') throw invalidArgType('command', 'string', command);
  const shell = typeof options?.shell === 'string' ? options.shell : '/bin/sh';
  const child = spawn(shell, ['-c', command], options);
  return buffered(child, command, callback);
}

export function fork(modulePath, args, options) {
  if (!Array.isArray(args)) {
    options = args;
    args = [];
  }
  return spawn(options?.execPath ?? process.execPath, [...(options?.execArgv ?? []), String(modulePath), ...(args ?? [])], options);
}

export function spawnSync(file, args, options) {
  [file, args, options] = normalize(file, args, options);
  return { error: spawnError(file, args, 'spawnSync'), status: null, signal: null, output: null, pid: 0, stdout: null, stderr: null };
}

function checkSync(result) {
  throw Object.assign(result.error, result);
}

export function execFileSync(file, args, options) {
  return checkSync(spawnSync(file, args, options));
}

export function execSync(command, options) {
  if (typeof command !== 'string') throw invalidArgType('command', 'string', command);
  const shell = typeof options?.shell === 'string' ? options.shell : '/bin/sh';
  return checkSync(spawnSync(shell, ['-c', command], options));
}

export function _forkChild() {}

export default { _forkChild, ChildProcess, exec, execFile, execFileSync, execSync, fork, spawn, spawnSync };
