// node:path — POSIX paths (what Node uses on Linux), and `path.win32`, Windows paths as Node
// handles them on any platform.
import { invalidArgType } from 'qjsw:internal/errors';
import { importBuiltin } from 'qjsw:binding/module';
import { onRunReset } from 'qjsw:internal/loop';
import { cwd as processCwd } from 'qjsw:internal/cwd';
import { normalizeSegments } from 'qjsw:binding/util';

function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'string', value);
}

// Resolves "." and ".." in `path` (no leading slash handling); `allowAbove` keeps leading "..".
// In C (qjsw:binding/util): module resolution calls this several times per require().
const normalizeParts = normalizeSegments;

// Node's resolve() asks process.cwd(), so a script that replaces it (Node's own tests do) sees
// path.resolve follow; before the process object exists the working directory itself serves.
function currentCwd() {
  const proc = globalThis.process;
  return proc === undefined ? processCwd() : proc.cwd();
}

export const sep = '/';
export const delimiter = ':';

export function resolve(...args) {
  let resolved = '';
  let absolute = false;
  for (let i = args.length - 1; i >= -1 && !absolute; i--) {
    const path = i >= 0 ? args[i] : currentCwd();
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

function _format(sep, obj) {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw invalidArgType('pathObject', 'Object', obj);
  const dir = obj.dir || obj.root;
  const base = obj.base || `${obj.name || ''}${obj.ext ? (obj.ext[0] === '.' ? '' : '.') + obj.ext : ''}`;
  if (!dir) return base;
  return dir === obj.root ? `${dir}${base}` : `${dir}${sep}${base}`;
}

// Bound as in Node, where both flavours share one formatter (the name is "bound _format").
export const format = _format.bind(null, '/');

// Node 20.17+ matches with its bundled minimatch (qjsw:internal/path_glob does as it does),
// loaded on first use; the first call of a run warns that glob is experimental, as in Node.
let globWarned = false;
onRunReset(() => {
  globWarned = false;
});
function glob(path, pattern, windows) {
  if (!globWarned) {
    globWarned = true;
    globalThis.process.emitWarning('glob is an experimental feature and might change at any time', 'ExperimentalWarning');
  }
  validateString(path, 'path');
  validateString(pattern, 'pattern');
  return importBuiltin('qjsw:internal/path_glob').globMatch(path, pattern, windows);
}

export const matchesGlob = { matchesGlob(path, pattern) { return glob(path, pattern, false); } }.matchesGlob;
const win32MatchesGlob = { matchesGlob(path, pattern) { return glob(path, pattern, true); } }.matchesGlob;

// ---- path.win32 ----------------------------------------------------------------------------
// Node's Windows rules, which hold on every platform: "\" and "/" both separate, a root is
// "\", "X:" (drive-relative) or "X:\", or "\\server\share" (UNC, also "\\.\" and "\\?\"
// device paths), and names compare without case in relative(). Node's quirks are kept on
// purpose: scripts compare our output with Node's character for character.

const isSep = (code) => code === 47 || code === 92;
const isDriveLetter = (code) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const hasDrive = (path) => path.length >= 2 && path.charCodeAt(1) === 58 && isDriveLetter(path.charCodeAt(0));

// Names Windows maps to devices in any directory; Node 20 keeps "CON:x" from normalizing to
// something that reads as a drive or escapes with "..".
const reservedNames = new Set([
  'CON', 'PRN', 'AUX', 'NUL',
  'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8', 'COM9',
  'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9',
  'COM\xb9', 'COM\xb2', 'COM\xb3', 'LPT\xb9', 'LPT\xb2', 'LPT\xb3',
]);
// Node passes indexOf(':') unchecked, so with no colon the name tested is all but the last
// character ("CONx" counts as reserved).
const isReservedName = (path, colon) => reservedNames.has(path.slice(0, colon).toUpperCase());

// For a path starting with two separators: the "\\server\share" it names, or null when a
// server name is not followed by a share name.
function uncRoot(path) {
  const len = path.length;
  let j = 2;
  while (j < len && !isSep(path.charCodeAt(j))) j++;
  if (j === 2 || j === len) return null;
  const server = path.slice(2, j);
  while (j < len && isSep(path.charCodeAt(j))) j++;
  if (j === len) return null;
  const shareStart = j;
  while (j < len && !isSep(path.charCodeAt(j))) j++;
  return { server, shareStart, shareEnd: j };
}

// Where the root ends, the device it names ("C:", "\\server\share", "\\." or "\\?") and
// whether it is absolute, as resolve() reads it.
function win32Root(path) {
  const len = path.length;
  const code = path.charCodeAt(0);
  if (isSep(code)) {
    if (len === 1 || !isSep(path.charCodeAt(1))) return { device: '', end: 1, absolute: true };
    const unc = uncRoot(path);
    if (unc === null) return { device: '', end: 0, absolute: true };
    // A device path's "share" is part of its tail (\\.\PHYSICALDRIVE0, \\?\C:\x).
    if (unc.server === '.' || unc.server === '?') return { device: `\\\\${unc.server}`, end: 4, absolute: true };
    return { device: `\\\\${unc.server}\\${path.slice(unc.shareStart, unc.shareEnd)}`, end: unc.shareEnd, absolute: true };
  }
  if (hasDrive(path)) {
    const absolute = len > 2 && isSep(path.charCodeAt(2));
    return { device: path.slice(0, 2), end: absolute ? 3 : 2, absolute };
  }
  return { device: '', end: 0, absolute: false };
}

// "." and ".." resolved over names split at either separator, joined with "\".
function win32Segments(path, allowAbove) {
  const out = [];
  for (const name of path.split(/[\\/]/)) {
    if (name === '' || name === '.') continue;
    if (name !== '..') out.push(name);
    else if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (allowAbove) out.push('..');
  }
  return out.join('\\');
}

// Windows keeps a working directory per drive in the hidden variables "=C:" and so on; with
// none for the drive (always so outside Windows) the process cwd stands in, unless it is
// another drive's, and then the drive's root does.
function driveCwd(device) {
  const path = globalThis.process?.env?.[`=${device}`] || currentCwd();
  if (path === undefined || (path.slice(0, 2).toLowerCase() !== device.toLowerCase() && path.charCodeAt(2) === 92)) {
    return `${device}\\`;
  }
  return path;
}

function win32Resolve(...args) {
  let device = '';
  let tail = '';
  let absolute = false;
  for (let i = args.length - 1; i >= -1; i--) {
    let path;
    if (i >= 0) {
      path = args[i];
      validateString(path, `paths[${i}]`);
      if (path.length === 0) continue;
    } else {
      path = device.length === 0 ? currentCwd() : driveCwd(device);
    }
    const root = win32Root(path);
    if (root.device.length > 0) {
      if (device.length === 0) device = root.device;
      else if (root.device.toLowerCase() !== device.toLowerCase()) continue; // another drive's path
    }
    if (absolute) {
      if (device.length > 0) break;
    } else {
      tail = `${path.slice(root.end)}\\${tail}`;
      absolute = root.absolute;
      if (absolute && device.length > 0) break;
    }
  }
  tail = win32Segments(tail, !absolute);
  return absolute ? `${device}\\${tail}` : `${device}${tail}` || '.';
}

function win32Normalize(path) {
  validateString(path, 'path');
  const len = path.length;
  if (len === 0) return '.';
  if (len === 1) return path === '/' ? '\\' : path;
  let device;
  let rootEnd = 0;
  let absolute = false;
  if (isSep(path.charCodeAt(0))) {
    absolute = true;
    if (!isSep(path.charCodeAt(1))) {
      rootEnd = 1;
    } else {
      const unc = uncRoot(path);
      if (unc !== null) {
        if (unc.server === '.' || unc.server === '?') {
          device = `\\\\${unc.server}`;
          rootEnd = 4;
        } else if (unc.shareEnd === len) {
          return `\\\\${unc.server}\\${path.slice(unc.shareStart)}\\`;
        } else {
          device = `\\\\${unc.server}\\${path.slice(unc.shareStart, unc.shareEnd)}`;
          rootEnd = unc.shareEnd;
        }
      }
    }
  } else {
    const colon = path.indexOf(':');
    if (colon === 1 && isDriveLetter(path.charCodeAt(0))) {
      device = path.slice(0, 2);
      rootEnd = 2;
      if (len > 2 && isSep(path.charCodeAt(2))) {
        absolute = true;
        rootEnd = 3;
      }
    } else if (colon > 0 && isReservedName(path, colon)) {
      device = path.slice(0, colon + 1);
      rootEnd = colon + 1;
    }
  }
  let tail = rootEnd < len ? win32Segments(path.slice(rootEnd), !absolute) : '';
  if (tail.length === 0 && !absolute) tail = '.';
  if (tail.length > 0 && isSep(path.charCodeAt(len - 1))) tail += '\\';
  // A relative result must not read as a drive ("a:b\..\c:" -> "c:"), nor as a stream or
  // device name ("x:\" reads as a drive root on Windows): Node prefixes ".\" (CVE-2024-36139).
  if (!absolute && device === undefined && path.includes(':')) {
    if (hasDrive(tail)) return `.\\${tail}`;
    for (let i = path.indexOf(':'); i !== -1; i = path.indexOf(':', i + 1)) {
      if (i === len - 1 || isSep(path.charCodeAt(i + 1))) return `.\\${tail}`;
    }
  }
  if (isReservedName(path, path.indexOf(':'))) return `.\\${device ?? ''}${tail}`;
  if (device === undefined) return absolute ? `\\${tail}` : tail;
  return absolute ? `${device}\\${tail}` : `${device}${tail}`;
}

function win32IsAbsolute(path) {
  validateString(path, 'path');
  if (path.length === 0) return false;
  return isSep(path.charCodeAt(0)) || (path.length > 2 && hasDrive(path) && isSep(path.charCodeAt(2)));
}

function win32Join(...args) {
  if (args.length === 0) return '.';
  let joined;
  let first;
  for (const arg of args) {
    validateString(arg, 'path');
    if (arg.length === 0) continue;
    if (joined === undefined) joined = first = arg;
    else joined += `\\${arg}`;
  }
  if (joined === undefined) return '.';
  // Leading separators collapse to one so normalize() does not take them for a UNC root,
  // unless the first part plainly names one: exactly two separators, then a name
  // (join('//server', 'share') is "\\server\share\").
  const namesUnc = first.length > 2 && isSep(first.charCodeAt(0)) && isSep(first.charCodeAt(1)) && !isSep(first.charCodeAt(2));
  if (!namesUnc) {
    let n = 0;
    while (n < joined.length && isSep(joined.charCodeAt(n))) n++;
    if (n >= 2) joined = `\\${joined.slice(n)}`;
  }
  return win32Normalize(joined);
}

// Node compares the resolved paths character by character (lower-cased), so its answers for
// roots and for names that only share a prefix are kept as they are, odd ones included
// (relative('\\abc\\d', '\\ab') is "..").
function win32Relative(from, to) {
  validateString(from, 'from');
  validateString(to, 'to');
  if (from === to) return '';
  const fromOrig = win32Resolve(from);
  const toOrig = win32Resolve(to);
  if (fromOrig === toOrig) return '';
  from = fromOrig.toLowerCase();
  to = toOrig.toLowerCase();
  if (from === to) return '';
  // Lower-casing changed a length (e.g. "İ"): offsets no longer line up, compare by names.
  if (from.length !== fromOrig.length || to.length !== toOrig.length) return relativeByNames(fromOrig, toOrig);

  const trim = (p) => {
    let start = 0;
    while (start < p.length && p.charCodeAt(start) === 92) start++;
    let end = p.length;
    while (end - 1 > start && p.charCodeAt(end - 1) === 92) end--;
    return [start, end];
  };
  const [fromStart, fromEnd] = trim(from);
  let [toStart, toEnd] = trim(to);
  const fromLen = fromEnd - fromStart;
  const toLen = toEnd - toStart;
  const length = Math.min(fromLen, toLen);
  let lastCommonSep = -1;
  let i = 0;
  for (; i < length; i++) {
    const code = from.charCodeAt(fromStart + i);
    if (code !== to.charCodeAt(toStart + i)) break;
    if (code === 92) lastCommonSep = i;
  }
  if (i !== length) {
    if (lastCommonSep === -1) return toOrig; // nothing in common, not even the device
  } else {
    if (toLen > length) {
      if (to.charCodeAt(toStart + i) === 92) return toOrig.slice(toStart + i + 1); // `from` contains `to`
      if (i === 2) return toOrig.slice(toStart + i); // `from` is a drive root
    }
    if (fromLen > length) {
      if (from.charCodeAt(fromStart + i) === 92) lastCommonSep = i; // `to` contains `from`
      else if (i === 2) lastCommonSep = 3; // `to` is a drive root
    }
    if (lastCommonSep === -1) lastCommonSep = 0;
  }
  let out = '';
  for (let k = fromStart + lastCommonSep + 1; k <= fromEnd; ++k) {
    if (k === fromEnd || from.charCodeAt(k) === 92) out += out.length === 0 ? '..' : '\\..';
  }
  toStart += lastCommonSep;
  if (out.length > 0) return `${out}${toOrig.slice(toStart, toEnd)}`;
  if (toOrig.charCodeAt(toStart) === 92) ++toStart;
  return toOrig.slice(toStart, toEnd);
}

function relativeByNames(fromOrig, toOrig) {
  const fromNames = fromOrig.split('\\');
  const toNames = toOrig.split('\\');
  if (fromNames[fromNames.length - 1] === '') fromNames.pop();
  if (toNames[toNames.length - 1] === '') toNames.pop();
  const length = Math.min(fromNames.length, toNames.length);
  let i = 0;
  while (i < length && fromNames[i].toLowerCase() === toNames[i].toLowerCase()) i++;
  if (i === 0) return toOrig;
  if (i === length) {
    if (toNames.length > length) return toNames.slice(i).join('\\');
    if (fromNames.length > length) return '..\\'.repeat(fromNames.length - 1 - i) + '..';
    return '';
  }
  return '..\\'.repeat(fromNames.length - i) + toNames.slice(i).join('\\');
}

function win32ToNamespacedPath(path) {
  if (typeof path !== 'string' || path.length === 0) return path;
  const resolved = win32Resolve(path);
  if (resolved.length <= 2) return path;
  if (resolved.charCodeAt(0) === 92) {
    if (resolved.charCodeAt(1) === 92) {
      const code = resolved.charCodeAt(2);
      if (code !== 63 && code !== 46) return `\\\\?\\UNC\\${resolved.slice(2)}`; // not already \\?\ or \\.\
    }
  } else if (hasDrive(resolved) && resolved.charCodeAt(2) === 92) {
    return `\\\\?\\${resolved}`;
  }
  return resolved;
}

// The last name in path[start, end): [nameStart, nameEnd], trailing separators skipped. With
// no name both are `start`.
function win32LastName(path, start) {
  let nameEnd = path.length;
  while (nameEnd > start && isSep(path.charCodeAt(nameEnd - 1))) nameEnd--;
  let nameStart = nameEnd;
  while (nameStart > start && !isSep(path.charCodeAt(nameStart - 1))) nameStart--;
  return [nameStart, nameEnd];
}

// The root as dirname() and parse() read it: where it ends, -1 for none, or the whole path
// for a bare UNC root. Past a UNC root its first separator belongs to the root.
function win32RootEnd(path) {
  const len = path.length;
  if (len === 0) return -1;
  if (isSep(path.charCodeAt(0))) {
    if (len === 1 || !isSep(path.charCodeAt(1))) return 1;
    const unc = uncRoot(path);
    if (unc === null) return 1;
    return unc.shareEnd === len ? len : unc.shareEnd + 1;
  }
  if (hasDrive(path)) return len > 2 && isSep(path.charCodeAt(2)) ? 3 : 2;
  return -1;
}

function win32Dirname(path) {
  validateString(path, 'path');
  const len = path.length;
  if (len === 0) return '.';
  const rootEnd = win32RootEnd(path);
  const [nameStart, nameEnd] = win32LastName(path, Math.max(rootEnd, 0));
  // The separator just before the name goes; any more before it stay ("a\\\b" -> "a\\").
  if (nameEnd > nameStart && nameStart > Math.max(rootEnd, 0)) return path.slice(0, nameStart - 1);
  return rootEnd === -1 ? '.' : path.slice(0, rootEnd);
}

function win32Basename(path, suffix) {
  if (suffix !== undefined) validateString(suffix, 'suffix');
  validateString(path, 'path');
  const [nameStart, nameEnd] = win32LastName(path, hasDrive(path) ? 2 : 0);
  const name = path.slice(nameStart, nameEnd);
  if (suffix === undefined || suffix.length === 0 || suffix.length > path.length) return name;
  if (suffix === path) return '';
  if (name.endsWith(suffix)) return name === suffix ? name : name.slice(0, name.length - suffix.length);
  // A name that is itself the end of the suffix comes back with its trailing separators, as
  // in Node (basename('x\\b\\', 'ab') is "b\\").
  return suffix.endsWith(name) ? path.slice(nameStart) : name;
}

// The extension of one name: from its last dot, unless that dot starts the name; ".." has none.
function extOf(name) {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name === '..') return '';
  return name.slice(dot);
}

function win32Extname(path) {
  validateString(path, 'path');
  const [nameStart, nameEnd] = win32LastName(path, hasDrive(path) ? 2 : 0);
  return extOf(path.slice(nameStart, nameEnd));
}

function win32Parse(path) {
  validateString(path, 'path');
  const ret = { root: '', dir: '', base: '', ext: '', name: '' };
  if (path.length === 0) return ret;
  const rootEnd = Math.max(win32RootEnd(path), 0);
  ret.root = path.slice(0, rootEnd);
  const [nameStart, nameEnd] = win32LastName(path, rootEnd);
  if (nameEnd > nameStart) {
    ret.base = path.slice(nameStart, nameEnd);
    ret.ext = extOf(ret.base);
    ret.name = ret.base.slice(0, ret.base.length - ret.ext.length);
  }
  ret.dir = nameEnd > nameStart && nameStart > rootEnd ? path.slice(0, nameStart - 1) : ret.root;
  return ret;
}

export const win32 = {
  resolve: win32Resolve,
  normalize: win32Normalize,
  isAbsolute: win32IsAbsolute,
  join: win32Join,
  relative: win32Relative,
  toNamespacedPath: win32ToNamespacedPath,
  dirname: win32Dirname,
  basename: win32Basename,
  extname: win32Extname,
  format: _format.bind(null, '\\'),
  parse: win32Parse,
  matchesGlob: win32MatchesGlob,
  sep: '\\',
  delimiter: ';',
  win32: null,
  posix: null,
  _makeLong: win32ToNamespacedPath,
};

// Same keys in the same order as Node's path.posix.
const path = {
  resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname, basename, extname,
  format, parse, matchesGlob, sep, delimiter, win32, posix: null,
  // The old name Node keeps for toNamespacedPath.
  _makeLong: toNamespacedPath,
};
path.posix = path;
win32.win32 = win32;
win32.posix = path;
export const posix = path;
export default path;
