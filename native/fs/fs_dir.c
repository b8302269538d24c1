/* qjsw:binding/fs, directory family: scandir-style listing and Dir handles. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "bindings/array_of.h"
#include "fs/fs_internal.h"
#include "wasmfs/memory_tree.h"

/* libuv's uv_dirent_type_t, which Node's Dirent is built from. */
static int uv_dirent_type(unsigned char d_type) {
  switch (d_type) {
    case DT_REG: return 1;
    case DT_DIR: return 2;
    case DT_LNK: return 3;
    case DT_FIFO: return 4;
    case DT_SOCK: return 5;
    case DT_CHR: return 6;
    case DT_BLK: return 7;
    default: return 0;
  }
}

static int is_dot_or_dotdot(const char *name) {
  return name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
}

static int compare_views(const void *a, const void *b) {
  return strcmp(((const QjswDirentView *)a)->name, ((const QjswDirentView *)b)->name);
}

/* The generic listing (any backend), into `*out` as views of names strdup'd here: 0, or the
   negative uv errno. */
static int list_with_readdir(const char *path, QjswDirentView **out, size_t *count) {
  DIR *dir = opendir(path);
  if (!dir) return qjsw_uv_errno(errno);
  QjswDirentView *entries = NULL;
  size_t n = 0, cap = 0;
  struct dirent *d;
  errno = 0;
  int failed = 0;
  while ((d = readdir(dir)) != NULL) {
    if (is_dot_or_dotdot(d->d_name)) continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 32;
      QjswDirentView *grown = realloc(entries, cap * sizeof *entries);
      if (!grown) {
        errno = ENOMEM;
        failed = 1;
        break;
      }
      entries = grown;
    }
    char *name = strdup(d->d_name);
    if (!name) {
      errno = ENOMEM;
      failed = 1;
      break;
    }
    entries[n++] = (QjswDirentView){name, strlen(name), d->d_type};
  }
  int err = failed || errno ? qjsw_uv_errno(errno) : 0;
  closedir(dir);
  if (err) {
    for (size_t i = 0; i < n; i++) free((char *)entries[i].name);
    free(entries);
    return err;
  }
  *out = entries;
  *count = n;
  return 0;
}

/*
 * readdir(path, withTypes) -> names, or [names, types] with withTypes. Sorted
 * by bytes, as libuv's scandir (and so Node's readdir) returns them.
 */
static JSValue js_fs_readdir(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int with_types = JS_ToBool(ctx, argv[1]);
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  QjswDirentView *entries = NULL;
  size_t n = 0;
  /* the in-memory tree is read in place; names read through readdir(3) are copies */
  int owned = qjsw_memory_list(path, &entries, &n) < 0;
  int err = owned ? list_with_readdir(path, &entries, &n) : 0;
  JS_FreeCString(ctx, path);
  if (err) return JS_NewInt32(ctx, err);
  JSValue ret;
  qsort(entries, n, sizeof *entries, compare_views);
  JSValue *items = malloc((n ? n : 1) * sizeof(JSValue));
  if (!items) {
    ret = JS_ThrowOutOfMemory(ctx);
  } else {
    for (size_t i = 0; i < n; i++) items[i] = JS_NewStringLen(ctx, entries[i].name, entries[i].len);
    ret = qjsw_array_of(ctx, items, (uint32_t)n);
    if (with_types && !JS_IsException(ret)) {
      for (size_t i = 0; i < n; i++) items[i] = JS_NewInt32(ctx, uv_dirent_type(entries[i].type));
      JSValue pair[2] = {ret, qjsw_array_of(ctx, items, (uint32_t)n)};
      ret = qjsw_array_of(ctx, pair, 2);
    }
    free(items);
  }
  if (owned)
    for (size_t i = 0; i < n; i++) free((char *)entries[i].name);
  free(entries);
  return ret;
}

/* Dir handles: a DIR* owned by a guest object, closed when collected. */
static JSClassID dir_class_id;

static void dir_finalizer(JSRuntime *rt, JSValue val) {
  DIR *dir = JS_GetOpaque(val, dir_class_id);
  if (dir) closedir(dir);
}

/* opendir(path) -> handle */
static JSValue js_fs_opendir(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  static const JSClassDef dir_class = {"DirHandle", .finalizer = dir_finalizer};
  JSRuntime *rt = JS_GetRuntime(ctx);
  if (!dir_class_id) JS_NewClassID(&dir_class_id);
  if (!JS_IsRegisteredClass(rt, dir_class_id)) JS_NewClass(rt, dir_class_id, &dir_class);
  const char *path = JS_ToCString(ctx, argv[0]);
  if (!path) return JS_EXCEPTION;
  DIR *dir = opendir(path);
  JS_FreeCString(ctx, path);
  if (!dir) return FS_ERRNO();
  JSValue obj = JS_NewObjectClass(ctx, (int)dir_class_id);
  if (JS_IsException(obj)) {
    closedir(dir);
    return obj;
  }
  JS_SetOpaque(obj, dir);
  return obj;
}

/* dirRead(handle, max) -> [name, type, name, type, ...] (empty at the end) */
static JSValue js_fs_dir_read(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  DIR *dir = JS_GetOpaque(argv[0], dir_class_id);
  int32_t max;
  if (!dir) return JS_NewInt32(ctx, qjsw_uv_errno(EBADF));
  if (JS_ToInt32(ctx, &max, argv[1]) < 0) return JS_EXCEPTION;
  JSValue out = JS_NewArray(ctx);
  if (JS_IsException(out)) return out;
  uint32_t i = 0;
  struct dirent *d;
  errno = 0;
  while ((int32_t)(i / 2) < max && (d = readdir(dir)) != NULL) {
    if (is_dot_or_dotdot(d->d_name)) continue;
    JSValue name = JS_NewString(ctx, d->d_name);
    if (JS_IsException(name) ||
        JS_DefinePropertyValueUint32(ctx, out, i++, name, JS_PROP_C_W_E) < 0 ||
        JS_DefinePropertyValueUint32(ctx, out, i++, JS_NewInt32(ctx, uv_dirent_type(d->d_type)),
                                     JS_PROP_C_W_E) < 0) {
      JS_FreeValue(ctx, out);
      return JS_EXCEPTION;
    }
  }
  if (errno && i == 0) {
    JS_FreeValue(ctx, out);
    return FS_ERRNO();
  }
  return out;
}

/* dirClose(handle) -> 0 */
static JSValue js_fs_dir_close(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv) {
  DIR *dir = JS_GetOpaque(argv[0], dir_class_id);
  if (!dir) return JS_NewInt32(ctx, qjsw_uv_errno(EBADF));
  JS_SetOpaque(argv[0], NULL);
  return FS_RESULT(closedir(dir));
}

const JSCFunctionListEntry qjsw_fs_dir_funcs[] = {
    JS_CFUNC_DEF("readdir", 2, js_fs_readdir),
    JS_CFUNC_DEF("opendir", 1, js_fs_opendir),
    JS_CFUNC_DEF("dirRead", 2, js_fs_dir_read),
    JS_CFUNC_DEF("dirClose", 1, js_fs_dir_close),
};
const size_t qjsw_fs_dir_funcs_count = QTS_COUNTOF(qjsw_fs_dir_funcs);
