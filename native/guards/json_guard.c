/*
 * JSON.parse with a nesting limit.
 *
 * QuickJS parses JSON recursively and checks its stack only from the tokenizer, a frame that
 * is gone before the next level starts. In Wasm that check reads the shadow stack, which this
 * recursion barely moves, while each level takes about 140 bytes of the host engine's native
 * stack: JSON.parse('['.repeat(8000)) overflowed V8's stack and left the instance corrupt.
 * Input nested deeper than JSON_MAX_DEPTH now gets the error QuickJS gives any too-deep
 * recursion, which the guest can catch. Node parses any depth; this limit is far past real
 * documents.
 */
#include <string.h>

#include "ffi/qts.h"

#define JSON_MAX_DEPTH 2000

/* Is the deepest [ or { nesting of `text` (outside strings) above the limit? */
static int too_deep(const char *text, size_t len) {
  int depth = 0, in_string = 0;
  for (size_t i = 0; i < len; i++) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') i++;
      else if (c == '"') in_string = 0;
    } else if (c == '"') {
      in_string = 1;
    } else if (c == '[' || c == '{') {
      if (++depth > JSON_MAX_DEPTH) return 1;
    } else if (c == ']' || c == '}') {
      depth--;
    }
  }
  return 0;
}

/* JSON.parse(text, reviver): func_data[0] is QuickJS's own parse, used when a reviver is given
   (its walk of the result checks the stack properly). */
static JSValue js_json_parse(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                             int magic, JSValue *func_data) {
  JSValue text = JS_ToString(ctx, argv[0]);
  if (JS_IsException(text)) return text;
  size_t len;
  const char *str = JS_ToCStringLen(ctx, &len, text);
  if (!str) {
    JS_FreeValue(ctx, text);
    return JS_EXCEPTION;
  }
  JSValue ret;
  if (too_deep(str, len)) {
    ret = JS_ThrowRangeError(ctx, "Maximum call stack size exceeded"); /* as V8 */
  } else if (JS_IsFunction(ctx, argv[1])) {
    JSValueConst args[2] = {text, argv[1]};
    ret = JS_Call(ctx, func_data[0], this_val, 2, args);
  } else {
    ret = JS_ParseJSON(ctx, str, len, "<input>");
  }
  JS_FreeCString(ctx, str);
  JS_FreeValue(ctx, text);
  return ret;
}

/* Replaces JSON.parse in a new context that has JSON. */
int qjsw_install_json_guard(JSContext *ctx) {
  JSValue global = JS_GetGlobalObject(ctx);
  JSValue json = JS_GetPropertyStr(ctx, global, "JSON");
  JS_FreeValue(ctx, global);
  if (!JS_IsObject(json)) {
    JS_FreeValue(ctx, json);
    return 0;
  }
  JSValue original = JS_GetPropertyStr(ctx, json, "parse");
  JSValue guarded = JS_NewCFunctionData(ctx, js_json_parse, 2, 0, 1, &original);
  JS_FreeValue(ctx, original);
  int r = -1;
  if (!JS_IsException(guarded)) {
    JS_DefinePropertyValueStr(ctx, guarded, "name", JS_NewString(ctx, "parse"),
                              JS_PROP_CONFIGURABLE);
    r = JS_DefinePropertyValueStr(ctx, json, "parse", guarded,
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
  }
  JS_FreeValue(ctx, json);
  return r < 0 ? -1 : 0;
}
