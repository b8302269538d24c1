// node:module — CommonJS loading from the in-Wasm filesystem: Node's resolution (relative and
// absolute ids, extensions, directories and package.json "main", node_modules walk-up,
// package "exports" with conditions), require.cache, circular requires, JSON, createRequire.
// Files are read and stat()ed through the native fs binding; nothing calls the host.
import * as fsBinding from 'qjsw:binding/fs';
import { compileFunction, importBuiltin, builtinIds } from 'qjsw:binding/module';
import { nodeError, invalidArgType, invalidArgValue } from 'qjsw:internal/errors';
import path from 'node:path';

const statValues = new Float64Array(fsBinding.kStatFields);
const S_IFMT = fsBinding.constants.S_IFMT;
const S_IFDIR = fsBinding.constants.S_IFDIR;
const S_IFREG = fsBinding.constants.S_IFREG;

// Node refuses these outright in the sandbox rather than pretending to have them.
const unavailable = new Set(['child_process', 'cluster', 'dgram', 'dns', 'http', 'http2', 'https', 'inspector',
  'net', 'repl', 'tls', 'trace_events', 'tty', 'v8', 'vm', 'wasi', 'worker_threads']);

export const builtinModules = builtinIds().filter((id) => !id.startsWith('internal/')).sort();
const builtinSet = new Set(builtinModules);

export function isBuiltin(id) {
  const name = typeof id === 'string' && id.startsWith('node:') ? id.slice(5) : id;
  return builtinSet.has(name) || unavailable.has(name);
}

// 1 file, 2 directory, 0 missing (Node's internalModuleStat).
export function statKind(p) {
  if (fsBinding.stat(p, statValues, true) !== 0) return 0;
  const type = statValues[1] & S_IFMT;
  return type === S_IFDIR ? 2 : type === S_IFREG ? 1 : 1;
}

export function readText(p) {
  const text = fsBinding.readFileUtf8(p, fsBinding.constants.O_RDONLY);
  return typeof text === 'string' ? text : undefined;
}

const packageCache = new Map();

// The parsed package.json of `dir`, or null.
export function readPackage(dir) {
  const file = path.join(dir, 'package.json');
  if (packageCache.has(file)) return packageCache.get(file);
  const text = readText(file);
  let pkg = null;
  if (text !== undefined) {
    try {
      pkg = JSON.parse(text);
    } catch (e) {
      const err = new Error(`Invalid package config ${file}.`);
      err.code = 'ERR_INVALID_PACKAGE_CONFIG';
      throw err;
    }
  }
  packageCache.set(file, pkg);
  return pkg;
}

// Tried in this order for extension-less ids (Node has no .cjs here; a .cjs file named in
// full loads as .js).
export const extensionHandlers = {
  '.js': loadJs,
  '.json': loadJson,
};

function tryFile(p) {
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

// LOAD_AS_DIRECTORY: package.json "main", then index.*.
function tryDirectory(dir) {
  const pkg = readPackage(dir);
  if (pkg && typeof pkg.main === 'string' && pkg.main) {
    const main = path.resolve(dir, pkg.main);
    const found = tryFile(main) || tryExtensions(main) || tryIndex(main);
    if (found) return found;
    const index = tryIndex(dir);
    if (index) return index;
    const err = new Error(`Cannot find module '${main}'. Please verify that the package.json has a valid "main" entry`);
    err.code = 'MODULE_NOT_FOUND';
    err.path = path.join(dir, 'package.json');
    err.requestPath = dir;
    throw err;
  }
  return tryIndex(dir);
}

export function tryPath(p, trailingSlash) {
  if (!trailingSlash) {
    const found = tryFile(p) || tryExtensions(p);
    if (found) return found;
  }
  return statKind(p) === 2 ? tryDirectory(p) : undefined;
}

// --- package "exports" ---

export const requireConditions = ['require', 'node', 'node-addons', 'default'];

function notExported(subpath, pkgJson) {
  return nodeError(Error, 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    subpath === '.' ? `No "exports" main defined in ${pkgJson}`
      : `Package subpath '${subpath}' is not defined by "exports" in ${pkgJson}`);
}

function resolveTarget(pkgDir, target, patternMatch, pkgJson, subpath, conditions) {
  if (typeof target === 'string') {
    if (!target.startsWith('./')) throw notExported(subpath, pkgJson);
    const resolved = patternMatch === undefined ? target : target.split('*').join(patternMatch);
    return path.resolve(pkgDir, resolved);
  }
  if (Array.isArray(target)) {
    for (const t of target) {
      try {
        const r = resolveTarget(pkgDir, t, patternMatch, pkgJson, subpath, conditions);
        if (r !== undefined) return r;
      } catch (e) {
        if (e.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw e;
      }
    }
    return undefined;
  }
  if (target !== null && typeof target === 'object') {
    for (const key of Object.keys(target)) {
      if (key === 'default' || conditions.includes(key)) {
        const r = resolveTarget(pkgDir, target[key], patternMatch, pkgJson, subpath, conditions);
        if (r !== undefined) return r;
      }
    }
    return undefined;
  }
  return undefined;
}

export function resolveExports(pkgDir, exportsField, subpath, conditions = requireConditions) {
  const pkgJson = path.join(pkgDir, 'package.json');
  let map = exportsField;
  const keys = map !== null && typeof map === 'object' && !Array.isArray(map) ? Object.keys(map) : [];
  if (typeof map === 'string' || Array.isArray(map) || (keys.length && !keys[0].startsWith('.'))) {
    map = { '.': map };
  }
  let found;
  if (Object.prototype.hasOwnProperty.call(map, subpath) && !subpath.includes('*')) {
    found = resolveTarget(pkgDir, map[subpath], undefined, pkgJson, subpath, conditions);
  } else {
    // the longest pattern "prefix*suffix" that matches
    let best = '';
    let match;
    for (const key of Object.keys(map)) {
      const star = key.indexOf('*');
      if (star === -1) continue;
      const prefix = key.slice(0, star);
      const suffix = key.slice(star + 1);
      if (subpath.startsWith(prefix) && subpath.length >= key.length && subpath.endsWith(suffix) && key.length > best.length) {
        best = key;
        match = subpath.slice(prefix.length, subpath.length - suffix.length);
      }
    }
    if (best) found = resolveTarget(pkgDir, map[best], match, pkgJson, subpath, conditions);
  }
  if (found === undefined) throw notExported(subpath, pkgJson);
  return found;
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
    const target = resolveExports(pkgDir, pkg.exports, subpath);
    const file = tryFile(target);
    if (!file) {
      const err = new Error(`Cannot find module '${target}'`);
      err.code = 'MODULE_NOT_FOUND';
      throw err;
    }
    return file;
  }
  return tryPath(path.join(dir, request), request.endsWith('/'));
}

// Node's Module._nodeModulePaths.
export function nodeModulePaths(from) {
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

function notFound(request, parent) {
  const stack = [];
  for (let m = parent; m; m = m.parent) if (m.filename) stack.push(m.filename);
  let message = `Cannot find module '${request}'`;
  if (stack.length) message += `\nRequire stack:\n- ${stack.join('\n- ')}`;
  const err = new Error(message);
  err.code = 'MODULE_NOT_FOUND';
  err.requireStack = stack;
  return err;
}

export class Module {
  constructor(id = '', parent) {
    this.id = id;
    this.path = path.dirname(id);
    this.exports = {};
    this.filename = null;
    this.loaded = false;
    this.children = [];
    this.paths = [];
    Object.defineProperty(this, 'parent', { value: parent, writable: true, configurable: true, enumerable: false });
    if (parent && parent.children) parent.children.push(this);
  }

  require(id) {
    if (typeof id !== 'string') throw invalidArgType('id', 'string', id);
    if (id === '') throw invalidArgValue('id', id, 'must be a non-empty string');
    return Module._load(id, this);
  }

  _compile(content, filename) {
    const fn = compileFunction(content, filename);
    const require = makeRequire(this);
    const dirname = path.dirname(filename);
    return fn.call(this.exports, this.exports, require, this, filename, dirname);
  }

  load(filename) {
    this.filename = filename;
    this.paths = nodeModulePaths(path.dirname(filename));
    const ext = path.extname(filename);
    const handler = Module._extensions[ext] || Module._extensions['.js'];
    handler(this, filename);
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
        if (found) return found;
      }
      throw notFound(request, parent);
    }
    for (const dir of paths || (parent && parent.paths && parent.paths.length ? parent.paths : nodeModulePaths(base))) {
      const found = resolveInNodeModules(dir, request);
      if (found) return found;
    }
    throw notFound(request, parent);
  }

  static _load(request, parent, isMain) {
    if (request.startsWith('node:') || isBuiltin(request)) return loadBuiltin(request);
    const filename = Module._resolveFilename(request, parent, isMain);
    const cached = Module._cache[filename];
    if (cached) {
      if (parent && parent.children && !parent.children.includes(cached)) parent.children.push(cached);
      return cached.exports;
    }
    const module = new Module(filename, parent);
    if (isMain) {
      module.id = '.';
      Module.mainModule = module;
    }
    Module._cache[filename] = module;
    let threw = true;
    try {
      module.load(filename);
      threw = false;
    } finally {
      if (threw) {
        delete Module._cache[filename];
        const i = parent && parent.children ? parent.children.indexOf(module) : -1;
        if (i !== -1) parent.children.splice(i, 1);
      }
    }
    return module.exports;
  }

  static createRequire(filename) {
    if (filename && typeof filename === 'object' && typeof filename.href === 'string') filename = decodeURIComponent(filename.pathname);
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
Module._extensions = Object.assign(Object.create(null), extensionHandlers);
Module.builtinModules = builtinModules;
Module.isBuiltin = isBuiltin;
Module._nodeModulePaths = nodeModulePaths;
Module._cwd = () => processCwd();
Module.Module = Module;

function processCwd() {
  const cwd = fsBinding.cwd();
  return typeof cwd === 'string' ? cwd : '/';
}

const builtinCache = new Map();

function loadBuiltin(request) {
  const name = request.startsWith('node:') ? request.slice(5) : request;
  if (unavailable.has(name)) {
    throw nodeError(Error, 'ERR_NOT_AVAILABLE_IN_SANDBOX',
      `The '${name}' module is not available in the quickjs-wasmfs sandbox`);
  }
  if (!builtinSet.has(name)) {
    const err = nodeError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${request}`);
    throw err;
  }
  if (name === 'module') return Module;
  let exports = builtinCache.get(name);
  if (exports === undefined) {
    const ns = importBuiltin(`node:${name}`);
    exports = ns.default !== undefined ? ns.default : ns;
    builtinCache.set(name, exports);
  }
  return exports;
}

function loadJs(module, filename) {
  const content = readText(filename);
  if (content === undefined) throw notFound(filename, module.parent);
  module._compile(content, filename);
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
    return module.require(id);
  };
  require.resolve = function resolve(request, options) {
    if (typeof request !== 'string') throw invalidArgType('request', 'string', request);
    return Module._resolveFilename(request, module, false, options);
  };
  require.resolve.paths = function paths(request) {
    if (isBuiltin(request)) return null;
    if (request.startsWith('.')) return [module.filename ? path.dirname(module.filename) : processCwd()];
    return module.paths.slice();
  };
  require.main = Module.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

export const createRequire = Module.createRequire;
export const _cache = Module._cache;
export default Module;
