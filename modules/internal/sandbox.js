// The guest half of a sandbox (runtime/sandbox/sandbox.ts is the host's): boots a Node-like
// global environment in a context (process, console, Buffer, timers, require for the main
// script), runs the main script, turns the event loop and reports what ends a run. Node
// contexts of newContext() (runtime/module/node-context.ts) boot through it too.
import process from 'qjsw:internal/process_object';
import { processInternals } from 'qjsw:internal/process_internals';
import * as loop from 'qjsw:internal/loop';
import { console } from 'qjsw:internal/console';
import Module from 'node:module';
import path from 'node:path';
import {
  setEsmHooks, setRejectionHook, importBuiltin, dropPendingJobs, runMicrotasks, throwSite, exit as exitNow, exposeNodeInternals,
  enqueueJob, gc as collectGarbage, collectIfFull,
} from 'qjsw:binding/module';
import { EventEmitter } from 'node:events';
import * as fsBinding from 'qjsw:binding/fs';
import { installNodeBinary } from 'qjsw:internal/node_binary';
import { uvException, invalidArgType, nodeError } from 'qjsw:internal/errors';
import { installGlobals } from 'qjsw:internal/globals';
import * as esm from 'qjsw:internal/esm';
import { fileUrl } from 'qjsw:internal/packages';
import { setMainModule, isDefaultRunMain, setEntryRunner } from 'qjsw:internal/main_module';
import { setHost as setChildHost, hostFunctions, workerInfo } from 'qjsw:internal/child_host';
import * as ac from 'qjsw:internal/async_context';
import { captureCallback } from 'qjsw:internal/uncaught_capture';
import { trackRejection, takeRejectionFailure, resetRejections } from 'qjsw:internal/promise_rejections';

// The sandbox's `files` and `cwd`, written through the binding: node:fs (the largest builtin)
// then only loads when the guest asks for it.
function preload(files, cwd) {
  const { O_TRUNC, O_CREAT, O_WRONLY } = fsBinding.constants;
  const mkdirp = (dir) => {
    const r = fsBinding.mkdir(dir, 0o777, true);
    if (typeof r === 'number' && r < 0) throw uvException(r, 'mkdir', dir);
  };
  for (const [name, data] of files) {
    mkdirp(path.dirname(name));
    const bytes = new Uint8Array(data);
    const r = fsBinding.writeFile(name, bytes, O_TRUNC | O_CREAT | O_WRONLY, 0o666);
    if (Array.isArray(r)) throw uvException(r[0], r[1], name);
    if (r < 0) throw uvException(r, 'open', name);
  }
  installNodeBinary(fsBinding);
  mkdirp(cwd);
}

export const resetStdin = () => processInternals.resetStdin();

// Node's queueMicrotask: the callback is a 'Microtask' async resource's, in the context it was
// queued in (the job carries that); a job of its own, as V8's EnqueueMicrotask, not a
// promise's (a promise hook sees none, and what it throws is uncaught, not a rejection).
class Microtask {}
function queueMicrotask(fn) {
  if (typeof fn !== 'function') throw invalidArgType('callback', 'Function', fn);
  const id = ac.newAsyncId();
  const trigger = ac.defaultTriggerAsyncId();
  const resource = ac.hooksOn ? new Microtask() : ac.topLevelResource;
  if (ac.hooksOn) ac.emitInit(id, 'Microtask', trigger, resource);
  enqueueJob(() => {
    try {
      ac.runAs(id, trigger, resource, ac.currentContext(), fn, undefined, []);
    } finally {
      ac.emitDestroy(id);
    }
  });
}

export function boot(options) {
  preload(options.host.files ?? [], options.cwd);
  processInternals.configure(options);
  Module._initPaths();
  bootArgv = process.argv.slice();
  setChildHost(options.host.children ?? null);
  child = options.child ?? null;
  // Node's --expose-internals, as the host decided (runtime/sandbox/sandbox.ts): shown on the main
  // process's command line as node shows it (a child's is its own, set when it starts)
  if (options.exposeInternals === true) {
    exposeNodeInternals();
    if (child === null) process.execArgv.push('--expose-internals');
  }
  // A sandbox's host drains ticks after each callback; in a quickjs-emscripten context they
  // are promise jobs, run when the embedder runs the jobs.
  if (options.host.queued) loop.setQueuedHook(options.host.queued);
  else loop.takeOverTicks();
  const g = globalThis;
  // Enumerable as in Node: global, the timers and queueMicrotask; process, console, Buffer not.
  const define = (name, value, enumerable = false) =>
    Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable });
  define('global', g, true);
  define('process', process);
  define('console', console);
  for (const name of ['clearImmediate', 'setImmediate', 'clearInterval', 'clearTimeout', 'setInterval', 'setTimeout']) {
    define(name, loop[name], true);
  }
  define('queueMicrotask', queueMicrotask, true);
  // util.promisify(setTimeout) / (setImmediate) are timers/promises' functions, as in Node.
  for (const name of ['setTimeout', 'setImmediate']) {
    Object.defineProperty(loop[name], Symbol.for('nodejs.util.promisify.custom'), {
      get: () => importBuiltin('node:timers/promises')[name],
      enumerable: true,
      configurable: true,
    });
  }
  // Buffer and the web globals: each loads its module on first use (qjsw:internal/globals).
  installGlobals(g);
  // WebAssembly only when the host gave its functions (createSandbox({ webAssembly: true }))
  if (options.host.wasm) importBuiltin('qjsw:internal/webassembly').install(g, options.host.wasm);
  esm.install();
  setEsmHooks(esm.resolve, esm.load);
  setRejectionHook(trackRejection);
  process._fatalException = fatalException;
}

// What a run leaves behind that a new process would not see: called by the host before each
// run. The loop's handles (timers, immediates, ticks, fs.watch watchers) and queued promise
// jobs go, and so do process's listeners, its exit state and argv; the heap (globals, the
// module cache, process.env) and the files stay (README, "Runs"). Garbage the last run left
// in cycles is collected when the heap is over half its limit.
let bootArgv;
const { removeAllListeners } = EventEmitter.prototype;
export function resetRun() {
  dropPendingJobs();
  collectIfFull();
  loop.resetRun();
  resetRejections();
  mainFailure = undefined;
  removeAllListeners.call(process);
  process.exitCode = undefined;
  process._exiting = false;
  process.argv = bootArgv.slice();
  process._fatalException = fatalException;
  processInternals.syncNamespace?.();
}

// The rejection of an ES main module, reported by the host as an uncaught error.
let mainFailure;
function takeMainFailure() {
  const f = mainFailure;
  mainFailure = undefined;
  return f;
}

// What ends the run after this turn, as { error }, or undefined.
function takeFailure() {
  return takeRejectionFailure(mainFailure?.error) ?? takeMainFailure();
}

// One turn of the event loop, entered by the host (runtime/sandbox/sandbox.ts) once per
// callback: Node's processTicksAndRejections after the last one, then the next due timer,
// immediate or poll callback (loop.runDue). Returns the loop's next state or deadline
// (loop_states.js), or, when an error ends the run, what the host needs to end it: { error,
// origin } for an error nothing took, { thrown } for an 'uncaughtException' listener that
// threw. process.exit() and the deadline throw through, uncatchable.
export function turn(now) {
  ending = undefined;
  if (!processTicksAndRejections()) return ending;
  for (;;) {
    try {
      return loop.runDue(now);
    } catch (err) {
      // a taken error lets the next callback run at once, ticks waiting until after it
      if (!uncaught(err, 'uncaughtException')) return ending;
    }
    now = Date.now();
  }
}

// How the run ends, when an error in this turn ends it.
let ending;

// A run's first step, the entry the host names (`node file`, `node -e`, sandbox.run, an ES
// main module), and 'beforeExit' when the loop is empty: like turn(), each answers how the run
// ends when its error ends it, else undefined.
const entries = { runMain, runEval, runSource, importMain, runProgram };
export function start(entry, ...args) {
  return guardedStep(entries[entry], args);
}
export function beforeExit() {
  return guardedStep(emitBeforeExit, []);
}
function guardedStep(fn, args) {
  ending = undefined;
  try {
    Reflect.apply(fn, undefined, args);
  } catch (err) {
    if (!uncaught(err, 'uncaughtException')) return ending;
  }
  return undefined;
}

// Whether the run goes on after `err`, which nothing caught.
function uncaught(err, origin) {
  let taken;
  try {
    taken = handleUncaught(err, origin);
  } catch (thrown) {
    // (thrown by what took the error: a domain's 'error' listener)
    if (origin === 'uncaughtException') abortIfAsked(thrown, origin);
    ending = { thrown };
    return false;
  }
  if (!taken) ending = { error: err, origin };
  return taken;
}

// Node's processTicksAndRejections: every nextTick, then every promise job, until both are
// empty; then unhandled rejections, whose listeners may queue more. An error a listener took
// in a tick stops the draining, as in Node: what is left runs after the next callback
// (handleUncaught queues an empty immediate for that). Returns whether the run goes on.
function processTicksAndRejections() {
  for (let quiet = false; ;) {
    let ticks;
    try {
      ticks = loop.runTicks();
    } catch (err) {
      return uncaught(err, 'uncaughtException');
    }
    let jobs;
    try {
      jobs = runMicrotasks();
    } catch (err) {
      // a job that threw (queueMicrotask's callback, a FinalizationRegistry's, a promise
      // hook's): uncaught, as V8's microtask queue reports it; the rest run on
      if (!uncaught(err, 'uncaughtException')) return false;
      quiet = false;
      continue;
    }
    if (ticks > 0 || jobs > 0) {
      quiet = false;
      continue;
    }
    if (quiet) return true;
    let failure;
    try {
      failure = takeFailure();
    } catch (err) {
      // an 'unhandledRejection' listener threw
      if (!uncaught(err, 'uncaughtException')) return false;
      quiet = false;
      continue;
    }
    // (an ES main module's error is a rejection too, to Node)
    quiet = failure == null;
    if (!quiet && !uncaught(failure.error, 'unhandledRejection')) return false;
  }
}

// An error nothing caught (`origin` as Node names where it came from) goes to
// process._fatalException, as Node's C++ does: a program may replace it; if it is no function
// the error is printed and the process exits with 6. Returns whether it was taken.
export function handleUncaught(err, origin) {
  const fatal = process._fatalException;
  if (typeof fatal !== 'function') {
    // (printed by the thread itself, a worker's too: its parent hears only the exit code)
    printUncaught(err, origin);
    exitNow(6);
  }
  return Boolean(Reflect.apply(fatal, process, [err, origin === 'unhandledRejection']));
}

// --abort-on-uncaught-exception: V8 aborts where an uncaught error is thrown, before any
// listener sees it (a capture callback, a domain's, takes it first when there is one).
// The process ends killed by V8's trap (SIGTRAP; SIGABRT for a rejection, which Node aborts
// itself), as its parent sees it.
function abortIfAsked(err, origin) {
  // a worker's error goes to its parent's 'error' listeners, whatever the flag says (as Node's)
  if (workerInfo() !== null) return;
  if (importBuiltin('qjsw:internal/options').getOptionValue('--abort-on-uncaught-exception') !== true) return;
  printUncaught(err, origin);
  const [signal, number] = origin === 'unhandledRejection' ? ['SIGABRT', 6] : ['SIGTRAP', 5];
  hostFunctions()?.kill(0, signal);
  exitNow(128 + number);
}

// Node's _fatalException: 'uncaughtExceptionMonitor' listeners see the error, then
// 'uncaughtException' listeners take it if there are any, and the run goes on.
function fatalException(err, fromPromise) {
  const origin = fromPromise ? 'unhandledRejection' : 'uncaughtException';
  if (captureCallback() === null) abortIfAsked(err, origin);
  process.emit('uncaughtExceptionMonitor', err, origin);
  // process.setUncaughtExceptionCaptureCallback()'s function (node:domain's: the entered
  // domain's 'error' listeners) takes it before 'uncaughtException' listeners
  const capture = captureCallback();
  if (capture !== null) capture(err);
  else if (process.listenerCount('uncaughtException') === 0) return false;
  else process.emit('uncaughtException', err, origin);
  // Node's _fatalException: make sure the next loop iteration runs callbacks, hence ticks
  loop.setImmediate(() => {});
  return true;
}

// A child process (node:child_process in its parent): set up when its run starts, after the
// reset that clears process's listeners.
let child = null;
function startChild() {
  // (a child's flags are its execArgv, which setupChild sets)
  if (child === null) return exposeFlagGlobals();
  importBuiltin('qjsw:internal/child_side').setupChild(child);
  exposeFlagGlobals();
  const invalid = importBuiltin('qjsw:internal/options').invalidOption();
  if (invalid !== null) {
    process.stderr.write(`${process.argv0}: ${invalid}\n`);
    exitNow(9);
  }
  // node -r / --require: modules loaded before the main one, from the working directory
  const argv = child.execArgv;
  child = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-r' || argv[i] === '--require') Module.createRequire(path.join(process.cwd(), '[preload]'))(argv[++i]);
  }
}

// --expose-gc (V8's flag, from process.execArgv or NODE_OPTIONS): global.gc() runs the
// collector now; what it frees reaches FinalizationRegistry callbacks (async_hooks' destroy
// of a collected AsyncResource) as jobs after it.
function gc() {
  collectGarbage();
}

// --expose-externalize-string (V8's flag): Node's tests write strings of both of V8's
// representations with it. QuickJS has no external strings, so externalizing only remembers the
// string, to refuse it the second time as V8 does. A string is one-byte when all its characters
// are Latin-1: QuickJS then stores it one byte per character, as V8 does. (Both take their
// arguments as V8's natives, with length 0.)
const externalized = new Set();
// (a run starts as a new process would: nothing externalized yet)
loop.onRunReset(() => externalized.clear());
function externalizeString(...args) {
  const [string, forceTwoByte] = args;
  if (typeof string !== 'string') throw new Error('First parameter to externalizeString() must be a string.');
  if (args.length >= 2 && typeof forceTwoByte !== 'boolean') throw new Error('Second parameter to externalizeString() must be a boolean.');
  if (externalized.has(string)) throw new Error('string does not support externalization.');
  externalized.add(string);
}
function isOneByteString(...args) {
  if (args.length !== 1 || typeof args[0] !== 'string') throw new Error('isOneByteString() requires a single string argument.');
  return !/[^\x00-\xff]/.test(args[0]);
}

const FLAG_GLOBALS = [
  ['--expose-gc', { gc }],
  ['--expose-externalize-string', { externalizeString, isOneByteString }],
];
function exposeFlagGlobals() {
  const options = importBuiltin('qjsw:internal/options');
  for (const [flag, globals] of FLAG_GLOBALS) {
    const wanted = options.getOptionValue(flag) === true;
    for (const [name, value] of Object.entries(globals)) {
      if (wanted) Object.defineProperty(globalThis, name, { __proto__: null, value, writable: true, configurable: true, enumerable: false });
      else if (globalThis[name] === value) delete globalThis[name];
    }
  }
}

// node -e / -p / a script on stdin (mode 0, 1, 2): `code` runs as a global script with
// `require`, `module` and the rest as globals; -p prints its value when the process exits.
// Mode 3: a worker's `eval: true` source, named [worker eval], without -e's builtin globals.
export function runEval(code, mode) {
  ac.asMain(evalMain, code, mode);
}
function evalMain(code, mode) {
  startChild();
  if (mode === 3) {
    process.argv.splice(1, 0, '[worker eval]');
    exposeEvalScope('[worker eval]');
    (0, eval)(code);
    return;
  }
  if (mode === 2) code = importBuiltin('node:fs').readFileSync(0, 'utf8');
  const inputType = importBuiltin('qjsw:internal/options').getOptionValue('--input-type');
  if (inputType !== '' && inputType !== 'module' && inputType !== 'commonjs') {
    process.stderr.write(`${process.argv0}: --input-type must be "module" or "commonjs"\n`);
    exitNow(9);
  }
  if (inputType === 'module') {
    if (mode === 1) throw nodeError(Error, 'ERR_EVAL_ESM_CANNOT_PRINT', '--print cannot be used with ESM input');
    importMainUrl(esm.evalModuleName(code));
    return;
  }
  exposeEvalScope();
  if (mode !== 2) exposeBuiltins(globalThis.require);
  const result = (0, eval)(code);
  if (mode === 1) process.on('exit', () => console.log(result));
}

// node -e and -p see the builtins as globals (`fs`, `path`, ...), each loaded on first use; an
// assignment replaces one, as in Node.
function exposeBuiltins(require) {
  for (const name of Module.builtinModules) {
    if (name.startsWith('_') || name.includes('/')) continue;
    if (name !== 'crypto' && Object.prototype.hasOwnProperty.call(globalThis, name)) continue;
    const set = (value) => Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(globalThis, name, {
      get() {
        const value = require(name);
        set(value);
        return value;
      },
      set,
      configurable: true,
      enumerable: false,
    });
  }
}

// One of the sandbox's own programs (cat, sh, ...: qjsw:internal/programs) as a child's main,
// with process.argv's [1..] as its arguments.
export function runProgram(name) {
  ac.asMain(programMain, name);
}
function programMain(name) {
  startChild();
  importBuiltin('qjsw:internal/programs').runProgram(name, process.argv.slice(1));
}

// Runs `file` as the main module (process.argv[1]): as Node's runMain, an ES module when the
// format of its real path says so (.mjs, "type": "module" whatever the extension, or module
// syntax in a package without "type"), else CommonJS.
export function runMain(file) {
  ac.asMain(loadMain, file);
}
function loadMain(file) {
  startChild();
  if (file.startsWith('data:')) {
    // a worker made from a data: URL: that URL's ES module is its main
    process.argv.splice(1, 0, file);
    importMainUrl(file);
    return;
  }
  const filename = path.resolve(file);
  process.argv.splice(1, 0, filename);
  // a --require'd module may have replaced Module.runMain: node's start calls it
  const runMain = Module.runMain;
  if (typeof runMain === 'function' && !isDefaultRunMain(runMain)) runMain.call(Module, filename);
  else runEntry(filename);
}
function runEntry(file) {
  const filename = path.resolve(file);
  const real = fsBinding.realpath(filename);
  if (typeof real === 'string' && esm.formatOf(real) === 'module') {
    importMainFile(real);
    return;
  }
  // a new process would run it again: the main module never comes from the cache
  let cached;
  try { cached = Module._resolveFilename(filename, null, true); } catch {}
  if (cached !== undefined) delete Module._cache[cached];
  Module._load(filename, null, true);
}
setEntryRunner(runEntry);

function importMainFile(filename) {
  importMainUrl(fileUrl(filename));
}
// While the main module's evaluation is unsettled, the process exits with 13 (unless an exit
// code is set), as Node's handleProcessExit: a top-level await that never settles.
function importMainUrl(url) {
  const unsettled = () => {
    process.exitCode ??= 13;
  };
  process.on('exit', unsettled);
  import(url).then(
    () => process.off('exit', unsettled),
    (err) => {
      process.off('exit', unsettled);
      mainFailure = { error: err };
    },
  );
}

// sandbox.import(file): runs `file` as an ES module, whatever its extension.
export function importMain(file) {
  exposeFlagGlobals();
  ac.asMain(importMainFile, path.resolve(file));
}

// Runs source text as a CommonJS module named `filename` (sandbox.run).
export function runSource(source, filename) {
  ac.asMain(compileMain, source, filename);
}
function compileMain(source, filename) {
  exposeFlagGlobals();
  filename = path.resolve(filename);
  const m = new Module(filename, null);
  m.filename = filename;
  m.paths = Module._nodeModulePaths(path.dirname(filename));
  m.id = '.';
  setMainModule(m);
  Module._cache[filename] = m;
  runSources.delete(filename);
  runSources.set(filename, source);
  if (runSources.size > 16) runSources.delete(runSources.keys().next().value);
  m._compile(source, filename);
  m.loaded = true;
}

// A quickjs-emscripten context's scripts (runtime/module/node-context.ts) run as `node -e` runs its
// code: `require`, `module`, `exports`, `__filename` and `__dirname` are globals, for a module
// named [eval] in the working directory.
export function exposeEvalScope(name = '[eval]') {
  const cwd = process.cwd();
  const m = new Module(name, null);
  m.filename = path.join(cwd, name);
  m.paths = Module._nodeModulePaths(cwd);
  m.loaded = true;
  const scope = {
    require: Module.createRequire(m.filename),
    module: m,
    exports: m.exports,
    __filename: name,
    __dirname: '.',
  };
  for (const [name, value] of Object.entries(scope)) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }
}

export { runDue } from 'qjsw:internal/loop';

// An uncaught error, as Node prints it before exiting with code 1: the source line it was thrown
// from with a caret, the error's stack (or an inspected non-error), the version. `origin` is
// Node's: a rejection ('unhandledRejection', an ES main module's failure too) is placed where
// the error was made, as V8 does, anything else where it was thrown.
export function reportUncaught(err, origin) {
  // a worker's goes to its parent's 'error' event, cloned, as Node's does: nothing printed
  if (workerInfo() !== null) {
    // the engine's "out of memory": Node stops a worker at its heap limit and its parent gets
    // ERR_WORKER_OUT_OF_MEMORY; told with nothing to allocate, since the heap is full
    if (err !== null && typeof err === 'object' && err.name === 'InternalError' && err.message === 'out of memory') {
      hostFunctions().workerError();
      return;
    }
    const codec = importBuiltin('qjsw:internal/worker/message_codec');
    const inspect = (v) => importBuiltin('node:util').inspect(v);
    hostFunctions().workerError(codec.encodeMessage(codec.encodeError(err, inspect)));
    return;
  }
  printUncaught(err, origin);
}

function printUncaught(err, origin) {
  const isError = err instanceof Error;
  // node:vm's decorated stack (displayErrors) already begins with where it was thrown
  const decorated = isError && typeof err.stack === 'string' && /^[^\n]*:\d+\n[^\n]*\n[ \t]*\^[^\n]*\n\n/.test(err.stack);
  const excerpt = decorated ? '' : sourceExcerpt(err, origin);
  if (isError) {
    let text = err.stack && (decorated || err.stack.startsWith(err.name)) ? err.stack : `${err.name}: ${err.message}\n${err.stack ?? ''}`;
    // Node prints it inspected: its own fields (code, path, ...) follow the stack
    if (Object.keys(err).length > 0) {
      try {
        text = importBuiltin('node:util').inspect(err);
      } catch {}
    }
    process.stderr.write(`${excerpt ? `${excerpt}\n` : ''}${text.trimEnd()}\n`);
  } else {
    const primitive = err === null || (typeof err !== 'object' && typeof err !== 'function');
    const shown = importBuiltin('node:util').inspect(err);
    const hint = primitive ? '\n(Use `node --trace-uncaught ...` to show where the exception was thrown)' : '';
    process.stderr.write(`\n${excerpt}${shown}${hint}\n`);
  }
  process.stderr.write(`\nNode.js ${process.version}\n`);
}

// Sources of sandbox.run() scripts, which are not files: for the excerpt of their errors.
const runSources = new Map();

// `file:line`, the line and a caret under the column, as Node prints above an uncaught error;
// '' when the place is unknown or not the guest's own code.
function sourceExcerpt(err, origin) {
  let site;
  try {
    const fromStack = err instanceof Error && (err.name === 'SyntaxError' || origin === 'unhandledRejection');
    site = (!fromStack && throwSite(err)) || (err instanceof Error ? topFrame(err.stack) : undefined);
    if (!site) return '';
    const [file, line, col] = site;
    if (!path.isAbsolute(file)) return '';
    const source = runSources.get(file) ?? importBuiltin('node:fs').readFileSync(file, 'utf8');
    const text = source.split(/\r?\n/)[line - 1];
    if (text === undefined) return '';
    const esmFile = esm.formatOf(file) === 'module';
    // V8 underlines a syntax error's token in a module; a CommonJS one and a throw get one caret
    const width = esmFile && err instanceof Error && err.name === 'SyntaxError'
      ? Math.max(1, (/^[\p{ID_Continue}$]+/u.exec(text.slice(col - 1)) ?? [''])[0].length) : 1;
    const pad = text.slice(0, col - 1).replace(/[^\t]/g, ' ');
    const name = esmFile ? importBuiltin('node:url').pathToFileURL(file).href : file;
    return `${name}:${line}\n${text}\n${pad}${'^'.repeat(width)}\n`;
  } catch {
    return '';
  }
}

// The first frame of a stack: [file, line, column].
function topFrame(stack) {
  if (typeof stack !== 'string') return undefined;
  for (const line of stack.split('\n')) {
    const m = /^\s+at (?:.*\()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    // (an ES module's frames name its file by URL, as V8's)
    const file = m && m[1].startsWith('file://') ? importBuiltin('node:url').fileURLToPath(m[1]) : m?.[1];
    if (m) return [file, Number(m[2]), Number(m[3])];
  }
  return undefined;
}

// Node's 'beforeExit': the loop has nothing left; listeners may schedule more (then the loop
// goes on and the event comes again when it is empty once more).
function emitBeforeExit() {
  if (process._exiting) return;
  process.emit('beforeExit', exitCode());
}

export function emitExit(code) {
  if (process._exiting) return;
  process._exiting = true;
  process.emit('exit', code);
}

// After an uncaught exception: 'exit' with code 1, whose listeners may set another.
export function emitExitOnError() {
  if (process._exiting) return 1;
  process._exiting = true;
  process.exitCode = 1;
  process.emit('exit', 1);
  return exitCode();
}

export function exitCode() {
  return process.exitCode === undefined ? 0 : Number(process.exitCode) | 0;
}
