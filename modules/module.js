// node:module — CommonJS loading from the in-Wasm filesystem: Node's resolution (relative and
// absolute ids, extensions, directories and package.json "main", node_modules walk-up,
// package "exports" and "imports" with conditions, a package requiring itself by name),
// require.cache, circular requires, JSON, createRequire.
// Files are read and stat()ed through the native fs binding; nothing calls the host.
import * as fsBinding from 'qjsw:binding/fs';
import { importBuiltin, builtinIds, requireModule } from 'qjsw:binding/module';
import { nodeError, invalidArgType, invalidArgValue } from 'qjsw:internal/errors';
import {
  statKind, readText, readPackage, packageScope, packageExportsResolve, packageImportsResolve, setBuiltins, fileUrl,
} from 'qjsw:internal/packages';
import { compileCommonJS, hasModuleSyntax } from 'qjsw:internal/module-syntax';
import path from 'node:path';
import { SourceMap } from 'qjsw:internal/source_map';
import { onRunReset } from 'qjsw:internal/loop';
import { setMainModule, mainModule, setDefaultRunMain, entryRunner } from 'qjsw:internal/main_module';
import process from 'qjsw:internal/process_object';
import { hasUncaughtExceptionCaptureCallback, domainNotAvailable } from 'qjsw:internal/uncaught_capture';
import { exposedInternal, loadInternal } from 'qjsw:internal/node_internals';
import { isProxy } from 'qjsw:internal/util/types';
import { run as runScript } from 'qjsw:binding/vm';


// Every Node 20 id: what the sandbox lacks (network, processes, threads) loads and fails
// when called, as Node does on a system without it (qjsw:internal/unavailable).
// Those only the node: scheme names (Node's schemelessBlockList) are not in builtinModules.
const schemeOnly = new Set(['sea', 'test', 'test/reporters']);
const allBuiltins = builtinIds().filter((id) => !id.startsWith('internal/'));
export const builtinModules = allBuiltins.filter((id) => !schemeOnly.has(id)).sort();
const builtinSet = new Set(builtinModules);
const schemeBuiltinSet = new Set(allBuiltins);
setBuiltins(builtinModules);

export function isBuiltin(id) {
  if (exposedInternal(id) !== undefined) return true; // (--expose-internals)
  if (typeof id === 'string' && id.startsWith('node:')) return schemeBuiltinSet.has(id.slice(5));
  return builtinSet.has(id);
}

// Tried in this order for extension-less ids (Node has no .cjs here; a .cjs file named in
// full loads as .js).
const extensionHandlers = {
  '.js': loadJs,
  '.json': loadJson,
  '.node': loadAddon,
};

// Node's internalModuleStat: 0 a file, 1 a directory, a negative errno otherwise.
function internalStat(filename) {
  const kind = statKind(filename);
  return kind === 1 ? 0 : kind === 2 ? 1 : -2;
}
// Module._stat, which a program may replace (then resolution asks its function, as Node's)
let moduleStat = internalStat;

// --preserve-symlinks (--preserve-symlinks-main for the main module): a module is known by the
// path it was found at, not its real path.
function preserveSymlinks(isMain) {
  const argv = globalThis.process?.execArgv;
  return Array.isArray(argv) && argv.includes(isMain ? '--preserve-symlinks-main' : '--preserve-symlinks');
}

function tryFile(p) {
  if (moduleStat !== internalStat) return moduleStat(p) === 0 ? p : undefined;
  return statKind(p) === 1 ? p : undefined;
}

function tryExtensions(p) {
  for (const ext of Object.keys(Module._extensions)) {
    const found = tryFile(p + ext);
    if (found) return found;
  }
  return undefined;
}

function tryIndex(dir) {
  return tryExtensions(path.join(dir, 'index'));
}

const invalidMainWarned = new Set();
// (each run is a new process: it warns again)
onRunReset(() => {
  invalidMainWarned.clear();
  parentWarned = false;
});

// LOAD_AS_DIRECTORY: package.json "main", then index.*.
function tryDirectory(dir) {
  const pkg = readPackage(dir);
  if (pkg && typeof pkg.main === 'string' && pkg.main) {
    const main = path.resolve(dir, pkg.main);
    const found = tryFile(main) || tryExtensions(main) || tryIndex(main);
    if (found) return found;
    const index = tryIndex(dir);
    if (index) {
      // once a package, as Node's resolution caches what it found
      const jsonPath = path.join(dir, 'package.json');
      if (!invalidMainWarned.has(jsonPath)) {
        invalidMainWarned.add(jsonPath);
        globalThis.process?.emitWarning(`Invalid 'main' field in '${jsonPath}' of '${pkg.main}'. ` +
          'Please either fix that or report it to the module author', 'DeprecationWarning', 'DEP0128');
      }
      return index;
    }
    const err = new Error(`Cannot find module '${main}'. Please verify that the package.json has a valid "main" entry`);
    err.code = 'MODULE_NOT_FOUND';
    err.path = path.join(dir, 'package.json');
    err.requestPath = dir;
    throw err;
  }
  return tryIndex(dir);
}

function tryPath(p, trailingSlash) {
  if (!trailingSlash) {
    const found = tryFile(p) || tryExtensions(p);
    if (found) return found;
  }
  return statKind(p) === 2 ? tryDirectory(p) : undefined;
}

// --- package "exports" and "imports" ---

// "module-sync": Node 20.19 can require() an ES module, so packages may point require() at
// one with this condition
const requireConditions = ['require', 'module-sync', 'node', 'node-addons', 'default'];

// Node's createEsmNotFoundErr: no require stack here.
function esmNotFound(request, pkgJson) {
  const err = new Error(`Cannot find module '${request}'`);
  err.code = 'MODULE_NOT_FOUND';
  if (pkgJson) err.path = pkgJson;
  return err;
}

// What an "exports"/"imports" resolution names must be an existing file (finalizeEsmResolution).
function finalizeEsmResolution(resolved, pkgDir) {
  if (resolved.startsWith('node:')) {
    throw nodeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
  }
  const file = tryFile(resolved);
  if (file) return file;
  throw esmNotFound(resolved, path.join(pkgDir, 'package.json'));
}

// require('#name') from a file whose package scope has "imports"; undefined when it has none
// (Node then searches node_modules for it like any bare id).
function resolveImports(request, parent) {
  const scope = packageScope(parent.filename);
  if (!scope || scope.pkg.imports == null) return undefined;
  try {
    return finalizeEsmResolution(packageImportsResolve(request, parent.filename, requireConditions), scope.dir);
  } catch (e) {
    if (e.code === 'ERR_MODULE_NOT_FOUND') throw esmNotFound(request);
    throw e;
  }
}

// A package requiring itself by its name, through its "exports" (Node's trySelf).
function resolveSelf(request, parentPath) {
  const scope = packageScope(parentPath);
  const pkg = scope && scope.pkg;
  if (!pkg || pkg.exports == null || typeof pkg.name !== 'string') return undefined;
  let subpath;
  if (request === pkg.name) subpath = '.';
  else if (request.startsWith(`${pkg.name}/`)) subpath = `.${request.slice(pkg.name.length)}`;
  else return undefined;
  const pkgJson = path.join(scope.dir, 'package.json');
  try {
    return finalizeEsmResolution(packageExportsResolve(scope.dir, subpath, pkg.exports, parentPath, requireConditions), scope.dir);
  } catch (e) {
    if (e.code === 'ERR_MODULE_NOT_FOUND') throw esmNotFound(request, pkgJson);
    throw e;
  }
}

// A bare id inside one node_modules directory.
function resolveInNodeModules(dir, request) {
  const parts = request.split('/');
  const nameLength = request.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const pkgDir = path.join(dir, name);
  const pkg = statKind(pkgDir) === 2 ? readPackage(pkgDir) : null;
  if (pkg && pkg.exports !== undefined && pkg.exports !== null) {
    const subpath = parts.length > nameLength ? `./${parts.slice(nameLength).join('/')}` : '.';
    return finalizeEsmResolution(packageExportsResolve(pkgDir, subpath, pkg.exports, undefined, requireConditions), pkgDir);
  }
  return tryPath(path.join(dir, request), request.endsWith('/'));
}

// Node's Module._nodeModulePaths.
function nodeModulePaths(from) {
  from = path.resolve(from);
  if (from === '/') return ['/node_modules'];
  const out = [];
  let dir = from;
  for (;;) {
    if (path.basename(dir) !== 'node_modules') out.push(path.join(dir, 'node_modules'));
    if (dir === '/') break;
    dir = path.dirname(dir);
  }
  return out;
}

// Node's toRealPath: a module is known by its real path, so a package reached through symlinks
// (bin links, linked workspaces) loads once, and its package.json "type" is its own.
const realCache = new Map();
// (links may change between runs; a new process would see the new targets)
onRunReset(() => realCache.clear());
function realFile(p, isMain) {
  if (preserveSymlinks(isMain)) return path.resolve(p);
  let r = realCache.get(p);
  if (r === undefined) {
    r = fsBinding.realpath(p);
    if (typeof r !== 'string') r = p;
    realCache.set(p, r);
  }
  return r;
}

// A module's exports while it is still loading, to a require() of it from its own cycle: plain
// exports warn when a property they lack is read (it may be defined later in the cycle).
function emitCircularRequireWarning(prop) {
  globalThis.process?.emitWarning(`Accessing non-existent property '${String(prop)}' of module exports inside circular dependency`);
}
const CircularRequireWarningProxy = new Proxy({}, {
  __proto__: null,
  get(target, prop) {
    // transpiled ES modules check __esModule: not a real export
    if (prop in target || prop === '__esModule') return target[prop];
    emitCircularRequireWarning(prop);
    return undefined;
  },
  getOwnPropertyDescriptor(target, prop) {
    if (Object.prototype.hasOwnProperty.call(target, prop) || prop === '__esModule') {
      return Object.getOwnPropertyDescriptor(target, prop);
    }
    emitCircularRequireWarning(prop);
    return undefined;
  },
});

// modules whose exports got the warning prototype, until they have loaded
const warningExports = new Set();
function exportsForCircularRequire(module) {
  const exports = module.exports;
  if (exports && typeof exports === 'object' && !isProxy(exports) &&
      Object.getPrototypeOf(exports) === Object.prototype && !exports.__esModule) {
    Object.setPrototypeOf(exports, CircularRequireWarningProxy);
    warningExports.add(module);
  }
  return exports;
}

function notFound(request, parent) {
  const stack = [];
  for (let m = parent; m; m = parentOf(m)) if (m.filename) stack.push(m.filename);
  let message = `Cannot find module '${request}'`;
  if (stack.length) message += `\nRequire stack:\n- ${stack.join('\n- ')}`;
  const err = new Error(message);
  err.code = 'MODULE_NOT_FOUND';
  err.requireStack = stack;
  return err;
}

let parentOf;

// DEP0144, once, and only under --pending-deprecation (Node's pendingDeprecate)
let parentWarned = false;
function parentDeprecation() {
  const proc = globalThis.process;
  if (parentWarned || !proc) return;
  const pending = (Array.isArray(proc.execArgv) && proc.execArgv.includes('--pending-deprecation')) ||
    proc.env?.NODE_PENDING_DEPRECATION === '1';
  if (!pending) return;
  parentWarned = true;
  proc.emitWarning('module.parent is deprecated due to accuracy issues. Please use ' +
    'require.main to find program entry point instead.', 'DeprecationWarning', 'DEP0144');
}

export class Module {
  // (Node keeps it under a private symbol: module.parent is a deprecated accessor)
  #parent;

  constructor(id = '', parent) {
    this.id = id;
    this.path = path.dirname(id);
    // own, whatever Object.prototype has (Node's setOwnProperty)
    Object.defineProperty(this, 'exports', { value: {}, writable: true, configurable: true, enumerable: true });
    this.#parent = parent;
    if (parent && parent.children) parent.children.push(this);
    this.filename = null;
    this.loaded = false;
    this.children = [];
  }

  get parent() {
    parentDeprecation();
    return #parent in this ? this.#parent : undefined;
  }

  set parent(value) {
    parentDeprecation();
    if (#parent in this) this.#parent = value;
  }

  static {
    // the loader's own reads, which do not warn
    parentOf = (module) => (module !== null && typeof module === 'object' && #parent in module ? module.#parent : module?.parent);
  }

  require(id) {
    checkId(id);
    return Module._load(id, this, false);
  }

  _compile(content, filename, format) {
    const wrapper = compileOrLoadEsm(this, content, filename, format);
    if (wrapper === undefined) return undefined;
    return wrapper.call(this.exports, this.exports, makeRequire(this), this, filename, path.dirname(filename));
  }

  load(filename) {
    startLoad(this, filename)(this, filename);
    this.loaded = true;
  }

  static _resolveFilename(request, parent, isMain, options) {
    if (isBuiltin(request)) return request;
    let paths;
    if (options && options.paths) {
      paths = [];
      for (const p of options.paths) {
        paths.push(p, ...nodeModulePaths(p));
      }
    }
    const base = parent && parent.filename ? path.dirname(parent.filename) : processCwd();
    const trailingSlash = request.endsWith('/');
    if (request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..' || request.startsWith('/')) {
      const roots = paths && !request.startsWith('/') ? options.paths : [base];
      for (const root of roots) {
        const found = tryPath(path.resolve(root, request), trailingSlash || request === '.' || request === '..');
        if (found) return realFile(found, isMain);
      }
      throw notFound(request, parent);
    }
    if (request[0] === '#' && parent && parent.filename) {
      const found = resolveImports(request, parent);
      if (found) return realFile(found, isMain);
    }
    if (parent && parent.filename) {
      const found = resolveSelf(request, parent.filename);
      if (found) return realFile(found, isMain);
    }
    const lookup = paths || (parent && parent.paths && parent.paths.length ? parent.paths : nodeModulePaths(base));
    for (const dir of Module.globalPaths.length ? [...lookup, ...Module.globalPaths] : lookup) {
      const found = resolveInNodeModules(dir, request);
      if (found) return realFile(found, isMain);
    }
    throw notFound(request, parent);
  }

  static _load(request, parent, isMain) {
    if (request.startsWith('node:') || isBuiltin(request)) return loadBuiltin(request);
    const filename = Module._resolveFilename(request, parent, isMain);
    const cached = Module._cache[filename];
    if (cached) {
      if (parent && parent.children && !parent.children.includes(cached)) parent.children.push(cached);
      if (!cached.loaded) return exportsForCircularRequire(cached);
      return cached.exports;
    }
    const module = new Module(filename, parent);
    if (isMain) {
      module.id = '.';
      setMainModule(module);
    }
    Module._cache[filename] = module;
    let threw = true;
    try {
      // Each JS call nests a QuickJS frame on the C stack, and nested requires stack up
      // require -> _load -> load -> handler -> _compile -> module code. Unless one of those is
      // hooked, load and _compile run here: three frames a level instead of seven.
      if (module.load !== protoLoad) module.load(filename);
      else {
        const handler = startLoad(module, filename);
        if (handler !== loadJs || module._compile !== protoCompile) handler(module, filename);
        else {
          const format = jsFormat(filename);
          const wrapper = format === 'module' ? loadEsm(module, filename)
            : compileOrLoadEsm(module, readSource(module, filename), filename, format);
          if (wrapper !== undefined) {
            const exports = module.exports;
            wrapper.call(exports, exports, makeRequire(module), module, filename, path.dirname(filename));
          }
        }
        module.loaded = true;
      }
      threw = false;
    } finally {
      if (threw) {
        delete Module._cache[filename];
        const i = parent && parent.children ? parent.children.indexOf(module) : -1;
        if (i !== -1) parent.children.splice(i, 1);
      }
      // (only a module a cycle required while it loaded: the check costs a proxy test)
      if (warningExports.delete(module) && !threw) {
        const exports = module.exports;
        if (exports && (typeof exports === 'object' || typeof exports === 'function') && !isProxy(exports) &&
            Object.getPrototypeOf(exports) === CircularRequireWarningProxy) {
          Object.setPrototypeOf(exports, Object.prototype);
        }
      }
    }
    return module.exports;
  }

  static createRequire(filename) {
    if (filename && typeof filename === 'object' && typeof filename.href === 'string') filename = decodeURIComponent(filename.pathname);
    else if (typeof filename === 'string' && filename.startsWith('file://')) {
      filename = decodeURIComponent(filename.slice(7).replace(/^[^/]*/, ''));
    }
    if (typeof filename !== 'string' || !filename.startsWith('/')) {
      throw invalidArgValue('filename', filename, 'must be a file URL object, file URL string, or absolute path string');
    }
    const m = new Module(filename, null);
    m.filename = filename;
    m.paths = nodeModulePaths(path.dirname(filename));
    return makeRequire(m);
  }
}

Module._cache = Object.create(null);
Module._pathCache = Object.create(null);
Module._extensions = Object.assign(Object.create(null), extensionHandlers);
Module.globalPaths = [];
Module.builtinModules = builtinModules;
Module.isBuiltin = isBuiltin;
Module._nodeModulePaths = nodeModulePaths;
Module.Module = Module;
Module.SourceMap = SourceMap;
Module._debug = function _debug() {};

// Node's CommonJS wrapper text (for tools that wrap sources themselves; the loader compiles
// with these parameters directly); non-enumerable accessors, as in Node.
// Once a program changes either, modules compile as the script Module.wrap(source) makes.
let wrapPatched = false;
let wrapper = new Proxy(['(function (exports, require, module, __filename, __dirname) { ', '\n});'], {
  __proto__: null,
  set(target, property, value, receiver) {
    wrapPatched = true;
    return Reflect.set(target, property, value, receiver);
  },
  defineProperty(target, property, descriptor) {
    wrapPatched = true;
    return Reflect.defineProperty(target, property, descriptor);
  },
});
let wrap = function wrap(script) {
  return Module.wrapper[0] + script + Module.wrapper[1];
};
Object.defineProperty(Module, 'wrapper', {
  get: () => wrapper,
  set: (v) => {
    wrapPatched = true;
    wrapper = v;
  },
  configurable: false,
  enumerable: false,
});
Object.defineProperty(Module, 'wrap', {
  get: () => wrap,
  set: (v) => {
    wrapPatched = true;
    wrap = v;
  },
  configurable: false,
  enumerable: false,
});

function compileWrapped(content, filename) {
  if (wrapPatched) return runScript(`${Module.wrap(content)}`, filename, undefined, undefined, 0);
  return compileCommonJS(content, filename);
}
// (ours, not Node's: kept out of Object.keys(Module))
Object.defineProperty(Module, '_cwd', { value: () => processCwd(), enumerable: false });

// Node's globalPaths: $NODE_PATH, then ~/.node_modules and ~/.node_libraries, then
// <prefix>/lib/node for the node binary's prefix.
Module._initPaths = function _initPaths() {
  // (the process object: the boot calls this before the global exists)
  const env = process.env ?? {};
  const prefix = path.resolve(process.execPath, '..', '..');
  const paths = [path.resolve(prefix, 'lib', 'node')];
  if (env.HOME) paths.unshift(path.resolve(env.HOME, '.node_modules'), path.resolve(env.HOME, '.node_libraries'));
  if (env.NODE_PATH) paths.unshift(...env.NODE_PATH.split(path.delimiter).filter(Boolean));
  Module.globalPaths = paths.slice();
};

// _findPath(request, paths, isMain): the file `request` names in one of `paths`, or false.
Module._findPath = function _findPath(request, paths, isMain) {
  const trailingSlash = request.endsWith('/');
  const roots = path.isAbsolute(request) ? [''] : paths ?? [];
  for (const root of roots) {
    const found = tryPath(path.resolve(root, request), trailingSlash);
    if (found) return realFile(found);
  }
  return false;
};

// _resolveLookupPaths(request, parent): where a request is looked for; null for a builtin
// (or a bare id with nowhere to look). A relative id of a module with no file ('[eval]', the
// REPL) is looked for in '.'.
Module._resolveLookupPaths = function _resolveLookupPaths(request, parent) {
  if (isBuiltin(request)) return null;
  if (request[0] !== '.' || (request.length > 1 && request[1] !== '.' && request[1] !== '/')) {
    const own = parent?.paths?.length ? parent.paths : [];
    const paths = [...own, ...Module.globalPaths];
    return paths.length > 0 ? paths : null;
  }
  if (!parent || !parent.id || !parent.filename) return ['.'];
  return [path.dirname(parent.filename)];
};

// Module._stat(filename): 0 a file, 1 a directory, < 0 neither. Replacing it is experimental
// in Node (a warning), and resolution then asks the replacement.
Object.defineProperty(Module, '_stat', {
  get() { return moduleStat; },
  set(stat) {
    globalThis.process?.emitWarning('Module._stat is an experimental feature and might change at any time', 'ExperimentalWarning');
    moduleStat = stat;
    return true;
  },
  configurable: true,
});

Module._preloadModules = function _preloadModules(requests) {
  if (!Array.isArray(requests)) return;
  const parent = new Module('internal/preload', null);
  parent.paths = nodeModulePaths(processCwd());
  for (const request of requests) parent.require(request);
};

// Module.runMain(main = process.argv[1]): the user entry point, as node starts it (the
// process's start calls this property, so a --require'd module may replace it).
Module.runMain = function runMain(main = globalThis.process?.argv[1]) {
  const run = entryRunner();
  return run ? run(main) : Module._load(path.resolve(main), null, true);
};
setDefaultRunMain(Module.runMain);

// Source maps are not collected (Node collects them only with --enable-source-maps).
Module.findSourceMap = function findSourceMap() {
  return undefined;
};

// Builtin ES module namespaces here are not live views of their CommonJS objects; nothing to sync.
Module.syncBuiltinESMExports = function syncBuiltinESMExports() {};

// Customization hooks run on Node's loader thread; the sandbox has none, so register() resolves
// the hooks module as Node does (its errors are Node's) and accepts it, with a warning that its
// hooks are not run: tools call it on start.
let registerWarned = false;
Module.register = function register(specifier, parentURL = 'data:', options) {
  if (parentURL !== null && typeof parentURL === 'object' && typeof parentURL.href !== 'string') {
    options = parentURL;
    parentURL = options.parentURL ?? 'data:';
  }
  specifier = `${specifier}`;
  parentURL = `${parentURL}`;
  const isUrl = /^[a-z][a-z0-9+.-]*:/i.test(specifier);
  if (!isUrl && !parentURL.startsWith('file:')) {
    throw nodeError(TypeError, 'ERR_UNSUPPORTED_RESOLVE_REQUEST', `Failed to resolve module specifier "${specifier}" from "${
      parentURL}": Invalid relative URL or base scheme is not hierarchical.`);
  }
  const parent = parentURL.startsWith('file:') ? decodeURIComponent(parentURL.slice(7).replace(/^[^/]*/, '')) : undefined;
  importBuiltin('qjsw:internal/esm').resolve(specifier, parent);
  if (!registerWarned) {
    registerWarned = true;
    globalThis.process?.emitWarning(`module.register(): the sandbox runs no module customization hooks; ${specifier} is not run`);
  }
};

// Static methods of a class are not enumerable; these are plain properties in Node.
for (const key of ['_load', '_resolveFilename', 'createRequire']) {
  Object.defineProperty(Module, key, { enumerable: true });
}

function processCwd() {
  const cwd = fsBinding.cwd();
  return typeof cwd === 'string' ? cwd : '/';
}

const builtinCache = new Map();

function loadBuiltin(request) {
  const internal = exposedInternal(request);
  if (internal !== undefined) return loadInternal(internal);
  const name = request.startsWith('node:') ? request.slice(5) : request;
  if (!(request.startsWith('node:') ? schemeBuiltinSet : builtinSet).has(name)) {
    const err = nodeError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${request}`);
    throw err;
  }
  if (name === 'module') return Module;
  if (name === 'process') return process;
  let exports = builtinCache.get(name);
  if (exports === undefined) {
    // node:domain refuses to load while a capture callback is set, and loads once it is
    // cleared: checked before its module is evaluated, which would stay failed
    if (name === 'domain' && hasUncaughtExceptionCaptureCallback()) throw domainNotAvailable();
    const ns = importBuiltin(`node:${name}`);
    exports = ns.default !== undefined ? ns.default : ns;
    builtinCache.set(name, exports);
  }
  return exports;
}

const protoLoad = Module.prototype.load;
const protoCompile = Module.prototype._compile;
const protoRequire = Module.prototype.require;

function checkId(id) {
  if (typeof id !== 'string') throw invalidArgType('id', 'string', id);
  if (id === '') throw invalidArgValue('id', id, 'must be a non-empty string');
}

// The first half of module.load: returns the extension handler to run.
function startLoad(module, filename) {
  module.filename = filename;
  module.paths = nodeModulePaths(path.dirname(filename));
  return Module._extensions[longestRegisteredExtension(filename)] || Module._extensions['.js'];
}

// The longest extension of the name (several dots: '.foo.bar') Module._extensions has, else
// '.js'; a leading dot (.bar) names a file, not an extension.
function longestRegisteredExtension(filename) {
  const name = path.basename(filename);
  for (let index = name.indexOf('.', 1); index !== -1; index = name.indexOf('.', index + 1)) {
    const ext = name.slice(index);
    if (Module._extensions[ext]) return ext;
  }
  return '.js';
}

// The CommonJS wrapper function of `content`; or, for a file whose format is not known
// (`format` undefined: a package without "type") and that has a module's syntax, undefined
// after loading it as an ES module.
function compileOrLoadEsm(module, content, filename, format) {
  try {
    return compileWrapped(content, filename);
  } catch (err) {
    if (format === undefined && err instanceof SyntaxError && hasModuleSyntax(content, filename, err)) {
      return loadEsm(module, filename);
    }
    throw err;
  }
}

// Node's Module._extensions['.js'] format: .mjs and .cjs by name, .js by the package's "type";
// undefined when that decides nothing (extensionless, or no "type").
function jsFormat(filename) {
  if (filename.endsWith('.mjs')) return 'module';
  if (filename.endsWith('.cjs')) return 'commonjs';
  if (!filename.endsWith('.js')) return undefined;
  const type = packageScope(filename)?.pkg.type;
  return type === 'module' || type === 'commonjs' ? type : undefined;
}

// Node 20.19's require() of an ES module: the graph runs now, synchronously; module.exports is
// its namespace (its "module.exports" export if it has one; with a default export and no
// __esModule, a namespace that adds __esModule: true, for code compiled from ESM to CommonJS).
function loadEsm(module, filename) {
  const ns = requireModule(fileUrl(filename));
  const parentFile = parentOf(module)?.filename;
  if (ns === 1) {
    let message = 'require() cannot be used on an ESM graph with top-level await. Use import() instead. ' +
      'To see where the top-level await comes from, use --experimental-print-required-tla.';
    if (parentFile) message += `\n  From ${parentFile} `;
    message += `\n  Requiring ${filename} `;
    throw nodeError(Error, 'ERR_REQUIRE_ASYNC_MODULE', message);
  }
  if (Array.isArray(ns)) {
    const [importer, specifier] = ns;
    throw nodeError(Error, 'ERR_REQUIRE_CYCLE_MODULE', importer === null
      ? `Cannot require() ES Module ${filename} in a cycle. (from ${parentFile ?? filename}) A cycle involving require(esm) is not ` +
        'allowed to maintain invariants mandated by the ECMAScript specification. Try making at least part of the dependency in ' +
        'the graph lazily loaded.'
      : `Cannot import Module ${specifier} in a cycle. (from ${importer})`);
  }
  if (Object.prototype.hasOwnProperty.call(ns, 'module.exports')) module.exports = ns['module.exports'];
  else if ('default' in ns && !('__esModule' in ns)) module.exports = esModuleFacade(filename);
  else module.exports = ns;
  return undefined;
}

function esModuleFacade(filename) {
  const url = JSON.stringify(fileUrl(filename));
  // (a name no resolution gives: resolved ids are paths or node: ids)
  return requireModule(`require-facade:${filename}`, `export * from ${url};\nexport { default } from ${url};\nexport const __esModule = true;\n`);
}

function readSource(module, filename) {
  const content = readText(filename);
  if (content === undefined) throw notFound(filename, parentOf(module));
  return content;
}

function loadJs(module, filename) {
  const format = jsFormat(filename);
  if (format === 'module') loadEsm(module, filename);
  else module._compile(readSource(module, filename), filename, format);
}

// A native addon cannot load into Wasm: process.dlopen's failure as the system's dlopen words
// it for what the file holds (ERR_DLOPEN_FAILED).
function loadAddon(module, filename) {
  const bytes = readText(filename);
  let reason;
  if (bytes === undefined) reason = 'cannot open shared object file: No such file or directory';
  else if (bytes.length < 64) reason = 'file too short';
  else if (!bytes.startsWith('\x7fELF')) reason = 'invalid ELF header';
  else reason = 'cannot load a native addon into WebAssembly: Exec format error';
  throw nodeError(Error, 'ERR_DLOPEN_FAILED', `${filename}: ${reason}`);
}

function loadJson(module, filename) {
  const content = readText(filename);
  try {
    module.exports = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
  } catch (err) {
    err.message = `${filename}: ${err.message}`;
    throw err;
  }
}

function makeRequire(module) {
  const require = function require(id) {
    if (module.require !== protoRequire) return module.require(id);
    checkId(id); // (module.require, inline: one frame less a level)
    return Module._load(id, module, false);
  };
  require.resolve = function resolve(request, options) {
    if (typeof request !== 'string') throw invalidArgType('request', 'string', request);
    return Module._resolveFilename(request, module, false, options);
  };
  require.resolve.paths = function paths(request) {
    if (typeof request !== 'string') throw invalidArgType('request', 'string', request);
    return Module._resolveLookupPaths(request, module);
  };
  Object.defineProperty(require, 'main', { value: mainModule(), writable: true, configurable: true, enumerable: true });
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

export const createRequire = Module.createRequire;
export const _cache = Module._cache;
export default Module;
