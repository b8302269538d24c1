// --js-library: the host calls of mounts (native/wasmfs/mount_backend.cpp). Each takes the id of the
// mount's host (runtime/mounts/mount-host.ts: the MountHost registered in Module.qjswHosts), decodes
// its arguments from the Wasm heap, calls the host and encodes the answer: a count/fd >= 0 or
// a negative errno of the Emscripten libc. None may throw: a JS exception unwinding through
// WasmFS would leave its locks and state half-done.
addToLibrary({
  $qjswHostErrno__deps: ['$ERRNO_CODES'],
  $qjswHostErrno: (e) => {
    var n = e && typeof e.code == 'string' ? ERRNO_CODES[e.code] : undefined;
    return -(n || ERRNO_CODES['EIO']);
  },

  // Calls `call` with host `id`; `finish` stores a value answer and returns the call's result.
  // A host that must wait for the browser (OPFS) answers a promise: it is left in
  // Module.qjswPending and the call answers QJSW_HOST_PENDING, for qjsw_host_await.
  $qjswHostCall__deps: ['$qjswHostErrno', '$QJSW_HOST_PENDING'],
  $qjswHostCall: (id, call, finish) => {
    var settle = (r) => (typeof r == 'number' ? r : finish ? finish(r) : -{{{ cDefs.EIO }}});
    try {
      var host = (Module['qjswHosts'] || [])[id];
      if (!host) return -{{{ cDefs.EIO }}};
      var r = call(host);
      if (!r || typeof r.then != 'function') return settle(r);
      Module['qjswPending'] = r.then(settle, qjswHostErrno);
      return QJSW_HOST_PENDING;
    } catch (e) {
      return qjswHostErrno(e);
    }
  },

  // Imported through WebAssembly.Suspending where the engine has JSPI (native/glue/pre.js): the
  // promise a host left suspends the Wasm stack until it settles. Module.qjswActive says
  // whether Wasm code now running was entered through a promising export (so may suspend):
  // false while suspended, true again as it resumes.
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

  // Fills `out`: mount_internal.h's HostStat, doubles named and ordered as its fields.
  $qjswHostPutStat__deps: ['$QJSW_HOST_STAT_FIELDS'],
  $qjswHostPutStat: (st, out) => {
    var at = out >> 3;
    QJSW_HOST_STAT_FIELDS.forEach((name, i) => (HEAPF64[at + i] = st[name]));
    return 0;
  },

  // A path or link target into `out` (`size` bytes with its NUL): its length, or ENAMETOOLONG.
  $qjswHostPutText__deps: ['$lengthBytesUTF8', '$stringToUTF8'],
  $qjswHostPutText: (text, out, size) => {
    if (typeof text == 'string') {
      var n = lengthBytesUTF8(text);
      if (n + 1 > size) return -{{{ cDefs.ENAMETOOLONG }}};
      stringToUTF8(text, out, size);
      return n;
    }
    if (text.length + 1 > size) return -{{{ cDefs.ENAMETOOLONG }}};
    HEAPU8.set(text, out);
    HEAPU8[out + text.length] = 0;
    return text.length;
  },

  qjsw_host_realpath__deps: ['$qjswHostCall', '$qjswHostPutText', '$UTF8ToString'],
  qjsw_host_realpath: (id, path, out, size) =>
    qjswHostCall(id, (h) => h.realpath(UTF8ToString(path)), (real) => Math.min(0, qjswHostPutText(real, out, size))),

  qjsw_host_lstat__deps: ['$qjswHostCall', '$qjswHostPutStat', '$UTF8ToString'],
  qjsw_host_lstat: (id, path, out) => qjswHostCall(id, (h) => h.lstat(UTF8ToString(path)), (st) => qjswHostPutStat(st, out)),

  qjsw_host_fstat__deps: ['$qjswHostCall', '$qjswHostPutStat'],
  qjsw_host_fstat: (id, fd, out) => qjswHostCall(id, (h) => h.fstat(fd), (st) => qjswHostPutStat(st, out)),

  qjsw_host_open__deps: ['$qjswHostCall', '$UTF8ToString'],
  qjsw_host_open: (id, path, access, create, mode) => qjswHostCall(id, (h) => h.open(UTF8ToString(path), access, create, mode)),

  qjsw_host_close__deps: ['$qjswHostCall'],
  qjsw_host_close: (id, fd) => qjswHostCall(id, (h) => h.close(fd)),

  qjsw_host_read__deps: ['$qjswHostCall'],
  qjsw_host_read: (id, fd, buf, len, pos) => qjswHostCall(id, (h) => h.read(fd, HEAPU8.subarray(buf, buf + len), pos)),

  qjsw_host_write__deps: ['$qjswHostCall'],
  qjsw_host_write: (id, fd, buf, len, pos) => qjswHostCall(id, (h) => h.write(fd, HEAPU8.subarray(buf, buf + len), pos)),

  qjsw_host_ftruncate__deps: ['$qjswHostCall'],
  qjsw_host_ftruncate: (id, fd, size) => qjswHostCall(id, (h) => h.ftruncate(fd, size)),

  qjsw_host_fsync__deps: ['$qjswHostCall'],
  qjsw_host_fsync: (id, fd) => qjswHostCall(id, (h) => h.fsync(fd)),

  qjsw_host_mkdir__deps: ['$qjswHostCall', '$UTF8ToString'],
  qjsw_host_mkdir: (id, path, mode) => qjswHostCall(id, (h) => h.mkdir(UTF8ToString(path), mode)),

  qjsw_host_unlink__deps: ['$qjswHostCall', '$UTF8ToString'],
  qjsw_host_unlink: (id, path) => qjswHostCall(id, (h) => h.unlink(UTF8ToString(path))),

  qjsw_host_rmdir__deps: ['$qjswHostCall', '$UTF8ToString'],
  qjsw_host_rmdir: (id, path) => qjswHostCall(id, (h) => h.rmdir(UTF8ToString(path))),

  qjsw_host_rename__deps: ['$qjswHostCall', '$UTF8ToString'],
  qjsw_host_rename: (id, from, to) => qjswHostCall(id, (h) => h.rename(UTF8ToString(from), UTF8ToString(to))),

  qjsw_host_symlink__deps: ['$qjswHostCall', '$UTF8ToString'],
  qjsw_host_symlink: (id, target, path) => qjswHostCall(id, (h) => h.symlink(UTF8ToString(target), UTF8ToString(path))),

  // Writes the link's target (NUL-terminated) and returns its length.
  qjsw_host_readlink__deps: ['$qjswHostCall', '$qjswHostPutText', '$UTF8ToString'],
  qjsw_host_readlink: (id, path, out, size) =>
    qjswHostCall(id, (h) => h.readlink(UTF8ToString(path)), (target) => qjswHostPutText(target, out, size)),

  // Calls qjsw_mount_add_entry(entries, name, kind) for each entry.
  qjsw_host_readdir__deps: ['$qjswHostCall', '$UTF8ToString', '$stackSave', '$stackRestore', '$stringToUTF8OnStack', 'qjsw_mount_add_entry'],
  qjsw_host_readdir: (id, path, entries) =>
    qjswHostCall(id, (h) => h.readdir(UTF8ToString(path)), (list) => {
      list.forEach(([name, kind]) => {
        var sp = stackSave();
        _qjsw_mount_add_entry(entries, stringToUTF8OnStack(name), kind);
        stackRestore(sp);
      });
      return 0;
    }),

  qjsw_host_chmod__deps: ['$qjswHostCall', '$UTF8ToString'],
  qjsw_host_chmod: (id, path, mode) => qjswHostCall(id, (h) => h.chmod(UTF8ToString(path), mode)),

  qjsw_host_fchmod__deps: ['$qjswHostCall'],
  qjsw_host_fchmod: (id, fd, mode) => qjswHostCall(id, (h) => h.fchmod(fd, mode)),

  // Times in seconds.
  qjsw_host_utimes__deps: ['$qjswHostCall', '$UTF8ToString'],
  qjsw_host_utimes: (id, path, atime, mtime) => qjswHostCall(id, (h) => h.utimes(UTF8ToString(path), atime, mtime)),

  qjsw_host_futimes__deps: ['$qjswHostCall'],
  qjsw_host_futimes: (id, fd, atime, mtime) => qjswHostCall(id, (h) => h.futimes(fd, atime, mtime)),
});
