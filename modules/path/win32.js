// node:path/win32 — the same object as path.win32.
import path from 'node:path';

export default path.win32;
// Node's namespace of a builtin: default and each enumerable own property
export const {
  resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname, basename, extname, format, parse,
  matchesGlob, sep, delimiter, win32, posix, _makeLong,
} = path.win32;
