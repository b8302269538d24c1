#include "bindings/array_of.h"

JSValue qjsw_array_of(JSContext *ctx, JSValue *items, uint32_t n) {
  JSValue arr = JS_NewArray(ctx);
  uint32_t i = 0;
  if (JS_IsException(arr)) goto fail;
  for (; i < n; i++) {
    /* (a failed define frees the item it was given) */
    if (JS_IsException(items[i]) ||
        JS_DefinePropertyValueUint32(ctx, arr, i, items[i], JS_PROP_C_W_E) < 0) {
      i++;
      goto fail;
    }
  }
  return arr;
fail:
  for (; i < n; i++) JS_FreeValue(ctx, items[i]);
  JS_FreeValue(ctx, arr);
  return JS_EXCEPTION;
}
