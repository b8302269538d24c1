/* qjsw:binding/fs, file-descriptor family: open/close/read/write and friends (whole-file
   reads and writes: fs_file.c). */
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bindings/array_of.h"
#include "fs/fs_internal.h"
#include "journal/journal.h"

mode_t qjsw_umask = 022;

static int open_as_linux(const char *path, int flags, int mode);

/* fds opened with access mode 3 (neither O_RDONLY, O_WRONLY nor O_RDWR): Linux opens them
   as for reading and writing, then refuses reads and writes (EBADF); WasmFS refuses the
   mode itself, so they are opened O_RDWR and marked here. */
#define QJSW_MAX_MARKED_FD 4096
enum { FD_NO_ACCESS = 1, FD_PATH_ONLY = 2 }; /* access mode 3; O_PATH */
static unsigned char no_access_fd[QJSW_MAX_MARKED_FD];

static int fd_no_access(int fd) { return fd >= 0 && fd < QJSW_MAX_MARKED_FD && no_access_fd[fd]; }

/* An O_PATH fd: Linux's fdget() refuses it to everything but fstat, fchdir and close. */
static int fd_path_only(int fd) {
  if (fd >= 0 && fd < QJSW_MAX_MARKED_FD && no_access_fd[fd] == FD_PATH_ONLY) {
    errno = EBADF;
    return 1;
  }
  return 0;
}

static int open_journaled(const char *path, int flags, int mode);

/* O_TMPFILE: an unnamed file in directory `dir`, made here as a named one unlinked at once. */
static int open_tmpfile(const char *dir, int flags, int mode) {
  struct stat st;
  if (stat(dir, &st) < 0) return -1;
  if (!S_ISDIR(st.st_mode)) {
    errno = ENOTDIR;
    return -1;
  }
  static unsigned serial;
  char name[PATH_MAX];
  for (int tries = 0; tries < 100; tries++) {
    if (snprintf(name, sizeof(name), "%s/.qjsw-tmpfile-%u", dir, ++serial) >= (int)sizeof(name)) {
      errno = ENAMETOOLONG;
      return -1;
    }
    int fd =
        open(name, (flags & ~(O_TMPFILE | O_DIRECTORY)) | O_CREAT | O_EXCL, mode & ~qjsw_umask);
    if (fd < 0 && errno == EEXIST) continue;
    if (fd >= 0) unlink(name);
    return fd;
  }
  errno = EEXIST;
  return -1;
}

int qjsw_open(const char *path, int flags, int mode) {
  /* Linux's build_open_flags(): O_PATH keeps only O_DIRECTORY and O_NOFOLLOW and gives an fd
     that neither reads nor writes */
  int no_access = (flags & 3) == 3; /* musl's O_ACCMODE holds O_PATH too */
  if (flags & O_PATH) {
    /* O_PATH|O_NOFOLLOW names a symlink itself, which O_DIRECTORY then refuses (an fd of the
       link, without O_DIRECTORY, is what WasmFS cannot make: ELOOP) */
    struct stat st;
    if ((flags & (O_DIRECTORY | O_NOFOLLOW)) == (O_DIRECTORY | O_NOFOLLOW) &&
        !qjsw_has_trailing_slash(path) && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
      errno = ENOTDIR;
      return -1;
    }
    int fd = open_journaled(path, (flags & (O_DIRECTORY | O_NOFOLLOW)) | O_RDONLY, 0);
    if (fd >= 0 && fd < QJSW_MAX_MARKED_FD) no_access_fd[fd] = FD_PATH_ONLY;
    return fd;
  }
  if (flags & 020000000) { /* __O_TMPFILE */
    if ((flags & (O_TMPFILE | O_CREAT)) != O_TMPFILE || (flags & 3) == O_RDONLY) {
      errno = EINVAL;
      return -1;
    }
    int fd = open_tmpfile(path, no_access ? (flags & ~3) | O_RDWR : flags, mode);
    if (fd >= 0 && fd < QJSW_MAX_MARKED_FD) no_access_fd[fd] = (unsigned char)no_access;
    return fd;
  } else if ((flags & O_CREAT) && (flags & O_DIRECTORY)) { /* Linux 6.4 and later */
    errno = EINVAL;
    return -1;
  }
  int fd = open_journaled(path, no_access ? (flags & ~3) | O_RDWR : flags, mode);
  if (fd >= 0 && fd < QJSW_MAX_MARKED_FD) no_access_fd[fd] = (unsigned char)no_access;
  return fd;
}

/* open(2) as Linux does it, told to the change journal: a new file is created, an existing
   one truncated is changed, and a writable fd's writes are one change at its close. */
static int open_journaled(const char *path, int flags, int mode) {
  if (!qjsw_journal_on) return open_as_linux(path, flags, mode);
  /* whether the open creates the file: first without O_CREAT (the common case, an existing
     file, costs one open), then with it when the name was missing */
  int existed = 1;
  int fd = -1;
  if ((flags & O_CREAT) && !(flags & O_EXCL)) {
    fd = open_as_linux(path, flags & ~O_CREAT, mode);
    /* (ELOOP: with O_CREAT, Linux may stop earlier, at a link target ending in '/') */
    if (fd < 0 && (errno == ENOENT || (errno == ELOOP && !(flags & O_NOFOLLOW)))) existed = 0;
    else if (fd < 0) return fd;
  } else if (flags & O_CREAT) {
    existed = 0; /* O_EXCL: only ever a new file */
  }
  if (fd < 0) fd = open_as_linux(path, flags, mode);
  if (fd < 0) return fd;
  if (!existed) qjsw_journal_record(QJSW_CHANGE_CREATE, path, NULL);
  qjsw_journal_opened(fd, path, flags);
  /* a truncation is a change, reported with the fd's writes at its close */
  if (existed && (flags & O_TRUNC) && (flags & O_ACCMODE) != O_RDONLY) qjsw_journal_written(fd);
  return fd;
}

static int open_through_links(const char *path, int flags, int mode);

static int open_as_linux(const char *path, int flags, int mode) {
  struct stat st;
  /* a trailing '/' makes Linux follow the last component whatever O_NOFOLLOW says: "a/" of a
     dangling link is ENOENT, not ELOOP */
  if (qjsw_has_trailing_slash(path)) flags &= ~O_NOFOLLOW;
  if (qjsw_has_trailing_slash(path) &&
      (flags & O_CREAT)) { /* Linux: EISDIR once the parent is found */
    int e = qjsw_parent_error(path);
    errno = e ? e : EISDIR;
    return -1;
  }
  if (qjsw_has_trailing_slash(path)) {
    if (stat(path, &st) == 0) {
      if (!S_ISDIR(st.st_mode)) {
        errno = (flags & O_CREAT) ? EISDIR : ENOTDIR;
        return -1;
      }
    } else if (errno == ENOENT && (flags & O_CREAT)) {
      int e = qjsw_parent_error(path);
      errno = e ? e : EISDIR;
      return -1;
    }
  }
  if ((flags & O_DIRECTORY) && stat(path, &st) == 0 && !S_ISDIR(st.st_mode)) {
    errno = ENOTDIR;
    return -1;
  }
  /* O_CREAT|O_EXCL never follows a final symlink: any existing name is EEXIST */
  if ((flags & O_CREAT) && (flags & O_EXCL) && lstat(path, &st) == 0) {
    errno = EEXIST;
    return -1;
  }
  /* O_TRUNC even with O_RDONLY: Linux refuses it on a read-only file system; WasmFS would
     open the file and skip the truncation */
  if ((flags & O_TRUNC) &&
      qjsw_mount_attr(qjsw_mount_setattr(-1, path, 0, QJSW_ATTR_CHECK, 0, 0, 0)) < 0)
    return -1;
  /* Linux creates the target of a dangling symlink; WasmFS says ENOENT. And Linux's
     O_CREAT refuses a link target ending in '/' (EISDIR) where WasmFS may loop (ELOOP).
     Both checked only when the open failed, so common opens pay nothing. */
  int fd = open(path, flags, mode & ~qjsw_umask);
  if (fd >= 0 || (errno != ENOENT && errno != ELOOP) || !(flags & O_CREAT) ||
      (flags & (O_EXCL | O_NOFOLLOW)))
    return fd;
  int err = errno;
  if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) return open_through_links(path, flags, mode);
  errno = err;
  return -1;
}

/* open(O_CREAT) of a symlink WasmFS could not open (dangling, or naming a path that ends in
   '/'): follows the chain of links from `path` itself, counting each toward Linux's 40 (ELOOP
   past them), and opens, creating it, what the last one names. */
static int open_through_links(const char *path, int flags, int mode) {
  char cur[PATH_MAX], target[PATH_MAX], next[PATH_MAX * 2];
  struct stat st;
  snprintf(cur, sizeof(cur), "%s", path);
  for (int links = 0; lstat(cur, &st) == 0 && S_ISLNK(st.st_mode);) {
    if (++links > 40) {
      errno = ELOOP;
      return -1;
    }
    ssize_t n = readlink(cur, target, sizeof(target) - 1);
    if (n < 0) return -1;
    target[n] = '\0';
    const char *slash = strrchr(cur, '/');
    if (target[0] == '/' || !slash) snprintf(next, sizeof(next), "%s", target);
    else snprintf(next, sizeof(next), "%.*s/%s", (int)(slash - cur), cur, target);
    if (strlen(next) >= sizeof(cur)) {
      errno = ENAMETOOLONG;
      return -1;
    }
    /* a target ending in '/' is a directory to create in: Linux stops there (EISDIR, once the
       parent is found), before following what it names ("c//" naming the link c itself) */
    if (n > 0 && target[n - 1] == '/') {
      int e = qjsw_parent_error(next);
      errno = e ? e : EISDIR;
      return -1;
    }
    strcpy(cur, next);
  }
  /* not a link (any more): Linux's checks for what it names (a trailing '/' included) */
  return open_as_linux(cur, flags, mode);
}

/* open(path, flags, mode) -> fd */
static JSValue js_fs_open(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t flags, mode;
  if (JS_ToInt32(ctx, &flags, argv[1]) < 0 || JS_ToInt32(ctx, &mode, argv[2]) < 0)
    return JS_EXCEPTION;
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  int fd = qjsw_open(path, flags, mode);
  JS_FreeCString(ctx, path);
  if (fd >= 0 && (flags & O_TRUNC)) qjsw_touch_if_regular(fd);
  return FS_RESULT(fd);
}

/* WasmFS does not check an fd's access mode; Linux does. Returns 0, or -1 with
   errno set as Linux would (EBADF for a closed fd or the wrong direction). */
int qjsw_fd_check_access(int fd, int want_write) {
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0) return -1;
  int acc = flags & O_ACCMODE;
  if (fd_no_access(fd) || (want_write ? acc == O_RDONLY : acc == O_WRONLY)) {
    errno = EBADF;
    return -1;
  }
  return 0;
}

/* Linux moves mtime on truncate; WasmFS does not. */
static void touch_mtime_fd(int fd) {
  struct timespec times[2] = {{0, UTIME_OMIT}, {0, UTIME_NOW}};
  futimens(fd, times);
}

/* Linux's O_TRUNC moves mtime even when the file was already empty; WasmFS's does not. */
void qjsw_touch_if_regular(int fd) {
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) touch_mtime_fd(fd);
}

static int is_append(int fd) {
  int flags = fcntl(fd, F_GETFL);
  return flags >= 0 && (flags & O_APPEND);
}

/* pread/pwrite with Linux's rules on top of WasmFS: the fd's access mode is
   enforced, O_APPEND writes always go to the end, empty transfers do nothing. */
static ssize_t do_io(int fd, void *data, size_t len, int64_t position, int is_write) {
  if (qjsw_fd_check_access(fd, is_write) < 0) return -1;
  if (len == 0) return 0;
  struct stat st;
  if (is_write) {
    /* O_APPEND: write() appends and moves the fd's offset (WasmFS does); a positioned write
       appends too on Linux but leaves the offset where it was, which WasmFS's pwrite keeps */
    int append = is_append(fd);
    int64_t at = position;
    if (append) {
      if (fstat(fd, &st) < 0) return -1;
      at = st.st_size;
    } else if (position < 0) {
      at = lseek(fd, 0, SEEK_CUR);
    }
    if (at >= 0 && !qjsw_file_size_ok(at + (int64_t)len) && !qjsw_mount_fd(fd)) {
      errno = EFBIG;
      return -1;
    }
    ssize_t n = position < 0 ? write(fd, data, len) : pwrite(fd, data, len, at);
    if (n > 0) qjsw_journal_written(fd);
    return n;
  }
  if (position < 0) return read(fd, data, len);
  /* WasmFS traps on reads far past the end; Linux just reads nothing there. A file of size 0
     reads nothing past it already, and a /proc file (size 0) reads its text at any position. */
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && position >= st.st_size)
    return 0;
  return pread(fd, data, len, position);
}

/* Calls f(fd) for the one-fd syscalls: close, fsync, fdatasync. */
static JSValue fd_call(JSContext *ctx, JSValueConst arg, int (*f)(int)) {
  int32_t fd;
  if (JS_ToInt32(ctx, &fd, arg) < 0) return JS_EXCEPTION;
  if (fcntl(fd, F_GETFL) < 0) return FS_ERRNO(); /* WasmFS syncs closed fds happily */
  return FS_RESULT(f(fd));
}

/* close(fd) -> 0 */
int qjsw_close_journaled(int fd) {
  qjsw_journal_closed(fd);
  int r = close(fd);
  /* the number is free for an fd opened elsewhere (a directory stream, the journal) */
  if (r == 0 && fd >= 0 && fd < QJSW_MAX_MARKED_FD) no_access_fd[fd] = 0;
  return r;
}

static JSValue js_fs_close(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  return fd_call(ctx, argv[0], qjsw_close_journaled);
}

/* fsync(fd) -> 0; written data is a change by now */
static int fsync_journaled(int fd) {
  if (fd_path_only(fd)) return -1;
  int r = fsync(fd);
  if (r == 0) qjsw_journal_synced(fd);
  return r;
}

static int fdatasync_journaled(int fd) {
  if (fd_path_only(fd)) return -1;
  int r = fdatasync(fd);
  if (r == 0) qjsw_journal_synced(fd);
  return r;
}

static JSValue js_fs_fsync(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  return fd_call(ctx, argv[0], fsync_journaled);
}

/* fdatasync(fd) -> 0 */
static JSValue js_fs_fdatasync(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv) {
  return fd_call(ctx, argv[0], fdatasync_journaled);
}

/* The window [offset, offset + length) of a buffer argument, checked. */
static uint8_t *buffer_window(JSContext *ctx, JSValueConst buf, JSValueConst off, JSValueConst len,
                              size_t *out_len) {
  size_t size;
  int64_t offset, length;
  uint8_t *data = qjsw_get_bytes(ctx, buf, &size);
  if (!data) return NULL;
  if (JS_ToInt64(ctx, &offset, off) < 0 || JS_ToInt64(ctx, &length, len) < 0) return NULL;
  if (offset < 0 || length < 0 || (uint64_t)offset + (uint64_t)length > size) {
    JS_ThrowRangeError(ctx, "buffer window out of range");
    return NULL;
  }
  *out_len = (size_t)length;
  return data + offset;
}

/* (fd, buffer, offset, length, position) -> bytes moved; position < 0 uses the cursor */
static JSValue buffer_io(JSContext *ctx, JSValueConst *argv, int is_write) {
  int32_t fd;
  int64_t position;
  size_t length;
  if (JS_ToInt32(ctx, &fd, argv[0]) < 0) return JS_EXCEPTION;
  uint8_t *data = buffer_window(ctx, argv[1], argv[2], argv[3], &length);
  if (!data || JS_ToInt64(ctx, &position, argv[4]) < 0) return JS_EXCEPTION;
  ssize_t n = do_io(fd, data, length, position, is_write);
  return n < 0 ? FS_ERRNO() : JS_NewInt64(ctx, n);
}

/* read(fd, buffer, offset, length, position) -> bytes read */
static JSValue js_fs_read(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  return buffer_io(ctx, argv, 0);
}

/* write(fd, buffer, offset, length, position) -> bytes written */
static JSValue js_fs_write(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  return buffer_io(ctx, argv, 1);
}

/* writeString(fd, string, position) -> bytes written, as UTF-8 */
static JSValue js_fs_write_string(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv) {
  int32_t fd;
  int64_t position;
  size_t len;
  if (JS_ToInt32(ctx, &fd, argv[0]) < 0 || JS_ToInt64(ctx, &position, argv[2]) < 0)
    return JS_EXCEPTION;
  QJSWUtf8 u;
  if (qjsw_utf8_get(ctx, argv[1], &u) < 0) return JS_EXCEPTION;
  len = u.len;
  ssize_t n = do_io(fd, (void *)u.data, len, position, 1);
  JSValue ret = n < 0 ? FS_ERRNO() : JS_NewInt64(ctx, n);
  qjsw_utf8_free(ctx, &u);
  return ret;
}

/* Runs the buffers of a readv/writev through `io` one by one; stops at a short transfer. */
static JSValue vector_io(JSContext *ctx, JSValueConst *argv, int is_write) {
  int32_t fd;
  int64_t position;
  uint32_t count;
  if (JS_ToInt32(ctx, &fd, argv[0]) < 0 || JS_ToInt64(ctx, &position, argv[2]) < 0)
    return JS_EXCEPTION;
  JSValue len_val = JS_GetPropertyStr(ctx, argv[1], "length");
  if (JS_ToUint32(ctx, &count, len_val) < 0) {
    JS_FreeValue(ctx, len_val);
    return JS_EXCEPTION;
  }
  JS_FreeValue(ctx, len_val);
  if (count == 0 && !is_write) { /* Linux's readv rejects an empty vector */
    errno = EINVAL;
    return FS_ERRNO();
  }
  int64_t total = 0;
  for (uint32_t i = 0; i < count; i++) {
    JSValue item = JS_GetPropertyUint32(ctx, argv[1], i);
    size_t len;
    uint8_t *data = qjsw_get_bytes(ctx, item, &len);
    JS_FreeValue(ctx, item); /* the array keeps the buffer alive */
    if (!data) return JS_EXCEPTION;
    ssize_t n = do_io(fd, data, len, position < 0 ? -1 : position + total, is_write);
    if (n < 0) return total > 0 ? JS_NewInt64(ctx, total) : FS_ERRNO();
    total += n;
    if ((size_t)n < len) break;
  }
  return JS_NewInt64(ctx, total);
}

/* readv(fd, buffers, position) -> bytes read */
static JSValue js_fs_readv(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  return vector_io(ctx, argv, 0);
}

/* writev(fd, buffers, position) -> bytes written */
static JSValue js_fs_writev(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  return vector_io(ctx, argv, 1);
}

/* ftruncate(fd, length) -> 0 */
static JSValue js_fs_ftruncate(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv) {
  int32_t fd;
  int64_t len;
  if (JS_ToInt32(ctx, &fd, argv[0]) < 0 || JS_ToInt64(ctx, &len, argv[1]) < 0) return JS_EXCEPTION;
  if (fd_path_only(fd)) return FS_ERRNO();
  int flags = fcntl(fd, F_GETFL);
  if (flags >= 0 &&
      ((flags & O_ACCMODE) == O_RDONLY || fd_no_access(fd))) { /* Linux: EINVAL unless writable */
    errno = EINVAL;
    return FS_ERRNO();
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && len > st.st_size && !qjsw_file_size_ok(len) && !qjsw_mount_fd(fd)) {
    errno = EFBIG;
    return FS_ERRNO();
  }
  int r = ftruncate(fd, len);
  if (r == 0) qjsw_journal_written(fd);
  if (r == 0) touch_mtime_fd(fd);
  return FS_RESULT(r);
}

/* fchmod(2) that reaches a mounted file's host file too */
int qjsw_fchmod(int fd, mode_t mode) {
  if (qjsw_mount_attr(qjsw_mount_setattr(fd, NULL, 0, QJSW_ATTR_CHMOD, mode, 0, 0)) < 0) return -1;
  return fchmod(fd, mode);
}

/* fchmod(fd, mode) -> 0 */
static JSValue js_fs_fchmod(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t fd, mode;
  if (JS_ToInt32(ctx, &fd, argv[0]) < 0 || JS_ToInt32(ctx, &mode, argv[1]) < 0) return JS_EXCEPTION;
  if (fd_path_only(fd)) return FS_ERRNO();
  return FS_RESULT(qjsw_fchmod(fd, (mode_t)mode));
}

/* fchown(fd, uid, gid) -> 0 */
static JSValue js_fs_fchown(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t fd, uid, gid;
  if (JS_ToInt32(ctx, &fd, argv[0]) < 0 || JS_ToInt32(ctx, &uid, argv[1]) < 0 ||
      JS_ToInt32(ctx, &gid, argv[2]) < 0)
    return JS_EXCEPTION;
  if (fd_path_only(fd)) return FS_ERRNO();
  if (qjsw_mount_attr(qjsw_mount_setattr(fd, NULL, 0, QJSW_ATTR_CHECK, 0, 0, 0)) < 0)
    return FS_ERRNO();
  return FS_RESULT(fchown(fd, (uid_t)uid, (gid_t)gid));
}

/* futimes(fd, atimeSeconds, mtimeSeconds) -> 0 */
static JSValue js_fs_futimes(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t fd;
  double atime, mtime;
  if (JS_ToInt32(ctx, &fd, argv[0]) < 0 || JS_ToFloat64(ctx, &atime, argv[1]) < 0 ||
      JS_ToFloat64(ctx, &mtime, argv[2]) < 0)
    return JS_EXCEPTION;
  if (fd_path_only(fd)) return FS_ERRNO();
  struct timespec times[2] = {qjsw_timespec(atime), qjsw_timespec(mtime)};
  struct stat st;
  if ((isnan(atime) || isnan(mtime)) && fstat(fd, &st) == 0) { /* an Invalid Date */
    errno = EINVAL;
    return FS_ERRNO();
  }
  if (qjsw_mount_attr(qjsw_mount_setattr(fd, NULL, 0, QJSW_ATTR_UTIMES, 0, atime, mtime)) < 0)
    return FS_ERRNO();
  return FS_RESULT(futimens(fd, times));
}

/* fstat(fd, target) -> as stat (fs_path.c): a Stats object or the raw numbers; or errno */
static JSValue js_fs_fstat(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t fd;
  if (JS_ToInt32(ctx, &fd, argv[0]) < 0) return JS_EXCEPTION;
  struct stat st;
  if (fstat(fd, &st) < 0) return FS_ERRNO();
  return qjsw_stat_result(ctx, &st, argv[1]);
}

const JSCFunctionListEntry qjsw_fs_fd_funcs[] = {
    JS_CFUNC_DEF("open", 3, js_fs_open),
    JS_CFUNC_DEF("close", 1, js_fs_close),
    JS_CFUNC_DEF("read", 5, js_fs_read),
    JS_CFUNC_DEF("write", 5, js_fs_write),
    JS_CFUNC_DEF("writeString", 3, js_fs_write_string),
    JS_CFUNC_DEF("readv", 3, js_fs_readv),
    JS_CFUNC_DEF("writev", 3, js_fs_writev),
    JS_CFUNC_DEF("fsync", 1, js_fs_fsync),
    JS_CFUNC_DEF("fdatasync", 1, js_fs_fdatasync),
    JS_CFUNC_DEF("ftruncate", 2, js_fs_ftruncate),
    JS_CFUNC_DEF("fchmod", 2, js_fs_fchmod),
    JS_CFUNC_DEF("fchown", 3, js_fs_fchown),
    JS_CFUNC_DEF("futimes", 3, js_fs_futimes),
    JS_CFUNC_DEF("fstat", 2, js_fs_fstat),
};
const size_t qjsw_fs_fd_funcs_count = QTS_COUNTOF(qjsw_fs_fd_funcs);
