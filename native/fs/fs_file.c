/* qjsw:binding/fs, whole-file family: readFile and writeFile in one call each (open, every
   read or write, close), the way Node's readFileSync and writeFileSync reach libuv. */
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bindings/array_of.h"
#include "fs/fs_internal.h"
#include "journal/journal.h"

/* [errno, syscall]: how the whole-file calls say which of their syscalls failed. */
static JSValue errno_at(JSContext *ctx, int err, const char *syscall) {
  JSValue items[2] = {JS_NewInt32(ctx, err), JS_NewString(ctx, syscall)};
  return qjsw_array_of(ctx, items, 2);
}

static int write_all(int fd, const uint8_t *data, size_t len) {
  if (!qjsw_file_size_ok((int64_t)len)) {
    errno = EFBIG;
    return -1;
  }
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

/* writeFile(path, data: string | buffer view, flags, mode) -> 0, -errno (open), or
   [errno, 'write']; strings are written as UTF-8 */
static JSValue js_fs_write_file(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv) {
  int32_t flags, mode;
  if (JS_ToInt32(ctx, &flags, argv[2]) < 0 || JS_ToInt32(ctx, &mode, argv[3]) < 0)
    return JS_EXCEPTION;
  QJSWUtf8 str = {0};
  const uint8_t *data;
  size_t len;
  if (JS_IsString(argv[1])) {
    data = qjsw_utf8_get(ctx, argv[1], &str) < 0 ? NULL : (const uint8_t *)str.data;
    len = str.len;
  } else {
    data = qjsw_get_bytes_ro(ctx, argv[1], &len);
  }
  if (!data) return JS_EXCEPTION;
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) {
    qjsw_utf8_free(ctx, &str);
    return JS_EXCEPTION;
  }
  int ret = 0, write_failed = 0;
  int fd = qjsw_open(path, flags, mode);
  if (fd < 0) {
    ret = qjsw_uv_errno(errno);
  } else if ((len > 0 && qjsw_fd_check_access(fd, 1) < 0) ||
             write_all(fd, data, len) < 0) { /* no bytes, no write() */
    ret = qjsw_uv_errno(errno);
    write_failed = 1;
  } else if (len > 0) {
    qjsw_journal_written(fd);
  } else if (flags & O_TRUNC) {
    qjsw_touch_if_regular(fd); /* no write to move mtime */
  }
  if (fd >= 0 && qjsw_close_journaled(fd) < 0 && ret == 0) ret = qjsw_uv_errno(errno);
  JS_FreeCString(ctx, path);
  qjsw_utf8_free(ctx, &str);
  if (!write_failed) return JS_NewInt32(ctx, ret);
  /* a failed write() reports syscall 'write' and no path, as Node's writeSync */
  return errno_at(ctx, ret, "write");
}

/* Reads a whole file into a js_malloc'd block. Returns 0 or a negative uv errno,
   with *failed_read telling whether open() or read() failed. */
static int read_whole(JSContext *ctx, const char *path, int flags, uint8_t **out, size_t *out_len,
                      int *failed_read) {
  *failed_read = 0;
  int fd = qjsw_open(path, flags, 0666);
  if (fd < 0) return qjsw_uv_errno(errno);
  if (qjsw_fd_check_access(fd, 0) < 0) {
    *failed_read = 1;
    int err = qjsw_uv_errno(errno);
    close(fd);
    return err;
  }
  struct stat st;
  size_t cap = 0;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) cap = (size_t)st.st_size;
  if (cap == 0) cap = 8192;
  /* one spare byte: a file of exactly st_size bytes then ends with a read() of 0 into it,
     without growing the buffer */
  uint8_t *buf = js_malloc(ctx, cap + 1);
  size_t len = 0;
  int ret = 0;
  while (buf) {
    if (len > cap) { /* the file grew, or its size was unknown */
      uint8_t *bigger = js_realloc(ctx, buf, cap * 2 + 1);
      if (!bigger) break;
      buf = bigger;
      cap *= 2;
    }
    ssize_t n = read(fd, buf + len, cap + 1 - len);
    if (n < 0) {
      if (errno == EINTR) continue;
      ret = qjsw_uv_errno(errno);
      *failed_read = 1;
      break;
    }
    if (n == 0) {
      close(fd);
      *out = buf;
      *out_len = len;
      return 0;
    }
    len += (size_t)n;
  }
  if (ret == 0) ret = qjsw_uv_errno(ENOMEM);
  js_free(ctx, buf);
  close(fd);
  return ret;
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
  /* a failed read() of a whole file reports syscall 'read' and no path, like Node */
  if (ret < 0) return errno_at(ctx, ret, failed_read ? "read" : "open");
  return wrap(ctx, buf, len);
}

static JSValue wrap_array_buffer(JSContext *ctx, uint8_t *buf, size_t len) {
  return JS_NewArrayBuffer(ctx, buf, len, qjsw_free_js_malloc, NULL, 0);
}

static JSValue wrap_utf8_string(JSContext *ctx, uint8_t *buf, size_t len) {
  JSValue s = qjsw_utf8_decode(ctx, buf, len);
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

const JSCFunctionListEntry qjsw_fs_file_funcs[] = {
    JS_CFUNC_DEF("readFile", 2, js_fs_read_file),
    JS_CFUNC_DEF("readFileUtf8", 2, js_fs_read_file_utf8),
    JS_CFUNC_DEF("writeFile", 4, js_fs_write_file),
};
const size_t qjsw_fs_file_funcs_count = QTS_COUNTOF(qjsw_fs_file_funcs);
