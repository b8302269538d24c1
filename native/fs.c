/*
 * qjsw:binding/fs — POSIX file calls against WasmFS for modules/fs.js.
 *
 * Each function takes arguments modules/fs.js has already validated, performs
 * the syscall and returns the raw result, or a negative libuv errno (-2 for
 * ENOENT) on failure. Building Node's error objects is the JS layer's job.
 * Data moves straight between WasmFS and QuickJS strings/ArrayBuffers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "builtins.h"
#include "bytes.h"
#include "qts.h"
#include "uv.h"

#define FAIL() JS_NewInt32(ctx, qjsw_uv_errno(errno))

/* Node's Stats field order (kFsStatsFieldsNumber = 18). */
enum { STAT_FIELDS = 18 };

static void fill_stats(double *out, const struct stat *st) {
  out[0] = (double)st->st_dev;
  out[1] = (double)st->st_mode;
  out[2] = (double)st->st_nlink;
  out[3] = (double)st->st_uid;
  out[4] = (double)st->st_gid;
  out[5] = (double)st->st_rdev;
  out[6] = (double)st->st_blksize;
  out[7] = (double)st->st_ino;
  out[8] = (double)st->st_size;
  out[9] = (double)st->st_blocks;
  out[10] = (double)st->st_atim.tv_sec;
  out[11] = (double)st->st_atim.tv_nsec;
  out[12] = (double)st->st_mtim.tv_sec;
  out[13] = (double)st->st_mtim.tv_nsec;
  out[14] = (double)st->st_ctim.tv_sec;
  out[15] = (double)st->st_ctim.tv_nsec;
  /* no birth time in WasmFS; Linux without statx reports ctime */
  out[16] = (double)st->st_ctim.tv_sec;
  out[17] = (double)st->st_ctim.tv_nsec;
}

/* open(path, flags, mode) -> fd */
static JSValue js_fs_open(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t flags, mode;
  if (JS_ToInt32(ctx, &flags, argv[1]) < 0 || JS_ToInt32(ctx, &mode, argv[2]) < 0)
    return JS_EXCEPTION;
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  int fd = open(path, flags, mode);
  JS_FreeCString(ctx, path);
  return fd < 0 ? FAIL() : JS_NewInt32(ctx, fd);
}

/* close(fd) -> 0 */
static JSValue js_fs_close(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t fd;
  if (JS_ToInt32(ctx, &fd, argv[0]) < 0) return JS_EXCEPTION;
  return close(fd) < 0 ? FAIL() : JS_NewInt32(ctx, 0);
}

/* Reads the window [offset, offset + length) of a buffer argument, checked. */
static uint8_t *buffer_window(JSContext *ctx, JSValueConst buf, JSValueConst off,
                              JSValueConst len, size_t *out_len) {
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

/* read(fd, buffer, offset, length, position) -> bytes read; position < 0 reads at the cursor */
static JSValue js_fs_read(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t fd;
  int64_t position;
  size_t length;
  if (JS_ToInt32(ctx, &fd, argv[0]) < 0) return JS_EXCEPTION;
  uint8_t *data = buffer_window(ctx, argv[1], argv[2], argv[3], &length);
  if (!data || JS_ToInt64(ctx, &position, argv[4]) < 0) return JS_EXCEPTION;
  ssize_t n = position < 0 ? read(fd, data, length) : pread(fd, data, length, position);
  return n < 0 ? FAIL() : JS_NewInt64(ctx, n);
}

/* write(fd, buffer, offset, length, position) -> bytes written */
static JSValue js_fs_write(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t fd;
  int64_t position;
  size_t length;
  if (JS_ToInt32(ctx, &fd, argv[0]) < 0) return JS_EXCEPTION;
  uint8_t *data = buffer_window(ctx, argv[1], argv[2], argv[3], &length);
  if (!data || JS_ToInt64(ctx, &position, argv[4]) < 0) return JS_EXCEPTION;
  ssize_t n = position < 0 ? write(fd, data, length) : pwrite(fd, data, length, position);
  return n < 0 ? FAIL() : JS_NewInt64(ctx, n);
}

static int write_all(int fd, const uint8_t *data, size_t len) {
  while (len > 0) {
    ssize_t n = write(fd, data, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    data += n;
    len -= (size_t)n;
  }
  return 0;
}

/* writeFile(path, data: string | buffer view, flags, mode) -> 0; strings are written as UTF-8 */
static JSValue js_fs_write_file(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv) {
  int32_t flags, mode;
  if (JS_ToInt32(ctx, &flags, argv[2]) < 0 || JS_ToInt32(ctx, &mode, argv[3]) < 0)
    return JS_EXCEPTION;
  const char *str = NULL;
  const uint8_t *data;
  size_t len;
  if (JS_IsString(argv[1])) {
    str = JS_ToCStringLen(ctx, &len, argv[1]);
    data = (const uint8_t *)str;
  } else {
    data = qjsw_get_bytes(ctx, argv[1], &len);
  }
  if (!data) return JS_EXCEPTION;
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) {
    JS_FreeCString(ctx, str);
    return JS_EXCEPTION;
  }
  int ret = 0;
  int fd = open(path, flags, mode);
  if (fd < 0 || write_all(fd, data, len) < 0) ret = qjsw_uv_errno(errno);
  if (fd >= 0 && close(fd) < 0 && ret == 0) ret = qjsw_uv_errno(errno);
  JS_FreeCString(ctx, path);
  JS_FreeCString(ctx, str);
  return JS_NewInt32(ctx, ret);
}

/* Reads a whole file into a js_malloc'd block; -errno style on failure. */
static int read_whole(JSContext *ctx, const char *path, int flags, uint8_t **out, size_t *out_len,
                      int *failed_read) {
  *failed_read = 0;
  int fd = open(path, flags);
  if (fd < 0) return qjsw_uv_errno(errno);
  struct stat st;
  size_t cap = 0;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) cap = (size_t)st.st_size;
  if (cap == 0) cap = 8192;
  uint8_t *buf = js_malloc(ctx, cap + 1);
  size_t len = 0;
  int ret = 0;
  for (;;) {
    if (!buf) {
      ret = qjsw_uv_errno(ENOMEM);
      break;
    }
    if (len == cap) { /* the file grew, or its size was unknown */
      uint8_t *bigger = js_realloc(ctx, buf, cap * 2 + 1);
      if (!bigger) {
        js_free(ctx, buf);
        buf = NULL;
        continue;
      }
      buf = bigger;
      cap *= 2;
    }
    ssize_t n = read(fd, buf + len, cap - len);
    if (n < 0) {
      if (errno == EINTR) continue;
      ret = qjsw_uv_errno(errno);
      *failed_read = 1;
      break;
    }
    if (n == 0) break;
    len += (size_t)n;
  }
  close(fd);
  if (ret < 0) {
    js_free(ctx, buf);
    return ret;
  }
  *out = buf;
  *out_len = len;
  return 0;
}

/* A failed read() of a whole file reports syscall 'read' and no path, like Node. */
static JSValue read_failure(JSContext *ctx, int err, int failed_read) {
  JSValue arr = JS_NewArray(ctx);
  JS_SetPropertyUint32(ctx, arr, 0, JS_NewInt32(ctx, err));
  JS_SetPropertyUint32(ctx, arr, 1, JS_NewString(ctx, failed_read ? "read" : "open"));
  return arr;
}

/* Reads the file named by argv[0] with open flags argv[1] and hands the bytes
   (ownership included) to `wrap`; on failure returns [errno, syscall]. */
static JSValue read_file_as(JSContext *ctx, JSValueConst *argv,
                            JSValue (*wrap)(JSContext *ctx, uint8_t *buf, size_t len)) {
  int32_t flags;
  if (JS_ToInt32(ctx, &flags, argv[1]) < 0) return JS_EXCEPTION;
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  uint8_t *buf;
  size_t len;
  int failed_read;
  int ret = read_whole(ctx, path, flags, &buf, &len, &failed_read);
  JS_FreeCString(ctx, path);
  if (ret < 0) return read_failure(ctx, ret, failed_read);
  return wrap(ctx, buf, len);
}

static JSValue wrap_array_buffer(JSContext *ctx, uint8_t *buf, size_t len) {
  return JS_NewArrayBuffer(ctx, buf, len, qjsw_free_js_malloc, NULL, 0);
}

static JSValue wrap_utf8_string(JSContext *ctx, uint8_t *buf, size_t len) {
  JSValue s = JS_NewStringLen(ctx, (const char *)buf, len);
  js_free(ctx, buf);
  return s;
}

/* readFile(path, flags) -> ArrayBuffer, or [errno, syscall] */
static JSValue js_fs_read_file(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv) {
  return read_file_as(ctx, argv, wrap_array_buffer);
}

/* readFileUtf8(path, flags) -> string, or [errno, syscall] */
static JSValue js_fs_read_file_utf8(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv) {
  return read_file_as(ctx, argv, wrap_utf8_string);
}

static int stat_is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * mkdir -p: creates missing parents. Writes the topmost directory it created
 * (or nothing) to *first. Returns 0 or -errno style.
 */
static int mkdirp(char *path, mode_t mode, char **first) {
  if (mkdir(path, mode) == 0) {
    free(*first);
    *first = strdup(path);
    return 0;
  }
  if (errno == EEXIST) return stat_is_dir(path) ? 0 : qjsw_uv_errno(EEXIST);
  if (errno != ENOENT) return qjsw_uv_errno(errno);
  char *slash = strrchr(path, '/');
  while (slash && slash > path && slash[1] == '\0') { /* ignore trailing slashes */
    *slash = '\0';
    slash = strrchr(path, '/');
  }
  if (!slash || slash == path) return qjsw_uv_errno(ENOENT);
  *slash = '\0';
  int ret = mkdirp(path, mode, first);
  *slash = '/';
  if (ret < 0) return ret;
  if (mkdir(path, mode) == 0) {
    if (!*first) *first = strdup(path);
    return 0;
  }
  if (errno == EEXIST && stat_is_dir(path)) return 0;
  return qjsw_uv_errno(errno);
}

/* mkdir(path, mode, recursive) -> 0 (or, recursive, the first directory created / undefined) */
static JSValue js_fs_mkdir(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t mode;
  if (JS_ToInt32(ctx, &mode, argv[1]) < 0) return JS_EXCEPTION;
  int recursive = JS_ToBool(ctx, argv[2]);
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  JSValue ret;
  if (!recursive) {
    ret = mkdir(path, (mode_t)mode) < 0 ? FAIL() : JS_NewInt32(ctx, 0);
  } else {
    char *copy = strdup(path);
    char *first = NULL;
    int err = copy ? mkdirp(copy, (mode_t)mode, &first) : qjsw_uv_errno(ENOMEM);
    ret = err < 0 ? JS_NewInt32(ctx, err) : first ? JS_NewString(ctx, first) : JS_UNDEFINED;
    free(first);
    free(copy);
  }
  JS_FreeCString(ctx, path);
  return ret;
}

/* stat(path, out: Float64Array(18), followSymlinks) -> 0 */
static JSValue js_fs_stat(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  size_t len;
  uint8_t *out = qjsw_get_bytes(ctx, argv[1], &len);
  if (!out) return JS_EXCEPTION;
  if (len < STAT_FIELDS * sizeof(double)) return JS_ThrowRangeError(ctx, "stats array too small");
  int follow = JS_ToBool(ctx, argv[2]);
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  struct stat st;
  int r = follow ? stat(path, &st) : lstat(path, &st);
  JS_FreeCString(ctx, path);
  if (r < 0) return FAIL();
  fill_stats((double *)out, &st);
  return JS_NewInt32(ctx, 0);
}

/* fstat(fd, out: Float64Array(18)) -> 0 */
static JSValue js_fs_fstat(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t fd;
  size_t len;
  if (JS_ToInt32(ctx, &fd, argv[0]) < 0) return JS_EXCEPTION;
  uint8_t *out = qjsw_get_bytes(ctx, argv[1], &len);
  if (!out) return JS_EXCEPTION;
  if (len < STAT_FIELDS * sizeof(double)) return JS_ThrowRangeError(ctx, "stats array too small");
  struct stat st;
  if (fstat(fd, &st) < 0) return FAIL();
  fill_stats((double *)out, &st);
  return JS_NewInt32(ctx, 0);
}

/* access(path, mode) -> 0 */
static JSValue js_fs_access(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t mode;
  if (JS_ToInt32(ctx, &mode, argv[1]) < 0) return JS_EXCEPTION;
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  int r = access(path, mode);
  JS_FreeCString(ctx, path);
  return r < 0 ? FAIL() : JS_NewInt32(ctx, 0);
}

#define FS_CONST(name) JS_PROP_INT32_DEF(#name, name, JS_PROP_ENUMERABLE)

/* fs.constants as the Emscripten libc defines them (what the syscalls expect). */
static const JSCFunctionListEntry js_fs_constants[] = {
    FS_CONST(O_RDONLY), FS_CONST(O_WRONLY), FS_CONST(O_RDWR),     FS_CONST(O_CREAT),
    FS_CONST(O_EXCL),   FS_CONST(O_NOCTTY), FS_CONST(O_TRUNC),    FS_CONST(O_APPEND),
    FS_CONST(O_DIRECTORY), FS_CONST(O_NOFOLLOW), FS_CONST(O_SYNC), FS_CONST(O_DSYNC),
    FS_CONST(O_NONBLOCK), FS_CONST(S_IFMT), FS_CONST(S_IFREG),  FS_CONST(S_IFDIR),
    FS_CONST(S_IFCHR),  FS_CONST(S_IFBLK),  FS_CONST(S_IFIFO),    FS_CONST(S_IFLNK),
    FS_CONST(S_IFSOCK), FS_CONST(F_OK),     FS_CONST(R_OK),       FS_CONST(W_OK),
    FS_CONST(X_OK),
};

static const JSCFunctionListEntry js_fs_funcs[] = {
    JS_CFUNC_DEF("open", 3, js_fs_open),
    JS_CFUNC_DEF("close", 1, js_fs_close),
    JS_CFUNC_DEF("read", 5, js_fs_read),
    JS_CFUNC_DEF("write", 5, js_fs_write),
    JS_CFUNC_DEF("readFile", 2, js_fs_read_file),
    JS_CFUNC_DEF("readFileUtf8", 2, js_fs_read_file_utf8),
    JS_CFUNC_DEF("writeFile", 4, js_fs_write_file),
    JS_CFUNC_DEF("mkdir", 3, js_fs_mkdir),
    JS_CFUNC_DEF("stat", 3, js_fs_stat),
    JS_CFUNC_DEF("fstat", 2, js_fs_fstat),
    JS_CFUNC_DEF("access", 2, js_fs_access),
    JS_OBJECT_DEF("constants", js_fs_constants, QTS_COUNTOF(js_fs_constants), JS_PROP_ENUMERABLE),
    JS_PROP_INT32_DEF("kStatFields", STAT_FIELDS, JS_PROP_ENUMERABLE),
};

static int js_fs_init(JSContext *ctx, JSModuleDef *m) {
  return JS_SetModuleExportList(ctx, m, js_fs_funcs, QTS_COUNTOF(js_fs_funcs));
}

JSModuleDef *qjsw_init_binding_fs(JSContext *ctx, const char *module_name) {
  JSModuleDef *m = JS_NewCModule(ctx, module_name, js_fs_init);
  if (!m) return NULL;
  JS_AddModuleExportList(ctx, m, js_fs_funcs, QTS_COUNTOF(js_fs_funcs));
  return m;
}
