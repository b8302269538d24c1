/*
 * qjsw:binding/fs — POSIX file calls against WasmFS for modules/fs.js.
 *
 * Functions take arguments modules/fs.js has already validated, perform the
 * syscall and return the raw result, or a negative libuv errno on failure;
 * building Node's error objects is the JS layer's job. Data moves straight
 * between WasmFS and QuickJS strings/ArrayBuffers. The functions live by
 * family in fs_fd.c, fs_path.c and fs_dir.c; this file registers them.
 */
#include <fcntl.h>
#include <math.h>
#include <unistd.h>

#include <emscripten/heap.h>

#include "loader/builtins.h"
#include "fs/fs_internal.h"
#include "ffi/qts.h"

void qjsw_fill_stats(double *out, const struct stat *st) {
  mode_t mode = st->st_mode;
  /* Linux reports symlinks as rwxrwxrwx; WasmFS keeps no bits for them. */
  if (S_ISLNK(mode) && (mode & 07777) == 0) mode |= 0777;
  out[0] = (double)st->st_dev;
  out[1] = (double)mode;
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
  /* WasmFS keeps no birth time; Linux without statx reports ctime there too */
  out[16] = (double)st->st_ctim.tv_sec;
  out[17] = (double)st->st_ctim.tv_nsec;
}

static const char *const stat_names[QJSW_STAT_FIELDS] = {
    "dev",     "mode",        "nlink", "uid",    "gid",     "rdev",
    "blksize", "ino",         "size",  "blocks", "atimeMs", "mtimeMs",
    "ctimeMs", "birthtimeMs", "atime", "mtime",  "ctime",   "birthtime"};

/* An object with a Stats object's own properties, in order, on `proto`: the shape each Stats
   object is made with. */
static JSValue stats_template(JSContext *ctx, JSValueConst proto) {
  JSValue t = JS_NewObjectProto(ctx, proto);
  if (JS_IsException(t)) return t;
  for (int i = 0; i < QJSW_STAT_FIELDS; i++) {
    if (JS_DefinePropertyValueStr(ctx, t, stat_names[i], JS_UNDEFINED, JS_PROP_C_W_E) < 0) {
      JS_FreeValue(ctx, t);
      return JS_EXCEPTION;
    }
  }
  return t;
}

/* The context's template for `proto`, made on first use and when the prototype changes. */
static JSValue stats_template_for(JSContext *ctx, JSValueConst proto) {
  QTSContextState *state = qts_context_state(ctx);
  if (!state) return stats_template(ctx, proto);
  if (!JS_IsObject(state->stats_template) ||
      JS_VALUE_GET_PTR(state->stats_proto) != JS_VALUE_GET_PTR(proto)) {
    JSValue t = stats_template(ctx, proto);
    if (JS_IsException(t)) return t;
    JS_FreeValue(ctx, state->stats_template);
    JS_FreeValue(ctx, state->stats_proto);
    state->stats_template = t;
    state->stats_proto = JS_DupValue(ctx, proto);
  }
  return JS_DupValue(ctx, state->stats_template);
}

/* A Stats object made in C: what modules/internal/fs/utils.js's Stats constructor makes (the
   same own properties in the same order, `proto` as prototype), several times faster than
   building it in guest JS, which statSync spent most of its time on. */
static JSValue qjsw_stats_object(JSContext *ctx, const struct stat *st, JSValueConst proto) {
  double v[QJSW_STAT_FIELDS];
  qjsw_fill_stats(v, st);
  JSValue values[QJSW_STAT_FIELDS];
  double ms[4];
  for (int i = 0; i < 4; i++) ms[i] = v[10 + 2 * i] * 1e3 + v[11 + 2 * i] / 1e6;
  for (int i = 0; i < QJSW_STAT_FIELDS; i++) {
    if (i < 10) values[i] = JS_NewFloat64(ctx, v[i]);
    else if (i < 14) values[i] = JS_NewFloat64(ctx, ms[i - 10]);
    else values[i] = JS_NewDate(ctx, floor(ms[i - 14] + 0.5)); /* Math.round: halves go up */
    if (JS_IsException(values[i])) {
      while (i-- > 0) JS_FreeValue(ctx, values[i]);
      return JS_EXCEPTION;
    }
  }
  JSValue tmpl = stats_template_for(ctx, proto);
  if (JS_IsException(tmpl)) {
    for (int i = 0; i < QJSW_STAT_FIELDS; i++) JS_FreeValue(ctx, values[i]);
    return JS_EXCEPTION;
  }
  JSValue obj = JS_NewObjectLike(ctx, tmpl, values, QJSW_STAT_FIELDS);
  JS_FreeValue(ctx, tmpl);
  return obj;
}

/* What stat/lstat/fstat return for `st`: into a Float64Array(18) `target` the raw numbers and
   0 (BigIntStats, and the callers that only look at the mode); for any other object a Stats
   object with `target` as its prototype. */
JSValue qjsw_stat_result(JSContext *ctx, const struct stat *st, JSValueConst target) {
  static JSClassID plain_object; /* the class of a prototype object, learned once */
  if (!plain_object) {
    JSValue probe = JS_NewObject(ctx);
    plain_object = JS_GetClassID(probe);
    JS_FreeValue(ctx, probe);
  }
  if (JS_GetClassID(target) == plain_object) return qjsw_stats_object(ctx, st, target);
  size_t len;
  uint8_t *out = qjsw_get_bytes(ctx, target, &len);
  if (!out) return JS_EXCEPTION;
  if (len < QJSW_STAT_FIELDS * sizeof(double))
    return JS_ThrowRangeError(ctx, "stats array too small");
  qjsw_fill_stats((double *)out, st);
  return JS_NewInt32(ctx, 0);
}

/* Fixed for the instance, and asking costs a call into JS: read it once at startup. */
static uintptr_t heap_max;
__attribute__((constructor)) static void read_heap_max(void) {
  heap_max = emscripten_get_heap_max();
}

int qjsw_file_size_ok(int64_t size) {
  if (size < 0) return 0;
  uintptr_t used = (uintptr_t)sbrk(0);
  /* a third of what is left: growing a file may copy it into a buffer twice its size */
  int64_t room = heap_max > used ? (int64_t)(heap_max - used) / 3 : 0;
  return size <= room;
}

struct timespec qjsw_timespec(double seconds) {
  struct timespec ts;
  double whole = floor(seconds);
  ts.tv_sec = (time_t)whole;
  ts.tv_nsec = (long)((seconds - whole) * 1e9);
  if (ts.tv_nsec >= 1000000000L) ts.tv_nsec = 999999999L;
  return ts;
}

#define FS_CONST(name) JS_PROP_INT32_DEF(#name, name, JS_PROP_ENUMERABLE)

/* fs.constants. The Emscripten libc uses Linux's values, which Node reports. */
static const JSCFunctionListEntry js_fs_constants[] = {
    FS_CONST(O_RDONLY),    FS_CONST(O_WRONLY),  FS_CONST(O_RDWR),     FS_CONST(O_CREAT),
    FS_CONST(O_EXCL),      FS_CONST(O_NOCTTY),  FS_CONST(O_TRUNC),    FS_CONST(O_APPEND),
    FS_CONST(O_DIRECTORY), FS_CONST(O_NOATIME), FS_CONST(O_NOFOLLOW), FS_CONST(O_SYNC),
    FS_CONST(O_DSYNC),     FS_CONST(O_DIRECT),  FS_CONST(O_NONBLOCK), FS_CONST(S_IFMT),
    FS_CONST(S_IFREG),     FS_CONST(S_IFDIR),   FS_CONST(S_IFCHR),    FS_CONST(S_IFBLK),
    FS_CONST(S_IFIFO),     FS_CONST(S_IFLNK),   FS_CONST(S_IFSOCK),   FS_CONST(S_IRWXU),
    FS_CONST(S_IRUSR),     FS_CONST(S_IWUSR),   FS_CONST(S_IXUSR),    FS_CONST(S_IRWXG),
    FS_CONST(S_IRGRP),     FS_CONST(S_IWGRP),   FS_CONST(S_IXGRP),    FS_CONST(S_IRWXO),
    FS_CONST(S_IROTH),     FS_CONST(S_IWOTH),   FS_CONST(S_IXOTH),    FS_CONST(F_OK),
    FS_CONST(R_OK),        FS_CONST(W_OK),      FS_CONST(X_OK),
};

static const JSCFunctionListEntry js_fs_props[] = {
    JS_OBJECT_DEF("constants", js_fs_constants, QTS_COUNTOF(js_fs_constants), JS_PROP_ENUMERABLE),
    JS_PROP_INT32_DEF("kStatFields", QJSW_STAT_FIELDS, JS_PROP_ENUMERABLE),
};

static const struct {
  const JSCFunctionListEntry *list;
  const size_t *count;
} lists[] = {
    {qjsw_fs_fd_funcs, &qjsw_fs_fd_funcs_count},
    {qjsw_fs_file_funcs, &qjsw_fs_file_funcs_count},
    {qjsw_fs_path_funcs, &qjsw_fs_path_funcs_count},
    {qjsw_fs_dir_funcs, &qjsw_fs_dir_funcs_count},
    {qjsw_fs_watch_funcs, &qjsw_fs_watch_funcs_count},
};

static int js_fs_init(JSContext *ctx, JSModuleDef *m) {
  if (JS_SetModuleExportList(ctx, m, js_fs_props, QTS_COUNTOF(js_fs_props)) < 0) return -1;
  for (size_t i = 0; i < QTS_COUNTOF(lists); i++)
    if (JS_SetModuleExportList(ctx, m, lists[i].list, (int)*lists[i].count) < 0) return -1;
  return 0;
}

JSModuleDef *qjsw_init_binding_fs(JSContext *ctx, const char *module_name) {
  JSModuleDef *m = JS_NewCModule(ctx, module_name, js_fs_init);
  if (!m) return NULL;
  JS_AddModuleExportList(ctx, m, js_fs_props, QTS_COUNTOF(js_fs_props));
  for (size_t i = 0; i < QTS_COUNTOF(lists); i++)
    JS_AddModuleExportList(ctx, m, lists[i].list, (int)*lists[i].count);
  return m;
}
