// node:path — POSIX paths (what Node uses on Linux). `path.win32` is not provided.
import { invalidArgType, nodeError } from 'qjsw:internal/errors';
import { cwd as processCwd } from 'qjsw:internal/cwd';
import { normalizeSegments } from 'qjsw:binding/util';

function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'string', value);
}

// Resolves "." and ".." in `path` (no leading slash handling); `allowAbove` keeps leading "..".
// In C (qjsw:binding/util): module resolution calls this several times per require().
const normalizeParts = normalizeSegments;

export const sep = '/';
export const delimiter = ':';

export function resolve(...args) {
  let resolved = '';
  let absolute = false;
  for (let i = args.length - 1; i >= -1 && !absolute; i--) {
    const path = i >= 0 ? args[i] : processCwd();
    if (typeof path !== 'string') throw invalidArgType(`paths[${i}]`, 'string', path);
    if (path.length === 0) continue;
    resolved = resolved.length ? `${path}/${resolved}` : path;
    absolute = path.charCodeAt(0) === 47;
  }
  resolved = normalizeParts(resolved, !absolute);
  if (absolute) return `/${resolved}`;
  return resolved.length > 0 ? resolved : '.';
}

export function normalize(path) {
  validateString(path, 'path');
  if (path.length === 0) return '.';
  const absolute = path[0] === '/';
  const trailing = path[path.length - 1] === '/';
  let out = normalizeParts(path, !absolute);
  if (out.length === 0) {
    if (absolute) return '/';
    return trailing ? './' : '.';
  }
  if (trailing) out += '/';
  return absolute ? `/${out}` : out;
}

export function isAbsolute(path) {
  validateString(path, 'path');
  return path.length > 0 && path[0] === '/';
}

export function join(...args) {
  if (args.length === 0) return '.';
  let joined;
  for (const arg of args) {
    validateString(arg, 'path');
    if (arg.length > 0) joined = joined === undefined ? arg : `${joined}/${arg}`;
  }
  return joined === undefined ? '.' : normalize(joined);
}

export function relative(from, to) {
  validateString(from, 'from');
  validateString(to, 'to');
  if (from === to) return '';
  from = resolve(from);
  to = resolve(to);
  if (from === to) return '';
  const f = from === '/' ? [] : from.slice(1).split('/');
  const t = to === '/' ? [] : to.slice(1).split('/');
  let common = 0;
  while (common < f.length && common < t.length && f[common] === t[common]) common++;
  return [...Array(f.length - common).fill('..'), ...t.slice(common)].join('/');
}

export function toNamespacedPath(path) {
  return path;
}

// The part before the last name, keeping the slashes between them as written, except that
// a lone root stays "/" (and "//x" keeps its "//", as POSIX allows).
export function dirname(path) {
  validateString(path, 'path');
  if (path.length === 0) return '.';
  const hasRoot = path[0] === '/';
  let i = path.length - 1;
  while (i >= 1 && path.charCodeAt(i) === 47) i--; // trailing slashes
  while (i >= 1 && path.charCodeAt(i) !== 47) i--; // the last name
  if (i < 1) return hasRoot ? '/' : '.';
  if (hasRoot && i === 1) return '//';
  return path.slice(0, i);
}

function lastName(path) {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return path.slice(path.lastIndexOf('/', end - 1) + 1, end);
}

export function basename(path, suffix) {
  if (suffix !== undefined) validateString(suffix, 'suffix');
  validateString(path, 'path');
  const base = lastName(path);
  if (suffix === undefined || suffix.length === 0 || suffix.length > path.length) return base;
  if (suffix === path) return '';
  return base !== suffix && base.endsWith(suffix) ? base.slice(0, base.length - suffix.length) : base;
}

export function extname(path) {
  validateString(path, 'path');
  const base = lastName(path);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || dot === base.length - 1 && base === '..') return '';
  return base.slice(dot);
}

export function parse(path) {
  validateString(path, 'path');
  const ret = { root: '', dir: '', base: '', ext: '', name: '' };
  if (path.length === 0) return ret;
  ret.root = path[0] === '/' ? '/' : '';
  ret.base = lastName(path);
  ret.ext = extname(path);
  ret.name = ret.ext ? ret.base.slice(0, ret.base.length - ret.ext.length) : ret.base;
  // Node's parse splits a ".." right under the root as name "." and ext "."
  if (ret.root && ret.base === '..' && path.replace(/\/+$/, '') === '/..') {
    ret.ext = '.';
    ret.name = '.';
  }
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  const slash = path.lastIndexOf('/', end - 1);
  if (slash > 0) ret.dir = path.slice(0, slash);
  else if (slash === 0) ret.dir = '/';
  return ret;
}

export function format(obj) {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw invalidArgType('pathObject', 'Object', obj);
  const dir = obj.dir || obj.root;
  const base = obj.base || `${obj.name || ''}${obj.ext ? (obj.ext[0] === '.' ? '' : '.') + obj.ext : ''}`;
  if (!dir) return base;
  return dir === obj.root ? `${dir}${base}` : `${dir}/${base}`;
}

export function matchesGlob() {
  throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The matchesGlob() method is not implemented');
}

const win32Unavailable = new Proxy({}, {
  get(_, key) {
    if (typeof key === 'symbol') return undefined;
    throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', `path.win32.${String(key)} is not available in the sandbox (POSIX paths only)`);
  },
});

const path = {
  resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname, basename, extname,
  format, parse, sep, delimiter, matchesGlob,
};
path.posix = path;
path.win32 = win32Unavailable;
// The old name Node keeps for toNamespacedPath.
path._makeLong = toNamespacedPath;
export const posix = path;
export const win32 = win32Unavailable;
export default path;
