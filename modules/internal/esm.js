// ES module loading from the in-Wasm filesystem: Node's ESM resolution (exact paths, package
// "exports" and "imports" with the import condition, legacy "main", import attributes), the
// module format of each file, and source for the C module loader (native/module_loader.c) to
// compile. CommonJS and JSON files are wrapped as ES modules whose default export is
// module.exports.
import path from 'node:path';
import Module from 'node:module';
import {
  dirOf, fileUrl, statKind, readText, readPackage, packageImportsResolve, packageResolve, moduleNotFound,
} from 'qjsw:internal/packages';
import { nodeError } from 'qjsw:internal/errors';
import * as attributes from 'qjsw:internal/import-attributes';

const importConditions = ['node', 'import', 'node-addons', 'module-sync'];

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
// package; what names a file must be one (finalizeResolution). Then the import's type
// attribute (carried in the specifier, see import-attributes.js) must fit the module's format.
// Returns a path or 'node:<id>'.
export function resolve(marked, referrer) {
  const { specifier, type } = attributes.unmark(marked);
  // (no file to import from: the working directory, as a URL ending in "/" would be)
  const from = referrer && referrer.startsWith('/') ? referrer : `${Module._cwd()}/`.replace(/\/\/$/, '/');
  const file = resolveFile(fromUrl(specifier), from);
  if (file.startsWith('node:')) attributes.validateAttributes(file, 'builtin', type);
  else attributes.validateAttributes(fileUrl(file), formatOf(file), type);
  return file;
}

function resolveFile(specifier, from) {
  let file;
  if (specifier.startsWith('/') || specifier.startsWith('./') || specifier.startsWith('../')) {
    file = path.resolve(dirOf(from), specifier);
  } else if (specifier.startsWith('node:')) {
    // (plain builtin ids reach here only with an attribute: the C loader takes the others)
    if (!Module.isBuiltin(specifier)) throw nodeError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${specifier}`);
    file = specifier;
  } else {
    file = specifier[0] === '#' ? packageImportsResolve(specifier, from, importConditions)
      : packageResolve(specifier, from, importConditions);
  }
  if (file.startsWith('node:')) {
    const id = file.slice(5);
    if (!Module.builtinModules.includes(id)) {
      throw nodeError(Error, 'ERR_NOT_AVAILABLE_IN_SANDBOX', `The '${id}' module is not available in the quickjs-wasmfs sandbox`);
    }
    return file;
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
    return attributes.rewrite(source, fileUrl(file), true);
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
  attributes.install();
  Object.defineProperty(globalThis, requireKey, {
    value: (file) => Module._load(file, null, false),
    enumerable: false,
    configurable: false,
    writable: false,
  });
}
