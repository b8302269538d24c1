#include "bytes.h"

uint8_t *qjsw_get_bytes(JSContext *ctx, JSValueConst v, size_t *len) {
  size_t size, offset, length, bpe;
  *len = 0;
  if (!JS_IsObject(v)) {
    JS_ThrowTypeError(ctx, "expected an ArrayBuffer or ArrayBufferView");
    return NULL;
  }
  uint8_t *data = JS_GetArrayBuffer(ctx, &size, v);
  if (data) {
    *len = size;
    return data;
  }
  JS_FreeValue(ctx, JS_GetException(ctx));
  JSValue ab = JS_GetTypedArrayBuffer(ctx, v, &offset, &length, &bpe);
  if (JS_IsException(ab)) return NULL;
  data = JS_GetArrayBuffer(ctx, &size, ab);
  JS_FreeValue(ctx, ab); /* the view keeps its buffer alive */
  if (!data) return NULL;
  *len = length;
  return data + offset;
}

void qjsw_free_js_malloc(JSRuntime *rt, void *opaque, void *ptr) {
  (void)opaque;
  js_free_rt(rt, ptr);
}
