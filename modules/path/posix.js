// node:path/posix — the same object as path.posix (on Linux, path itself).
import path from 'node:path';

export default path.posix;
// Node's namespace of a builtin: default and each enumerable own property
export const {
  resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname, basename, extname, format, parse,
  matchesGlob, sep, delimiter, win32, posix, _makeLong,
} = path.posix;
