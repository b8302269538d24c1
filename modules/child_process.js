// node:child_process, as Node's lib/child_process.js: argument checks and the functions built
// on ChildProcess and the synchronous spawn of qjsw:internal/child_process (what runs, and
// how, is said there).
import { Buffer } from 'node:buffer';
import { importBuiltin } from 'qjsw:binding/module';
import internalCp, { ChildProcess, getValidStdio, stdioStringToArray, convertToValidSignal } from 'qjsw:internal/child_process';
import { invalidArgType, invalidArgValue, outOfRange, nodeError } from 'qjsw:internal/errors';

const MAX_BUFFER = 1024 * 1024;

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
// the signal's number, as Node's sanitizeKillSignal gives it
function sanitizeKillSignal(killSignal) {
  if (typeof killSignal === 'string' || typeof killSignal === 'number') return convertToValidSignal(killSignal);
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

// Node's normalizeSpawnArguments: the options with file, args (argv0 first) and envPairs
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
  options = { __proto__: null, ...options };
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
  let windowsVerbatimArguments = !!options.windowsVerbatimArguments;
  if (options.shell) {
    nullCheck(options.shell, 'options.shell');
    const command = [file, ...args].join(' ');
    // (by process.platform, as Node: code that fakes the platform gets that platform's shell)
    if (process.platform === 'win32') {
      file = typeof options.shell === 'string' ? options.shell : process.env.comspec || 'cmd.exe';
      if (/^(?:.*\\)?cmd(?:\.exe)?$/i.test(file)) {
        args = ['/d', '/s', '/c', `"${command}"`];
        windowsVerbatimArguments = true;
      } else {
        args = ['-c', command];
      }
    } else {
      file = typeof options.shell === 'string' ? options.shell : process.platform === 'android' ? '/system/bin/sh' : '/bin/sh';
      args = ['-c', command];
    }
  }
  args.unshift(typeof options.argv0 === 'string' ? options.argv0 : file);
  const env = options.env || process.env;
  const envPairs = [];
  // prototype values are included, as Node's for-in takes them
  for (const key in env) {
    const value = env[key];
    if (value === undefined) continue;
    nullCheck(key, `options.env['${key}']`);
    nullCheck(String(value), `options.env['${key}']`);
    envPairs.push(`${key}=${value}`);
  }
  return {
    __proto__: null,
    ...options,
    args,
    cwd,
    detached: !!options.detached,
    envPairs,
    file,
    windowsHide: !!options.windowsHide,
    windowsVerbatimArguments,
  };
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
  if (options == null || typeof options === 'function') options = { __proto__: null };
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
  options = { __proto__: null, encoding: 'utf8', timeout: 0, maxBuffer: MAX_BUFFER, killSignal: 'SIGTERM', cwd: null, env: null, shell: false, ...options };
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
  options = { __proto__: null, ...options };
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
  options = { __proto__: null, ...options, shell: false };
  options.execPath = options.execPath || process.execPath;
  nullCheck(options.execPath, 'options.execPath');
  const execArgv = options.execArgv || process.execArgv;
  args = [...execArgv, modulePath, ...args];
  if (typeof options.stdio === 'string') options.stdio = stdioStringToArray(options.stdio, 'ipc');
  else if (!Array.isArray(options.stdio)) options.stdio = stdioStringToArray(options.silent ? 'pipe' : 'inherit', 'ipc');
  else if (!options.stdio.includes('ipc')) {
    throw nodeError(Error, 'ERR_CHILD_PROCESS_IPC_REQUIRED', 'Forked processes must have an IPC channel, missing value \'ipc\' in options.stdio');
  }
  return spawn(options.execPath, args, options);
}

// ---- the synchronous forms -------------------------------------------------------------

export function spawnSync(file, args, options) {
  options = { __proto__: null, maxBuffer: MAX_BUFFER, ...normalizeSpawnArguments(file, args, options) };
  validateTimeout(options.timeout);
  validateMaxBuffer(options.maxBuffer);
  options.killSignal = sanitizeKillSignal(options.killSignal);
  options.stdio = getValidStdio(options.stdio || 'pipe', true).stdio;
  if (options.input) options.stdio[0] = { ...options.stdio[0], input: options.input };
  // input may come on any fd: each must be bytes
  for (let i = 0; i < options.stdio.length; i++) {
    const input = options.stdio[i] && options.stdio[i].input;
    if (input == null) continue;
    const pipe = (options.stdio[i] = { ...options.stdio[i] });
    if (ArrayBuffer.isView(input)) pipe.input = input;
    else if (typeof input === 'string') pipe.input = Buffer.from(input, options.encoding);
    else throw invalidArgType(`options.stdio[${i}]`, ['Buffer', 'TypedArray', 'DataView', 'string'], input);
  }
  // through the module object, as Node's: a test may put its own function there
  return internalCp.spawnSync(options);
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

export { ChildProcess };

export default { _forkChild, ChildProcess, exec, execFile, execFileSync, execSync, fork, spawn, spawnSync };
