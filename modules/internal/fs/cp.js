// fs.cp/cpSync, after Node 20's lib/internal/fs/cp/: copies files, directories (with
// `recursive`) and symlinks, with Node's ERR_FS_CP_* errors. The walk is one generator that
// yields each `filter` result: cpSync needs booleans, fs.promises.cp awaits promises too.
import * as fs from 'node:fs';
import { nodeError } from 'qjsw:internal/errors';
import { dirname, join } from 'node:path';
import { cwd } from 'qjsw:internal/cwd';
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

const resolvePath = resolveText;
// path.resolve(p): the working directory only for a relative path
const toAbs = (p) => resolvePath(p.startsWith('/') ? '/' : cwd(), p);
const areIdentical = (a, b) => Boolean(b.ino && b.dev && b.ino === a.ino && b.dev === a.dev);
const subdirOfSelf = (src, dest) => cpError('ERR_FS_CP_EINVAL', 'Invalid src or dest', 'EINVAL', 22,
  `cannot copy ${src} to a subdirectory of self ${dest}`, dest);

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
    if (areIdentical(srcStat, destStat)) {
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
  if (srcStat.isDirectory() && isSrcSubdir(src, dest)) throw subdirOfSelf(src, dest);
  return { srcStat, destStat, skipped: false };
}

// dest's parents, from the deepest up to src's parent or the root, must not be src itself
function checkParentPaths(src, srcStat, dest) {
  const srcParent = toAbs(dirname(src));
  const destParent = toAbs(dirname(dest));
  if (destParent === srcParent || destParent === '/') return;
  const destStat = fs.statSync(destParent, { bigint: true, throwIfNoEntry: false });
  if (destStat === undefined) return;
  if (areIdentical(srcStat, destStat)) throw subdirOfSelf(src, dest);
  checkParentPaths(src, srcStat, destParent);
}

function copyFile(srcStat, src, dest, opts) {
  fs.copyFileSync(src, dest, opts.mode);
  if (opts.preserveTimestamps) {
    // utimes opens the file: make it writable first
    if ((Number(srcStat.mode) & 0o200) === 0) fs.chmodSync(dest, Number(srcStat.mode) | 0o200);
    // src's atime moved as it was read: take the times after the copy
    const { atime, mtime } = fs.statSync(src);
    fs.utimesSync(dest, atime, mtime);
  }
  fs.chmodSync(dest, Number(srcStat.mode));
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

function onLink(destStat, src, dest, opts) {
  let target = fs.readlinkSync(src);
  if (!opts.verbatimSymlinks && !target.startsWith('/')) target = resolvePath(toAbs(dirname(src)), target);
  if (!destStat) return fs.symlinkSync(target, dest);
  let destTarget;
  try {
    destTarget = fs.readlinkSync(dest);
  } catch (err) {
    if (err.code === 'EINVAL' || err.code === 'UNKNOWN') return fs.symlinkSync(target, dest);
    throw err;
  }
  if (!destTarget.startsWith('/')) destTarget = resolvePath(toAbs(dirname(dest)), destTarget);
  if (isSrcSubdir(target, destTarget)) {
    throw cpError('ERR_FS_CP_EINVAL', 'Invalid src or dest', 'EINVAL', 22,
      `cannot copy ${target} to a subdirectory of self ${destTarget}`, dest);
  }
  // replacing dest would remove what src's link names
  if (fs.statSync(dest).isDirectory() && isSrcSubdir(destTarget, target)) {
    throw cpError('ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY', 'Cannot overwrite symlink in subdirectory of self', 'EINVAL', 22,
      `cannot overwrite ${destTarget} with ${target}`, dest);
  }
  fs.unlinkSync(dest);
  return fs.symlinkSync(target, dest);
}

// Node's getStats: src is looked at again, after checkPaths. A directory is opened and pushed
// on `open`, for the walk to copy its entries; anything else is copied now.
function copyEntry(destStat, src, dest, opts, open) {
  const srcStat = opts.dereference ? fs.statSync(src) : fs.lstatSync(src);
  if (srcStat.isDirectory()) {
    if (!opts.recursive) {
      throw cpError('ERR_FS_EISDIR', 'Path is a directory', 'EISDIR', 22,
        `${src} is a directory (not copied)`, src);
    }
    if (!destStat) fs.mkdirSync(dest);
    open.push({ dir: fs.opendirSync(src), srcStat, destStat, src, dest });
    return;
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

// Depth first, in Node's order, with the open directories on a stack of its own rather than
// the call stack: a tree as deep as the path length allows (a directory copied into itself
// through a symlink goes on until ENAMETOOLONG, as in Node) does not run out of stack.
function* copyWalk(destStat, src, dest, opts) {
  const open = [];
  try {
    copyEntry(destStat, src, dest, opts, open);
    while (open.length > 0) {
      const top = open[open.length - 1];
      const entry = top.dir.readSync();
      if (entry === null) {
        open.pop();
        top.dir.closeSync();
        if (!top.destStat) fs.chmodSync(top.dest, Number(top.srcStat.mode));
        continue;
      }
      const from = join(top.src, entry.name);
      const to = join(top.dest, entry.name);
      const checked = yield* checkPaths(from, to, opts);
      if (!checked.skipped) copyEntry(checked.destStat, from, to, opts, open);
    }
  } finally {
    // (what an error left open, innermost first, as each level's own cleanup did)
    while (open.length > 0) open.pop().dir.closeSync();
  }
}

function* copyTree(src, dest, opts) {
  const checked = yield* checkPaths(src, dest, opts);
  if (checked.skipped) return;
  checkParentPaths(src, checked.srcStat, dest);
  const parent = dirname(dest);
  if (!fs.existsSync(parent)) fs.mkdirSync(parent, { recursive: true });
  yield* copyWalk(checked.destStat, src, dest, opts);
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
