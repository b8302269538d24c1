// fs.cp/cpSync, after Node 20's lib/internal/fs/cp/: copies files, directories (with
// `recursive`) and symlinks, with Node's ERR_FS_CP_* errors. The walk is one generator that
// yields each `filter` result: cpSync needs booleans, fs.promises.cp awaits promises too.
import * as fs from 'node:fs';
import { nodeError } from 'qjsw:internal/errors';
import { getValidatedPath, validateBoolean, validateFunction, validateObject, validateInteger, resolveText } from 'qjsw:internal/fs/utils';

const defaults = {
  dereference: false, errorOnExist: false, filter: undefined, force: true,
  preserveTimestamps: false, recursive: false, verbatimSymlinks: false, mode: 0,
};

function validateCpOptions(options) {
  if (options === undefined) return { ...defaults };
  validateObject(options, 'options');
  options = { ...defaults, ...options };
  for (const key of ['dereference', 'errorOnExist', 'force', 'preserveTimestamps', 'recursive', 'verbatimSymlinks']) {
    validateBoolean(options[key], `options.${key}`);
  }
  if (options.filter !== undefined) validateFunction(options.filter, 'options.filter');
  validateInteger(options.mode, 'options.mode', 0, 7);
  if (options.dereference === true && options.verbatimSymlinks === true) {
    throw nodeError(TypeError, 'ERR_INCOMPATIBLE_OPTION_PAIR',
      'Option "dereference" cannot be used in combination with option "verbatimSymlinks"');
  }
  return options;
}

// Node's SystemError shape for cp: "<prefix>: cp returned <CODE> (<detail>) <path>".
function cpError(code, prefix, errName, errno, detail, path) {
  const err = nodeError(Error, code, `${prefix}: cp returned ${errName} (${detail}) ${path}`);
  err.name = 'SystemError';
  err.errno = errno;
  err.syscall = 'cp';
  err.path = path;
  err.info = { message: detail, path, syscall: 'cp', errno, code: errName };
  return err;
}

const dirname = (p) => {
  const i = p.replace(/\/+$/, '').lastIndexOf('/');
  return i <= 0 ? (p.startsWith('/') ? '/' : '.') : p.slice(0, i);
};
const resolvePath = resolveText;
// path.resolve(p): the working directory only for a relative path
const toAbs = (p) => resolvePath(p.startsWith('/') ? '/' : process.cwd(), p);

function getStats(src, dest, opts) {
  const statFn = opts.dereference ? (p) => fs.statSync(p, { bigint: true }) : (p) => fs.lstatSync(p, { bigint: true });
  const srcStat = statFn(src);
  let destStat;
  try {
    destStat = statFn(dest);
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
  return { srcStat, destStat };
}

function isSrcSubdir(src, dest) {
  const s = toAbs(src).split('/').filter(Boolean);
  const d = toAbs(dest).split('/').filter(Boolean);
  return s.every((part, i) => d[i] === part);
}

function* checkPaths(src, dest, opts) {
  if (opts.filter) {
    const include = yield opts.filter(src, dest);
    if (!include) return { skipped: true };
  }
  const { srcStat, destStat } = getStats(src, dest, opts);
  if (destStat) {
    if (srcStat.dev === destStat.dev && srcStat.ino === destStat.ino) {
      throw cpError('ERR_FS_CP_EINVAL', 'Invalid src or dest', 'EINVAL', 22, 'src and dest cannot be the same', dest);
    }
    if (srcStat.isDirectory() && !destStat.isDirectory()) {
      throw cpError('ERR_FS_CP_DIR_TO_NON_DIR', 'Cannot overwrite non-directory with directory', 'EISDIR', 21,
        `cannot overwrite non-directory ${dest} with directory ${src}`, dest);
    }
    if (!srcStat.isDirectory() && destStat.isDirectory()) {
      throw cpError('ERR_FS_CP_NON_DIR_TO_DIR', 'Cannot overwrite directory with non-directory', 'ENOTDIR', 20,
        `cannot overwrite directory ${dest} with non-directory ${src}`, dest);
    }
  }
  if (srcStat.isDirectory() && isSrcSubdir(src, dest)) {
    throw cpError('ERR_FS_CP_EINVAL', 'Invalid src or dest', 'EINVAL', 22,
      `cannot copy ${src} to a subdirectory of self ${dest}`, dest);
  }
  return { srcStat, destStat, skipped: false };
}

function copyFile(srcStat, src, dest, opts) {
  fs.copyFileSync(src, dest, opts.mode);
  if (opts.preserveTimestamps) {
    fs.utimesSync(dest, Number(srcStat.atimeMs) / 1000, Number(srcStat.mtimeMs) / 1000);
  }
  fs.chmodSync(dest, Number(srcStat.mode) & 0o7777);
}

function onFile(srcStat, destStat, src, dest, opts) {
  if (!destStat) return copyFile(srcStat, src, dest, opts);
  if (opts.force) {
    fs.unlinkSync(dest);
    return copyFile(srcStat, src, dest, opts);
  }
  if (opts.errorOnExist) {
    throw cpError('ERR_FS_CP_EEXIST', 'Target already exists', 'EEXIST', 17, `${dest} already exists`, dest);
  }
}

function* onDir(srcStat, destStat, src, dest, opts) {
  if (!destStat) fs.mkdirSync(dest);
  const dir = fs.opendirSync(src);
  try {
    let entry;
    while ((entry = dir.readSync()) !== null) {
      const from = `${src}/${entry.name}`;
      const to = `${dest}/${entry.name}`;
      const checked = yield* checkPaths(from, to, opts);
      if (!checked.skipped) yield* copyEntry(checked.srcStat, checked.destStat, from, to, opts);
    }
  } finally {
    dir.closeSync();
  }
  if (!destStat) fs.chmodSync(dest, Number(srcStat.mode) & 0o7777);
}

function onLink(destStat, src, dest, opts) {
  let target = fs.readlinkSync(src);
  if (!opts.verbatimSymlinks && !target.startsWith('/')) target = resolvePath(dirname(toAbs(src)), target);
  if (!destStat) return fs.symlinkSync(target, dest);
  let destTarget;
  try {
    destTarget = fs.readlinkSync(dest);
  } catch (err) {
    if (err.code === 'EINVAL' || err.code === 'UNKNOWN') return fs.symlinkSync(target, dest);
    throw err;
  }
  if (!destTarget.startsWith('/')) destTarget = resolvePath(dirname(toAbs(dest)), destTarget);
  fs.unlinkSync(dest);
  return fs.symlinkSync(target, dest);
}

function* copyEntry(srcStat, destStat, src, dest, opts) {
  if (srcStat.isDirectory()) {
    if (!opts.recursive) {
      throw cpError('ERR_FS_EISDIR', 'Path is a directory', 'EISDIR', 22,
        `${src} is a directory (not copied)`, src);
    }
    return yield* onDir(srcStat, destStat, src, dest, opts);
  }
  if (srcStat.isFile() || srcStat.isCharacterDevice() || srcStat.isBlockDevice()) {
    return onFile(srcStat, destStat, src, dest, opts);
  }
  if (srcStat.isSymbolicLink()) return onLink(destStat, src, dest, opts);
  if (srcStat.isSocket()) {
    throw cpError('ERR_FS_CP_SOCKET', 'Cannot copy a socket file', 'EINVAL', 22, `cannot copy a socket file: ${dest}`, dest);
  }
  if (srcStat.isFIFO()) {
    throw cpError('ERR_FS_CP_FIFO_PIPE', 'Cannot copy a FIFO pipe', 'EINVAL', 22, `cannot copy a FIFO pipe: ${dest}`, dest);
  }
  throw cpError('ERR_FS_CP_UNKNOWN', 'Cannot copy an unknown file type', 'EINVAL', 22, `cannot copy an unknown file type: ${dest}`, dest);
}

function* copyTree(src, dest, opts) {
  const checked = yield* checkPaths(src, dest, opts);
  if (checked.skipped) return;
  const parent = dirname(dest);
  if (!fs.existsSync(parent)) fs.mkdirSync(parent, { recursive: true });
  yield* copyEntry(checked.srcStat, checked.destStat, src, dest, opts);
}

function start(src, dest, options) {
  const opts = validateCpOptions(options);
  return copyTree(getValidatedPath(src, 'src'), getValidatedPath(dest, 'dest'), opts);
}

export function cpSyncImpl(src, dest, options) {
  const walk = start(src, dest, options);
  for (let step = walk.next(); !step.done;) {
    if (step.value instanceof Promise) {
      throw nodeError(TypeError, 'ERR_INVALID_RETURN_VALUE',
        'Expected boolean to be returned from the "filter" function but got an instance of Promise.');
    }
    step = walk.next(step.value);
  }
}

// fs.cp / fs.promises.cp: the same walk, awaiting what `filter` returns. Arguments are checked
// before it returns; Node's async cp reports a directory without `recursive` with EISDIR's
// errno (cpSync uses EINVAL's).
export function cpAsync(src, dest, options) {
  const walk = start(src, dest, options);
  return (async () => {
    try {
      for (let step = walk.next(); !step.done;) step = walk.next(await step.value);
    } catch (err) {
      if (err?.code === 'ERR_FS_EISDIR') err.errno = err.info.errno = 21;
      throw err;
    }
  })();
}
