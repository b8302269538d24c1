// Node's lib/internal/child_process.js: the ChildProcess class, getValidStdio and the
// synchronous spawn that node:child_process builds its functions on. Its default export is
// the object node:child_process calls through (internalCp.spawnSync), as Node's module object
// is, so Node's tests may replace a function on it under --expose-internals
// (node_internals/child_process.js).
//
// The one program here is node: a command that is node (process.execPath, `node`, a script
// whose shebang names node, found as execvp would find it) runs in a child sandbox of the same
// Wasm module (runtime/sandbox/child-processes.ts), which shares the file tree. A shell (/bin/sh -c, as
// `exec` and `shell: true` run one) understands the simple lines that run node or one of its
// own builtins (echo, pwd, true, false, :, exit); one naming a program that is not here fails
// as dash does (127, "not found"). Anything else is a missing binary, as Node reports it
// (ENOENT), and so is the shell for a line that needs a real one (pipes, expansions, ...).
import { EventEmitter } from 'node:events';
import { Readable, Writable } from 'node:stream';
import { Buffer } from 'node:buffer';
import path from 'node:path';
import { importBuiltin } from 'qjsw:binding/module';
import { onRunReset, refWaiting } from 'qjsw:internal/loop';
import { hostFunctions, onHostEvent, ipcSend, ipcDisconnect, ipcReceive } from 'qjsw:internal/child_host';
import { invalidArgType, invalidArgValue, nodeError } from 'qjsw:internal/errors';
import { UV_EPIPE } from 'qjsw:binding/uv';
import { isProgram, needsShell, runningProgram } from 'qjsw:internal/programs';
import { echoBytes } from 'qjsw:internal/programs/shell_echo';
import { NODE_MARKER, NODE_PATH } from 'qjsw:internal/node_binary';

const ERRNO = { ENOENT: -2, EACCES: -13, EAGAIN: -11, ETIMEDOUT: -110, ENOBUFS: -105 };

function signals() {
  return importBuiltin('node:os').constants.signals;
}
// A signal's name from its number.
export function signalName(number) {
  for (const [name, n] of Object.entries(signals())) if (n === number) return name;
  return undefined;
}
// Node's convertToValidSignal: a signal name or number as its number.
export function convertToValidSignal(signal) {
  if (typeof signal === 'number' && signalName(signal)) return signal;
  if (typeof signal === 'string') {
    const n = signals()[signal.toUpperCase()];
    if (n !== undefined) return n;
  }
  throw nodeError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${signal}`);
}

function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'string', value);
}
function validateObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidArgType(name, 'Object', value);
}
function validateArray(value, name) {
  if (!Array.isArray(value)) throw invalidArgType(name, 'Array', value);
}

// ---- stdio ----------------------------------------------------------------------------------

export function stdioStringToArray(stdio, channel) {
  const options = [];
  switch (stdio) {
    case 'ignore':
    case 'overlapped':
    case 'pipe':
      options.push(stdio, stdio, stdio);
      break;
    case 'inherit':
      options.push(0, 1, 2);
      break;
    default:
      throw invalidArgValue('stdio', stdio);
  }
  if (channel) options.push(channel);
  return options;
}

// Node's getValidStdio: each stdio entry as { type: 'pipe' | 'overlapped' | 'ignore' | 'inherit'
// | 'fd' | 'wrap', ... }, and which one is the IPC channel. There are no pipe handles to make:
// the host makes the child's pipes when it starts.
export function getValidStdio(stdio, sync) {
  let ipc;
  let ipcFd;
  if (typeof stdio === 'string') stdio = stdioStringToArray(stdio);
  else if (!Array.isArray(stdio)) throw invalidArgValue('stdio', stdio);
  while (stdio.length < 3) stdio.push(undefined);
  stdio = stdio.reduce((acc, s, i) => {
    if (s == null) s = i < 3 ? 'pipe' : 'ignore';
    if (s === 'ignore') acc.push({ type: 'ignore' });
    else if (s === 'pipe' || s === 'overlapped' || (typeof s === 'number' && s < 0)) {
      acc.push({ type: s === 'overlapped' ? 'overlapped' : 'pipe', readable: i === 0, writable: i !== 0 });
    } else if (s === 'ipc') {
      if (sync || ipc !== undefined) {
        if (!sync) throw nodeError(Error, 'ERR_IPC_ONE_PIPE', 'Child process can have only one IPC pipe');
        throw nodeError(Error, 'ERR_IPC_SYNC_FORK', 'IPC cannot be used with synchronous forks');
      }
      ipc = { ipc: true };
      ipcFd = i;
      acc.push({ type: 'pipe', ipc: true });
    } else if (s === 'inherit') acc.push({ type: 'inherit', fd: i });
    else if (typeof s === 'number' || typeof s?.fd === 'number') acc.push({ type: 'fd', fd: typeof s === 'number' ? s : s.fd });
    else if (isStream(s)) acc.push({ type: 'wrap', _stdio: s });
    else if (ArrayBuffer.isView(s) || typeof s === 'string') {
      if (!sync) {
        const shown = importBuiltin('node:util').inspect(s);
        throw nodeError(TypeError, 'ERR_INVALID_SYNC_FORK_INPUT', `Asynchronous forks do not support Buffer, TypedArray, DataView or string input: ${shown}`);
      }
    } else throw invalidArgValue('stdio', s);
    return acc;
  }, []);
  return { stdio, ipc, ipcFd };
}

// A stream Node would pass by its handle (a socket, a pipe): here any stream object.
function isStream(s) {
  return typeof s === 'object' && s !== null && typeof s.pipe === 'function' && typeof s.on === 'function';
}

// Fds 0-2 given as another of the parent's fds (a file, or fd 1 for stderr) or as a stream
// without one: { fd } or { stream } for each, else undefined. The host gives the child a pipe
// there, and the parent moves the bytes, as the kernel would between the child and the file.
function redirections(stdio) {
  const r = [];
  for (let i = 0; i < 3; i++) {
    const s = stdio[i];
    if (s?.type === 'fd' && s.fd !== i) r[i] = { fd: s.fd };
    else if (s?.type === 'wrap') r[i] = { stream: s._stdio };
  }
  return r;
}

// Fds 0-2 as the child sandbox has them: a pipe, the parent's own, or nothing.
function stdioModes(stdio, redirected) {
  const modes = [];
  for (let i = 0; i < 3; i++) {
    const type = stdio[i]?.type;
    modes[i] = type === 'pipe' || type === 'overlapped' || redirected[i] ? 'pipe' : type === 'ignore' ? 'ignore' : 'inherit';
    if (stdio[i]?.ipc) modes[i] = 'ignore';
  }
  return modes;
}

// Output of a redirected fd, where it goes.
function forward(target, bytes) {
  try {
    if (target.stream) target.stream.write(bytes);
    else importBuiltin('node:fs').writeSync(target.fd, bytes);
  } catch {
    // as a write the child makes to a closed fd: the child's, not the parent's, failure
  }
}

// What a redirected stdin holds: a file read from its fd's position to its end.
function readFd(fd) {
  try {
    return importBuiltin('node:fs').readFileSync(fd);
  } catch {
    return Buffer.alloc(0);
  }
}

// ---- what runs: node, a shell that runs node, or nothing ------------------------------------

// A file's mode, or undefined when it is not there.
function realpathOf(p) {
  try {
    return importBuiltin('node:fs').realpathSync(p);
  } catch {
    return p;
  }
}

function modeOf(p) {
  try {
    return importBuiltin('node:fs').statSync(p).mode;
  } catch {
    return undefined;
  }
}

// The first bytes of file p as latin1 text ('' when it cannot be read).
function headOf(p) {
  try {
    const fs = importBuiltin('node:fs');
    const fd = fs.openSync(p, 'r');
    const head = Buffer.alloc(256);
    const n = fs.readSync(fd, head, 0, 256, 0);
    fs.closeSync(fd);
    return head.toString('latin1', 0, n);
  } catch {
    return '';
  }
}

function nodeShebang(head) {
  const line = head.split('\n')[0];
  if (!line.startsWith('#!')) return false;
  const words = line.slice(2).trim().split(/\s+/);
  let i = 0;
  if (path.basename(words[0]) === 'env') {
    i = 1;
    while (words[i]?.startsWith('-')) i++;
  }
  return ['node', 'nodejs'].includes(path.basename(words[i] ?? ''));
}

const S_IFMT = 0o170000;
// where the sandbox's own programs are (Debian's /bin is /usr/bin)
const SYSTEM_DIRS = ['/bin', '/usr/bin'];
const S_IFREG = 0o100000;

// The program `file` names, as execvp finds it: { node: true } or { script } for a node
// script run directly, else the errno name of the failure.
function findProgram(file, env, cwd) {
  if (file === 'node') return { node: true, execPath: NODE_PATH };
  if (file === process.execPath || (file === process.argv0 && runningProgram() === null)) return { node: true, execPath: process.execPath };
  const candidates = [];
  if (file.includes('/')) candidates.push(path.resolve(cwd, file));
  else {
    const dirs = (env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':');
    for (const dir of dirs) candidates.push(path.resolve(cwd, dir || '.', file));
  }
  let denied = false;
  for (const candidate of candidates) {
    if (candidate === process.execPath) return { node: true, execPath: candidate };
    const mode = modeOf(candidate);
    if (mode === undefined) {
      if (SYSTEM_DIRS.includes(path.dirname(candidate)) && isProgram(path.basename(candidate))) return { program: path.basename(candidate) };
      continue;
    }
    if ((mode & S_IFMT) !== S_IFREG || (mode & 0o111) === 0) {
      denied = true;
      continue;
    }
    const head = headOf(candidate);
    // the sandbox's node binary, a copy of it or a link to it: node, as that file
    if (head.startsWith(NODE_MARKER)) return { node: true, execPath: realpathOf(candidate) };
    // an executable that is not a node script would need its interpreter: none is here
    return nodeShebang(head) ? { script: candidate } : { error: 'ENOENT' };
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

// $NAME or ${NAME} at line[i] (its `$`): [name, the index after it], or null for any other
// expansion.
function parameterAt(line, i) {
  const braced = line[i + 1] === '{';
  const start = i + (braced ? 2 : 1);
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line.slice(start));
  if (!m) return null;
  const end = start + m[0].length;
  if (braced) return line[end] === '}' ? [m[0], end + 1] : null;
  return [m[0], end];
}

// A simple shell line: NAME=value assignments, then words, quoted as sh quotes them, with
// $NAME and ${NAME} from the shell's environment `vars` (split into fields where unquoted),
// ended by at most one `;`. Anything that needs a real shell (pipes, redirections, other
// expansions, globs, lists) gives null.
// A word that starts NAME= unquoted: an assignment, when it comes before the command.
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

function parseShell(line, vars) {
  const valueOf = (name) => (Object.hasOwn(vars, name) ? String(vars[name]) : '');
  const words = [];
  let word = null;
  let i = 0;
  // for each word, whether it cannot be an assignment (its NAME= was quoted or expanded)
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
      quoted ||= !ASSIGNMENT.test(word ?? '');
      word = (word ?? '') + line.slice(i + 1, end);
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
        if (d === '$') {
          const parameter = parameterAt(line, i);
          if (!parameter) return null;
          text += valueOf(parameter[0]);
          i = parameter[1];
          continue;
        }
        if (d === '`') return null;
        if (d === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
          text += line[i + 1];
          i += 2;
          continue;
        }
        text += d;
        i++;
      }
      quoted ||= !ASSIGNMENT.test(word ?? '');
      word = (word ?? '') + text;
      i++;
      continue;
    }
    if (c === '\\') {
      if (i + 1 >= line.length) return null;
      quoted ||= !ASSIGNMENT.test(word ?? '');
      word = (word ?? '') + line[i + 1];
      i += 2;
      continue;
    }
    if (c === '$') {
      const parameter = parameterAt(line, i);
      if (!parameter) return null;
      const value = valueOf(parameter[0]);
      i = parameter[1];
      // the value of an assignment (NAME=... before the command) is neither split nor globbed
      if (word !== null && !quoted && ASSIGNMENT.test(word) && words.every((w, k) => !quotedFlags[k] && ASSIGNMENT.test(w))) {
        word += value;
        continue;
      }
      // a value with glob characters would be matched against files: a real shell's work
      if (/[*?[]/.test(value)) return null;
      // the fields: the first joins the word so far, each next one starts a word
      value.split(/[ \t\n]+/).forEach((part, k) => {
        if (k > 0) {
          if (word !== null) {
            words.push(word);
            quotedFlags.push(quoted);
          }
          word = null;
          quoted = false;
        }
        if (part === '') return;
        // a word an expansion begins is never an assignment
        if (word === null) {
          quoted = true;
          word = '';
        }
        word += part;
      });
      continue;
    }
    // `cmd;` (nothing after the `;` but blanks) is `cmd`
    if (c === ';' && words.length + (word === null ? 0 : 1) > 0 && /^[ \t]*$/.test(line.slice(i + 1))) break;
    if ('|&;<>()$`*?[]{}\n\r'.includes(c) || (c === '#' && word === null) || (c === '~' && word === null)) return null;
    word = (word ?? '') + c;
    i++;
  }
  if (word !== null) {
    words.push(word);
    quotedFlags.push(quoted);
  }
  const env = { __proto__: null };
  while (words.length > 1 && !quotedFlags[0] && ASSIGNMENT.test(words[0])) {
    const w = words.shift();
    quotedFlags.shift();
    env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
  }
  return words.length ? { env, words } : null;
}

// The shells whose `-c line` runs here (by their name: sh and dash are dash, as Debian's
// /bin/sh is), or undefined.
function shellOf(file) {
  const name = path.basename(file);
  if (!['sh', 'dash', 'bash'].includes(name)) return undefined;
  if (file.includes('/') && !['/bin', '/usr/bin'].includes(path.dirname(file))) return undefined;
  return name === 'bash' ? 'bash' : 'dash';
}

// How the shell reports a command it cannot run.
function cannotRun(shell, word, denied) {
  if (shell.kind === 'bash') return `${shell.name}: line 1: ${word}: ${denied ? 'Permission denied' : 'command not found'}\n`;
  return `${shell.name}: 1: ${word}: ${denied ? 'Permission denied' : 'not found'}\n`;
}

// A command the shell runs itself (echo, pwd, true, false, :, exit) as the code of a child
// that does what it does, or undefined.
function shellBuiltin(shell, word, args) {
  const fail = (message, status) => `process.stderr.write(${JSON.stringify(message)});process.exitCode=${status}`;
  switch (word) {
    case 'echo':
      return `process.stdout.write(Buffer.from(${JSON.stringify(echoBytes(shell.kind, args).toString('base64'))},'base64'))`;
    case 'pwd': {
      const option = args.find((a) => a.startsWith('-') && a !== '-');
      if (option !== undefined && option !== '--' && !/^-[LP]+$/.test(option)) {
        return shell.kind === 'bash'
          ? fail(`${shell.name}: line 1: pwd: ${option.slice(0, 2)}: invalid option\npwd: usage: pwd [-LP]\n`, 2)
          : fail(`${shell.name}: 1: pwd: Illegal option ${option.slice(0, 2)}\n`, 2);
      }
      return "process.stdout.write(process.cwd()+'\\n')";
    }
    case 'true':
    case ':':
      return '';
    case 'false':
      return 'process.exitCode=1';
    case 'exit': {
      if (args.length === 0) return '';
      if (/^[0-9]+$/.test(args[0])) return `process.exitCode=${Number(args[0]) & 255}`;
      return shell.kind === 'bash'
        ? fail(`${shell.name}: line 1: exit: ${args[0]}: numeric argument required\n`, 2)
        : fail(`${shell.name}: 1: exit: Illegal number: ${args[0]}\n`, 2);
    }
    default:
      return undefined;
  }
}

// The child sandbox's request for `file` run with `argv` (argv0 first), or the errno name
// that stops it.
function planChild({ file, argv, env, cwd: cwdOption }, modes, ipc) {
  let args = argv.slice(1);
  const cwd = cwdOption == null || cwdOption === '' ? process.cwd() : path.resolve(String(cwdOption));
  const cwdMode = modeOf(cwd);
  // execve's own failure for a cwd that is not a directory: Node reports the file
  if (cwdMode === undefined || (cwdMode & S_IFMT) !== 0o040000) return { error: 'ENOENT' };
  let shell;
  // what the shell does itself runs as a node child that does the same
  const shellChild = (code) => ({ request: { mode: 'eval', file: code, args: [], execArgv: [], argv0: shell.name, cwd, env, stdio: modes, ipc } });
  const kind = shellOf(file);
  if (kind && args[0] === '-c' && args.length >= 2) {
    // a shell: what runs is its command line, when it is a simple one
    shell = { name: argv[0], kind };
    // a line of blanks or a comment does nothing, successfully
    if (/^[ \t]*(#[^\n]*)?$/.test(args[1])) return shellChild('');
    const line = parseShell(args[1], env);
    // a line that needs more than one command, or more of a shell than echo: the shell program
    // runs it (qjsw:internal/programs/sh)
    if (!line || needsShell(line.words[0])) return { request: { mode: 'program', file: path.basename(file), args, execArgv: [], argv0: argv[0], cwd, env, stdio: modes, ipc } };
    env = { ...env, ...line.env };
    file = line.words[0];
    args = line.words.slice(1);
  }
  const builtin = shell && shellBuiltin(shell, file, args);
  if (builtin !== undefined) return shellChild(builtin);
  const program = findProgram(file, env, cwd);
  if (program.error && shell) {
    // the shell runs, and tells why it could not run the command, with its status
    const status = program.error === 'EACCES' ? 126 : 127;
    return shellChild(`process.stderr.write(${JSON.stringify(cannotRun(shell, file, status === 126))});process.exitCode=${status}`);
  }
  if (program.error) return { error: program.error };
  if (program.program) {
    return { request: { mode: 'program', file: program.program, args, execArgv: [], argv0: shell ? file : argv[0], cwd, env, stdio: modes, ipc } };
  }
  const command = program.node ? nodeCommand(args) : { mode: 'file', file: program.script, args, execArgv: [] };
  if (command.mode === 'file') command.file = path.resolve(cwd, command.file);
  return {
    request: {
      ...command,
      // execve's argv[0] (the file as the caller named it, or options.argv0); a script's
      // interpreter is `node` to itself
      argv0: !program.node ? 'node' : shell ? file : argv[0],
      execPath: program.execPath ?? NODE_PATH,
      cwd,
      env,
      stdio: modes,
      ipc,
    },
  };
}

// envPairs ('NAME=value') as the child's environment; the first of a name counts, as getenv
// finds it
function envOf(envPairs) {
  const env = { __proto__: null };
  for (const pair of envPairs) {
    const text = String(pair);
    const eq = text.indexOf('=');
    if (eq <= 0) continue;
    const key = text.slice(0, eq);
    if (!Object.hasOwn(env, key)) env[key] = text.slice(eq + 1);
  }
  return env;
}

export function spawnError(code, syscall, file, spawnargs) {
  const err = new Error(`${syscall} ${file} ${code}`);
  err.errno = ERRNO[code];
  err.code = code;
  err.syscall = `${syscall} ${file}`;
  err.path = file;
  err.spawnargs = spawnargs;
  return err;
}

// Node's old name of an IPC end's channel, deprecated (DEP0129)
export function defineDeprecatedChannel(target) {
  const { deprecate } = importBuiltin('node:util');
  const message = '_channel is deprecated. Use ChildProcess.channel instead.';
  Object.defineProperty(target, '_channel', {
    __proto__: null,
    get: deprecate(() => target.channel, message, 'DEP0129'),
    set: deprecate((value) => { target.channel = value; }, message, 'DEP0129'),
    configurable: true,
  });
}

// ---- ChildProcess ---------------------------------------------------------------------------

const live = new Map(); // host id -> ChildProcess

// kill(2) of a child of this process by its pid (process.kill): 0, or -ESRCH when no child of
// that pid is alive.
export function killChild(pid, number) {
  for (const child of live.values()) {
    if (child.pid !== pid || child._exited) continue;
    return hostFunctions().kill(child._id, number === 0 ? '0' : signalName(number)) ? 0 : -3;
  }
  return -3;
}
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
  onHostEvent('message', (id, data) => live.get(id)?._message(data));
  onHostEvent('disconnect', (id) => live.get(id)?._disconnected());
}

// A pipe's ref()/unref(), as a net.Socket's: an unref'd pipe keeps the loop alive no more (a
// write-only stdin keeps it alive in neither case).
const kRefd = Symbol('kRefd');
function pipeRefs(stream, child) {
  stream[kRefd] = true;
  stream.ref = function ref() {
    this[kRefd] = true;
    child._hold();
    return this;
  };
  stream.unref = function unref() {
    this[kRefd] = false;
    child._hold();
    return this;
  };
  return stream;
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
    this._serialization = 'json';
    this._redirected = [];
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.stdio = [null, null, null];
    // diagnostics_channel's 'child_process', as Node publishes each new ChildProcess
    const channel = importBuiltin('node:diagnostics_channel').channel('child_process');
    if (channel.hasSubscribers) channel.publish({ process: this });
  }

  spawn(options) {
    validateObject(options, 'options');
    const valid = getValidStdio(options.stdio || 'pipe', false);
    const { ipc, ipcFd } = valid;
    const stdio = (options.stdio = valid.stdio);
    const serialization = options.serialization;
    if (![undefined, 'json', 'advanced'].includes(serialization)) {
      throw invalidArgValue('options.serialization', serialization, "must be one of: undefined, 'json', 'advanced'");
    }
    this._serialization = serialization || 'json';
    if (ipc !== undefined) {
      // the child learns of its channel from its environment, as Node's does
      if (options.envPairs === undefined) options.envPairs = [];
      else validateArray(options.envPairs, 'options.envPairs');
      options.envPairs.push(`NODE_CHANNEL_FD=${ipcFd}`, `NODE_CHANNEL_SERIALIZATION_MODE=${this._serialization}`);
    }
    validateString(options.file, 'options.file');
    this.spawnfile = options.file;
    if (options.args === undefined) this.spawnargs = [];
    else {
      validateArray(options.args, 'options.args');
      this.spawnargs = options.args;
    }
    if (options.envPairs !== undefined) validateArray(options.envPairs, 'options.envPairs');
    const env = options.envPairs === undefined ? { ...process.env } : envOf(options.envPairs);
    this._redirected = redirections(stdio);
    const modes = stdioModes(stdio, this._redirected);
    const argv = this.spawnargs.length ? this.spawnargs.map(String) : [options.file];
    const plan = planChild({ file: options.file, argv, env, cwd: options.cwd }, modes, ipc !== undefined);
    let result = plan.error;
    let started;
    if (!result) {
      const host = hostFunctions();
      started = host ? host.spawn(JSON.stringify(plan.request)) : 'ENOENT';
      if (typeof started === 'string') result = started;
    }
    // the pipes exist even when the program does not: they are closed at once then
    for (let i = 0; i < stdio.length; i++) {
      if (stdio[i].ipc || (stdio[i].type !== 'pipe' && stdio[i].type !== 'overlapped') || i > 2 || this._redirected[i]) continue;
      this.stdio[i] = i === 0 ? this._stdinStream() : this._readable(i, !result);
    }
    for (let i = 3; i < stdio.length; i++) this.stdio[i] = null;
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
    if (ipc !== undefined) {
      this.connected = true;
      this._closesNeeded++;
      this.channel = { ref: () => {}, unref: () => {} };
      defineDeprecatedChannel(this);
    }
    this._hold();
    const input = this._redirected[0];
    if (input) {
      const sink = this._stdinStream();
      // (more unread input than the host holds for a child, say) the child's error
      sink.on('error', (err) => this.emit('error', err));
      if (input.stream) input.stream.pipe(sink);
      else sink.end(readFd(input.fd));
    }
    process.nextTick(() => this.emit('spawn'));
    return 0;
  }

  _readable(fd, counted) {
    const stream = pipeRefs(new Readable({ read() {} }), this);
    // (a pipe's read end, as Node's net.Socket of it: never writable)
    stream.writable = false;
    if (counted) {
      stream.on('close', () => {
        this._hold();
        this._maybeClose();
      });
      stream.on('end', () => this._hold());
    }
    return stream;
  }

  _stdinStream() {
    const child = this;
    const stream = pipeRefs(new Writable({
      write(chunk, encoding, cb) {
        if (child._exited) {
          cb(Object.assign(new Error('write EPIPE'), { errno: UV_EPIPE, code: 'EPIPE', syscall: 'write' }));
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
    }), child);
    // (a pipe's write end, as Node's net.Socket of it: never readable)
    stream.readable = false;
    return stream;
  }

  // What keeps the parent's loop alive: the running child (unless unref'd), its open pipes
  // (unless unref'd: esbuild's service, say, unrefs the child and its stdout) and its IPC channel.
  _hold() {
    const open = (s) => s && s[kRefd] && !s.readableEnded && !s.destroyed;
    const want = (!this._exited && this._refd) || open(this.stdout) || open(this.stderr) || this.connected ? 1 : 0;
    if (want !== this._held) {
      refWaiting(want - this._held);
      this._held = want;
    }
  }

  _data(fd, bytes) {
    const target = this._redirected[fd];
    if (target) {
      forward(target, Buffer.from(bytes));
      return;
    }
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

  _message(data) {
    if (this.connected) ipcReceive(this, data);
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
    const signal = sig === 0 ? 0 : convertToValidSignal(sig === undefined ? 'SIGTERM' : sig);
    if (!this._id || this._exited) return false;
    if (!hostFunctions().kill(this._id, signal === 0 ? '0' : signalName(signal))) return false;
    if (signal !== 0) this.killed = true;
    return true;
  }

  send(message, handle, options, callback) {
    return ipcSend(this, this._id, this.connected, message, handle, options, callback, this._serialization);
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

// ---- the synchronous spawn --------------------------------------------------------------------

// Node's internal spawnSync: `options` as node:child_process's spawnSync normalized them (file,
// args with argv0 first, envPairs, stdio from getValidStdio with any input, killSignal as a
// number); the result as Node's: { status, signal, output, pid, stdout, stderr[, error] }.
export function spawnSync(options) {
  const stdio = options.stdio;
  const redirected = redirections(stdio);
  const modes = stdioModes(stdio, redirected);
  let input = stdio[0]?.input;
  if (input != null) input = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  else if (redirected[0]?.fd !== undefined) input = readFd(redirected[0].fd);
  const env = options.envPairs === undefined ? { ...process.env } : envOf(options.envPairs);
  const argv = (options.args?.length ? options.args : [options.file]).map(String);
  const file = options.file;
  const fail = (code) => ({
    error: spawnError(code, 'spawnSync', file, argv.slice(1)),
    status: null,
    signal: null,
    output: null,
    pid: 0,
    stdout: null,
    stderr: null,
  });
  const plan = planChild({ file, argv, env, cwd: options.cwd }, modes, false);
  if (plan.error) return fail(plan.error);
  const host = hostFunctions();
  if (!host) return fail('ENOENT');
  const killSignal = options.killSignal === undefined ? 'SIGTERM' : signalName(options.killSignal) ?? 'SIGTERM';
  const maxBuffer = options.maxBuffer === Infinity || options.maxBuffer == null ? null : options.maxBuffer;
  const request = { ...plan.request, timeout: options.timeout ?? 0, killSignal, maxBuffer };
  const bytes = input ? input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength) : undefined;
  const [status, signal, outBytes, errBytes, error, pid] = host.spawnSync(JSON.stringify(request), bytes);
  if (pid === 0 && error) return fail(error);
  const encoding = options.encoding && options.encoding !== 'buffer' && Buffer.isEncoding(options.encoding) ? options.encoding : null;
  const decode = (b, i) => {
    if (b === null) return null;
    // what went to a redirected fd is there, not in the result
    if (redirected[i]) {
      forward(redirected[i], Buffer.from(b));
      return null;
    }
    return encoding ? Buffer.from(b).toString(encoding) : Buffer.from(b);
  };
  const stdout = decode(outBytes, 1);
  const stderr = decode(errBytes, 2);
  const result = { status, signal, output: [null, stdout, stderr], pid, stdout, stderr };
  // Node's result has its error first
  return error ? { error: spawnError(error, 'spawnSync', file, argv.slice(1)), ...result } : result;
}

export default { ChildProcess, getValidStdio, stdioStringToArray, spawnSync };
