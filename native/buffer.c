/*
 * qjsw:binding/buffer — UTF-8 conversions for modules/buffer.js, done in C
 * because QuickJS already holds strings as Latin-1/UTF-16 and converts them in
 * one pass.
 */
#include <string.h>

#include "builtins.h"
#include "bytes.h"
#include "qts.h"

/* utf8Decode(view, start, end) -> string */
static JSValue js_buffer_utf8_decode(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv) {
  size_t len;
  int64_t start, end;
  uint8_t *data = qjsw_get_bytes(ctx, argv[0], &len);
  if (!data) return JS_EXCEPTION;
  if (JS_ToInt64(ctx, &start, argv[1]) < 0 || JS_ToInt64(ctx, &end, argv[2]) < 0)
    return JS_EXCEPTION;
  if (start < 0) start = 0;
  if (end > (int64_t)len) end = (int64_t)len;
  if (end <= start) return JS_NewString(ctx, "");
  return qjsw_utf8_decode(ctx, data + start, (size_t)(end - start));
}

/* utf8Encode(string) -> ArrayBuffer */
static JSValue js_buffer_utf8_encode(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv) {
  QJSWUtf8 u;
  if (qjsw_utf8_get(ctx, argv[0], &u) < 0) return JS_EXCEPTION;
  uint8_t *copy = js_malloc(ctx, u.len ? u.len : 1);
  if (copy) memcpy(copy, u.data, u.len);
  size_t len = u.len;
  qjsw_utf8_free(ctx, &u);
  if (!copy) return JS_EXCEPTION;
  return JS_NewArrayBuffer(ctx, copy, len, qjsw_free_js_malloc, NULL, 0);
}

/* byteLengthUtf8(string) -> number */
static JSValue js_buffer_byte_length_utf8(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv) {
  size_t len;
  const char *s = JS_ToCStringLen(ctx, &len, argv[0]);
  if (!s) return JS_EXCEPTION;
  JS_FreeCString(ctx, s);
  return JS_NewInt64(ctx, (int64_t)len);
}

static const JSCFunctionListEntry js_buffer_funcs[] = {
    JS_CFUNC_DEF("utf8Decode", 3, js_buffer_utf8_decode),
    JS_CFUNC_DEF("utf8Encode", 1, js_buffer_utf8_encode),
    JS_CFUNC_DEF("byteLengthUtf8", 1, js_buffer_byte_length_utf8),
};

static int js_buffer_init(JSContext *ctx, JSModuleDef *m) {
  return JS_SetModuleExportList(ctx, m, js_buffer_funcs, QTS_COUNTOF(js_buffer_funcs));
}

JSModuleDef *qjsw_init_binding_buffer(JSContext *ctx, const char *module_name) {
  JSModuleDef *m = JS_NewCModule(ctx, module_name, js_buffer_init);
  if (!m) return NULL;
  JS_AddModuleExportList(ctx, m, js_buffer_funcs, QTS_COUNTOF(js_buffer_funcs));
  return m;
}
