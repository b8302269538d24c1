// --js-library: the host side of host-directory mounts (native/mount_backend.cpp).
//
// Every function takes host paths the backend built from the mount's real root and single
// name components, and returns a count/fd >= 0 or a negative errno of the Emscripten libc.
// None may throw: a JS exception unwinding through WasmFS would leave its locks and state
// half-done.
//
// Containment: the backend never asks to follow a symlink, and each path's parent must be
// its own realpath (no component of it is a symlink now). A final component is never
// followed either: lstat, O_NOFOLLOW, lutimes, and chmod only after an lstat saw no link.
// A guest therefore reaches nothing outside the mounted directory, whatever links the host
// or the guest put inside it. Flags are built from the host's fs.constants, not passed
// through, so the host's own O_* values apply (they differ from Linux's on macOS).
addToLibrary({
  // Only called once a mount exists, and mounts are refused outside Node.
  $qjswHostFs: () => require('fs'),

  $qjswHostErrno__deps: ['$ERRNO_CODES'],
  $qjswHostErrno: (e) => {
    var n = e && typeof e.code == 'string' ? ERRNO_CODES[e.code] : undefined;
    return -(n || ERRNO_CODES['EIO']);
  },

  // Throws ENOENT unless the parent of `path` contains no symlink, so an operation on its
  // last component stays inside the directory that was checked.
  $qjswHostContained__deps: ['$qjswHostFs'],
  $qjswHostContained: (path) => {
    var slash = path.lastIndexOf('/');
    var dir = slash <= 0 ? '/' : path.slice(0, slash);
    if (qjswHostFs().realpathSync.native(dir) !== dir) {
      var e = new Error('outside the mount');
      e.code = 'ENOENT';
      throw e;
    }
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
    }
    return Module['qjswHostFds'];
  },

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
  qjsw_host_realpath__deps: ['$qjswHostTry', '$qjswHostFs', '$UTF8ToString', '$stringToUTF8', '$lengthBytesUTF8'],
  qjsw_host_realpath: (path, out, size) =>
    qjswHostTry(() => {
      var fs = qjswHostFs();
      var real = fs.realpathSync.native(UTF8ToString(path));
      if (!fs.statSync(real).isDirectory()) return -{{{ cDefs.ENOTDIR }}};
      if (lengthBytesUTF8(real) + 1 > size) return -{{{ cDefs.ENAMETOOLONG }}};
      stringToUTF8(real, out, size);
      return 0;
    }),

  qjsw_host_lstat__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostContained', '$qjswHostPutStat', '$UTF8ToString'],
  qjsw_host_lstat: (path, out) =>
    qjswHostTry(() => {
      var p = UTF8ToString(path);
      qjswHostContained(p);
      return qjswHostPutStat(qjswHostFs().lstatSync(p), out);
    }),

  qjsw_host_fstat__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostPutStat'],
  qjsw_host_fstat: (fd, out) => qjswHostTry(() => qjswHostPutStat(qjswHostFs().fstatSync(fd), out)),

  // access: 0 read, 1 write, 2 both; create: make a new file (O_CREAT|O_EXCL) with `mode`.
  // O_NONBLOCK: should the name have become a FIFO since the backend saw a regular file,
  // the open does not hang the host.
  qjsw_host_open__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostFds', '$qjswHostContained', '$UTF8ToString'],
  qjsw_host_open: (path, access, create, mode) =>
    qjswHostTry(() => {
      var fs = qjswHostFs();
      var c = fs.constants;
      var p = UTF8ToString(path);
      qjswHostContained(p);
      var flags = [c.O_RDONLY, c.O_WRONLY, c.O_RDWR][access] | c.O_NOFOLLOW | c.O_NONBLOCK;
      if (create) flags |= c.O_CREAT | c.O_EXCL;
      var fd = fs.openSync(p, flags, mode);
      qjswHostFds().add(fd);
      return fd;
    }),

  qjsw_host_close__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostFds'],
  qjsw_host_close: (fd) =>
    qjswHostTry(() => {
      qjswHostFds().delete(fd);
      qjswHostFs().closeSync(fd);
      return 0;
    }),

  qjsw_host_read__deps: ['$qjswHostTry', '$qjswHostFs'],
  qjsw_host_read: (fd, buf, len, pos) =>
    qjswHostTry(() => qjswHostFs().readSync(fd, HEAPU8, buf, len, pos)),

  qjsw_host_write__deps: ['$qjswHostTry', '$qjswHostFs'],
  qjsw_host_write: (fd, buf, len, pos) =>
    qjswHostTry(() => qjswHostFs().writeSync(fd, HEAPU8, buf, len, pos)),

  qjsw_host_ftruncate__deps: ['$qjswHostTry', '$qjswHostFs'],
  qjsw_host_ftruncate: (fd, size) =>
    qjswHostTry(() => {
      qjswHostFs().ftruncateSync(fd, size);
      return 0;
    }),

  qjsw_host_fsync__deps: ['$qjswHostTry', '$qjswHostFs'],
  qjsw_host_fsync: (fd) =>
    qjswHostTry(() => {
      qjswHostFs().fsyncSync(fd);
      return 0;
    }),

  qjsw_host_mkdir__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostContained', '$UTF8ToString'],
  qjsw_host_mkdir: (path, mode) =>
    qjswHostTry(() => {
      var p = UTF8ToString(path);
      qjswHostContained(p);
      qjswHostFs().mkdirSync(p, mode);
      return 0;
    }),

  qjsw_host_unlink__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostContained', '$UTF8ToString'],
  qjsw_host_unlink: (path) =>
    qjswHostTry(() => {
      var p = UTF8ToString(path);
      qjswHostContained(p);
      qjswHostFs().unlinkSync(p);
      return 0;
    }),

  qjsw_host_rmdir__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostContained', '$UTF8ToString'],
  qjsw_host_rmdir: (path) =>
    qjswHostTry(() => {
      var p = UTF8ToString(path);
      qjswHostContained(p);
      qjswHostFs().rmdirSync(p);
      return 0;
    }),

  qjsw_host_rename__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostContained', '$UTF8ToString'],
  qjsw_host_rename: (from, to) =>
    qjswHostTry(() => {
      var a = UTF8ToString(from);
      var b = UTF8ToString(to);
      qjswHostContained(a);
      qjswHostContained(b);
      qjswHostFs().renameSync(a, b);
      return 0;
    }),

  // The target is stored as the guest wrote it; the guest resolves it in its own tree.
  qjsw_host_symlink__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostContained', '$UTF8ToString'],
  qjsw_host_symlink: (target, path) =>
    qjswHostTry(() => {
      var p = UTF8ToString(path);
      qjswHostContained(p);
      qjswHostFs().symlinkSync(UTF8ToString(target), p);
      return 0;
    }),

  // Writes the link's target (bytes, NUL-terminated) and returns its length.
  qjsw_host_readlink__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostContained', '$UTF8ToString'],
  qjsw_host_readlink: (path, out, size) =>
    qjswHostTry(() => {
      var p = UTF8ToString(path);
      qjswHostContained(p);
      var target = qjswHostFs().readlinkSync(p, { encoding: 'buffer' });
      if (target.length + 1 > size) return -{{{ cDefs.ENAMETOOLONG }}};
      HEAPU8.set(target, out);
      HEAPU8[out + target.length] = 0;
      return target.length;
    }),

  // Calls qjsw_mount_add_entry(entries, name, kind) for each file, directory and symlink;
  // other kinds (FIFOs, sockets, devices) are not shown to the guest.
  qjsw_host_readdir__deps: [
    '$qjswHostTry', '$qjswHostFs', '$qjswHostContained', '$UTF8ToString',
    '$stackSave', '$stackRestore', '$stringToUTF8OnStack', 'qjsw_mount_add_entry',
  ],
  qjsw_host_readdir: (path, entries) =>
    qjswHostTry(() => {
      var p = UTF8ToString(path);
      // the directory itself must be its realpath: check it as the parent of a child
      qjswHostContained(p + '/x');
      qjswHostFs()
        .readdirSync(p, { withFileTypes: true })
        .forEach((d) => {
          var kind = d.isFile() ? 1 : d.isDirectory() ? 2 : d.isSymbolicLink() ? 3 : 0;
          if (!kind) return;
          var sp = stackSave();
          _qjsw_mount_add_entry(entries, stringToUTF8OnStack(d.name), kind);
          stackRestore(sp);
        });
      return 0;
    }),

  // Linux cannot chmod a symlink itself: refuse when the name is one now.
  qjsw_host_chmod__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostContained', '$UTF8ToString'],
  qjsw_host_chmod: (path, mode) =>
    qjswHostTry(() => {
      var fs = qjswHostFs();
      var p = UTF8ToString(path);
      qjswHostContained(p);
      if (fs.lstatSync(p).isSymbolicLink()) return -{{{ cDefs.EOPNOTSUPP }}};
      fs.chmodSync(p, mode);
      return 0;
    }),

  qjsw_host_fchmod__deps: ['$qjswHostTry', '$qjswHostFs'],
  qjsw_host_fchmod: (fd, mode) =>
    qjswHostTry(() => {
      qjswHostFs().fchmodSync(fd, mode);
      return 0;
    }),

  // Times in seconds; lutimes never follows the last component.
  qjsw_host_utimes__deps: ['$qjswHostTry', '$qjswHostFs', '$qjswHostContained', '$UTF8ToString'],
  qjsw_host_utimes: (path, atime, mtime) =>
    qjswHostTry(() => {
      var p = UTF8ToString(path);
      qjswHostContained(p);
      qjswHostFs().lutimesSync(p, atime, mtime);
      return 0;
    }),

  qjsw_host_futimes__deps: ['$qjswHostTry', '$qjswHostFs'],
  qjsw_host_futimes: (fd, atime, mtime) =>
    qjswHostTry(() => {
      qjswHostFs().futimesSync(fd, atime, mtime);
      return 0;
    }),
});
