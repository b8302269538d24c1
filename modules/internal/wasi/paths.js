// Where a WASI path names a file: always inside the directory whose descriptor it is relative
// to. A directory descriptor is a capability for its own subtree, so ".." above it, an absolute
// path, or a symlink leading out of it fails with ENOTCAPABLE, as Node's WASI refuses them. The
// paths are the sandbox's own (its fs), so even a preopen of "/" reaches only the sandbox's files.
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { E, errnoOf } from 'qjsw:internal/wasi/constants';

const MAX_LINKS = 32;

export class PathError {
  constructor(errno) {
    this.errno = errno;
  }
}

const within = (p, root) => root === '/' || p === root || p.startsWith(`${root}/`);

function join(dir, name) {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

// ".." and "." taken out as text; a step above the start is not allowed.
function normalize(parts) {
  const out = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) throw new PathError(E.NOTCAPABLE);
      out.pop();
    } else out.push(part);
  }
  return out;
}

function realParent(dir, root) {
  let real;
  try {
    real = realpathSync.native(dir);
  } catch (e) {
    throw new PathError(errnoOf(e));
  }
  if (!within(real, root)) throw new PathError(E.NOTCAPABLE);
  return real;
}

/**
 * The sandbox path of `path` relative to the directory `dirReal` (its real path). With `follow`
 * a symlink in the last place is followed too (still inside `dirReal`). Throws a PathError.
 */
export function resolvePath(dirReal, path, follow) {
  if (path.includes('\0')) throw new PathError(E.INVAL);
  if (path.startsWith('/')) throw new PathError(E.NOTCAPABLE);
  const trailingSlash = path.endsWith('/');
  let parts = normalize(path.split('/'));
  for (let links = 0; ; links++) {
    if (parts.length === 0) return dirReal;
    const parent = parts.length === 1 ? dirReal : realParent(join(dirReal, parts.slice(0, -1).join('/')), dirReal);
    const name = parts[parts.length - 1];
    const full = join(parent, name);
    if (!follow && !trailingSlash) return full;
    let isLink = false;
    try {
      isLink = lstatSync(full).isSymbolicLink();
    } catch {
      // nothing there yet: the call itself reports it, or creates it
    }
    if (!isLink) return trailingSlash ? `${full}/` : full;
    if (links >= MAX_LINKS) throw new PathError(E.LOOP);
    const target = readlinkSync(full);
    if (target.startsWith('/')) throw new PathError(E.NOTCAPABLE);
    const rel = parent === dirReal ? '' : parent.slice(dirReal === '/' ? 1 : dirReal.length + 1);
    parts = normalize([...rel.split('/'), ...target.split('/')]);
  }
}
