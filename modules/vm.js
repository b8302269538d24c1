// node:vm on QuickJS. A context is a QuickJS context of the guest's own runtime
// (qjsw:binding/vm), with its own builtins and a global object that forwards to the
// contextified object, as V8's interceptors do in Node: so the sandbox's memory limit, run
// deadline and stack limit hold inside too, and values cross as objects of one runtime.
// A new context has only the language's builtins: no require, process or Buffer, no import().
import * as binding from 'qjsw:binding/vm';
import { weakRef } from 'qjsw:binding/util';
import { Buffer } from 'node:buffer';
import { throwSite } from 'qjsw:binding/module';
import { invalidArgType, nodeError } from 'qjsw:internal/errors';
import * as vmModule from 'qjsw:internal/vm/module';
import { rewrite as rewriteAttributes, unmark } from 'qjsw:internal/import-attributes';
import {
  validateArray, validateBoolean, validateBuffer, validateInt32, validateObject, validateOneOf,
  validateString, validateStringArray, validateUint32,
} from 'qjsw:internal/vm_validators';

const RUN_COMPILE_ONLY = 1;
const RUN_WRAPPER_LINE = 2;
const RUN_AFTER_EVALUATE = 4;
const RUN_IMPORT_MISSING = 8;
const RUN_IMPORT_MISSING_FLAG = 16;

const DONT_CONTEXTIFY = Symbol('vm_context_no_contextify');
const USE_MAIN_CONTEXT_DEFAULT_LOADER = Symbol('vm_dynamic_import_main_context_default');
const kParsingContext = Symbol('script parsing context');

// A contextified object (or, for DONT_CONTEXTIFY, the context's own global) holds its context
// as { run, Error } in a private field, as Node keeps it under a private symbol: `run`
// evaluates there, `Error` is the context's own, for the timeout error Node throws there.
// Not a WeakMap: the context holds the object, and QuickJS never frees a WeakMap entry whose
// value reaches its key; a field is an ordinary cycle the GC collects.
class Stamped {
  constructor(object) { return object; }
}
class ContextOf extends Stamped {
  #entry;
  constructor(object, entry) {
    super(object);
    this.#entry = entry;
  }
  static has(object) { return #entry in object; }
  static get(object) { return #entry in object ? object.#entry : undefined; }
}
const contexts = { has: ContextOf.has, get: ContextOf.get, set: (object, entry) => new ContextOf(object, entry) };
const thisContext = { run: binding.run, Error, module: binding.module };

// Positions as Node's lineOffset/columnOffset give them: the script starts that far in.
function placement(code, lineOffset, columnOffset) {
  if (code.startsWith('#!')) return NOT_PLACED;
  return {
    lines: lineOffset > 0 && lineOffset <= 1e5 ? lineOffset : 0,
    columns: columnOffset > 0 && columnOffset <= 1e5 ? columnOffset : 0,
  };
}
const NOT_PLACED = { lines: 0, columns: 0 };
function positioned(code, placed) {
  return '\n'.repeat(placed.lines) + ' '.repeat(placed.columns) + code;
}

// Code cache: QuickJS has no V8 code cache to hand out. V8 accepts data for a source of the
// length it was made from (its source hash is the length) and rejects other or cut data; the
// data here names that length, so the same sources are accepted and rejected.
function cacheFor(code) {
  return Buffer.from(`QJSWVM1:${code.length}`, 'latin1');
}

function cacheMatches(data, code) {
  const expected = cacheFor(code);
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return bytes.length === expected.length && bytes.every((b, i) => b === expected[i]);
}

function sourceMapURL(code) {
  const m = /\/\/[#@] ?sourceMappingURL=([^\s'"]+)\s*$/.exec(code);
  return m ? m[1] : undefined;
}

// displayErrors: an error thrown out of vm code gets, at the head of its stack, where it was
// thrown: `file:line`, the line, a caret under the column (Node's decorated stack). Only for a
// place in this code (its source is known here); once per error.
const decorated = new WeakSet();
function decorateErrorStack(err, source, filename, placed) {
  // (a failure here, such as a stack overflow's, leaves the error as it is)
  try {
    decorate(err, source, filename, placed);
  } catch {}
}
function decorate(err, source, filename, placed = NOT_PLACED) {
  if (err === null || typeof err !== 'object' || decorated.has(err)) return;
  // (a SyntaxError is placed where the parser stopped, which its stack tells)
  let site = err.name === 'SyntaxError' ? undefined : throwSite(err);
  if (!site || site[0] !== filename) {
    const m = typeof err.stack === 'string' && /^\s+at (?:.*\()?(.+?):(\d+):(\d+)\)?$/m.exec(err.stack);
    if (m) site = [m[1], Number(m[2]), Number(m[3])];
  }
  if (!site || site[0] !== filename) return;
  const [, line] = site;
  let column = site[2];
  let text = source.split(/\r?\n/)[line - 1];
  const stack = err.stack;
  if (text === undefined || typeof stack !== 'string') return;
  // the columnOffset's padding of the first line is not the code's
  if (line === placed.lines + 1 && placed.columns > 0) {
    text = text.slice(placed.columns);
    column -= placed.columns;
  }
  decorated.add(err);
  const pad = text.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, ' ');
  err.stack = `${filename}:${line}\n${text}\n${pad}^\n\n${stack}`;
}

function runIn(entry, source, filename, timeout, importFlags = 0, displayErrors = true, placed = NOT_PLACED, importer = 0) {
  try {
    return entry.run(source, filename, timeout, () => {
      throw nodeError(entry.Error, 'ERR_SCRIPT_EXECUTION_TIMEOUT', `Script execution timed out after ${timeout}ms`);
    }, (entry.afterEvaluate ? RUN_AFTER_EVALUATE : 0) | importFlags, importer);
  } catch (err) {
    if (displayErrors) decorateErrorStack(err, source, filename, placed);
    throw err;
  }
}

// --experimental-vm-modules, read once as the process (this module) starts.
const vmModulesFlag = (() => {
  const argv = globalThis.process?.execArgv;
  return Array.isArray(argv) && argv.includes('--experimental-vm-modules');
})();

// importModuleDynamically: code compiled with an importer id (binding.run's and module's last
// argument) calls importHook(id, specifier, resolve, reject) from its import(); the id names
// the referrer (a Script, a compiled function, a SourceTextModule, a context's object), which
// holds the callback in a private field. Only a WeakRef is kept here: the referrer lives as
// its callback does.
class ImporterOf extends Stamped {
  #callback;
  constructor(object, callback) {
    super(object);
    this.#callback = callback;
  }
  static get(object) { return #callback in object ? object.#callback : undefined; }
}
const promiseThen = Promise.prototype.then;
const importers = new Map();
let nextImporter = 1;
// (the ids of collected referrers are dropped as the map doubles, as `live` is pruned below;
// not by a FinalizationRegistry: with one entry per context, making contexts up to the memory
// limit corrupted QuickJS's heap, test/security/vm.test.ts's memory case)
let importersAfterPrune = 64;
function rememberImporter(id, referrer) {
  importers.set(id, weakRef(referrer));
  if (importers.size >= 2 * importersAfterPrune) {
    for (const [key, ref] of importers) if (ref.deref() === undefined) importers.delete(key);
    importersAfterPrune = Math.max(64, importers.size);
  }
}
function registerImporter(referrer, callback) {
  const id = nextImporter++;
  new ImporterOf(referrer, callback);
  rememberImporter(id, referrer);
  return id;
}
function importHook(id, specifier, resolve, reject) {
  const referrer = importers.get(id)?.deref();
  const callback = referrer === undefined ? undefined : ImporterOf.get(referrer);
  // (thrown: import() rejects its own promise, in the importing context, with it)
  if (typeof callback !== 'function') {
    throw nodeError(TypeError, 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING', 'A dynamic import callback was not specified.');
  }
  if (!vmModulesFlag) {
    throw nodeError(TypeError, 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG',
      'A dynamic import callback was invoked without --experimental-vm-modules');
  }
  // (settled through import()'s own functions: no promise of this realm is left rejected
  // without a handler)
  // (import()'s attributes come carried in the specifier: import-attributes.js)
  const request = unmark(`${specifier}`);
  promiseThen.call((async () => vmModule.namespaceOf(await callback(request.specifier, referrer, request.attributes)))(),
    resolve, reject);
}
binding.setImport(importHook);

// The importer id of code given `importModuleDynamically` (0: none, import() as the flags say).
function importerFor(referrer, importModuleDynamically) {
  return typeof importModuleDynamically === 'function' && vmModulesFlag
    ? registerImporter(referrer, importModuleDynamically) : 0;
}

// A loader for import() is validated as Node does. import() in vm code rejects as Node's does
// without one (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), or with a function Node calls only
// under --experimental-vm-modules (..._MISSING_FLAG); USE_MAIN_CONTEXT_DEFAULT_LOADER imports
// as the main context does. (With the flag, this sandbox runs no callback: the main context's
// loader imports.)
function validateImporter(value, name) {
  if (value !== undefined && typeof value !== 'function' && value !== USE_MAIN_CONTEXT_DEFAULT_LOADER) {
    throw invalidArgType(name, 'function', value);
  }
}

function importFlagsFor(importModuleDynamically) {
  if (importModuleDynamically === undefined) return RUN_IMPORT_MISSING;
  if (typeof importModuleDynamically !== 'function') return 0;
  return vmModulesFlag ? 0 : RUN_IMPORT_MISSING_FLAG;
}

function runOptions(options = {}) {
  validateObject(options, 'options');
  let timeout = options.timeout;
  if (timeout === undefined) timeout = -1;
  else validateUint32(timeout, 'options.timeout', true);
  const { displayErrors = true, breakOnSigint = false } = options;
  validateBoolean(displayErrors, 'options.displayErrors');
  validateBoolean(breakOnSigint, 'options.breakOnSigint');
  return [timeout, displayErrors];
}

function validateContext(contextifiedObject) {
  if (!isContext(contextifiedObject)) throw invalidArgType('contextifiedObject', 'vm.Context', contextifiedObject);
}

export class Script {
  #code;
  #source;
  #filename;
  #importFlags;
  #importer;
  #placed;

  constructor(code, options = {}) {
    code = `${code}`;
    if (typeof options === 'string') options = { filename: options };
    else validateObject(options, 'options');
    const {
      filename = 'evalmachine.<anonymous>', lineOffset = 0, columnOffset = 0, cachedData,
      produceCachedData = false, importModuleDynamically, [kParsingContext]: parsingContext,
    } = options;
    validateString(filename, 'options.filename');
    validateInt32(lineOffset, 'options.lineOffset');
    validateInt32(columnOffset, 'options.columnOffset');
    if (cachedData !== undefined) validateBuffer(cachedData, 'options.cachedData');
    validateBoolean(produceCachedData, 'options.produceCachedData');
    validateImporter(importModuleDynamically, 'options.importModuleDynamically');
    this.#code = code;
    this.#placed = placement(code, lineOffset, columnOffset);
    this.#source = positioned(rewriteAttributes(code, filename, false), this.#placed);
    this.#filename = filename;
    this.#importFlags = importFlagsFor(importModuleDynamically);
    this.#importer = importerFor(this, importModuleDynamically);
    // a syntax error throws now, from the context the script is parsed in
    const entry = (parsingContext !== undefined && contexts.get(parsingContext)) || thisContext;
    try {
      entry.run(this.#source, filename, undefined, undefined, RUN_COMPILE_ONLY);
    } catch (err) {
      decorateErrorStack(err, this.#source, filename, this.#placed);
      throw err;
    }
    if (cachedData !== undefined) this.cachedDataRejected = !cacheMatches(cachedData, code);
    else if (produceCachedData) {
      this.cachedDataProduced = true;
      this.cachedData = cacheFor(code);
    }
    this.sourceMapURL = sourceMapURL(code);
  }

  runInThisContext(options) {
    const [timeout, displayErrors] = runOptions(options);
    return runIn(thisContext, this.#source, this.#filename, timeout, this.#importFlags, displayErrors, this.#placed, this.#importer);
  }

  runInContext(contextifiedObject, options) {
    validateContext(contextifiedObject);
    const [timeout, displayErrors] = runOptions(options);
    return runIn(contexts.get(contextifiedObject), this.#source, this.#filename, timeout, this.#importFlags, displayErrors, this.#placed, this.#importer);
  }

  runInNewContext(contextObject, options) {
    const context = createContext(contextObject, contextOptions(options));
    return this.runInContext(context, options);
  }

  createCachedData() {
    return cacheFor(this.#code);
  }
}

function contextOptions(options) {
  if (!options) return {};
  const out = { name: options.contextName, origin: options.contextOrigin, codeGeneration: undefined, microtaskMode: options.microtaskMode };
  if (out.name !== undefined) validateString(out.name, 'options.contextName');
  if (out.origin !== undefined) validateString(out.origin, 'options.contextOrigin');
  if (options.contextCodeGeneration !== undefined) {
    validateObject(options.contextCodeGeneration, 'options.contextCodeGeneration');
    const { strings, wasm } = options.contextCodeGeneration;
    if (strings !== undefined) validateBoolean(strings, 'options.contextCodeGeneration.strings');
    if (wasm !== undefined) validateBoolean(wasm, 'options.contextCodeGeneration.wasm');
    out.codeGeneration = { strings, wasm };
  }
  if (options.microtaskMode !== undefined) validateString(options.microtaskMode, 'options.microtaskMode');
  return out;
}

export function isContext(object) {
  validateObject(object, 'object', { allowArray: true });
  return contexts.has(object);
}

// A V8 context's global as QuickJS lacks or has it: a console whose methods do nothing (V8's
// own, with no inspector attached), and no Symbol.toStringTag (QuickJS's 'global').
const CONSOLE = `({ debug() {}, error() {}, info() {}, log() {}, warn() {}, dir() {}, dirxml() {},
  table() {}, trace() {}, group() {}, groupCollapsed() {}, groupEnd() {}, clear() {}, count() {},
  countReset() {}, assert() {}, profile() {}, profileEnd() {}, time() {}, timeLog() {},
  timeEnd() {}, timeStamp() {}, context() {} })`;
function asV8Makes(run, builtins) {
  delete builtins[Symbol.toStringTag];
  // made there, so nothing of this context's realm is reachable from it
  const console = run(CONSOLE, 'node:vm', undefined, undefined, 0);
  Object.defineProperty(builtins, 'console', { value: console, writable: true, configurable: true, enumerable: false });
}

let contextNameIndex = 1;
// the contexts measureMemory reports in `other` (those not collected yet)
let live = [];
let liveAfterPrune = 16;
export function createContext(contextObject = {}, options = {}) {
  if (contextObject !== DONT_CONTEXTIFY && isContext(contextObject)) return contextObject;
  validateObject(options, 'options');
  const { name = `VM Context ${contextNameIndex++}`, origin, codeGeneration, microtaskMode, importModuleDynamically } = options;
  validateString(name, 'options.name');
  if (origin !== undefined) validateString(origin, 'options.origin');
  if (codeGeneration !== undefined) {
    validateObject(codeGeneration, 'options.codeGeneration');
    const { strings = true, wasm = true } = codeGeneration;
    validateBoolean(strings, 'options.codeGeneration.strings');
    validateBoolean(wasm, 'options.codeGeneration.wasm');
  }
  validateOneOf(microtaskMode, 'options.microtaskMode', ['afterEvaluate', undefined]);
  validateImporter(importModuleDynamically, 'options.importModuleDynamically');
  const plain = contextObject === DONT_CONTEXTIFY;
  // the context's own code (eval, new Function) imports through its importModuleDynamically
  const importer = nextImporter++;
  const [run, global, builtins, module] = binding.newContext(plain ? undefined : contextObject, importHook, importer);
  const key = plain ? global : contextObject;
  if (typeof importModuleDynamically === 'function') new ImporterOf(key, importModuleDynamically);
  rememberImporter(importer, key);
  live.push(weakRef(key));
  if (live.length >= 2 * liveAfterPrune) {
    live = live.filter((ref) => ref.deref() !== undefined);
    liveAfterPrune = Math.max(16, live.length);
  }
  contexts.set(key, { run, Error: builtins.Error, afterEvaluate: microtaskMode === 'afterEvaluate', module });
  asV8Makes(run, builtins);
  return key;
}

export function createScript(code, options) {
  return new Script(code, options);
}

export function runInContext(code, contextifiedObject, options) {
  validateContext(contextifiedObject);
  if (typeof options === 'string') options = { filename: options, [kParsingContext]: contextifiedObject };
  else options = { ...options, [kParsingContext]: contextifiedObject };
  return createScript(code, options).runInContext(contextifiedObject, options);
}

export function runInNewContext(code, contextObject, options) {
  if (typeof options === 'string') options = { filename: options };
  contextObject = createContext(contextObject, contextOptions(options));
  options = { ...options, [kParsingContext]: contextObject };
  return createScript(code, options).runInNewContext(contextObject, options);
}

export function runInThisContext(code, options) {
  if (typeof options === 'string') options = { filename: options };
  return createScript(code, options).runInThisContext(options);
}

// The body is parsed as a function's, in the parsing context, inside `with` scopes for the
// extensions (as V8 puts them on the function's scope chain).
export function compileFunction(code, params, options = {}) {
  validateString(code, 'code');
  validateObject(options, 'options');
  if (params !== undefined) validateStringArray(params, 'params');
  const {
    filename = '', columnOffset = 0, lineOffset = 0, cachedData = undefined, produceCachedData = false,
    parsingContext = undefined, contextExtensions = [], importModuleDynamically,
  } = options;
  validateString(filename, 'options.filename');
  validateInt32(columnOffset, 'options.columnOffset');
  validateInt32(lineOffset, 'options.lineOffset');
  if (cachedData !== undefined) validateBuffer(cachedData, 'options.cachedData');
  validateBoolean(produceCachedData, 'options.produceCachedData');
  if (parsingContext !== undefined) {
    if (typeof parsingContext !== 'object' || parsingContext === null || !isContext(parsingContext)) {
      throw invalidArgType('options.parsingContext', 'Context', parsingContext);
    }
  }
  validateArray(contextExtensions, 'options.contextExtensions');
  contextExtensions.forEach((extension, i) => {
    validateObject(extension, `options.contextExtensions[${i}]`, { nullable: true });
  });
  validateImporter(importModuleDynamically, 'options.importModuleDynamically');
  const entry = parsingContext === undefined ? thisContext : contexts.get(parsingContext);
  const extensions = contextExtensions.filter((e) => e !== null);
  const scopes = extensions.map((_, i) => `with (arguments[${i}]) `).join('');
  const head = `(function () { return ${scopes.length ? `(() => { ${scopes}return ` : ''}function (${(params ?? []).join(', ')}) {`;
  const tail = `\n}${scopes.length ? ' })()' : ''} })`;
  const importer = typeof importModuleDynamically === 'function' && vmModulesFlag ? nextImporter++ : 0;
  const factory = entry.run(`${head}\n${code}${tail}`, filename, undefined, undefined,
    RUN_WRAPPER_LINE | importFlagsFor(importModuleDynamically), importer);
  const fn = factory(...extensions);
  if (importer !== 0) {
    new ImporterOf(fn, importModuleDynamically);
    rememberImporter(importer, fn);
  }
  if (cachedData !== undefined) fn.cachedDataRejected = !cacheMatches(cachedData, code);
  else if (produceCachedData) {
    fn.cachedDataProduced = true;
    fn.cachedData = cacheFor(code);
  }
  return fn;
}

let measureMemoryWarned = false;
export function measureMemory(options = {}) {
  if (!measureMemoryWarned) {
    measureMemoryWarned = true;
    process.emitWarning('vm.measureMemory is an experimental feature and might change at any time', 'ExperimentalWarning');
  }
  validateObject(options, 'options');
  const { mode = 'summary', execution = 'default' } = options;
  validateOneOf(mode, 'options.mode', ['summary', 'detailed']);
  validateOneOf(execution, 'options.execution', ['default', 'eager']);
  // One runtime holds every context: its heap is the total, and what each context holds
  // is not told apart (an estimate of 0 within the range of the whole).
  const used = process.memoryUsage().heapUsed;
  const result = { total: { jsMemoryEstimate: used, jsMemoryRange: [used, used] } };
  if (mode === 'detailed') {
    const part = () => ({ jsMemoryEstimate: 0, jsMemoryRange: [0, used] });
    result.current = part();
    result.other = live.filter((ref) => ref.deref() !== undefined).map(part);
  }
  return Promise.resolve(result);
}

export const constants = Object.freeze({ __proto__: null, USE_MAIN_CONTEXT_DEFAULT_LOADER, DONT_CONTEXTIFY });

const vm = {
  Script, createContext, createScript, runInContext, runInNewContext, runInThisContext, isContext,
  compileFunction, measureMemory, constants,
};
export default vm;

// vm.Module, vm.SourceTextModule and vm.SyntheticModule are there as in Node: only under
// --experimental-vm-modules, as the process starts (this module is read once). An ES module's
// names are fixed, so the namespace names them always, undefined without the flag.
vmModule.setup({
  entryOf: (context) => contexts.get(context), thisEntry: thisContext, isContext, importFlagsFor,
  importerFor, cacheFor, cacheMatches,
});
export let Module, SourceTextModule, SyntheticModule;
if (vmModulesFlag) {
  ({ Module, SourceTextModule, SyntheticModule } = vmModule);
  Object.assign(vm, { Module, SourceTextModule, SyntheticModule });
}
