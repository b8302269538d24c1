// The wasi_snapshot_preview1 functions, in guest JS over the sandbox's own fs: a Wasm program
// reaches exactly the files guest code could, through the descriptors this table holds (its
// stdio, its preopened directories and what it opened below them). Each function returns a WASI
// errno; its results go into the instance's memory, read anew at each call (it may have grown).
import fs from 'node:fs';
import { Buffer } from 'node:buffer';
import { randomFillSync } from 'qjsw:internal/crypto/random';
import { nodeError } from 'qjsw:internal/errors';
import {
  E, errnoOf, errnoName, FILETYPE, FDFLAGS, OFLAGS, LOOKUP_SYMLINK_FOLLOW, FSTFLAGS, WHENCE, CLOCK, EVENTTYPE,
  SUBCLOCKFLAGS_ABSTIME, RIGHT, RIGHTS_ALL, RIGHTS_REGULAR_FILE_BASE, RIGHTS_DIRECTORY_BASE,
  RIGHTS_DIRECTORY_INHERITING, RIGHTS_TTY_BASE,
} from 'qjsw:internal/wasi/constants';
import { PathError, resolvePath } from 'qjsw:internal/wasi/paths';

const { constants } = fs;
const RIGHTS_SOCKET_BASE = RIGHT.FD_READ | RIGHT.FD_FDSTAT_SET_FLAGS | RIGHT.FD_WRITE | RIGHT.FD_FILESTAT_GET |
  RIGHT.POLL_FD_READWRITE | RIGHT.SOCK_SHUTDOWN;
const MAX_FDS = 1024;

function filetypeOf(stats) {
  if (stats.isFile()) return FILETYPE.REGULAR_FILE;
  if (stats.isDirectory()) return FILETYPE.DIRECTORY;
  if (stats.isSymbolicLink()) return FILETYPE.SYMBOLIC_LINK;
  if (stats.isCharacterDevice()) return FILETYPE.CHARACTER_DEVICE;
  if (stats.isBlockDevice()) return FILETYPE.BLOCK_DEVICE;
  if (stats.isFIFO() || stats.isSocket()) return FILETYPE.SOCKET_STREAM;
  return FILETYPE.UNKNOWN;
}

function maxRights(filetype, isTTY) {
  switch (filetype) {
    case FILETYPE.REGULAR_FILE: return [RIGHTS_REGULAR_FILE_BASE, 0n];
    case FILETYPE.DIRECTORY: return [RIGHTS_DIRECTORY_BASE, RIGHTS_DIRECTORY_INHERITING];
    case FILETYPE.SOCKET_STREAM: return [RIGHTS_SOCKET_BASE, RIGHTS_ALL];
    case FILETYPE.CHARACTER_DEVICE: return isTTY ? [RIGHTS_TTY_BASE, 0n] : [RIGHTS_ALL, RIGHTS_ALL];
    default: return [RIGHTS_ALL, RIGHTS_ALL];
  }
}

// what an fs open's access mode leaves of a descriptor's rights
function accessRights(base, flags) {
  const mode = flags & 3;
  if (mode === constants.O_RDONLY) return base & ~RIGHT.FD_WRITE;
  if (mode === constants.O_WRONLY) return base & ~RIGHT.FD_READ;
  return base;
}

// a preopen that cannot be opened, as Node's WASI reports it: `UVWASI_ENOENT, uvwasi_init`
function initError(errno) {
  const code = `UVWASI_${errnoName(errno)}`;
  const err = new Error(`${code}, uvwasi_init`);
  err.errno = errno;
  err.code = code;
  err.syscall = 'uvwasi_init';
  return err;
}

const ns = (ms) => BigInt(Math.round(ms * 1e3)) * 1000n;
const statTime = (stats, key) => (typeof stats[`${key}Ns`] === 'bigint' ? stats[`${key}Ns`] : ns(stats[`${key}Ms`]));

/**
 * The import object's functions for one WASI instance. `setMemory` gives them the instance's
 * memory; `exit(code)` is what proc_exit does.
 */
export function createPreview1({ args, env, preopens, stdio, exit }) {
  let memory;
  const fds = new Map();

  for (let i = 0; i < 3; i++) {
    let filetype = FILETYPE.CHARACTER_DEVICE;
    let isTTY = false;
    try {
      filetype = filetypeOf(fs.fstatSync(stdio[i]));
      isTTY = filetype === FILETYPE.CHARACTER_DEVICE && (i === 0 ? process.stdin : i === 1 ? process.stdout : process.stderr)?.isTTY === true;
    } catch {
      // a closed stdio descriptor: calls on it report EBADF from the fs
    }
    const [base, inheriting] = maxRights(filetype, isTTY);
    fds.set(i, { fd: stdio[i], filetype, rightsBase: base, rightsInheriting: inheriting, fdflags: 0, pos: null, path: null });
  }
  for (let i = 0; i < preopens.length; i += 2) {
    let real;
    try {
      real = fs.realpathSync.native(preopens[i + 1]);
      if (!fs.statSync(real).isDirectory()) throw new PathError(E.NOTDIR);
    } catch (e) {
      throw initError(e instanceof PathError ? e.errno : errnoOf(e));
    }
    fds.set(3 + i / 2, {
      fd: null, filetype: FILETYPE.DIRECTORY, rightsBase: RIGHTS_DIRECTORY_BASE,
      rightsInheriting: RIGHTS_DIRECTORY_INHERITING, fdflags: 0, pos: null, path: real, preopen: preopens[i],
    });
  }

  const argBytes = args.map((a) => Buffer.from(`${a}\0`));
  const envBytes = env.map((a) => Buffer.from(`${a}\0`));

  const view = () => new DataView(memory.buffer);
  const bytes = (dv, ptr, len) => {
    if (ptr + len > dv.byteLength) throw new RangeError('out of bounds');
    return new Uint8Array(dv.buffer, ptr, len);
  };
  const readString = (dv, ptr, len) => Buffer.from(bytes(dv, ptr, len)).toString('utf8');

  function entry(fd, base, inheriting = 0n) {
    const e = fds.get(fd);
    if (e === undefined) throw new PathError(E.BADF);
    if ((e.rightsBase & base) !== base || (e.rightsInheriting & inheriting) !== inheriting) throw new PathError(E.NOTCAPABLE);
    return e;
  }
  function dirEntry(fd, base, inheriting = 0n) {
    const e = entry(fd, base, inheriting);
    if (e.filetype !== FILETYPE.DIRECTORY || e.path === null) throw new PathError(E.NOTDIR);
    return e;
  }
  function pathOf(dv, fd, right, flags, ptr, len) {
    const dir = dirEntry(fd, right);
    return resolvePath(dir.path, readString(dv, ptr, len), (flags & LOOKUP_SYMLINK_FOLLOW) !== 0);
  }

  function iovecs(dv, ptr, count) {
    const out = [];
    for (let i = 0; i < count; i++) {
      const base = dv.getUint32(ptr + i * 8, true);
      const len = dv.getUint32(ptr + i * 8 + 4, true);
      out.push(bytes(dv, base, len));
    }
    return out;
  }

  function readInto(e, views, position) {
    let total = 0;
    for (const v of views) {
      if (v.length === 0) continue;
      const n = fs.readSync(e.fd, v, 0, v.length, position === null ? null : position + total);
      total += n;
      if (n < v.length) break;
    }
    return total;
  }

  function writeFrom(e, views, position) {
    let total = 0;
    for (const v of views) {
      let done = 0;
      while (done < v.length) {
        done += fs.writeSync(e.fd, v, done, v.length - done, position === null ? null : position + total + done);
      }
      total += done;
    }
    return total;
  }

  function writeFilestat(dv, ptr, stats) {
    dv.setBigUint64(ptr, BigInt(stats.dev), true);
    dv.setBigUint64(ptr + 8, BigInt(stats.ino), true);
    dv.setUint8(ptr + 16, filetypeOf(stats));
    dv.setBigUint64(ptr + 24, BigInt(stats.nlink), true);
    dv.setBigUint64(ptr + 32, BigInt(stats.size), true);
    dv.setBigUint64(ptr + 40, statTime(stats, 'atime'), true);
    dv.setBigUint64(ptr + 48, statTime(stats, 'mtime'), true);
    dv.setBigUint64(ptr + 56, statTime(stats, 'ctime'), true);
  }

  function times(stats, atim, mtim, flags) {
    if ((flags & FSTFLAGS.ATIM && flags & FSTFLAGS.ATIM_NOW) || (flags & FSTFLAGS.MTIM && flags & FSTFLAGS.MTIM_NOW)) {
      throw new PathError(E.INVAL);
    }
    const now = Date.now() / 1000;
    const pick = (set, setNow, value, old) => (flags & setNow ? now : flags & set ? Number(value) / 1e9 : old);
    return [
      pick(FSTFLAGS.ATIM, FSTFLAGS.ATIM_NOW, atim, Number(statTime(stats, 'atime')) / 1e9),
      pick(FSTFLAGS.MTIM, FSTFLAGS.MTIM_NOW, mtim, Number(statTime(stats, 'mtime')) / 1e9),
    ];
  }

  function newFd() {
    for (let fd = 3; fd < MAX_FDS; fd++) if (!fds.has(fd)) return fd;
    throw new PathError(E.MFILE);
  }

  function putList(dv, list, ptrs, buf) {
    let at = buf;
    list.forEach((b, i) => {
      dv.setUint32(ptrs + i * 4, at, true);
      bytes(dv, at, b.length).set(b);
      at += b.length;
    });
  }

  function clockNow(id) {
    switch (id) {
      case CLOCK.REALTIME: return BigInt(Date.now()) * 1000000n;
      case CLOCK.MONOTONIC: return process.hrtime.bigint();
      case CLOCK.PROCESS_CPUTIME_ID:
      case CLOCK.THREAD_CPUTIME_ID: {
        const { user, system } = process.cpuUsage();
        return BigInt(user + system) * 1000n;
      }
      default: throw new PathError(E.INVAL);
    }
  }

  const fns = {
    args_get(argv, buf) { putList(view(), argBytes, argv, buf); return E.SUCCESS; },
    args_sizes_get(argc, size) {
      const dv = view();
      dv.setUint32(argc, argBytes.length, true);
      dv.setUint32(size, argBytes.reduce((n, b) => n + b.length, 0), true);
      return E.SUCCESS;
    },
    clock_res_get(id, out) {
      clockNow(id);
      view().setBigUint64(out, id === CLOCK.REALTIME || id === CLOCK.MONOTONIC ? 1n : 1000n, true);
      return E.SUCCESS;
    },
    clock_time_get(id, precision, out) {
      view().setBigUint64(out, clockNow(id), true);
      return E.SUCCESS;
    },
    environ_get(environ, buf) { putList(view(), envBytes, environ, buf); return E.SUCCESS; },
    environ_sizes_get(count, size) {
      const dv = view();
      dv.setUint32(count, envBytes.length, true);
      dv.setUint32(size, envBytes.reduce((n, b) => n + b.length, 0), true);
      return E.SUCCESS;
    },
    fd_advise(fd, offset, len, advice) {
      entry(fd, RIGHT.FD_ADVISE);
      if (advice > 5) return E.INVAL;
      return E.SUCCESS;
    },
    fd_allocate(fd, offset, len) {
      const e = entry(fd, RIGHT.FD_ALLOCATE);
      const end = BigInt(offset) + BigInt(len);
      if (BigInt(fs.fstatSync(e.fd).size) < end) fs.ftruncateSync(e.fd, Number(end));
      return E.SUCCESS;
    },
    fd_close(fd) {
      const e = entry(fd, 0n);
      if (e.fd !== null) fs.closeSync(e.fd);
      fds.delete(fd);
      return E.SUCCESS;
    },
    fd_datasync(fd) { const e = entry(fd, RIGHT.FD_DATASYNC); fs.fdatasyncSync(e.fd); return E.SUCCESS; },
    fd_fdstat_get(fd, out) {
      const e = entry(fd, 0n);
      const dv = view();
      dv.setUint8(out, e.filetype);
      dv.setUint16(out + 2, e.fdflags, true);
      dv.setBigUint64(out + 8, e.rightsBase, true);
      dv.setBigUint64(out + 16, e.rightsInheriting, true);
      return E.SUCCESS;
    },
    fd_fdstat_set_flags(fd, flags) {
      const e = entry(fd, RIGHT.FD_FDSTAT_SET_FLAGS);
      // the sandbox's descriptors cannot change their open flags: only append is kept here
      if (flags & ~FDFLAGS.APPEND) return E.NOSYS;
      e.fdflags = flags;
      return E.SUCCESS;
    },
    fd_fdstat_set_rights(fd, base, inheriting) {
      const e = entry(fd, 0n);
      if ((base & ~e.rightsBase) !== 0n || (inheriting & ~e.rightsInheriting) !== 0n) return E.NOTCAPABLE;
      e.rightsBase = base;
      e.rightsInheriting = inheriting;
      return E.SUCCESS;
    },
    fd_filestat_get(fd, out) {
      const e = entry(fd, RIGHT.FD_FILESTAT_GET);
      writeFilestat(view(), out, e.fd !== null ? fs.fstatSync(e.fd, { bigint: true }) : fs.statSync(e.path, { bigint: true }));
      return E.SUCCESS;
    },
    fd_filestat_set_size(fd, size) {
      const e = entry(fd, RIGHT.FD_FILESTAT_SET_SIZE);
      fs.ftruncateSync(e.fd, Number(size));
      return E.SUCCESS;
    },
    fd_filestat_set_times(fd, atim, mtim, flags) {
      const e = entry(fd, RIGHT.FD_FILESTAT_SET_TIMES);
      const stats = e.fd !== null ? fs.fstatSync(e.fd, { bigint: true }) : fs.statSync(e.path, { bigint: true });
      const [a, m] = times(stats, atim, mtim, flags);
      if (e.fd !== null) fs.futimesSync(e.fd, a, m);
      else fs.utimesSync(e.path, a, m);
      return E.SUCCESS;
    },
    fd_pread(fd, iovs, count, offset, nread) {
      const e = entry(fd, RIGHT.FD_READ | RIGHT.FD_SEEK);
      const dv = view();
      dv.setUint32(nread, readInto(e, iovecs(dv, iovs, count), Number(offset)), true);
      return E.SUCCESS;
    },
    fd_prestat_get(fd, out) {
      const e = entry(fd, 0n);
      if (e.preopen === undefined) return E.BADF;
      const dv = view();
      dv.setUint32(out, 0, true);
      dv.setUint32(out + 4, Buffer.byteLength(e.preopen), true);
      return E.SUCCESS;
    },
    fd_prestat_dir_name(fd, ptr, len) {
      const e = entry(fd, 0n);
      if (e.preopen === undefined) return E.BADF;
      const name = Buffer.from(e.preopen);
      if (name.length > len) return E.NOBUFS;
      bytes(view(), ptr, name.length).set(name);
      return E.SUCCESS;
    },
    fd_pwrite(fd, iovs, count, offset, nwritten) {
      const e = entry(fd, RIGHT.FD_WRITE | RIGHT.FD_SEEK);
      const dv = view();
      dv.setUint32(nwritten, writeFrom(e, iovecs(dv, iovs, count), Number(offset)), true);
      return E.SUCCESS;
    },
    fd_read(fd, iovs, count, nread) {
      const e = entry(fd, RIGHT.FD_READ);
      const dv = view();
      const n = readInto(e, iovecs(dv, iovs, count), e.pos === null ? null : Number(e.pos));
      if (e.pos !== null) e.pos += BigInt(n);
      dv.setUint32(nread, n, true);
      return E.SUCCESS;
    },
    fd_readdir(fd, buf, len, cookie, bufused) {
      const e = dirEntry(fd, RIGHT.FD_READDIR);
      const dv = view();
      const names = fs.readdirSync(e.path);
      let at = 0;
      for (let i = Number(cookie); i < names.length && at < len; i++) {
        let stats;
        try {
          stats = fs.lstatSync(`${e.path === '/' ? '' : e.path}/${names[i]}`, { bigint: true });
        } catch {
          continue;
        }
        const name = Buffer.from(names[i]);
        const head = new Uint8Array(24);
        const hv = new DataView(head.buffer);
        hv.setBigUint64(0, BigInt(i + 1), true);
        hv.setBigUint64(8, stats.ino, true);
        hv.setUint32(16, name.length, true);
        hv.setUint8(20, filetypeOf(stats));
        const record = Buffer.concat([head, name]);
        const n = Math.min(record.length, len - at);
        bytes(dv, buf + at, n).set(record.subarray(0, n));
        at += n;
      }
      dv.setUint32(bufused, at, true);
      return E.SUCCESS;
    },
    fd_renumber(from, to) {
      const a = entry(from, 0n);
      const b = entry(to, 0n);
      if (b.fd !== null && b.fd !== a.fd) fs.closeSync(b.fd);
      fds.set(to, a);
      fds.delete(from);
      return E.SUCCESS;
    },
    fd_seek(fd, offset, whence, out) {
      const e = entry(fd, whence === WHENCE.CUR && offset === 0n ? RIGHT.FD_TELL : RIGHT.FD_SEEK | RIGHT.FD_TELL);
      if (e.pos === null) return e.filetype === FILETYPE.DIRECTORY ? E.BADF : E.SPIPE;
      let pos;
      switch (whence) {
        case WHENCE.SET: pos = offset; break;
        case WHENCE.CUR: pos = e.pos + offset; break;
        case WHENCE.END: pos = fs.fstatSync(e.fd, { bigint: true }).size + offset; break;
        default: return E.INVAL;
      }
      if (pos < 0n) return E.INVAL;
      e.pos = pos;
      view().setBigUint64(out, pos, true);
      return E.SUCCESS;
    },
    fd_sync(fd) { const e = entry(fd, RIGHT.FD_SYNC); if (e.fd !== null) fs.fsyncSync(e.fd); return E.SUCCESS; },
    fd_tell(fd, out) {
      const e = entry(fd, RIGHT.FD_TELL);
      if (e.pos === null) return e.filetype === FILETYPE.DIRECTORY ? E.BADF : E.SPIPE;
      view().setBigUint64(out, e.pos, true);
      return E.SUCCESS;
    },
    fd_write(fd, iovs, count, nwritten) {
      const e = entry(fd, RIGHT.FD_WRITE);
      const dv = view();
      const append = (e.fdflags & FDFLAGS.APPEND) !== 0 && e.pos !== null;
      const at = append ? fs.fstatSync(e.fd).size : e.pos === null ? null : Number(e.pos);
      const n = writeFrom(e, iovecs(dv, iovs, count), at);
      if (e.pos !== null) e.pos = BigInt(at + n);
      dv.setUint32(nwritten, n, true);
      return E.SUCCESS;
    },
    path_create_directory(fd, ptr, len) {
      fs.mkdirSync(pathOf(view(), fd, RIGHT.PATH_CREATE_DIRECTORY, 0, ptr, len));
      return E.SUCCESS;
    },
    path_filestat_get(fd, flags, ptr, len, out) {
      const dv = view();
      const p = pathOf(dv, fd, RIGHT.PATH_FILESTAT_GET, flags, ptr, len);
      writeFilestat(dv, out, fs.lstatSync(p, { bigint: true }));
      return E.SUCCESS;
    },
    path_filestat_set_times(fd, flags, ptr, len, atim, mtim, fstflags) {
      const p = pathOf(view(), fd, RIGHT.PATH_FILESTAT_SET_TIMES, flags, ptr, len);
      const [a, m] = times(fs.lstatSync(p, { bigint: true }), atim, mtim, fstflags);
      fs.lutimesSync(p, a, m);
      return E.SUCCESS;
    },
    path_link(oldFd, oldFlags, oldPtr, oldLen, newFd, newPtr, newLen) {
      const dv = view();
      const from = pathOf(dv, oldFd, RIGHT.PATH_LINK_SOURCE, oldFlags, oldPtr, oldLen);
      const to = pathOf(dv, newFd, RIGHT.PATH_LINK_TARGET, 0, newPtr, newLen);
      fs.linkSync(from, to);
      return E.SUCCESS;
    },
    path_open(fd, dirflags, ptr, len, oflags, rightsBase, rightsInheriting, fdflags, out) {
      const dv = view();
      const dir = dirEntry(fd, RIGHT.PATH_OPEN, rightsBase | rightsInheriting);
      // Node's WASI opens a final symlink even without LOOKUP_SYMLINK_FOLLOW (its open follows
      // it): resolved here, so that it too must stay inside the directory
      const p = resolvePath(dir.path, readString(dv, ptr, len), true);
      const wantsRead = (rightsBase & (RIGHT.FD_READ | RIGHT.FD_READDIR)) !== 0n;
      const wantsWrite = (rightsBase & (RIGHT.FD_DATASYNC | RIGHT.FD_WRITE | RIGHT.FD_ALLOCATE | RIGHT.FD_FILESTAT_SET_SIZE)) !== 0n;
      let flags = wantsWrite ? (wantsRead ? constants.O_RDWR : constants.O_WRONLY) : constants.O_RDONLY;
      if (oflags & OFLAGS.CREAT) flags |= constants.O_CREAT;
      if (oflags & OFLAGS.EXCL) flags |= constants.O_EXCL;
      if (oflags & OFLAGS.TRUNC) flags |= constants.O_TRUNC;
      if (oflags & OFLAGS.DIRECTORY) flags |= constants.O_DIRECTORY;
      if (fdflags & FDFLAGS.APPEND) flags |= constants.O_APPEND;
      if ((oflags & OFLAGS.CREAT) && !(dir.rightsBase & RIGHT.PATH_CREATE_FILE)) return E.NOTCAPABLE;
      if ((oflags & OFLAGS.TRUNC) && !(dir.rightsBase & RIGHT.PATH_FILESTAT_SET_SIZE)) return E.NOTCAPABLE;
      const n = newFd();
      const real = fs.openSync(p, flags);
      let stats;
      try {
        stats = fs.fstatSync(real);
      } catch (e) {
        fs.closeSync(real);
        throw e;
      }
      const filetype = filetypeOf(stats);
      const [maxBase, maxInheriting] = maxRights(filetype, false);
      const isDir = filetype === FILETYPE.DIRECTORY;
      if (isDir) fs.closeSync(real);
      fds.set(n, {
        fd: isDir ? null : real,
        filetype,
        rightsBase: accessRights(rightsBase & maxBase, flags),
        rightsInheriting: rightsInheriting & maxInheriting,
        fdflags: fdflags & FDFLAGS.APPEND,
        pos: filetype === FILETYPE.REGULAR_FILE ? 0n : null,
        path: isDir ? fs.realpathSync.native(p) : p,
      });
      dv.setUint32(out, n, true);
      return E.SUCCESS;
    },
    path_readlink(fd, ptr, len, buf, bufLen, bufused) {
      const dv = view();
      const p = pathOf(dv, fd, RIGHT.PATH_READLINK, 0, ptr, len);
      const target = fs.readlinkSync(p, { encoding: 'buffer' });
      // Node's WASI needs room for a terminating NUL it does not count
      if (target.length >= bufLen) return E.NOBUFS;
      bytes(dv, buf, target.length).set(target);
      dv.setUint32(bufused, target.length, true);
      return E.SUCCESS;
    },
    path_remove_directory(fd, ptr, len) {
      fs.rmdirSync(pathOf(view(), fd, RIGHT.PATH_REMOVE_DIRECTORY, 0, ptr, len));
      return E.SUCCESS;
    },
    path_rename(oldFd, oldPtr, oldLen, newFd, newPtr, newLen) {
      const dv = view();
      const from = pathOf(dv, oldFd, RIGHT.PATH_RENAME_SOURCE, 0, oldPtr, oldLen);
      const to = pathOf(dv, newFd, RIGHT.PATH_RENAME_TARGET, 0, newPtr, newLen);
      fs.renameSync(from, to);
      return E.SUCCESS;
    },
    path_symlink(oldPtr, oldLen, fd, newPtr, newLen) {
      const dv = view();
      const target = readString(dv, oldPtr, oldLen);
      const p = pathOf(dv, fd, RIGHT.PATH_SYMLINK, 0, newPtr, newLen);
      // a link is read back through resolvePath, which refuses what leads out: no check here
      fs.symlinkSync(target, p);
      return E.SUCCESS;
    },
    path_unlink_file(fd, ptr, len) {
      fs.unlinkSync(pathOf(view(), fd, RIGHT.PATH_UNLINK_FILE, 0, ptr, len));
      return E.SUCCESS;
    },
    poll_oneoff(inPtr, outPtr, count, neventsPtr) {
      if (count === 0) return E.INVAL;
      const dv = view();
      const events = [];
      let sleepUntil = null;
      for (let i = 0; i < count; i++) {
        const s = inPtr + i * 48;
        const userdata = dv.getBigUint64(s, true);
        const tag = dv.getUint8(s + 8);
        if (tag === EVENTTYPE.CLOCK) {
          const id = dv.getUint32(s + 16, true);
          const timeout = dv.getBigUint64(s + 24, true);
          const abs = (dv.getUint16(s + 40, true) & SUBCLOCKFLAGS_ABSTIME) !== 0;
          let error = E.SUCCESS;
          let until = null;
          try {
            const now = clockNow(id);
            until = process.hrtime.bigint() + (abs ? timeout - now : timeout);
          } catch (err) {
            if (!(err instanceof PathError)) throw err;
            error = err.errno;
          }
          if (error !== E.SUCCESS) events.push([userdata, error, tag]);
          else if (sleepUntil === null || until < sleepUntil.until) sleepUntil = { until, userdata };
        } else if (tag === EVENTTYPE.FD_READ || tag === EVENTTYPE.FD_WRITE) {
          const fd = dv.getUint32(s + 16, true);
          events.push([userdata, fds.has(fd) ? E.SUCCESS : E.BADF, tag]);
        } else {
          return E.INVAL;
        }
      }
      // a clock alone is a sleep: nothing else can wake this one thread
      if (events.length === 0 && sleepUntil !== null) {
        while (process.hrtime.bigint() < sleepUntil.until);
        events.push([sleepUntil.userdata, E.SUCCESS, EVENTTYPE.CLOCK]);
      }
      events.forEach(([userdata, error, type], i) => {
        const o = outPtr + i * 32;
        bytes(dv, o, 32).fill(0);
        dv.setBigUint64(o, userdata, true);
        dv.setUint16(o + 8, error, true);
        dv.setUint8(o + 10, type);
      });
      dv.setUint32(neventsPtr, events.length, true);
      return E.SUCCESS;
    },
    proc_exit(code) { exit(code >>> 0); },
    proc_raise() { return E.NOSYS; },
    random_get(ptr, len) { randomFillSync(bytes(view(), ptr, len)); return E.SUCCESS; },
    sched_yield() { return E.SUCCESS; },
    sock_accept(fd) { entry(fd, 0n); return E.NOTSOCK; },
    sock_recv(fd) { entry(fd, 0n); return E.NOTSOCK; },
    sock_send(fd) { entry(fd, 0n); return E.NOTSOCK; },
    sock_shutdown(fd) { entry(fd, 0n); return E.NOTSOCK; },
  };

  // Each call: errors of the sandbox's fs become their errno; a pointer out of the memory's
  // bounds is EOVERFLOW, as Node's WASI checks them.
  const imports = {};
  for (const [name, fn] of Object.entries(fns)) {
    imports[name] = { [name](...argv) {
      if (memory === undefined) throw nodeError(Error, 'ERR_WASI_NOT_STARTED', 'wasi.start() has not been called');
      try {
        return fn(...argv);
      } catch (e) {
        if (e instanceof PathError) return e.errno;
        if (e instanceof RangeError) return E.OVERFLOW;
        if (e !== null && typeof e === 'object' && typeof e.code === 'string' && typeof e.syscall === 'string') return errnoOf(e);
        throw e;
      }
    } }[name];
  }
  return {
    imports,
    setMemory(m) {
      if (!(m instanceof WebAssembly.Memory)) {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', '"instance.exports.memory" property must be a WebAssembly.Memory object');
      }
      memory = m;
    },
  };
}
