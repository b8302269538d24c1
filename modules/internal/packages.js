// Node's package resolution shared by require() and import: package.json reading, the package
// scope of a file, "exports" and "imports" (PACKAGE_EXPORTS_RESOLVE, PACKAGE_IMPORTS_RESOLVE,
// PACKAGE_RESOLVE of the ESM spec, as lib/internal/modules/esm/resolve.js implements them).
// Results are absolute paths, or 'node:<id>' for a builtin; the callers check the file.
import * as fsBinding from 'qjsw:binding/fs';
import { nodeError } from 'qjsw:internal/errors';
import path from 'node:path';

const statValues = new Float64Array(fsBinding.kStatFields);
const S_IFMT = fsBinding.constants.S_IFMT;
const S_IFDIR = fsBinding.constants.S_IFDIR;

// 1 file, 2 directory, 0 missing (Node's internalModuleStat).
export function statKind(p) {
  if (fsBinding.stat(p, statValues, true) !== 0) return 0;
  return (statValues[1] & S_IFMT) === S_IFDIR ? 2 : 1;
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
      // its fields are read by name: none may come from Object.prototype (Node reads the
      // fields it knows into an object of its own)
      if (pkg !== null && typeof pkg === 'object' && !Array.isArray(pkg)) pkg = Object.assign(Object.create(null), pkg);
    } catch (e) {
      throw nodeError(Error, 'ERR_INVALID_PACKAGE_CONFIG', `Invalid package config ${file}.`);
    }
  }
  packageCache.set(file, pkg);
  return pkg;
}

// The directory `base` resolves against: itself when it ends in "/" (a URL's view of it).
export function dirOf(base) {
  return base.endsWith('/') ? base.slice(0, -1) || '/' : path.dirname(base);
}

// The nearest package.json above `file`, not looking past a node_modules directory (Node's
// getPackageScopeConfig): { dir, pkg } or null.
export function packageScope(file) {
  for (let dir = dirOf(file); ; dir = path.dirname(dir)) {
    if (path.basename(dir) === 'node_modules') return null;
    const pkg = readPackage(dir);
    if (pkg) return { dir, pkg };
    if (dir === '/') return null;
  }
}

const builtinIds = new Set();
// The builtin ids a bare target may name (module.js fills it; it owns the list).
export function setBuiltins(ids) {
  for (const id of ids) builtinIds.add(id);
}

// "." and ".." segments, and node_modules, in any case and percent-encoded, may not appear in a
// target or what "*" stands for. (Empty segments are only deprecated, with a warning behind
// --pending-deprecation: allowed here.)
const forbiddenSegment = /(^|\\|\/)((\.|%2e)(\.|%2e)?|(n|%6e|%4e)(o|%6f|%4f)(d|%64|%44)(e|%65|%45)(_|%5f)(m|%6d|%4d)(o|%6f|%4f)(d|%64|%44)(u|%75|%55)(l|%6c|%4c)(e|%65|%45)(s|%73|%53))(\\|\/|$)/i;
const invalidPackageName = /^\.|%|\\/;
// what URL.canParse accepts without a base: a scheme first
const urlScheme = /^[A-Za-z][A-Za-z0-9+.-]*:/;

const withBase = (base) => (base ? ` imported from ${base}` : '');
const withSlash = (dir) => (dir.endsWith('/') ? dir : `${dir}/`);
const pjson = (dir) => path.join(dir, 'package.json');

function invalidPackageTarget(key, target, pkgDir, internal, base) {
  target = typeof target === 'object' && target !== null ? JSON.stringify(target) : `${target}`;
  const related = !internal && target.length && !target.startsWith('./') ? '; targets must start with "./"' : '';
  const where = `in the package config ${pjson(pkgDir)}${withBase(base)}${related}`;
  return nodeError(Error, 'ERR_INVALID_PACKAGE_TARGET', key === '.'
    ? `Invalid "exports" main target ${JSON.stringify(target)} defined ${where}`
    : `Invalid "${internal ? 'imports' : 'exports'}" target ${JSON.stringify(target)} defined for '${key}' ${where}`);
}

function invalidSpecifier(request, reason, base) {
  return nodeError(TypeError, 'ERR_INVALID_MODULE_SPECIFIER', `Invalid module "${request}" ${reason}${withBase(base)}`);
}

function invalidSubpath(request, match, pkgDir, internal, base) {
  return invalidSpecifier(request, `request is not a valid match in pattern "${match}" for the "${
    internal ? 'imports' : 'exports'}" resolution of ${pjson(pkgDir)}`, base);
}

// A file's URL, as Node's messages show it (pathToFileURL, near enough).
export function fileUrl(file) {
  return `file://${encodeURI(file).replace(/[?#]/g, encodeURIComponent)}`;
}

// (this one names the importing file by its URL)
function invalidConfig(pkgDir, base, message) {
  const url = base && fileUrl(base);
  return nodeError(Error, 'ERR_INVALID_PACKAGE_CONFIG',
    `Invalid package config ${pjson(pkgDir)}${url ? ` while importing ${url}` : ''}. ${message}`);
}

const warned = new Set();
function trailingSlashDeprecation(subpath, pkgDir, base) {
  const key = `${pkgDir}|${subpath}`;
  if (warned.has(key) || !globalThis.process) return;
  warned.add(key);
  globalThis.process.emitWarning(`Use of deprecated trailing slash pattern mapping "${subpath}" in the "exports" field module resolution of the package at ${pjson(pkgDir)}${
    withBase(base)}. Mapping specifiers ending in "/" is no longer supported.`, 'DeprecationWarning', 'DEP0155');
}

export function exportsNotFound(subpath, pkgDir, base) {
  return nodeError(Error, 'ERR_PACKAGE_PATH_NOT_EXPORTED', subpath === '.'
    ? `No "exports" main defined in ${pjson(pkgDir)}${withBase(base)}`
    : `Package subpath '${subpath}' is not defined by "exports" in ${pjson(pkgDir)}${withBase(base)}`);
}

function resolveTargetString(target, subpath, match, pkgDir, base, pattern, internal, conditions) {
  if (subpath !== '' && !pattern && !target.endsWith('/')) throw invalidPackageTarget(match, target, pkgDir, internal, base);
  if (!target.startsWith('./')) {
    // an "imports" target may name another package (or a builtin)
    if (internal && !target.startsWith('../') && !target.startsWith('/') && !urlScheme.test(target)) {
      const request = pattern ? target.replace(/\*/g, () => subpath) : target + subpath;
      return packageResolve(request, pjson(pkgDir), conditions);
    }
    throw invalidPackageTarget(match, target, pkgDir, internal, base);
  }
  if (forbiddenSegment.test(target.slice(2))) {
    throw invalidPackageTarget(match, target, pkgDir, internal, base);
  }
  // URL resolution keeps a trailing slash; path.resolve would drop it
  const resolved = target.endsWith('/') ? withSlash(path.resolve(pkgDir, target)) : path.resolve(pkgDir, target);
  if (!`${resolved}/`.startsWith(withSlash(pkgDir))) throw invalidPackageTarget(match, target, pkgDir, internal, base);
  if (subpath === '') return resolved;
  if (forbiddenSegment.test(subpath)) {
    const request = pattern ? match.replace('*', () => subpath) : match + subpath;
    throw invalidSubpath(request, match, pkgDir, internal, base);
  }
  return pattern ? resolved.replace(/\*/g, () => subpath) : resolved + subpath;
}

const isArrayIndex = (key) => {
  const n = Number(key);
  return `${n}` === key && n >= 0 && n < 0xffffffff;
};

// undefined: no condition matched; null: excluded on purpose (a null target).
function resolveTarget(pkgDir, target, subpath, match, base, pattern, internal, conditions) {
  if (typeof target === 'string') {
    return resolveTargetString(target, subpath, match, pkgDir, base, pattern, internal, conditions);
  }
  if (Array.isArray(target)) {
    if (target.length === 0) return null;
    let lastError;
    for (const item of target) {
      let result;
      try {
        result = resolveTarget(pkgDir, item, subpath, match, base, pattern, internal, conditions);
      } catch (e) {
        lastError = e;
        if (e.code === 'ERR_INVALID_PACKAGE_TARGET') continue;
        throw e;
      }
      if (result === undefined) continue;
      if (result === null) {
        lastError = null;
        continue;
      }
      return result;
    }
    if (lastError === undefined || lastError === null) return lastError;
    throw lastError;
  }
  if (typeof target === 'object' && target !== null) {
    const keys = Object.getOwnPropertyNames(target);
    if (keys.some(isArrayIndex)) throw invalidConfig(pkgDir, base, '"exports" cannot contain numeric property keys.');
    for (const key of keys) {
      if (key === 'default' || conditions.includes(key)) {
        const result = resolveTarget(pkgDir, target[key], subpath, match, base, pattern, internal, conditions);
        if (result !== undefined) return result;
      }
    }
    return undefined;
  }
  if (target === null) return null;
  throw invalidPackageTarget(match, target, pkgDir, internal, base);
}

// Node's patternKeyCompare: -1 when `a` is the more specific pattern.
function patternKeyCompare(a, b) {
  const aStar = a.indexOf('*');
  const bStar = b.indexOf('*');
  const baseA = aStar === -1 ? a.length : aStar + 1;
  const baseB = bStar === -1 ? b.length : bStar + 1;
  if (baseA !== baseB) return baseA > baseB ? -1 : 1;
  if (aStar === -1) return 1;
  if (bStar === -1) return -1;
  if (a.length !== b.length) return a.length > b.length ? -1 : 1;
  return 0;
}

// The key of `map` whose "prefix*suffix" pattern matches `name` best, and what "*" stands for.
function bestPattern(map, name, onTrailingSlash) {
  let best = '';
  let star;
  for (const key of Object.getOwnPropertyNames(map)) {
    const i = key.indexOf('*');
    if (i === -1 || !name.startsWith(key.slice(0, i))) continue;
    if (onTrailingSlash && name.endsWith('/')) onTrailingSlash();
    const trailer = key.slice(i + 1);
    if (name.length >= key.length && name.endsWith(trailer) && patternKeyCompare(best, key) === 1 && key.lastIndexOf('*') === i) {
      best = key;
      star = name.slice(i, name.length - trailer.length);
    }
  }
  return best ? { key: best, star } : undefined;
}

function isConditionalSugar(exports, pkgDir, base) {
  if (typeof exports === 'string' || Array.isArray(exports)) return true;
  if (typeof exports !== 'object' || exports === null) return false;
  let sugar;
  for (const key of Object.getOwnPropertyNames(exports)) {
    const conditional = key === '' || key[0] !== '.';
    if (sugar === undefined) sugar = conditional;
    else if (sugar !== conditional) {
      throw invalidConfig(pkgDir, base, '"exports" cannot contain some keys starting with \'.\' and some not. The exports object must either be an object of package subpath keys or an object of main entry condition name keys only.');
    }
  }
  return sugar === true;
}

// `subpath` is "." or "./x"; `base` (the importing file, or undefined) only shapes messages.
export function packageExportsResolve(pkgDir, subpath, exports, base, conditions) {
  if (isConditionalSugar(exports, pkgDir, base)) exports = { '.': exports };
  if (Object.prototype.hasOwnProperty.call(exports, subpath) && !subpath.includes('*') && !subpath.endsWith('/')) {
    const result = resolveTarget(pkgDir, exports[subpath], '', subpath, base, false, false, conditions);
    if (result == null) throw exportsNotFound(subpath, pkgDir, base);
    return result;
  }
  const match = bestPattern(exports, subpath, () => trailingSlashDeprecation(subpath, pkgDir, base));
  if (match) {
    const result = resolveTarget(pkgDir, exports[match.key], match.star, match.key, base, true, false, conditions);
    if (result == null) throw exportsNotFound(subpath, pkgDir, base);
    return result;
  }
  throw exportsNotFound(subpath, pkgDir, base);
}

// A "#name" specifier against the "imports" of the package scope of `base` (a file path).
export function packageImportsResolve(name, base, conditions) {
  if (name === '#' || name.startsWith('#/') || name.endsWith('/')) {
    throw invalidSpecifier(name, 'is not a valid internal imports specifier name', base);
  }
  const scope = packageScope(base);
  const imports = scope && scope.pkg.imports;
  if (imports !== null && typeof imports === 'object') {
    if (Object.prototype.hasOwnProperty.call(imports, name) && !name.includes('*')) {
      const result = resolveTarget(scope.dir, imports[name], '', name, base, false, true, conditions);
      if (result != null) return result;
    } else {
      const match = bestPattern(imports, name);
      if (match) {
        const result = resolveTarget(scope.dir, imports[match.key], match.star, match.key, base, true, true, conditions);
        if (result != null) return result;
      }
    }
  }
  throw nodeError(TypeError, 'ERR_PACKAGE_IMPORT_NOT_DEFINED', `Package import specifier "${name}" is not defined${
    scope ? ` in package ${pjson(scope.dir)}` : ''} imported from ${base}`);
}

export function moduleNotFound(what, specifier, base) {
  return nodeError(Error, 'ERR_MODULE_NOT_FOUND', `Cannot find ${what} '${specifier}' imported from ${base}`);
}

// A package's main entry when it has no "exports" (Node's legacyMainResolve).
function legacyMainResolve(pkgDir, pkg, base) {
  const main = typeof pkg.main === 'string' ? pkg.main : '';
  if (main) {
    for (const ext of ['', '.js', '.json', '.node', '/index.js', '/index.json', '/index.node']) {
      const file = path.resolve(pkgDir, main + ext);
      if (statKind(file) === 1) return file;
    }
  }
  for (const name of ['index.js', 'index.json', 'index.node']) {
    const file = path.join(pkgDir, name);
    if (statKind(file) === 1) return file;
  }
  throw moduleNotFound('package', withSlash(pkgDir), base);
}

// A bare specifier from `base` (a file path), the ESM way: builtins, the package's own name,
// then node_modules upwards; no extensions are tried.
export function packageResolve(specifier, base, conditions) {
  if (builtinIds.has(specifier)) return `node:${specifier}`;
  let slash = specifier.indexOf('/');
  let valid = true;
  if (specifier[0] === '@') {
    if (slash === -1) valid = false;
    else slash = specifier.indexOf('/', slash + 1);
  }
  const name = slash === -1 ? specifier : specifier.slice(0, slash);
  if (!valid || invalidPackageName.test(name)) throw invalidSpecifier(specifier, 'is not a valid package name', base);
  const subpath = `.${slash === -1 ? '' : specifier.slice(slash)}`;
  const scope = packageScope(base);
  if (scope && scope.pkg.exports != null && scope.pkg.name === name) {
    return packageExportsResolve(scope.dir, subpath, scope.pkg.exports, base, conditions);
  }
  for (let dir = dirOf(base); ; dir = path.dirname(dir)) {
    const pkgDir = path.join(dir, 'node_modules', name);
    if (statKind(pkgDir) === 2) {
      const pkg = readPackage(pkgDir) || {};
      if (pkg.exports != null) return packageExportsResolve(pkgDir, subpath, pkg.exports, base, conditions);
      if (subpath === '.') return legacyMainResolve(pkgDir, pkg, base);
      return path.join(pkgDir, subpath);
    }
    if (dir === '/') break;
  }
  throw moduleNotFound('package', name, base);
}
