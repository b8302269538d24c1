/*
 * Error numbers as Node reports them on Linux. WasmFS returns WASI errno values
 * (ENOENT is 44 there); guest code must see libuv's (ENOENT is -2), with
 * libuv's code names and messages. This table is the one place that maps them.
 * Also the process's memory figures (libuv's resident set size and friends).
 *
 * Exposed to builtins as qjsw:binding/uv.
 */
#include <emscripten/heap.h>
#include <errno.h>
#include <stdio.h>
#include <malloc.h>
#include <string.h>

#include "loader/builtins.h"
#include "wasmfs/mounts.h"
#include "ffi/qts.h"
#include "wasmfs/storage.h"
#include "bindings/uv.h"

static const struct {
  int wasi;  /* errno as the Emscripten libc defines it */
  int linux; /* positive Linux errno; libuv reports its negation */
  const char *name;
  const char *message;
} errors[] = {
    {EPERM, 1, "EPERM", "operation not permitted"},
    {ENOENT, 2, "ENOENT", "no such file or directory"},
    {ESRCH, 3, "ESRCH", "no such process"},
    {EINTR, 4, "EINTR", "interrupted system call"},
    {EIO, 5, "EIO", "i/o error"},
    {ENXIO, 6, "ENXIO", "no such device or address"},
    {E2BIG, 7, "E2BIG", "argument list too long"},
    {EBADF, 9, "EBADF", "bad file descriptor"},
    {EAGAIN, 11, "EAGAIN", "resource temporarily unavailable"},
    {ENOMEM, 12, "ENOMEM", "not enough memory"},
    {EACCES, 13, "EACCES", "permission denied"},
    {EFAULT, 14, "EFAULT", "bad address in system call argument"},
    {EBUSY, 16, "EBUSY", "resource busy or locked"},
    {EEXIST, 17, "EEXIST", "file already exists"},
    {EXDEV, 18, "EXDEV", "cross-device link not permitted"},
    {ENODEV, 19, "ENODEV", "no such device"},
    {ENOTDIR, 20, "ENOTDIR", "not a directory"},
    {EISDIR, 21, "EISDIR", "illegal operation on a directory"},
    {EINVAL, 22, "EINVAL", "invalid argument"},
    {ENFILE, 23, "ENFILE", "file table overflow"},
    {EMFILE, 24, "EMFILE", "too many open files"},
    {ENOTTY, 25, "ENOTTY", "inappropriate ioctl for device"},
    {ETXTBSY, 26, "ETXTBSY", "text file is busy"},
    {EFBIG, 27, "EFBIG", "file too large"},
    {ENOSPC, 28, "ENOSPC", "no space left on device"},
    {ESPIPE, 29, "ESPIPE", "invalid seek"},
    {EROFS, 30, "EROFS", "read-only file system"},
    {EMLINK, 31, "EMLINK", "too many links"},
    {EPIPE, 32, "EPIPE", "broken pipe"},
    {ERANGE, 34, "ERANGE", "result too large"},
    {ENAMETOOLONG, 36, "ENAMETOOLONG", "name too long"},
    {ENOSYS, 38, "ENOSYS", "function not implemented"},
    {ENOTEMPTY, 39, "ENOTEMPTY", "directory not empty"},
    {ELOOP, 40, "ELOOP", "too many symbolic links encountered"},
    {EPROTO, 71, "EPROTO", "protocol error"},
    {EOVERFLOW, 75, "EOVERFLOW", "value too large for defined data type"},
    {EILSEQ, 84, "EILSEQ", "illegal byte sequence"},
    {ENOTSOCK, 88, "ENOTSOCK", "socket operation on non-socket"},
    {EDESTADDRREQ, 89, "EDESTADDRREQ", "destination address required"},
    {EMSGSIZE, 90, "EMSGSIZE", "message too long"},
    {EPROTOTYPE, 91, "EPROTOTYPE", "protocol wrong type for socket"},
    {EPROTONOSUPPORT, 93, "EPROTONOSUPPORT", "protocol not supported"},
    {ENOTSUP, 95, "ENOTSUP", "operation not supported on socket"},
    {EAFNOSUPPORT, 97, "EAFNOSUPPORT", "address family not supported"},
    {EADDRINUSE, 98, "EADDRINUSE", "address already in use"},
    {EADDRNOTAVAIL, 99, "EADDRNOTAVAIL", "address not available"},
    {ENETDOWN, 100, "ENETDOWN", "network is down"},
    {ENETUNREACH, 101, "ENETUNREACH", "network is unreachable"},
    {ECONNABORTED, 103, "ECONNABORTED", "software caused connection abort"},
    {ECONNRESET, 104, "ECONNRESET", "connection reset by peer"},
    {ENOBUFS, 105, "ENOBUFS", "no buffer space available"},
    {EISCONN, 106, "EISCONN", "socket is already connected"},
    {ENOTCONN, 107, "ENOTCONN", "socket is not connected"},
    {ETIMEDOUT, 110, "ETIMEDOUT", "connection timed out"},
    {ECONNREFUSED, 111, "ECONNREFUSED", "connection refused"},
    {EHOSTUNREACH, 113, "EHOSTUNREACH", "host is unreachable"},
    {EALREADY, 114, "EALREADY", "connection already in progress"},
    {ECANCELED, 125, "ECANCELED", "operation canceled"},
};

/* libuv's UV_UNKNOWN */
#define UV_UNKNOWN_ERRNO (-4094)

int qjsw_uv_errno(int wasi_errno) {
  /* what a mount's host, or the storage bound, said where WasmFS could only pass on EIO/EPERM */
  wasi_errno = qjsw_storage_errno(qjsw_mount_errno(wasi_errno));
  for (size_t i = 0; i < QTS_COUNTOF(errors); i++)
    if (errors[i].wasi == wasi_errno) return -errors[i].linux;
  return UV_UNKNOWN_ERRNO;
}

/* The code name of an errno of the Emscripten libc ('ENOENT'), for the host
   (runtime/mounts/mounts.ts reports why a mount failed). */
QTS_EXPORT const char *qjsw_errno_name(int wasi_errno) {
  for (size_t i = 0; i < QTS_COUNTOF(errors); i++)
    if (errors[i].wasi == wasi_errno) return errors[i].name;
  return "UNKNOWN";
}

static int find_uv(int uv_errno) {
  for (size_t i = 0; i < QTS_COUNTOF(errors); i++)
    if (-errors[i].linux == uv_errno) return (int)i;
  return -1;
}

/* errname(err) -> 'ENOENT' */
static JSValue js_uv_errname(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t err;
  if (JS_ToInt32(ctx, &err, argv[0]) < 0) return JS_EXCEPTION;
  int i = find_uv(err);
  return JS_NewString(ctx, i < 0 ? "UNKNOWN" : errors[i].name);
}

/* message(err) -> 'no such file or directory' */
static JSValue js_uv_message(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t err;
  if (JS_ToInt32(ctx, &err, argv[0]) < 0) return JS_EXCEPTION;
  int i = find_uv(err);
  return JS_NewString(ctx, i < 0 ? "unknown error" : errors[i].message);
}

/* errno constants by name, with Linux's positive values (os.constants.errno). */
static JSValue js_uv_errno_constants(JSContext *ctx) {
  JSValue obj = JS_NewObject(ctx);
  for (size_t i = 0; i < QTS_COUNTOF(errors); i++)
    JS_DefinePropertyValueStr(ctx, obj, errors[i].name, JS_NewInt32(ctx, errors[i].linux),
                              JS_PROP_ENUMERABLE);
  return obj;
}

/* rss() -> bytes of Wasm linear memory: all the instance has (it grows, never shrinks) */
static JSValue js_uv_rss(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  return JS_NewFloat64(ctx, (double)emscripten_get_heap_size());
}

/* memoryUsage() -> [rss, heapTotal, heapUsed, external]: heapTotal is what this runtime
   holds from malloc, heapUsed QuickJS's count of its live data (objects, strings,
   bytecode, ArrayBuffer contents), external what malloc holds outside it (WasmFS file
   contents, native buffers, other runtimes of the instance). */
static JSValue js_uv_memory_usage(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv) {
  JSMemoryUsage usage;
  JS_ComputeMemoryUsage(JS_GetRuntime(ctx), &usage);
  struct mallinfo info = mallinfo();
  double heap_total = (double)usage.malloc_size;
  double heap_used = (double)usage.memory_used_size;
  double outside = (double)(size_t)info.uordblks - (double)qts_malloc_footprint(&usage);
  double figures[4] = {
      (double)emscripten_get_heap_size(),
      heap_total,
      heap_used < heap_total ? heap_used : heap_total,
      outside > 0 ? outside : 0,
  };
  JSValue arr = JS_NewArray(ctx);
  if (JS_IsException(arr)) return arr;
  for (uint32_t i = 0; i < QTS_COUNTOF(figures); i++)
    JS_DefinePropertyValueUint32(ctx, arr, i, JS_NewFloat64(ctx, figures[i]), JS_PROP_C_W_E);
  return arr;
}

static const JSCFunctionListEntry js_uv_funcs[] = {
    JS_CFUNC_DEF("errname", 1, js_uv_errname),
    JS_CFUNC_DEF("message", 1, js_uv_message),
    JS_CFUNC_DEF("rss", 0, js_uv_rss),
    JS_CFUNC_DEF("memoryUsage", 0, js_uv_memory_usage),
};

/* "UV_" and the code's name, as Node's internalBinding('uv') names its constants */
static const char *uv_constant_name(size_t i, char *buf, size_t size) {
  snprintf(buf, size, "UV_%s", errors[i].name);
  return buf;
}

static int js_uv_init(JSContext *ctx, JSModuleDef *m) {
  char name[32];
  if (JS_SetModuleExport(ctx, m, "errno", js_uv_errno_constants(ctx)) < 0) return -1;
  for (size_t i = 0; i < QTS_COUNTOF(errors); i++)
    if (JS_SetModuleExport(ctx, m, uv_constant_name(i, name, sizeof(name)),
                           JS_NewInt32(ctx, -errors[i].linux)) < 0)
      return -1;
  if (JS_SetModuleExport(ctx, m, "UV_UNKNOWN", JS_NewInt32(ctx, UV_UNKNOWN_ERRNO)) < 0) return -1;
  return JS_SetModuleExportList(ctx, m, js_uv_funcs, QTS_COUNTOF(js_uv_funcs));
}

JSModuleDef *qjsw_init_binding_uv(JSContext *ctx, const char *module_name) {
  char name[32];
  JSModuleDef *m =
      qjsw_new_binding(ctx, module_name, js_uv_init, js_uv_funcs, QTS_COUNTOF(js_uv_funcs));
  if (!m) return NULL;
  JS_AddModuleExport(ctx, m, "errno");
  JS_AddModuleExport(ctx, m, "UV_UNKNOWN");
  for (size_t i = 0; i < QTS_COUNTOF(errors); i++)
    JS_AddModuleExport(ctx, m, uv_constant_name(i, name, sizeof(name)));
  return m;
}
