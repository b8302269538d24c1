// ES module loading from the in-Wasm filesystem: Node's ESM resolution (exact paths, package
// "exports" with the import condition, legacy "main"), the module format of each file, and
// source for the C module loader (native/module_loader.c) to compile. CommonJS and JSON files
// are wrapped as ES modules whose default export is module.exports.
import path from 'node:path';
import Module, { statKind, readText, readPackage, resolveExports, tryPath, nodeModulePaths } from 'node:module';
import { nodeError } from 'qjsw:internal/errors';

const importConditions = ['import', 'node', 'default'];

function notFound(what, specifier, referrer) {
  return nodeError(Error, 'ERR_MODULE_NOT_FOUND',
    `Cannot find ${what} '${specifier}' imported from ${referrer}`);
}

function fromUrl(specifier) {
  if (!specifier.startsWith('file://')) return specifier;
  return decodeURIComponent(specifier.slice(7).replace(/^[^/]*/, ''));
}

// Package type of the nearest package.json above `file`.
function packageType(file) {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = readPackage(dir);
    if (pkg) return pkg.type === 'module' ? 'module' : 'commonjs';
    if (dir === '/') return 'commonjs';
  }
}

export function resolve(specifier, referrer) {
  specifier = fromUrl(specifier);
  const base = referrer && referrer.startsWith('/') ? path.dirname(referrer) : Module._cwd();
  const from = referrer && referrer.startsWith('/') ? referrer : base;
  if (specifier.startsWith('/') || specifier.startsWith('./') || specifier.startsWith('../')) {
    const file = path.resolve(base, specifier);
    const kind = statKind(file);
    if (kind === 2) {
      throw nodeError(Error, 'ERR_UNSUPPORTED_DIR_IMPORT',
        `Directory import '${file}' is not supported resolving ES modules imported from ${from}`);
    }
    if (kind !== 1) throw notFound('module', file, from);
    return file;
  }
  // a bare package id, found in node_modules
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = parts.length > nameLength ? `./${parts.slice(nameLength).join('/')}` : '.';
  for (const dir of nodeModulePaths(base)) {
    const pkgDir = path.join(dir, name);
    if (statKind(pkgDir) !== 2) continue;
    const pkg = readPackage(pkgDir);
    if (pkg && pkg.exports !== undefined && pkg.exports !== null) {
      const target = resolveExports(pkgDir, pkg.exports, subpath, importConditions);
      if (statKind(target) !== 1) throw notFound('module', target, from);
      return target;
    }
    const found = subpath === '.' ? tryPath(pkgDir, false) : (statKind(path.join(pkgDir, subpath)) === 1 ? path.join(pkgDir, subpath) : undefined);
    if (found) return found;
    throw notFound('module', path.join(pkgDir, subpath), from);
  }
  throw notFound('package', name, from);
}

const identifier = /^[A-Za-z_$][\w$]*$/;
const reserved = new Set(['default', 'await', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private',
  'protected', 'public', 'enum', 'class', 'const', 'export', 'extends', 'import', 'super', 'this', 'var', 'function',
  'new', 'delete', 'typeof', 'void', 'in', 'instanceof', 'return', 'if', 'else', 'for', 'while', 'do', 'break',
  'continue', 'switch', 'case', 'throw', 'try', 'catch', 'finally', 'with', 'debugger', 'null', 'true', 'false']);

const requireKey = Symbol.for('qjsw.esm.require');

export function formatOf(file) {
  const ext = path.extname(file);
  return ext === '.mjs' ? 'module' : ext === '.cjs' ? 'commonjs' : ext === '.json' ? 'json' : packageType(file);
}

// Source of the ES module for `file`: the file itself, or a wrapper for CommonJS and JSON.
export function load(file) {
  const format = formatOf(file);
  if (format === 'module') {
    const source = readText(file);
    if (source === undefined) throw notFound('module', file, file);
    return source;
  }
  // Node's CommonJS interop: default is module.exports, own enumerable names are named exports.
  const exports = globalThis[requireKey](file);
  const names = exports !== null && (typeof exports === 'object' || typeof exports === 'function')
    ? Object.keys(exports).filter((k) => identifier.test(k) && !reserved.has(k)) : [];
  const spec = JSON.stringify(file);
  let source = `const m = globalThis[Symbol.for('qjsw.esm.require')](${spec});\nexport default m;\n`;
  if (format !== 'json' && names.length) source += `export const { ${names.join(', ')} } = m;\n`;
  return source;
}

export function install() {
  Object.defineProperty(globalThis, requireKey, {
    value: (file) => Module._load(file, null, false),
    enumerable: false,
    configurable: false,
    writable: false,
  });
}
