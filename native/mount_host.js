// --js-library: the host side of host-directory mounts (native/mount_backend.cpp): Node's fs,
// or a virtual host (OPFS in browsers) for the paths and fds it owns.
//
// Every function takes host paths the backend built from the mount's real root and single
// name components, and returns a count/fd >= 0 or a negative errno of the Emscripten libc.
// None may throw: a JS exception unwinding through WasmFS would leave its locks and state
// half-done.
//
// Containment: the backend never asks to follow a symlink, each call reaches its name
// through a directory proven to be the one the backend meant (see $qjswHostAt), and a final
// component is never followed either: lstat, O_NOFOLLOW, lutimes, chmod through an O_PATH
// fd. A guest therefore reaches nothing outside the mounted directory, whatever links the
// host or the guest put inside it and whatever other processes rename meanwhile. Flags are built from the host's fs.constants, not passed
// through, so the host's own O_* values apply (they differ from Linux's on macOS).
addToLibrary({
  // A virtual host (the browser's Origin Private File System: runtime/opfs-host.ts) serves
  // the mounts whose host root is its `prefix` ("opfs:"), and the fds from VIRTUAL_FD up.
  // Its methods take JS values (paths without the prefix, views of the Wasm heap) and
  // answer a count/fd, a negative errno, a value for `finish` to store, or a promise of one
  // of those (only when Module.qjswCanSuspend() says the stack can wait for it).
  $qjswVirtual: (key) => {
    var v = Module['qjswVirtualHost'];
    if (!v) return null;
    return typeof key == 'number' ? (key >= 0x1000000 ? v : null) : key.startsWith(v.prefix) ? v : null;
  },

  $qjswVirtualDo__deps: ['$qjswHostErrno'],
  $qjswVirtualDo: (call, finish) => {
    var settle = (r) => (typeof r == 'number' ? r : finish ? finish(r) : -{{{ cDefs.EIO }}});
    try {
      var r = call();
      if (!r || typeof r.then != 'function') return settle(r);
      Module['qjswPending'] = r.then(settle, qjswHostErrno);
      return -100000 /* QJSW_HOST_PENDING */;
    } catch (e) {
      return qjswHostErrno(e);
    }
  },

  // For a path (or fd) of the virtual host: its answer; else undefined (a host directory).
  $qjswVirtualPath__deps: ['$qjswVirtual', '$qjswVirtualDo', '$UTF8ToString'],
  $qjswVirtualPath: (ptr, call, finish) => {
    // Node (no virtual host): nothing to decode here, the host call decodes the path itself
    if (!Module['qjswVirtualHost']) return undefined;
    var p = UTF8ToString(ptr);
    var v = qjswVirtual(p);
    return v ? qjswVirtualDo(() => call(v, p.slice(v.prefix.length)), finish) : undefined;
  },
  $qjswVirtualFd__deps: ['$qjswVirtual', '$qjswVirtualDo'],
  $qjswVirtualFd: (fd, call, finish) => {
    var v = qjswVirtual(fd);
    return v ? qjswVirtualDo(() => call(v), finish) : undefined;
  },

  // Imported through WebAssembly.Suspending where the engine has JSPI (native/pre.js): the
  // promise a virtual host left suspends the Wasm stack until it settles. Module.qjswActive
  // says whether Wasm code now running was entered through a promising export (so may
  // suspend): false while suspended, true again as it resumes.
  qjsw_host_await: () => {
    var p = Module['qjswPending'];
    Module['qjswPending'] = null;
    if (!p) return -{{{ cDefs.EIO }}};
    Module['qjswActive'] = false;
    return p.then((r) => {
      Module['qjswActive'] = true;
      return r;
    });
  },
  // Only called once a mount exists, and mounts are refused outside Node.
  // Once its sandbox is disposed the instance reaches no host file: the numbers of the fds it
  // had open may already name other files of the host.
  $qjswHostFs: () => {
    if (Module['qjswHostRetired']) {
      var e = new Error('the sandbox is disposed');
      e.code = 'EBADF';
      throw e;
    }
    return require('fs');
  },

  $qjswHostErrno__deps: ['$ERRNO_CODES'],
  $qjswHostErrno: (e) => {
    var n = e && typeof e.code == 'string' ? ERRNO_CODES[e.code] : undefined;
    return -(n || ERRNO_CODES['EIO']);
  },

  // Containment. On Linux every path operation goes through a directory fd proven to be the
  // directory the backend meant: the parent is opened (O_PATH: no read permission needed, as
  // for a lookup), then the kernel's name for what was opened (/proc/self/fd/N) must be that
  // very path, i.e. the mount root + names; otherwise (a component was swapped for a link, the
  // directory moved or removed) the call fails ENOENT, as for a directory that went away.
  // The operation then names `/proc/self/fd/N/name`: the kernel resolves the magic link to
  // exactly the opened directory without walking its path again (an *at() call), and the
  // last component is never followed. So a swap between the check and the use changes
  // nothing. Without /proc (macOS) the check is realpath(parent) === parent before a call on
  // the path itself: a process racing renames against the guest can still win (README).
  $qjswHostProc__deps: ['$qjswHostFs'],
  $qjswHostProc: () => {
    if (Module['qjswHostProc'] !== undefined) return Module['qjswHostProc'];
    var fs = qjswHostFs();
    var ok = false;
    // O_PATH is not in fs.constants; its value is the generic one on these architectures
    if (process.platform == 'linux' && ['x64', 'arm64', 'arm', 'ia32', 'riscv64', 'ppc64', 's390x', 'loong64'].includes(process.arch)) {
      try {
        var fd = fs.openSync('/', 0o10000000 | fs.constants.O_DIRECTORY);
        try {
          ok = fs.readlinkSync('/proc/self/fd/' + fd) === '/';
        } finally {
          fs.closeSync(fd);
        }
      } catch (e) {}
    }
    return (Module['qjswHostProc'] = ok);
  },

  $qjswHostNotHere: () => {
    var e = new Error('not the directory of the mount');
    e.code = 'ENOENT';
    return e;
  },

  // Directory fds proven before, by host path: a cached fd costs one readlink per call
  // instead of open + readlink + close. Still proven on every use: a directory moved or
  // removed since (even outside the mount) reads as another path and is dropped. A few only,
  // closed when the sandbox is disposed (Module.qjswHostRelease) or its instance collected.
  $qjswHostDirs__deps: ['$qjswHostDirClose'],
  $qjswHostDirs: () => {
    if (!Module['qjswHostDirs']) {
      var dirs = (Module['qjswHostDirs'] = new Map());
      Module['qjswHostRelease'] = () => {
        dirs.forEach((fd) => qjswHostDirClose(fd));
        dirs.clear();
      };
    }
    return Module['qjswHostDirs'];
  },
  $qjswHostDirClose__deps: ['$qjswHostFs', '$qjswHostFds'],
  $qjswHostDirClose: (fd) => {
    qjswHostFds().delete(fd);
    try {
      qjswHostFs().closeSync(fd);
    } catch (e) {}
  },
  $qjswHostIsDir__deps: ['$qjswHostFs'],
  $qjswHostIsDir: (fd, dir) => {
    try {
      return qjswHostFs().readlinkSync('/proc/self/fd/' + fd) === dir;
    } catch (e) {
      return false;
    }
  },

  // Calls f(at) with `at` naming directory `dir` through an O_PATH fd proven to be `dir`
  // itself (Linux).
  $qjswHostInDir__deps: ['$qjswHostFs', '$qjswHostFds', '$qjswHostDirs', '$qjswHostDirClose', '$qjswHostIsDir', '$qjswHostNotHere'],
  $qjswHostInDir: (dir, f) => {
    var dirs = qjswHostDirs();
    var fd = dirs.get(dir);
    if (fd !== undefined) {
      dirs.delete(dir);
      if (!qjswHostIsDir(fd, dir)) qjswHostDirClose(fd);
      else return dirs.set(dir, fd), f('/proc/self/fd/' + fd);
    }
    var fs = qjswHostFs();
    fd = fs.openSync(dir, 0o10000000 | fs.constants.O_DIRECTORY);
    qjswHostFds().add(fd);
    if (!qjswHostIsDir(fd, dir)) {
      qjswHostDirClose(fd);
      throw qjswHostNotHere();
    }
    // the least recently used goes (never the one a caller still holds: it is the newest)
    if (dirs.size >= 8) {
      var [oldest, oldFd] = dirs.entries().next().value;
      dirs.delete(oldest);
      qjswHostDirClose(oldFd);
    }
    dirs.set(dir, fd);
    return f('/proc/self/fd/' + fd);
  },

  // Calls f(at) with a name for host path `path` that reaches it only through its proven
  // parent directory, never following a link in any component.
  $qjswHostAt__deps: ['$qjswHostFs', '$qjswHostProc', '$qjswHostInDir', '$qjswHostNotHere'],
  $qjswHostAt: (path, f) => {
    var slash = path.lastIndexOf('/');
    var dir = slash <= 0 ? '/' : path.slice(0, slash);
    var name = path.slice(slash + 1);
    // the host root itself cannot be swapped
    if (!name) return f(path);
    if (qjswHostProc()) return qjswHostInDir(dir, (at) => f(at + '/' + name));
    if (qjswHostFs().realpathSync.native(dir) !== dir) throw qjswHostNotHere();
    return f(path);
  },

  // Calls f(at) with a name for directory `path` itself, proven as above.
  $qjswHostAtDir__deps: ['$qjswHostFs', '$qjswHostProc', '$qjswHostInDir', '$qjswHostNotHere'],
  $qjswHostAtDir: (path, f) => {
    if (qjswHostProc()) return qjswHostInDir(path, f);
    if (qjswHostFs().realpathSync.native(path) !== path) throw qjswHostNotHere();
    return f(path);
  },

  // Host fds this instance holds open. A guest may leave files open and its sandbox may be
  // dropped without closing them: once the instance (Module) is garbage, a registry closes
  // what is left, so many short-lived sandboxes in one process do not leak host fds. The
  // registry is global because one that is itself garbage would never call back.
  $qjswHostFds__deps: ['$qjswHostFs'],
  $qjswHostFds: () => {
    if (!Module['qjswHostFds']) {
      var key = Symbol.for('quickjs-wasmfs.mountFds');
      var fs = qjswHostFs();
      var registry = (globalThis[key] ??= new FinalizationRegistry((fds) => {
        for (var fd of fds) {
          try {
            fs.closeSync(fd);
          } catch (e) {}
        }
      }));
      Module['qjswHostFds'] = new Set();
      registry.register(Module, Module['qjswHostFds']);
      // The sandbox that owns this instance closes them when it is disposed (runtime/sandbox.ts).
      Module['qjswCloseHostFds'] = () => {
        for (var fd of Module['qjswHostFds']) {
          try {
            fs.closeSync(fd);
          } catch (e) {}
        }
        Module['qjswHostFds'].clear();
      };
    }
    return Module['qjswHostFds'];
  },

  // Host paths this instance just changed, while the runtime watches the mounts for others'
  // changes (runtime/mounts.ts sets Module.qjswOwnChanges): host fs events for them are echoes.
  $qjswHostOwn: (path) => {
    var own = Module['qjswOwnChanges'];
    if (own && path) own.set(path, Date.now());
  },
  // The host path each open host fd was opened at (for qjswHostOwn of writes through it).
  $qjswHostFdPaths: () => (Module['qjswHostFdPaths'] ??= new Map()),

  $qjswHostTry__deps: ['$qjswHostErrno'],
  $qjswHostTry: (f) => {
    try {
      return f();
    } catch (e) {
      return qjswHostErrno(e);
    }
  },

  // Fills `out` (8 doubles): mode, size, atime, mtime, ctime (ms), ino, dev, nlink.
  $qjswHostPutStat: (st, out) => {
    var at = out >> 3;
    HEAPF64[at] = st.mode;
    HEAPF64[at + 1] = st.size;
    HEAPF64[at + 2] = st.atimeMs;
    HEAPF64[at + 3] = st.mtimeMs;
    HEAPF64[at + 4] = st.ctimeMs;
    HEAPF64[at + 5] = st.ino;
    HEAPF64[at + 6] = st.dev;
    HEAPF64[at + 7] = st.nlink;
    return 0;
  },

  // realpath of a mount's host directory, which must be a directory.
  qjsw_host_realpath__deps: ['$qjswHostTry', '$qjswHostFs', '$UTF8ToString', '$stringToUTF8', '$lengthBytesUTF8', '$qjswVirtualPath'],
  qjsw_host_realpath: (path, out, size) =>
    qjswVirtualPath(path, (v, p) => v.realpath(p), (real) => (lengthBytesUTF8(real) + 1 > size ? -{{{ cDefs.ENAMETOOLONG }}} : (stringToUTF8(real, out, size), 0))) ??
    qjswHostTry(() => {
      var fs = qjswHostFs();
      var real = fs.realpathSync.native(UTF8ToString(path));
      if (!fs.statSync(real).isDirectory()) return -{{{ cDefs.ENOTDIR }}};
      if (lengthBytesUTF8(real) + 1 > size) return -{{{ cDefs.ENAMETOOLONG }}};
      stringToUTF8(real, out, size);
      return 0;
    }),

  qjsw_host_lstat__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostAt', '$qjswHostPutStat', '$UTF8ToString', '$qjswVirtualPath'],
  qjsw_host_lstat: (path, out) =>
    qjswVirtualPath(path, (v, p) => v.lstat(p), (st) => qjswHostPutStat(st, out)) ??
    qjswHostTry(() => {
      return qjswHostAt(UTF8ToString(path), (at) => qjswHostPutStat(qjswHostFs().lstatSync(at), out));
    }),

  qjsw_host_fstat__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostPutStat', '$qjswVirtualFd'],
  qjsw_host_fstat: (fd, out) =>
    qjswVirtualFd(fd, (v) => v.fstat(fd), (st) => qjswHostPutStat(st, out)) ??
    qjswHostTry(() => qjswHostPutStat(qjswHostFs().fstatSync(fd), out)),

  // access: 0 read, 1 write, 2 both; create: make a new file (O_CREAT|O_EXCL) with `mode`.
  // O_NONBLOCK: should the name have become a FIFO since the backend saw a regular file,
  // the open does not hang the host.
  qjsw_host_open__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostFds', '$qjswHostAt', '$UTF8ToString', '$qjswVirtualPath', '$qjswHostOwn', '$qjswHostFdPaths'],
  qjsw_host_open: (path, access, create, mode) =>
    qjswVirtualPath(path, (v, p) => v.open(p, access, create, mode), null) ??
    qjswHostTry(() => {
      var fs = qjswHostFs();
      var c = fs.constants;
      var p = UTF8ToString(path);
      var flags = [c.O_RDONLY, c.O_WRONLY, c.O_RDWR][access] | c.O_NOFOLLOW | c.O_NONBLOCK;
      if (create) flags |= c.O_CREAT | c.O_EXCL;
      var fd = qjswHostAt(p, (at) => fs.openSync(at, flags, mode));
      qjswHostFds().add(fd);
      qjswHostFdPaths().set(fd, p);
      if (create) qjswHostOwn(p);
      return fd;
    }),

  qjsw_host_close__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostFds', '$qjswVirtualFd', '$qjswHostOwn', '$qjswHostFdPaths'],
  qjsw_host_close: (fd) =>
    qjswVirtualFd(fd, (v) => v.close(fd), null) ??
    qjswHostTry(() => {
      qjswHostFds().delete(fd);
      qjswHostFdPaths().delete(fd);
      qjswHostFs().closeSync(fd);
      return 0;
    }),

  qjsw_host_read__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswVirtualFd'],
  qjsw_host_read: (fd, buf, len, pos) =>
    qjswVirtualFd(fd, (v) => v.read(fd, HEAPU8.subarray(buf, buf + len), pos), null) ??
    qjswHostTry(() => qjswHostFs().readSync(fd, HEAPU8, buf, len, pos)),

  qjsw_host_write__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswVirtualFd', '$qjswHostOwn', '$qjswHostFdPaths'],
  qjsw_host_write: (fd, buf, len, pos) =>
    qjswVirtualFd(fd, (v) => v.write(fd, HEAPU8.subarray(buf, buf + len), pos), null) ??
    qjswHostTry(() => {
      qjswHostOwn(qjswHostFdPaths().get(fd));
      return qjswHostFs().writeSync(fd, HEAPU8, buf, len, pos);
    }),

  qjsw_host_ftruncate__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswVirtualFd', '$qjswHostOwn', '$qjswHostFdPaths'],
  qjsw_host_ftruncate: (fd, size) =>
    qjswVirtualFd(fd, (v) => v.ftruncate(fd, size), null) ??
    qjswHostTry(() => {
      qjswHostOwn(qjswHostFdPaths().get(fd));
      qjswHostFs().ftruncateSync(fd, size);
      return 0;
    }),

  qjsw_host_fsync__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswVirtualFd'],
  qjsw_host_fsync: (fd) =>
    qjswVirtualFd(fd, (v) => v.fsync(fd), null) ??
    qjswHostTry(() => {
      qjswHostFs().fsyncSync(fd);
      return 0;
    }),

  qjsw_host_mkdir__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostAt', '$UTF8ToString', '$qjswVirtualPath', '$qjswHostOwn'],
  qjsw_host_mkdir: (path, mode) =>
    qjswVirtualPath(path, (v, p) => v.mkdir(p, mode), null) ??
    qjswHostTry(() => {
      var p = UTF8ToString(path);
      qjswHostOwn(p);
      return qjswHostAt(p, (at) => (qjswHostFs().mkdirSync(at, mode), 0));
    }),

  qjsw_host_unlink__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostAt', '$UTF8ToString', '$qjswVirtualPath', '$qjswHostOwn'],
  qjsw_host_unlink: (path) =>
    qjswVirtualPath(path, (v, p) => v.unlink(p), null) ??
    qjswHostTry(() => {
      var p = UTF8ToString(path);
      qjswHostOwn(p);
      return qjswHostAt(p, (at) => (qjswHostFs().unlinkSync(at), 0));
    }),

  qjsw_host_rmdir__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostAt', '$UTF8ToString', '$qjswVirtualPath', '$qjswHostOwn'],
  qjsw_host_rmdir: (path) =>
    qjswVirtualPath(path, (v, p) => v.rmdir(p), null) ??
    qjswHostTry(() => {
      var p = UTF8ToString(path);
      qjswHostOwn(p);
      return qjswHostAt(p, (at) => (qjswHostFs().rmdirSync(at), 0));
    }),

  qjsw_host_rename__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostAt', '$UTF8ToString', '$qjswVirtualPath', '$qjswHostOwn'],
  qjsw_host_rename: (from, to) =>
    qjswVirtualPath(from, (v, p) => v.rename(p, UTF8ToString(to).slice(v.prefix.length)), null) ??
    qjswHostTry(() => {
      var a = UTF8ToString(from);
      var b = UTF8ToString(to);
      qjswHostOwn(a);
      qjswHostOwn(b);
      return qjswHostAt(a, (from) => qjswHostAt(b, (to) => (qjswHostFs().renameSync(from, to), 0)));
    }),

  // The target is stored as the guest wrote it; the guest resolves it in its own tree.
  qjsw_host_symlink__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostAt', '$UTF8ToString', '$qjswVirtualPath', '$qjswHostOwn'],
  qjsw_host_symlink: (target, path) =>
    qjswVirtualPath(path, (v, p) => v.symlink(UTF8ToString(target), p), null) ??
    qjswHostTry(() => {
      var p = UTF8ToString(path);
      qjswHostOwn(p);
      return qjswHostAt(p, (at) => (qjswHostFs().symlinkSync(UTF8ToString(target), at), 0));
    }),

  // Writes the link's target (bytes, NUL-terminated) and returns its length.
  qjsw_host_readlink__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostAt', '$UTF8ToString', '$qjswVirtualPath', '$lengthBytesUTF8', '$stringToUTF8'],
  qjsw_host_readlink: (path, out, size) =>
    qjswVirtualPath(path, (v, p) => v.readlink(p), (t) => { var n = lengthBytesUTF8(t); if (n + 1 > size) return -{{{ cDefs.ENAMETOOLONG }}}; stringToUTF8(t, out, size); return n; }) ??
    qjswHostTry(() => {
      var target = qjswHostAt(UTF8ToString(path), (at) => qjswHostFs().readlinkSync(at, { encoding: 'buffer' }));
      if (target.length + 1 > size) return -{{{ cDefs.ENAMETOOLONG }}};
      HEAPU8.set(target, out);
      HEAPU8[out + target.length] = 0;
      return target.length;
    }),

  // Calls qjsw_mount_add_entry(entries, name, kind) for each file, directory and symlink;
  // other kinds (FIFOs, sockets, devices) are not shown to the guest.
  qjsw_host_readdir__deps: [
    '$qjswHostTry', '$qjswHostFs', '$qjswHostAtDir', '$UTF8ToString',
    '$stackSave', '$stackRestore', '$stringToUTF8OnStack', 'qjsw_mount_add_entry',
  , '$qjswVirtualPath'],
  qjsw_host_readdir: (path, entries) =>
    qjswVirtualPath(path, (v, p) => v.readdir(p), (list) => { list.forEach(([name, kind]) => { var sp = stackSave(); _qjsw_mount_add_entry(entries, stringToUTF8OnStack(name), kind); stackRestore(sp); }); return 0; }) ??
    qjswHostTry(() => {
      qjswHostAtDir(UTF8ToString(path), (at) => qjswHostFs().readdirSync(at, { withFileTypes: true }))
        .forEach((d) => {
          var kind = d.isFile() ? 1 : d.isDirectory() ? 2 : d.isSymbolicLink() ? 3 : 0;
          if (!kind) return;
          var sp = stackSave();
          _qjsw_mount_add_entry(entries, stringToUTF8OnStack(d.name), kind);
          stackRestore(sp);
        });
      return 0;
    }),

  // Linux cannot chmod a symlink itself: refuse when the name is one now. With /proc, an
  // O_PATH fd pins the file (whatever is renamed over the name later) and chmod goes through
  // its magic link, as glibc's fchmodat(AT_SYMLINK_NOFOLLOW) does; fchmod refuses O_PATH fds.
  qjsw_host_chmod__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostAt', '$qjswHostProc', '$UTF8ToString', '$qjswVirtualPath', '$qjswHostOwn'],
  qjsw_host_chmod: (path, mode) =>
    qjswVirtualPath(path, (v, p) => v.chmod(p, mode), null) ??
    qjswHostTry(() => {
      var fs = qjswHostFs();
      var p = UTF8ToString(path);
      return qjswHostAt(p, (at) => {
        if (!qjswHostProc()) {
          if (fs.lstatSync(at).isSymbolicLink()) return -{{{ cDefs.EOPNOTSUPP }}};
          qjswHostOwn(p);
          fs.chmodSync(at, mode);
          return 0;
        }
        var fd = fs.openSync(at, 0o10000000 | fs.constants.O_NOFOLLOW);
        try {
          if (fs.fstatSync(fd).isSymbolicLink()) return -{{{ cDefs.EOPNOTSUPP }}};
          qjswHostOwn(p);
          fs.chmodSync('/proc/self/fd/' + fd, mode);
          return 0;
        } finally {
          fs.closeSync(fd);
        }
      });
    }),

  qjsw_host_fchmod__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswVirtualFd', '$qjswHostOwn', '$qjswHostFdPaths'],
  qjsw_host_fchmod: (fd, mode) =>
    qjswVirtualFd(fd, (v) => v.fchmod(fd, mode), null) ??
    qjswHostTry(() => {
      qjswHostOwn(qjswHostFdPaths().get(fd));
      qjswHostFs().fchmodSync(fd, mode);
      return 0;
    }),

  // Times in seconds; lutimes never follows the last component.
  qjsw_host_utimes__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostAt', '$UTF8ToString', '$qjswVirtualPath', '$qjswHostOwn'],
  qjsw_host_utimes: (path, atime, mtime) =>
    qjswVirtualPath(path, (v, p) => v.utimes(p, atime, mtime), null) ??
    qjswHostTry(() => {
      var p = UTF8ToString(path);
      qjswHostOwn(p);
      return qjswHostAt(p, (at) => (qjswHostFs().lutimesSync(at, atime, mtime), 0));
    }),

  qjsw_host_futimes__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswVirtualFd', '$qjswHostOwn', '$qjswHostFdPaths'],
  qjsw_host_futimes: (fd, atime, mtime) =>
    qjswVirtualFd(fd, (v) => v.futimes(fd, atime, mtime), null) ??
    qjswHostTry(() => {
      qjswHostOwn(qjswHostFdPaths().get(fd));
      qjswHostFs().futimesSync(fd, atime, mtime);
      return 0;
    }),
});
