/* qjsw:binding/fs, path family: metadata, links, creation and removal of
   names, copies, times and modes. */
#include <fcntl.h>
#include <math.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "bindings/array_of.h"
#include "fs/fs_internal.h"
#include "wasmfs/storage.h"
#include "journal/journal.h"

/* Runs f(path) for one-path syscalls taking only the path; `change` goes to the journal on
   success. */
static JSValue path_call(JSContext *ctx, JSValueConst arg, int (*f)(const char *), int change) {
  const char *path = JS_ToCString(ctx, arg);
  if (!path) return JS_EXCEPTION;
  int r = f(path);
  if (r == 0 && change) qjsw_journal_record(change, path, NULL);
  JSValue ret = FS_RESULT(r);
  JS_FreeCString(ctx, path);
  return ret;
}

/* Runs f(a, b) for two-path syscalls; on success the journal gets `change` of b (a rename:
   from a). */
static JSValue two_path_call(JSContext *ctx, JSValueConst *argv,
                             int (*f)(const char *, const char *), int change) {
  const char *a = JS_ToCString(ctx, argv[0]);
  if (!a) return JS_EXCEPTION;
  const char *b = JS_ToCString(ctx, argv[1]);
  if (!b) {
    JS_FreeCString(ctx, a);
    return JS_EXCEPTION;
  }
  int r = f(a, b);
  if (r == 0 && change) qjsw_journal_record(change, b, change == QJSW_CHANGE_RENAME ? a : NULL);
  JSValue ret = FS_RESULT(r);
  JS_FreeCString(ctx, a);
  JS_FreeCString(ctx, b);
  return ret;
}

/* stat(path, target, followSymlinks) -> a Stats object whose prototype is `target`, or 0 with
   the raw numbers in `target` when it is a Float64Array(18) (see qjsw_stat_result); or errno */
static JSValue js_fs_stat(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int follow = JS_ToBool(ctx, argv[2]);
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  struct stat st;
  /* A trailing slash makes Linux resolve the last component and require a
     directory; WasmFS ignores it. */
  int slash = qjsw_has_trailing_slash(path);
  int r = follow || slash ? stat(path, &st) : lstat(path, &st);
  JS_FreeCString(ctx, path);
  if (r < 0) return FS_ERRNO();
  if (slash && !S_ISDIR(st.st_mode)) return JS_NewInt32(ctx, qjsw_uv_errno(ENOTDIR));
  return qjsw_stat_result(ctx, &st, argv[1]);
}

/* statfs(path) -> [type, bsize, blocks, bfree, bavail, files, ffree] */
static JSValue js_fs_statfs(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  struct statfs s;
  int r = statfs(path, &s);
  /* the in-memory tree's size is its storage bound: free space is what the bound leaves */
  double limit = qjsw_storage_limit();
  if (r == 0 && limit >= 0 && !qjsw_mount_path(path)) {
    double used = qjsw_storage_used(), left = limit > used ? limit - used : 0;
    if (s.f_bsize <= 0) s.f_bsize = 4096;
    s.f_blocks = (fsblkcnt_t)(limit / s.f_bsize);
    s.f_bfree = s.f_bavail = (fsblkcnt_t)(left / s.f_bsize);
    s.f_files = (fsfilcnt_t)(limit / 512); /* a file, directory or symlink costs 512 bytes */
    s.f_ffree = (fsfilcnt_t)(left / 512);
  }
  JS_FreeCString(ctx, path);
  if (r < 0) return FS_ERRNO();
  double fields[] = {(double)s.f_type,   (double)s.f_bsize, (double)s.f_blocks, (double)s.f_bfree,
                     (double)s.f_bavail, (double)s.f_files, (double)s.f_ffree};
  JSValue items[QTS_COUNTOF(fields)];
  for (uint32_t i = 0; i < QTS_COUNTOF(fields); i++) items[i] = JS_NewFloat64(ctx, fields[i]);
  return qjsw_array_of(ctx, items, QTS_COUNTOF(fields));
}

/* access(path, mode) -> 0 */
static JSValue js_fs_access(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t mode;
  if (JS_ToInt32(ctx, &mode, argv[1]) < 0) return JS_EXCEPTION;
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  struct stat st;
  int r;
  /* path lookup comes before the permission check: "file/" is ENOTDIR whatever the mode */
  if (qjsw_has_trailing_slash(path) && stat(path, &st) == 0 && !S_ISDIR(st.st_mode)) {
    errno = ENOTDIR;
    r = -1;
  } else {
    r = access(path, mode);
  }
  /* Linux: asking for write access on a read-only file system is EROFS */
  if (r == 0 && (mode & W_OK))
    r = qjsw_mount_attr(qjsw_mount_setattr(-1, path, 0, QJSW_ATTR_CHECK, 0, 0, 0));
  JS_FreeCString(ctx, path);
  return FS_RESULT(r);
}

/* How mkdir -p goes, as Node's MKDirpSync and MKDirpAsync do it: the two differ when a parent
   exists but does not lead to a directory (a dangling symlink): the sync form reports stat()'s
   error for the whole path, the async form ENOTDIR for that parent. */
struct mkdirp_state {
  mode_t mode;
  int async;     /* MKDirpAsync's answers */
  char *first;   /* the topmost directory created */
  char *errpath; /* async: the parent an error is about, when not the whole path */
};

/* mkdir -p met an existing name: fine if it is (or leads to) a directory. */
static int existing_dir_result(struct mkdirp_state *st, const char *path, int is_parent) {
  struct stat sb;
  int r = stat(path, &sb);
  if (r == 0 && S_ISDIR(sb.st_mode)) return 0;
  if (st->async && is_parent) {
    st->errpath = strdup(path);
    return qjsw_uv_errno(ENOTDIR);
  }
  if (r < 0) return qjsw_uv_errno(errno);
  /* Linux's stat("file/") fails with ENOTDIR, which Node then reports */
  return qjsw_uv_errno(is_parent || qjsw_has_trailing_slash(path) ? ENOTDIR : EEXIST);
}

/* Creates `path` and its missing parents. Returns 0 or a negative uv errno. */
static int mkdirp(struct mkdirp_state *st, char *path, int is_parent) {
  if (qjsw_mkdir(path, st->mode) == 0) {
    free(st->first);
    st->first = strdup(path);
    return 0;
  }
  if (errno == EEXIST) return existing_dir_result(st, path, is_parent);
  if (errno != ENOENT) return qjsw_uv_errno(errno);
  /* Node's MKDirpSync: the parent is what precedes the last '/', as written (so "a//b/" tries
     "a//b", then "a/", and reports the first one it makes as spelled) */
  char *slash = strrchr(path, '/');
  if (!slash || slash == path) return qjsw_uv_errno(ENOENT);
  *slash = '\0';
  int ret = mkdirp(st, path, 1);
  *slash = '/';
  if (ret < 0) return ret;
  if (qjsw_mkdir(path, st->mode) == 0) {
    if (!st->first) st->first = strdup(path);
    return 0;
  }
  if (errno == EEXIST) return existing_dir_result(st, path, is_parent);
  return qjsw_uv_errno(errno);
}

/* mkdir -p made `first` and everything below it down to `path`: each is a new directory. */
static void journal_created_dirs(const char *first, const char *path) {
  size_t n = strlen(first), end = strlen(path);
  while (end > 1 && path[end - 1] == '/') end--;
  char *prefix = strndup(path, end);
  if (!prefix) return;
  qjsw_journal_record(QJSW_CHANGE_CREATE, first, NULL);
  for (size_t i = n + 1; i <= end; i++) {
    if (i == end || prefix[i] == '/') {
      char c = prefix[i];
      prefix[i] = '\0';
      if (i > n) qjsw_journal_record(QJSW_CHANGE_CREATE, prefix, NULL);
      prefix[i] = c;
    }
  }
  free(prefix);
}

/* mkdir(path, mode, recursive, async) -> 0, or (recursive) the first directory created /
   undefined; an error as a negative errno, or as [errno, path] when about a parent (async) */
static JSValue js_fs_mkdir(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t mode;
  if (JS_ToInt32(ctx, &mode, argv[1]) < 0) return JS_EXCEPTION;
  int recursive = JS_ToBool(ctx, argv[2]);
  int async = argc > 3 && JS_ToBool(ctx, argv[3]);
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  JSValue ret;
  if (!recursive) {
    int r = qjsw_mkdir(path, (mode_t)mode & ~qjsw_umask);
    if (r == 0) qjsw_journal_record(QJSW_CHANGE_CREATE, path, NULL);
    ret = FS_RESULT(r);
  } else {
    char *copy = strdup(path);
    struct mkdirp_state st = {(mode_t)mode & ~qjsw_umask, async, NULL, NULL};
    int err = copy ? mkdirp(&st, copy, 0) : qjsw_uv_errno(ENOMEM);
    if (err >= 0 && st.first && qjsw_journal_on) journal_created_dirs(st.first, path);
    if (err < 0 && st.errpath) {
      JSValue items[2] = {JS_NewInt32(ctx, err), JS_NewString(ctx, st.errpath)};
      ret = qjsw_array_of(ctx, items, 2);
    } else {
      ret = err < 0 ? JS_NewInt32(ctx, err) : st.first ? JS_NewString(ctx, st.first) : JS_UNDEFINED;
    }
    free(st.first);
    free(st.errpath);
    free(copy);
  }
  JS_FreeCString(ctx, path);
  return ret;
}

/* mkdtemp(prefix) -> the created path */
static JSValue js_fs_mkdtemp(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  size_t len;
  const char *prefix = JS_ToCStringLen(ctx, &len, argv[0]);
  if (!prefix) return JS_EXCEPTION;
  char *tmpl = malloc(len + 7);
  if (!tmpl) {
    JS_FreeCString(ctx, prefix);
    return JS_NewInt32(ctx, qjsw_uv_errno(ENOMEM));
  }
  memcpy(tmpl, prefix, len);
  memcpy(tmpl + len, "XXXXXX", 7);
  JS_FreeCString(ctx, prefix);
  JSValue ret;
  if (mkdtemp(tmpl)) {
    qjsw_inherit_setgid(tmpl);
    ret = JS_NewString(ctx, tmpl);
  } else {
    ret = FS_ERRNO();
  }
  if (!JS_IsException(ret) && JS_IsString(ret)) qjsw_journal_record(QJSW_CHANGE_CREATE, tmpl, NULL);
  free(tmpl);
  return ret;
}

/* rmdir(path) -> 0 */
static JSValue js_fs_rmdir(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  return path_call(ctx, argv[0], qjsw_rmdir, QJSW_CHANGE_DELETE);
}

/* unlink(path) -> 0 */
static JSValue js_fs_unlink(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  return path_call(ctx, argv[0], qjsw_unlink, QJSW_CHANGE_DELETE);
}

/* rename(from, to) -> 0 */
static JSValue js_fs_rename(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  return two_path_call(ctx, argv, qjsw_rename, QJSW_CHANGE_RENAME);
}

/* link(existing, new) -> 0 */
static JSValue js_fs_link(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  return two_path_call(ctx, argv, qjsw_link, QJSW_CHANGE_CREATE);
}

/* symlink(target, path) -> 0 */
static JSValue js_fs_symlink(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  return two_path_call(ctx, argv, qjsw_symlink, QJSW_CHANGE_CREATE);
}

/* readlink(path) -> target */
static JSValue js_fs_readlink(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  char buf[PATH_MAX];
  struct stat st;
  /* "x/" names a directory (no link: EINVAL) or fails to (ENOTDIR) */
  /* "x/" follows a link: a directory is no link (EINVAL), a file fails (ENOTDIR), and a
     dangling link fails as its target does */
  ssize_t n = qjsw_has_trailing_slash(path) && lstat(path, &st) == 0
                  ? (errno = stat(path, &st) < 0   ? errno
                             : S_ISDIR(st.st_mode) ? EINVAL
                                                   : ENOTDIR,
                     -1)
                  : readlink(path, buf, sizeof(buf));
  JS_FreeCString(ctx, path);
  if (n < 0) return FS_ERRNO();
  return JS_NewStringLen(ctx, buf, (size_t)n);
}

/* realpath(path) -> resolved path */
static JSValue js_fs_realpath(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  char out[PATH_MAX];
  int r = qjsw_realpath(path, out);
  JS_FreeCString(ctx, path);
  if (r < 0) return JS_NewInt32(ctx, qjsw_uv_errno(-r));
  return JS_NewString(ctx, out);
}

static JSValue js_fs_copy_file(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv) {
  int32_t mode;
  if (JS_ToInt32(ctx, &mode, argv[2]) < 0) return JS_EXCEPTION;
  const char *src = JS_ToCString(ctx, argv[0]);
  if (!src) return JS_EXCEPTION;
  const char *dst = JS_ToCString(ctx, argv[1]);
  if (!dst) {
    JS_FreeCString(ctx, src);
    return JS_EXCEPTION;
  }
  struct stat st;
  int existed = qjsw_journal_on && stat(dst, &st) == 0;
  int r = qjsw_copy_file(src, dst, mode);
  if (r == 0) qjsw_journal_record(existed ? QJSW_CHANGE_CHANGE : QJSW_CHANGE_CREATE, dst, NULL);
  JS_FreeCString(ctx, src);
  JS_FreeCString(ctx, dst);
  return JS_NewInt32(ctx, r);
}

/* chmod(path, mode) -> 0 */
static JSValue js_fs_chmod(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t mode;
  if (JS_ToInt32(ctx, &mode, argv[1]) < 0) return JS_EXCEPTION;
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  int e = qjsw_trailing_slash_error(path, 1);
  int r =
      e ? (errno = e, -1)
      : qjsw_mount_attr(qjsw_mount_setattr(-1, path, 0, QJSW_ATTR_CHMOD, (mode_t)mode, 0, 0)) < 0
          ? -1
          : chmod(path, (mode_t)mode);
  if (r == 0) qjsw_journal_record(QJSW_CHANGE_CHANGE, path, NULL);
  JS_FreeCString(ctx, path);
  return FS_RESULT(r);
}

/* chown(path, uid, gid, followSymlinks) -> 0 */
static JSValue js_fs_chown(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t uid, gid;
  if (JS_ToInt32(ctx, &uid, argv[1]) < 0 || JS_ToInt32(ctx, &gid, argv[2]) < 0) return JS_EXCEPTION;
  int follow = JS_ToBool(ctx, argv[3]);
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  int e = qjsw_trailing_slash_error(path, 1);
  int r = e ? (errno = e, -1)
          : qjsw_mount_attr(qjsw_mount_setattr(-1, path, !follow, QJSW_ATTR_CHECK, 0, 0, 0)) < 0
              ? -1
          : follow ? chown(path, (uid_t)uid, (gid_t)gid)
                   : lchown(path, (uid_t)uid, (gid_t)gid);
  if (r == 0) qjsw_journal_record(QJSW_CHANGE_CHANGE, path, NULL);
  JS_FreeCString(ctx, path);
  return FS_RESULT(r);
}

/* utimes(path, atimeSeconds, mtimeSeconds, followSymlinks) -> 0 */
static JSValue js_fs_utimes(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  double atime, mtime;
  if (JS_ToFloat64(ctx, &atime, argv[1]) < 0 || JS_ToFloat64(ctx, &mtime, argv[2]) < 0)
    return JS_EXCEPTION;
  int follow = JS_ToBool(ctx, argv[3]);
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  struct timespec times[2] = {qjsw_timespec(atime), qjsw_timespec(mtime)};
  int e = qjsw_trailing_slash_error(path, 1);
  struct stat st;
  /* an Invalid Date: Linux finds the file, then refuses the time */
  if (!e && (isnan(atime) || isnan(mtime)))
    e = (follow ? stat(path, &st) : lstat(path, &st)) < 0 ? errno : EINVAL;
  int r = e ? (errno = e, -1)
          : qjsw_mount_attr(
                qjsw_mount_setattr(-1, path, !follow, QJSW_ATTR_UTIMES, 0, atime, mtime)) < 0
              ? -1
              : utimensat(AT_FDCWD, path, times, follow ? 0 : AT_SYMLINK_NOFOLLOW);
  if (r == 0) qjsw_journal_record(QJSW_CHANGE_CHANGE, path, NULL);
  JS_FreeCString(ctx, path);
  return FS_RESULT(r);
}

/* Node's truncate is open + ftruncate: a file that cannot grow is ftruncate's error (no path). */
static JSValue grow_failed(JSContext *ctx, int err) {
  JSValue items[2] = {JS_NewInt32(ctx, qjsw_uv_errno(err)), JS_NewString(ctx, "ftruncate")};
  return qjsw_array_of(ctx, items, 2);
}

/* truncate(path, length) -> 0, -errno, or [errno, 'ftruncate'] when the file cannot grow */
static JSValue js_fs_truncate(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int64_t len;
  if (JS_ToInt64(ctx, &len, argv[1]) < 0) return JS_EXCEPTION;
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  struct stat st;
  if (qjsw_has_trailing_slash(path) && stat(path, &st) == 0 && !S_ISDIR(st.st_mode)) {
    JS_FreeCString(ctx, path);
    return JS_NewInt32(ctx, qjsw_uv_errno(ENOTDIR));
  }
  if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && len > st.st_size && !qjsw_file_size_ok(len) &&
      !qjsw_mount_path(path)) {
    JS_FreeCString(ctx, path);
    return grow_failed(ctx, EFBIG);
  }
  int r = truncate(path, len);
  if (r < 0 && (errno == ENOSPC || errno == EFBIG)) {
    JS_FreeCString(ctx, path);
    return grow_failed(ctx, errno);
  }
  if (r == 0) { /* Linux moves mtime on truncate; WasmFS does not */
    struct timespec times[2] = {{0, UTIME_OMIT}, {0, UTIME_NOW}};
    utimensat(AT_FDCWD, path, times, 0);
  }
  if (r == 0) qjsw_journal_record(QJSW_CHANGE_CHANGE, path, NULL);
  JS_FreeCString(ctx, path);
  return FS_RESULT(r);
}

/* cwd() -> the working directory (process.cwd) */
static JSValue js_fs_cwd(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  char buf[PATH_MAX];
  if (!qjsw_getcwd(buf, sizeof(buf))) return FS_ERRNO();
  return JS_NewString(ctx, buf);
}

/* chdir(path) -> 0 (process.chdir) */
static JSValue js_fs_chdir(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  return path_call(ctx, argv[0], chdir, 0);
}

/* umask(mask): the mask files and directories are created with (a number sets it, 0-0777);
   returns the one before. Only the guest's own creations see it. */
static JSValue js_fs_umask(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  mode_t old = qjsw_umask;
  if (argc > 0 && JS_IsNumber(argv[0])) {
    uint32_t mask;
    if (JS_ToUint32(ctx, &mask, argv[0])) return JS_EXCEPTION;
    qjsw_umask = (mode_t)(mask & 0777);
  }
  return JS_NewInt32(ctx, (int32_t)old);
}

const JSCFunctionListEntry qjsw_fs_path_funcs[] = {
    JS_CFUNC_DEF("umask", 1, js_fs_umask),       JS_CFUNC_DEF("cwd", 0, js_fs_cwd),
    JS_CFUNC_DEF("chdir", 1, js_fs_chdir),       JS_CFUNC_DEF("stat", 3, js_fs_stat),
    JS_CFUNC_DEF("statfs", 1, js_fs_statfs),     JS_CFUNC_DEF("access", 2, js_fs_access),
    JS_CFUNC_DEF("mkdir", 3, js_fs_mkdir),       JS_CFUNC_DEF("mkdtemp", 1, js_fs_mkdtemp),
    JS_CFUNC_DEF("rmdir", 1, js_fs_rmdir),       JS_CFUNC_DEF("unlink", 1, js_fs_unlink),
    JS_CFUNC_DEF("rename", 2, js_fs_rename),     JS_CFUNC_DEF("link", 2, js_fs_link),
    JS_CFUNC_DEF("symlink", 2, js_fs_symlink),   JS_CFUNC_DEF("readlink", 1, js_fs_readlink),
    JS_CFUNC_DEF("realpath", 1, js_fs_realpath), JS_CFUNC_DEF("copyFile", 3, js_fs_copy_file),
    JS_CFUNC_DEF("chmod", 2, js_fs_chmod),       JS_CFUNC_DEF("chown", 4, js_fs_chown),
    JS_CFUNC_DEF("utimes", 4, js_fs_utimes),     JS_CFUNC_DEF("truncate", 2, js_fs_truncate),
};
const size_t qjsw_fs_path_funcs_count = QTS_COUNTOF(qjsw_fs_path_funcs);
