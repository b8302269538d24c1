#include <stdlib.h>
#include <string.h>

#include "bindings/bytes.h"

/* Class of ArrayBuffer objects, learnt from the first one we make: asking the
   right accessor first avoids building (and dropping) a TypeError per call. */
static JSClassID array_buffer_class;

static JSClassID array_buffer_class_id(JSContext *ctx) {
  if (!array_buffer_class) {
    JSValue probe = JS_NewArrayBufferCopy(ctx, NULL, 0);
    array_buffer_class = JS_GetClassID(probe);
    JS_FreeValue(ctx, probe);
  }
  return array_buffer_class;
}

/* DataView's class, learnt from the engine rather than from the global `DataView` a guest can
   replace: quickjs.c numbers it right after Float64Array's (JS_CLASS_DATAVIEW follows
   JS_CLASS_FLOAT64_ARRAY in its class enum), and a Float64Array can be made from C. */
static JSClassID data_view_class;

JSClassID qjsw_data_view_class_id(JSContext *ctx) {
  if (!data_view_class) {
    JSValue zero = JS_NewInt32(ctx, 0);
    JSValue probe = JS_NewTypedArray(ctx, 1, &zero, JS_TYPED_ARRAY_FLOAT64);
    if (JS_IsException(probe)) return 0;
    data_view_class = JS_GetClassID(probe) + 1;
    JS_FreeValue(ctx, probe);
  }
  return data_view_class;
}

/* DataView: not a typed array for JS_GetTypedArrayBuffer, so read its fields. They are
   properties guest code can shadow (an own `byteLength` on the view), so they are only
   trusted within the bounds of the buffer they name: never a byte outside it. */
static uint8_t *data_view_bytes(JSContext *ctx, JSValueConst v, size_t *len, int writes) {
  if (!qjsw_data_view_class_id(ctx) || JS_GetClassID(v) != data_view_class) {
    JS_ThrowTypeError(ctx, "expected an ArrayBuffer or ArrayBufferView");
    return NULL;
  }
  JSValue ab = JS_GetPropertyStr(ctx, v, "buffer");
  if (JS_IsException(ab)) return NULL;
  int64_t offset = 0, length = 0;
  JSValue off = JS_GetPropertyStr(ctx, v, "byteOffset");
  JSValue n = JS_GetPropertyStr(ctx, v, "byteLength");
  int bad = JS_ToInt64(ctx, &offset, off) < 0 || JS_ToInt64(ctx, &length, n) < 0;
  JS_FreeValue(ctx, off);
  JS_FreeValue(ctx, n);
  size_t size;
  /* the buffer is read last: no getter runs after it (one could detach or shrink it) */
  uint8_t *data = bad ? NULL : JS_GetArrayBufferUntracked(ctx, &size, ab);
  if (data && (offset < 0 || length < 0 || (uint64_t)offset > size ||
               (uint64_t)length > size - (uint64_t)offset)) {
    JS_ThrowRangeError(ctx, "DataView out of its buffer's bounds");
    data = NULL;
  }
  if (data && writes) JS_MarkArrayBufferWritten(ctx, ab, (size_t)offset, (size_t)length);
  JS_FreeValue(ctx, ab); /* the view keeps its buffer alive */
  if (!data) return NULL;
  *len = (size_t)length;
  return data + offset;
}

static uint8_t *get_bytes(JSContext *ctx, JSValueConst v, size_t *len, int writes) {
  size_t size, offset, length, bpe;
  *len = 0;
  if (!JS_IsObject(v)) {
    JS_ThrowTypeError(ctx, "expected an ArrayBuffer or ArrayBufferView");
    return NULL;
  }
  if (JS_GetClassID(v) == array_buffer_class_id(ctx)) {
    uint8_t *data = JS_GetArrayBufferUntracked(ctx, &size, v);
    if (!data) return NULL;
    if (writes) JS_MarkArrayBufferWritten(ctx, v, 0, size);
    *len = size;
    return data;
  }
  JSValue ab = JS_GetTypedArrayBuffer(ctx, v, &offset, &length, &bpe);
  if (JS_IsException(ab)) {
    JS_FreeValue(ctx, JS_GetException(ctx));
    return data_view_bytes(ctx, v, len, writes);
  }
  uint8_t *data = JS_GetArrayBufferUntracked(ctx, &size, ab);
  if (data && writes) JS_MarkArrayBufferWritten(ctx, ab, offset, length);
  JS_FreeValue(ctx, ab); /* the view keeps its buffer alive */
  if (!data) return NULL;
  *len = length;
  return data + offset;
}

uint8_t *qjsw_get_bytes(JSContext *ctx, JSValueConst v, size_t *len) {
  return get_bytes(ctx, v, len, 1);
}

const uint8_t *qjsw_get_bytes_ro(JSContext *ctx, JSValueConst v, size_t *len) {
  return get_bytes(ctx, v, len, 0);
}

void qjsw_free_js_malloc(JSRuntime *rt, void *opaque, void *ptr) {
  (void)opaque;
  js_free_rt(rt, ptr);
}

/* ED A0..BF starts the encoding of a surrogate, which valid UTF-8 never holds. */
static int is_surrogate_at(const uint8_t *p, size_t left) {
  return left >= 3 && p[0] == 0xED && p[1] >= 0xA0 && p[1] <= 0xBF;
}

int qjsw_utf8_get(JSContext *ctx, JSValueConst v, QJSWUtf8 *out) {
  size_t len;
  const char *s = JS_ToCStringLen(ctx, &len, v);
  out->borrowed = s;
  out->owned = NULL;
  out->data = s;
  out->len = len;
  if (!s) return -1;
  const uint8_t *p = (const uint8_t *)s;
  for (size_t i = 0; i < len; i++) {
    if (!is_surrogate_at(p + i, len - i)) continue;
    char *copy = malloc(len ? len : 1);
    if (!copy) return 0; /* keep the WTF-8 rather than fail */
    memcpy(copy, s, len);
    for (size_t j = i; j < len; j++) {
      if (is_surrogate_at(p + j, len - j)) {
        copy[j] = (char)0xEF, copy[j + 1] = (char)0xBF, copy[j + 2] = (char)0xBD;
        j += 2;
      }
    }
    out->owned = copy;
    out->data = copy;
    break;
  }
  return 0;
}

void qjsw_utf8_free(JSContext *ctx, QJSWUtf8 *u) {
  free(u->owned);
  if (u->borrowed) JS_FreeCString(ctx, u->borrowed);
  u->owned = NULL;
  u->borrowed = NULL;
}

static size_t put_cp(uint8_t *o, uint32_t cp) {
  if (cp < 0x80) return o[0] = (uint8_t)cp, 1;
  if (cp < 0x800) return o[0] = 0xC0 | (cp >> 6), o[1] = 0x80 | (cp & 0x3F), 2;
  if (cp < 0x10000)
    return o[0] = 0xE0 | (cp >> 12), o[1] = 0x80 | ((cp >> 6) & 0x3F), o[2] = 0x80 | (cp & 0x3F), 3;
  o[0] = 0xF0 | (cp >> 18), o[1] = 0x80 | ((cp >> 12) & 0x3F);
  o[2] = 0x80 | ((cp >> 6) & 0x3F), o[3] = 0x80 | (cp & 0x3F);
  return 4;
}

JSValue qjsw_utf8_decode(JSContext *ctx, const uint8_t *buf, size_t len) {
  size_t i = 0;
  while (i < len && buf[i] < 0x80) i++; /* ASCII prefix needs no checking */
  uint8_t *out = NULL;
  size_t n = 0;
  uint32_t cp = 0;
  int needed = 0, seen = 0;
  uint8_t lower = 0x80, upper = 0xBF;
  for (; i < len; i++) {
    uint8_t b = buf[i];
    if (!out) { /* first non-ASCII byte: switch to a checked copy */
      out = js_malloc(ctx, len * 3 + 4);
      if (!out) return JS_EXCEPTION;
      memcpy(out, buf, i);
      n = i;
    }
    if (needed == 0) {
      if (b < 0x80) out[n++] = b;
      else if (b >= 0xC2 && b <= 0xDF) needed = 1, cp = b & 0x1F;
      else if (b >= 0xE0 && b <= 0xEF) {
        if (b == 0xE0) lower = 0xA0;
        if (b == 0xED) upper = 0x9F;
        needed = 2, cp = b & 0xF;
      } else if (b >= 0xF0 && b <= 0xF4) {
        if (b == 0xF0) lower = 0x90;
        if (b == 0xF4) upper = 0x8F;
        needed = 3, cp = b & 0x7;
      } else n += put_cp(out + n, 0xFFFD);
      continue;
    }
    if (b < lower || b > upper) {
      cp = 0, needed = 0, seen = 0, lower = 0x80, upper = 0xBF;
      n += put_cp(out + n, 0xFFFD);
      i--; /* the byte starts over */
      continue;
    }
    lower = 0x80, upper = 0xBF;
    cp = (cp << 6) | (b & 0x3F);
    if (++seen == needed) {
      n += put_cp(out + n, cp);
      cp = 0, needed = 0, seen = 0;
    }
  }
  if (!out) return JS_NewStringLen(ctx, (const char *)buf, len);
  if (needed) n += put_cp(out + n, 0xFFFD);
  JSValue s = JS_NewStringLen(ctx, (const char *)out, n);
  js_free(ctx, out);
  return s;
}
