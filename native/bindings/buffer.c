/*
 * qjsw:binding/buffer — the byte work of modules/buffer.js done in C: string
 * encoding and decoding in every Node encoding (QuickJS already holds strings as
 * Latin-1/UTF-16 and converts them in one pass), compare, search, validation.
 */
#include <string.h>

#include "loader/builtins.h"
#include "bindings/bytes.h"
#include "ffi/qts.h"

/* utf8Decode(view, start, end) -> string */
static JSValue js_buffer_utf8_decode(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv) {
  size_t len;
  int64_t start, end;
  /* numbers first: a valueOf() run after the bytes are taken could detach them */
  if (JS_ToInt64(ctx, &start, argv[1]) < 0 || JS_ToInt64(ctx, &end, argv[2]) < 0)
    return JS_EXCEPTION;
  const uint8_t *data = qjsw_get_bytes_ro(ctx, argv[0], &len);
  if (!data) return JS_EXCEPTION;
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

/* Encodings other than UTF-8, numbered as modules/buffer.js numbers them. */
enum {
  ENC_UTF8 = 0,
  ENC_LATIN1 = 1,
  ENC_ASCII = 2,
  ENC_UCS2 = 3,
  ENC_HEX = 4,
  ENC_BASE64 = 5,
  ENC_BASE64URL = 6
};

static const char b64_std[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b64_url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* Node's decoder takes both alphabets whatever the encoding, and looks at the low
   byte of each UTF-16 unit only. */
static int8_t unb64(uint8_t c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

static int unhex(uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  c |= 32;
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* A string's UTF-16 units, from QuickJS's WTF-8 (lone surrogates keep their own
   3-byte form there, so nothing is lost). js_malloc'd; NULL with an exception. */
static uint16_t *string_units(JSContext *ctx, JSValueConst v, size_t *count) {
  size_t len;
  const char *s = JS_ToCStringLen(ctx, &len, v);
  if (!s) return NULL;
  uint16_t *u = js_malloc(ctx, (len ? len : 1) * sizeof(uint16_t));
  if (!u) {
    JS_FreeCString(ctx, s);
    return NULL;
  }
  const uint8_t *p = (const uint8_t *)s, *end = p + len;
  size_t n = 0;
  while (p < end) {
    uint32_t c = *p;
    if (c < 0x80) {
      p++;
    } else if (c < 0xE0 && p + 1 < end) {
      c = ((c & 0x1F) << 6) | (p[1] & 0x3F), p += 2;
    } else if (c < 0xF0 && p + 2 < end) {
      c = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F), p += 3;
    } else if (p + 3 < end) {
      c = ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F), p += 4;
      c -= 0x10000;
      u[n++] = 0xD800 | (c >> 10);
      c = 0xDC00 | (c & 0x3FF);
    } else {
      c = 0xFFFD, p++; /* cannot happen: QuickJS writes whole sequences */
    }
    u[n++] = (uint16_t)c;
  }
  JS_FreeCString(ctx, s);
  *count = n;
  return u;
}

static size_t hex_decode(uint8_t *dst, size_t cap, const uint16_t *src, size_t n) {
  size_t i;
  for (i = 0; i < cap && i * 2 + 1 < n; i++) {
    int a = unhex((uint8_t)src[i * 2]), b = unhex((uint8_t)src[i * 2 + 1]);
    if (a < 0 || b < 0) break;
    dst[i] = (uint8_t)((a << 4) | b);
  }
  return i;
}

/* Skips what is not base64 and stops at the first '=', as Node's decoder does. */
static size_t base64_decode(uint8_t *dst, size_t cap, const uint16_t *src, size_t n) {
  uint32_t acc = 0;
  int bits = 0;
  size_t k = 0;
  for (size_t i = 0; i < n && k < cap; i++) {
    uint8_t c = (uint8_t)src[i];
    int v = unb64(c);
    if (v < 0) {
      if (c == '=') break;
      continue;
    }
    acc = ((acc << 6) | (uint32_t)v) & 0xFFFFFF;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      dst[k++] = (uint8_t)(acc >> bits);
    }
  }
  return k;
}

/* Writes at most `cap` bytes of `units` in encoding `enc` (not UTF-8). */
static size_t write_units(uint8_t *dst, size_t cap, const uint16_t *u, size_t n, int enc) {
  switch (enc) {
    case ENC_LATIN1:
    case ENC_ASCII: {
      size_t m = n < cap ? n : cap;
      for (size_t i = 0; i < m; i++) dst[i] = (uint8_t)u[i];
      return m;
    }
    case ENC_UCS2: {
      size_t m = n < cap / 2 ? n : cap / 2;
      for (size_t i = 0; i < m; i++)
        dst[i * 2] = (uint8_t)u[i], dst[i * 2 + 1] = (uint8_t)(u[i] >> 8);
      return m * 2;
    }
    case ENC_HEX: return hex_decode(dst, cap, u, n);
    default: return base64_decode(dst, cap, u, n);
  }
}

/* encode(string, enc) -> ArrayBuffer holding the string in `enc` (not UTF-8) */
static JSValue js_buffer_encode(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv) {
  int32_t enc;
  size_t n;
  if (JS_ToInt32(ctx, &enc, argv[1]) < 0) return JS_EXCEPTION;
  uint16_t *u = string_units(ctx, argv[0], &n);
  if (!u) return JS_EXCEPTION;
  size_t cap = enc == ENC_UCS2     ? n * 2
               : enc == ENC_HEX    ? n / 2
               : enc >= ENC_BASE64 ? n * 3 / 4 + 3
                                   : n;
  uint8_t *out = js_malloc(ctx, cap ? cap : 1);
  if (!out) {
    js_free(ctx, u);
    return JS_EXCEPTION;
  }
  size_t len = write_units(out, cap, u, n, enc);
  js_free(ctx, u);
  return JS_NewArrayBuffer(ctx, out, len, qjsw_free_js_malloc, NULL, 0);
}

/* write(view, string, offset, maxLength, enc) -> bytes written; whole characters only */
static JSValue js_buffer_write(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv) {
  size_t len;
  int64_t offset, max;
  int32_t enc;
  /* the string and numbers first, the bytes last: converting could run JS */
  if (JS_ToInt64(ctx, &offset, argv[2]) < 0 || JS_ToInt64(ctx, &max, argv[3]) < 0 ||
      JS_ToInt32(ctx, &enc, argv[4]) < 0)
    return JS_EXCEPTION;
  QJSWUtf8 s = {0};
  uint16_t *u = NULL;
  size_t n = 0;
  if (enc == ENC_UTF8 ? qjsw_utf8_get(ctx, argv[1], &s) < 0
                      : !(u = string_units(ctx, argv[1], &n))) {
    if (enc == ENC_UTF8) qjsw_utf8_free(ctx, &s);
    return JS_EXCEPTION;
  }
  size_t written = 0;
  uint8_t *data = qjsw_get_bytes(ctx, argv[0], &len);
  if (!data) goto fail;
  if (offset < 0 || (size_t)offset > len) {
    JS_ThrowRangeError(ctx, "offset out of range");
    goto fail;
  }
  if (max < 0) max = 0;
  if ((size_t)max > len - (size_t)offset) max = (int64_t)(len - (size_t)offset);
  uint8_t *dst = data + offset;
  if (max == 0) {
    /* nothing fits */
  } else if (enc == ENC_UTF8) {
    written = s.len;
    if (written > (size_t)max) {
      written = (size_t)max;
      /* back up to the start of the character that does not fit */
      while (written > 0 && ((uint8_t)s.data[written] & 0xC0) == 0x80) written--;
    }
    memcpy(dst, s.data, written);
  } else {
    written = write_units(dst, (size_t)max, u, n, enc);
  }
  if (enc == ENC_UTF8) qjsw_utf8_free(ctx, &s);
  js_free(ctx, u);
  return JS_NewInt64(ctx, (int64_t)written);
fail:
  if (enc == ENC_UTF8) qjsw_utf8_free(ctx, &s);
  js_free(ctx, u);
  return JS_EXCEPTION;
}

/* decode(view, start, end, enc) -> string, for every encoding but UTF-8 */
static JSValue js_buffer_decode(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv) {
  size_t len;
  int64_t start, end;
  int32_t enc;
  if (JS_ToInt64(ctx, &start, argv[1]) < 0 || JS_ToInt64(ctx, &end, argv[2]) < 0 ||
      JS_ToInt32(ctx, &enc, argv[3]) < 0)
    return JS_EXCEPTION;
  const uint8_t *data = qjsw_get_bytes_ro(ctx, argv[0], &len);
  if (!data) return JS_EXCEPTION;
  if (start < 0) start = 0;
  if (end > (int64_t)len) end = (int64_t)len;
  if (end <= start) return JS_NewString(ctx, "");
  const uint8_t *p = data + start;
  size_t n = (size_t)(end - start), o = 0;
  size_t cap;
  switch (enc) {
    case ENC_LATIN1: cap = n * 2; break;
    case ENC_UCS2: cap = (n / 2) * 3; break;
    case ENC_HEX: cap = n * 2; break;
    case ENC_BASE64:
    case ENC_BASE64URL: cap = (n + 2) / 3 * 4; break;
    default: cap = n; break;
  }
  char *out = js_malloc(ctx, cap ? cap : 1);
  if (!out) return JS_EXCEPTION;
  switch (enc) {
    case ENC_LATIN1:
      for (size_t i = 0; i < n; i++) {
        uint8_t b = p[i];
        if (b < 0x80) out[o++] = (char)b;
        else out[o++] = (char)(0xC0 | (b >> 6)), out[o++] = (char)(0x80 | (b & 0x3F));
      }
      break;
    case ENC_UCS2:
      /* WTF-8, one sequence per unit: QuickJS pairs the surrogates back up */
      for (size_t i = 0; i + 1 < n; i += 2) {
        uint32_t c = p[i] | ((uint32_t)p[i + 1] << 8);
        if (c < 0x80) out[o++] = (char)c;
        else if (c < 0x800)
          out[o++] = (char)(0xC0 | (c >> 6)), out[o++] = (char)(0x80 | (c & 0x3F));
        else {
          out[o++] = (char)(0xE0 | (c >> 12));
          out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
          out[o++] = (char)(0x80 | (c & 0x3F));
        }
      }
      break;
    case ENC_HEX: {
      static const char digits[] = "0123456789abcdef";
      for (size_t i = 0; i < n; i++) out[o++] = digits[p[i] >> 4], out[o++] = digits[p[i] & 15];
      break;
    }
    case ENC_BASE64:
    case ENC_BASE64URL: {
      const char *t = enc == ENC_BASE64 ? b64_std : b64_url;
      size_t i = 0;
      for (; i + 2 < n; i += 3) {
        uint32_t v = ((uint32_t)p[i] << 16) | ((uint32_t)p[i + 1] << 8) | p[i + 2];
        out[o++] = t[v >> 18], out[o++] = t[(v >> 12) & 63], out[o++] = t[(v >> 6) & 63],
        out[o++] = t[v & 63];
      }
      if (i < n) {
        uint32_t v = ((uint32_t)p[i] << 16) | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0);
        out[o++] = t[v >> 18], out[o++] = t[(v >> 12) & 63];
        if (i + 1 < n) out[o++] = t[(v >> 6) & 63];
        else if (enc == ENC_BASE64) out[o++] = '=';
        if (enc == ENC_BASE64) out[o++] = '=';
      }
      break;
    }
    default: /* ASCII: the high bit dropped */
      for (size_t i = 0; i < n; i++) out[o++] = (char)(p[i] & 0x7F);
      break;
  }
  JSValue s = JS_NewStringLen(ctx, out, o);
  js_free(ctx, out);
  return s;
}

/* compare(a, b, aStart, aEnd, bStart, bEnd) -> -1, 0 or 1; ranges already checked */
static JSValue js_buffer_compare(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv) {
  size_t alen, blen;
  int64_t as = 0, ae = INT64_MAX, bs = 0, be = INT64_MAX;
  if (argc >= 6 && (JS_ToInt64(ctx, &as, argv[2]) < 0 || JS_ToInt64(ctx, &ae, argv[3]) < 0 ||
                    JS_ToInt64(ctx, &bs, argv[4]) < 0 || JS_ToInt64(ctx, &be, argv[5]) < 0))
    return JS_EXCEPTION;
  const uint8_t *a = qjsw_get_bytes_ro(ctx, argv[0], &alen);
  if (!a) return JS_EXCEPTION;
  const uint8_t *b = qjsw_get_bytes_ro(ctx, argv[1], &blen);
  if (!b) return JS_EXCEPTION;
  if (as < 0) as = 0;
  if (bs < 0) bs = 0;
  if (ae > (int64_t)alen) ae = (int64_t)alen;
  if (be > (int64_t)blen) be = (int64_t)blen;
  if (as > ae) as = ae;
  if (bs > be) bs = be;
  size_t an = (size_t)(ae - as), bn = (size_t)(be - bs);
  size_t m = an < bn ? an : bn;
  int r = m ? memcmp(a + as, b + bs, m) : 0;
  if (r == 0) r = an > bn ? 1 : an < bn ? -1 : 0;
  return JS_NewInt32(ctx, r > 0 ? 1 : r < 0 ? -1 : 0);
}

/* search(haystack, needle, from, forward, step) -> index or -1: the first match at or
   after `from` (or the last at or before it), at positions that are multiples of step. */
static JSValue js_buffer_search(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv) {
  size_t hlen, nlen;
  int64_t from;
  int32_t step;
  if (JS_ToInt64(ctx, &from, argv[2]) < 0 || JS_ToInt32(ctx, &step, argv[4]) < 0)
    return JS_EXCEPTION;
  int forward = JS_ToBool(ctx, argv[3]);
  const uint8_t *h = qjsw_get_bytes_ro(ctx, argv[0], &hlen);
  if (!h) return JS_EXCEPTION;
  const uint8_t *nd = qjsw_get_bytes_ro(ctx, argv[1], &nlen);
  if (!nd) return JS_EXCEPTION;
  if (step < 1) step = 1;
  if (nlen == 0 || nlen > hlen || from < 0) return JS_NewInt32(ctx, -1);
  int64_t last = (int64_t)(hlen - nlen);
  from -= from % step;
  if (forward) {
    for (int64_t i = from; i <= last; i += step) {
      if (step == 1) {
        const uint8_t *q = memchr(h + i, nd[0], (size_t)(last - i + 1));
        if (!q) break;
        i = q - h;
      }
      if (h[i] == nd[0] && memcmp(h + i, nd, nlen) == 0) return JS_NewInt64(ctx, i);
    }
  } else {
    int64_t i = from < last ? from : last - last % step;
    for (; i >= 0; i -= step)
      if (h[i] == nd[0] && memcmp(h + i, nd, nlen) == 0) return JS_NewInt64(ctx, i);
  }
  return JS_NewInt32(ctx, -1);
}

/* isUtf8(view) -> boolean: well-formed UTF-8 (no surrogates, no overlongs) */
static JSValue js_buffer_is_utf8(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv) {
  size_t len;
  const uint8_t *p = qjsw_get_bytes_ro(ctx, argv[0], &len);
  if (!p) return JS_EXCEPTION;
  size_t i = 0;
  while (i < len) {
    uint8_t b = p[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    int need;
    uint8_t lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) need = 1;
    else if (b >= 0xE0 && b <= 0xEF)
      need = 2, lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
    else if (b >= 0xF0 && b <= 0xF4)
      need = 3, lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
    else return JS_FALSE;
    if (i + need >= len) return JS_FALSE;
    if (p[i + 1] < lo || p[i + 1] > hi) return JS_FALSE;
    for (int k = 2; k <= need; k++)
      if ((p[i + k] & 0xC0) != 0x80) return JS_FALSE;
    i += need + 1;
  }
  return JS_TRUE;
}

/* isAscii(view) -> boolean */
static JSValue js_buffer_is_ascii(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv) {
  size_t len;
  const uint8_t *p = qjsw_get_bytes_ro(ctx, argv[0], &len);
  if (!p) return JS_EXCEPTION;
  for (size_t i = 0; i < len; i++)
    if (p[i] & 0x80) return JS_FALSE;
  return JS_TRUE;
}

/* The Buffer function itself: `new Buffer(arrayBuffer)` builds the FastBuffer directly,
   without the object an ordinary JS constructor would make first and throw away; everything else
   goes to the JS `slow(arg, enc, len)`. data: [Uint8Array, FastBuffer, slow, deprecation check],
   the check called first on both paths. Callable with or without `new`, as Node's. */
static JSClassID buffer_array_buffer_class;

static JSValue js_buffer_function(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv, int magic, JSValue *data) {
  /* argv holds at least 3 values: the function's length pads it with undefined */
  JSValue checked = JS_Call(ctx, data[3], JS_UNDEFINED, 0, NULL);
  if (JS_IsException(checked)) return checked;
  JS_FreeValue(ctx, checked);
  if (JS_GetClassID(argv[0]) == buffer_array_buffer_class && JS_IsUndefined(argv[1]) &&
      JS_IsUndefined(argv[2]))
    return JS_CallConstructor2(ctx, data[0], data[1], 1, argv);
  return JS_Call(ctx, data[2], JS_UNDEFINED, argc < 3 ? argc : 3, argv);
}

/* makeBuffer(Uint8Array, FastBuffer, slow, check) -> the Buffer function */
static JSValue js_buffer_make_buffer(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv) {
  if (argc < 4 || !JS_IsFunction(ctx, argv[2]) || !JS_IsFunction(ctx, argv[3]))
    return JS_ThrowTypeError(ctx, "makeBuffer: bad arguments");
  if (!buffer_array_buffer_class) {
    JSValue probe = JS_NewArrayBufferCopy(ctx, NULL, 0);
    buffer_array_buffer_class = JS_GetClassID(probe);
    JS_FreeValue(ctx, probe);
  }
  JSValue fn = JS_NewCFunctionData(ctx, js_buffer_function, 3, 0, 4, argv);
  if (JS_IsException(fn)) return fn;
  JS_SetConstructorBit(ctx, fn, 1);
  return fn;
}

/* stackScriptNames(limit) -> the script names of the innermost `limit` frames, "" for native
   ones: Buffer()'s DEP0005 check (Node's isInsideNodeModules) without an Error object, so
   neither Error.stackTraceLimit nor Error.prepareStackTrace (guest code) take part. */
static JSValue js_buffer_stack_script_names(JSContext *ctx, JSValueConst this_val, int argc,
                                            JSValueConst *argv) {
  int limit;
  if (JS_ToInt32(ctx, &limit, argv[0])) return JS_EXCEPTION;
  if (limit < 0) limit = 0;
  if (limit > 1000) limit = 1000;
  return JS_GetStackScriptNames(ctx, limit);
}

static const JSCFunctionListEntry js_buffer_funcs[] = {
    JS_CFUNC_DEF("makeBuffer", 4, js_buffer_make_buffer),
    JS_CFUNC_DEF("encode", 2, js_buffer_encode),
    JS_CFUNC_DEF("write", 5, js_buffer_write),
    JS_CFUNC_DEF("decode", 4, js_buffer_decode),
    JS_CFUNC_DEF("compare", 6, js_buffer_compare),
    JS_CFUNC_DEF("search", 5, js_buffer_search),
    JS_CFUNC_DEF("isUtf8", 1, js_buffer_is_utf8),
    JS_CFUNC_DEF("isAscii", 1, js_buffer_is_ascii),
    JS_CFUNC_DEF("utf8Decode", 3, js_buffer_utf8_decode),
    JS_CFUNC_DEF("utf8Encode", 1, js_buffer_utf8_encode),
    JS_CFUNC_DEF("byteLengthUtf8", 1, js_buffer_byte_length_utf8),
    JS_CFUNC_DEF("stackScriptNames", 1, js_buffer_stack_script_names),
};

QJSW_DEFINE_BINDING(buffer, js_buffer_funcs)
