// ES module loading from the in-Wasm filesystem: Node's ESM resolution (exact paths, package
// "exports" and "imports" with the import condition, legacy "main"), the module format of each file, and
// source for the C module loader (native/module_loader.c) to compile. CommonJS and JSON files
// are wrapped as ES modules whose default export is module.exports.
import path from 'node:path';
import Module from 'node:module';
import { dirOf, statKind, readText, readPackage, packageImportsResolve, packageResolve, moduleNotFound } from 'qjsw:internal/packages';
import { nodeError } from 'qjsw:internal/errors';

const importConditions = ['node', 'import', 'node-addons'];

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

// Node's moduleResolve: a path or file URL, "#name" through the package's "imports", else a
// package; what names a file must be one (finalizeResolution). Returns a path or 'node:<id>'.
export function resolve(specifier, referrer) {
  specifier = fromUrl(specifier);
  const from = referrer && referrer.startsWith('/') ? referrer : `${Module._cwd()}/`;
  let file;
  if (specifier.startsWith('/') || specifier.startsWith('./') || specifier.startsWith('../')) {
    file = path.resolve(dirOf(from), specifier);
  } else {
    file = specifier[0] === '#' ? packageImportsResolve(specifier, from, importConditions)
      : packageResolve(specifier, from, importConditions);
    if (file.startsWith('node:')) return file;
  }
  const kind = statKind(file);
  if (kind === 2) {
    throw nodeError(Error, 'ERR_UNSUPPORTED_DIR_IMPORT',
      `Directory import '${file}' is not supported resolving ES modules imported from ${from}`);
  }
  if (kind !== 1) throw moduleNotFound('module', file, from);
  return file;
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
    if (source === undefined) throw moduleNotFound('module', file, file);
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
