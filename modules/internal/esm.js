// ES module loading from the in-Wasm filesystem: Node's ESM resolution (exact paths, package
// "exports" and "imports" with the import condition, legacy "main", import attributes), the
// module format of each file, and source for the C module loader (native/loader/module_loader.c) to
// compile. CommonJS and JSON files are wrapped as ES modules whose default export is
// module.exports.
import path from 'node:path';
import Module from 'node:module';
import {
  dirOf, fileUrl, statKind, readText, readPackage, packageImportsResolve, packageResolve, moduleNotFound,
} from 'qjsw:internal/packages';
import { nodeError } from 'qjsw:internal/errors';
import { importBuiltin } from 'qjsw:binding/module';
import * as attributes from 'qjsw:internal/import-attributes';
import { isModuleFile } from 'qjsw:internal/module-syntax';
import { exposedInternal } from 'qjsw:internal/node_internals';

const importConditions = ['node', 'import', 'node-addons', 'module-sync'];

// Node resolves path and file: specifiers as URLs: their %-escapes are decoded, and a ?query
// or #hash is no part of the file but is of the module's identity (each URL is a module of its
// own, import.meta.url keeps it). [path part, suffix]; bare and node: specifiers are left whole.
function urlParts(specifier) {
  let rest;
  if (specifier.startsWith('file://')) rest = specifier.slice(7).replace(/^[^/?#]*/, '');
  else if (specifier.startsWith('/') || specifier.startsWith('./') || specifier.startsWith('../')) rest = specifier;
  else return [specifier, ''];
  const end = rest.search(/[?#]/);
  const suffix = end === -1 ? '' : rest.slice(end);
  return [decodePath(end === -1 ? rest : rest.slice(0, end)), suffix];
}

// (as fileURLToPath: escapes that are not UTF-8 stay as written)
function decodePath(p) {
  if (!p.includes('%')) return p;
  return p.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try { return decodeURIComponent(run); } catch { return run; }
  });
}

// module name -> file, for names with a ?query or #hash
const fileOf = new Map();
// file -> [specifier, importing file] of its last import, for Node's cycle error
const importedAs = new Map();

// `node --input-type=module -e source`: the source as a module named [evalN] in the working
// directory (Node's file:///cwd/[eval1]), which resolve() and load() know by that name.
const evalSources = new Map();
export function evalModuleName(source) {
  const name = path.join(Module._cwd(), `[eval${evalSources.size + 1}]`);
  evalSources.set(name, source);
  return name;
}

// A data: URL's module, as Node reads one: text/javascript is a module, application/json JSON
// (which needs its type attribute), anything else an unknown format; ;base64 or %-escaped.
function dataModule(url) {
  const m = /^data:([^/]+\/[^;,]+)(?:[^,]*?)(;base64)?,([^]*)$/.exec(url);
  if (!m) throw Object.assign(nodeError(TypeError, 'ERR_INVALID_URL', 'Invalid URL'), { input: url });
  const mime = m[1];
  const format = mime === 'text/javascript' ? 'module' : mime === 'application/json' ? 'json' : undefined;
  if (format === undefined) throw nodeError(RangeError, 'ERR_UNKNOWN_MODULE_FORMAT', `Unknown module format: ${mime} for URL ${url}`);
  const { Buffer } = importBuiltin('node:buffer');
  const bytes = m[2] ? Buffer.from(m[3], 'base64') : Buffer.from(m[3].replace(/%([0-9A-Fa-f]{2})|[^%]+|%/g, (t, hex) => (hex ? String.fromCharCode(parseInt(hex, 16)) : Buffer.from(t).toString('latin1'))), 'latin1');
  return { format, text: bytes.toString('utf8') };
}

// Package type of the nearest package.json above `file`: 'module', 'commonjs', or undefined
// when it has no "type" (or there is none).
function packageType(file) {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = readPackage(dir);
    if (pkg) return pkg.type === 'module' || pkg.type === 'commonjs' ? pkg.type : undefined;
    if (dir === '/') return undefined;
  }
}

// Node's moduleResolve: a path or file URL, "#name" through the package's "imports", else a
// package; what names a file must be one (finalizeResolution). Then the import's type
// attribute (carried in the specifier, see import-attributes.js) must fit the module's format.
// Returns a path (with the URL's ?query/#hash, if any) or 'node:<id>'.
export function resolve(marked, referrer) {
  const { specifier, type } = attributes.unmark(marked);
  if (evalSources.has(specifier)) return specifier;
  if (specifier.startsWith('data:')) {
    attributes.validateAttributes(specifier, dataModule(specifier).format, type);
    return specifier;
  }
  // from a data: module only builtins resolve (data: is no hierarchical scheme to resolve against)
  if (referrer && referrer.startsWith('data:')) {
    throw nodeError(TypeError, 'ERR_UNSUPPORTED_RESOLVE_REQUEST',
      `Failed to resolve module specifier "${specifier}" from "${referrer}": Invalid relative URL or base scheme is not hierarchical.`);
  }
  // (no file to import from: the working directory, as a URL ending in "/" would be)
  const from = referrer && referrer.startsWith('/') ? fileOf.get(referrer) ?? referrer : `${Module._cwd()}/`.replace(/\/\/$/, '/');
  const [spec, suffix] = urlParts(specifier);
  const file = resolveFile(spec, from);
  if (file.startsWith('node:')) attributes.validateAttributes(file, 'builtin', type);
  else attributes.validateAttributes(fileUrl(file) + suffix, formatOf(file), type);
  if (!file.startsWith('node:')) importedAs.set(file, [specifier, from]);
  if (!suffix || file.startsWith('node:')) return file;
  fileOf.set(file + suffix, file);
  return file + suffix;
}

function resolveFile(specifier, from) {
  let file;
  if (specifier.startsWith('/') || specifier.startsWith('./') || specifier.startsWith('../')) {
    file = path.resolve(dirOf(from), specifier);
  } else if (specifier.startsWith('node:')) {
    // (plain builtin ids reach here only with an attribute: the C loader takes the others)
    if (!Module.isBuiltin(specifier)) throw nodeError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${specifier}`);
    file = specifier;
  } else if (exposedInternal(specifier) !== undefined) {
    file = `node:${specifier}`; // (--expose-internals)
  } else {
    file = specifier[0] === '#' ? packageImportsResolve(specifier, from, importConditions)
      : packageResolve(specifier, from, importConditions);
  }
  if (file.startsWith('node:')) {
    const id = file.slice(5);
    if (!Module.isBuiltin(file)) {
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

// Node 20.19's format of a file: by extension, then the package's "type"; a .js or extensionless
// file of a package without one is a module when its syntax says so (module syntax detection).
export function formatOf(file) {
  const ext = path.extname(file);
  if (ext === '.mjs') return 'module';
  if (ext === '.cjs') return 'commonjs';
  if (ext === '.json') return 'json';
  const type = packageType(file);
  if (type !== undefined) return type;
  return (ext === '.js' || ext === '') && isModuleFile(file) ? 'module' : 'commonjs';
}

// The ES module `name`: the file's source (with the file's path when the name has a ?query or
// #hash), or for CommonJS and JSON what module_loader.c makes a module of: { value, names }.
export function load(name) {
  // an exposed Node internal (module_loader.c asks only then): its default export is what
  // require() gives, and it has no other, as in Node
  const internal = exposedInternal(name);
  if (internal !== undefined) return { __proto__: null, value: Module._load(internal, null, false), names: [] };
  if (name.startsWith('node:')) throw nodeError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${name}`);
  if (name.startsWith('data:')) {
    const { format, text } = dataModule(name);
    return format === 'json' ? { __proto__: null, value: JSON.parse(text), names: [] } : text;
  }
  const evalSource = evalSources.get(name);
  if (evalSource !== undefined) return attributes.rewrite(evalSource, fileUrl(name), true);
  const file = fileOf.get(name) ?? name;
  const source = loadFile(file);
  return file === name || typeof source !== 'string' ? source : [source, file];
}

function loadFile(file) {
  const format = formatOf(file);
  if (format === 'module') {
    const source = readText(file);
    if (source === undefined) throw moduleNotFound('module', file, file);
    return attributes.rewrite(source, fileUrl(file), true);
  }
  // a CommonJS module still running imported by an ES module: only require(esm) gets here
  // while one runs (import() runs in a later job)
  const cached = Module._cache[file];
  if (format === 'commonjs' && cached && !cached.loaded) {
    const [specifier, from] = importedAs.get(file) ?? [file, file];
    throw nodeError(Error, 'ERR_REQUIRE_CYCLE_MODULE', `Cannot import CommonJS Module ${specifier} in a cycle. (from ${from})`);
  }
  // Node's CommonJS interop: default is module.exports, its other names are named exports (any
  // string: the C loader makes the module, native/loader/module_loader.c's synthetic modules). Node
  // finds the names by lexing the source; here they are the own enumerable keys once it ran.
  const exports = Module._load(file, null, false);
  const names = format !== 'json' && exports !== null && (typeof exports === 'object' || typeof exports === 'function')
    ? Object.keys(exports).filter((k) => k !== 'default' && !k.includes('\0')) : [];
  return { __proto__: null, value: exports, names };
}

export function install() {
  attributes.install();
}
