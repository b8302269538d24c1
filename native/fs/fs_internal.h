/*
 * Shared by the files of qjsw:binding/fs (fs.c registers the module; fs_fd.c,
 * fs_path.c and fs_dir.c each contribute a function list). Every binding returns
 * its raw result, or a negative libuv errno (-2 for ENOENT) as a number.
 */
#ifndef QJSW_FS_INTERNAL_H
#define QJSW_FS_INTERNAL_H

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "bindings/bytes.h"
#include "wasmfs/mounts.h"
#include "ffi/qts.h"
#include "bindings/uv.h"

#define FS_ERRNO() JS_NewInt32(ctx, qjsw_uv_errno(errno))

/* A syscall's int result as the binding returns it: the value, or -errno as libuv's. */
static inline JSValue fs_result(JSContext *ctx, int r) {
  return JS_NewInt32(ctx, r < 0 ? qjsw_uv_errno(errno) : r);
}
#define FS_RESULT(r) fs_result(ctx, (r))

/* Node's Stats field order (kFsStatsFieldsNumber = 18). */
enum { QJSW_STAT_FIELDS = 18 };
void qjsw_fill_stats(double *out, const struct stat *st);
JSValue qjsw_stat_result(JSContext *ctx, const struct stat *st, JSValueConst target);

/* A Float64Array of at least QJSW_STAT_FIELDS, or NULL with an exception. */

/* "x/" (not "/"): Linux then requires the path to be a directory, WasmFS does not. */
static inline int qjsw_has_trailing_slash(const char *path) {
  size_t n = strlen(path);
  return n > 1 && path[n - 1] == '/';
}

/* The errno of the walk to `path`'s parent directory, 0 when it is one. */
int qjsw_parent_error(const char *path);

/* fs_fd.c, for the whole-file calls (fs_file.c): the access check of an fd opened with
   access mode 3 or O_PATH (-1 and EBADF), mtime for an O_TRUNC open that writes nothing, a
   close the journal hears of */
int qjsw_fd_check_access(int fd, int want_write);
void qjsw_touch_if_regular(int fd);
int qjsw_close_journaled(int fd);

/* linux_paths.c: path calls as Linux makes them (errno set and -1, as the syscalls, unless
   noted) */
int qjsw_mkdir(const char *path, mode_t mode);
void qjsw_inherit_setgid(const char *path);
int qjsw_rmdir(const char *path);
int qjsw_unlink(const char *path);
int qjsw_rename(const char *from, const char *to);
int qjsw_link(const char *existing, const char *newpath);
int qjsw_symlink(const char *target, const char *path);
/* 0, or -errno */
int qjsw_realpath(const char *path, char *out);
/* 0, or a negative uv errno */
int qjsw_copy_file(const char *src, const char *dst, int mode);
/* Linux's errno for a non-directory named with a trailing slash (0 if none) */
int qjsw_trailing_slash_error(const char *path, int follow);

/* The process umask, which WasmFS does not apply: modes of created files and
   directories are masked here. Node's usual default. */
extern mode_t qjsw_umask;

/* open(2) with Linux's trailing-slash rule: ENOTDIR for a non-directory,
   EISDIR when it would create a file. */
int qjsw_open(const char *path, int flags, int mode);
int qjsw_fchmod(int fd, mode_t mode);

/* Whether a file may grow to `size` bytes. In-memory files must fit in Wasm
   memory, and WasmFS aborts the instance when growing one fails, so sizes that
   could not be allocated are refused up front (EFBIG) instead. */
int qjsw_file_size_ok(int64_t size);

/* A mount's part of a metadata call (qjsw_mount_setattr's result): 0 to go on with the
   WasmFS call, or -1 with errno set. */
static inline int qjsw_mount_attr(int r) {
  if (r < 0) {
    errno = -r;
    return -1;
  }
  return 0;
}

/* Seconds (fractional) as a timespec. */
struct timespec qjsw_timespec(double seconds);

extern const JSCFunctionListEntry qjsw_fs_fd_funcs[];
extern const size_t qjsw_fs_fd_funcs_count;
extern const JSCFunctionListEntry qjsw_fs_file_funcs[];
extern const size_t qjsw_fs_file_funcs_count;
extern const JSCFunctionListEntry qjsw_fs_path_funcs[];
extern const size_t qjsw_fs_path_funcs_count;
extern const JSCFunctionListEntry qjsw_fs_watch_funcs[];
extern const size_t qjsw_fs_watch_funcs_count;
extern const JSCFunctionListEntry qjsw_fs_dir_funcs[];
extern const size_t qjsw_fs_dir_funcs_count;

#endif
