#ifndef QJSW_BYTES_H
#define QJSW_BYTES_H

#include <stddef.h>
#include <stdint.h>

#include "quickjs.h"

/* The bytes of an ArrayBuffer, or the window of a typed array or DataView.
   NULL with a TypeError pending when `v` is none of these (or is detached).
   The window counts as written (a buffer mirrored into a WebAssembly memory is copied over
   what it covers): callers that only read take qjsw_get_bytes_ro. */
uint8_t *qjsw_get_bytes(JSContext *ctx, JSValueConst v, size_t *len);
const uint8_t *qjsw_get_bytes_ro(JSContext *ctx, JSValueConst v, size_t *len);

/* The class of DataView objects (0 if it cannot be learnt: out of memory). */
JSClassID qjsw_data_view_class_id(JSContext *ctx);

/* JSFreeArrayBufferDataFunc for blocks allocated with js_malloc. */
void qjsw_free_js_malloc(JSRuntime *rt, void *opaque, void *ptr);

/* UTF-8 as Node produces it: lone surrogates become U+FFFD (QuickJS would emit
   their 3-byte WTF-8 form). */
typedef struct {
  const char *data;
  size_t len;
  const char *borrowed; /* from JS_ToCStringLen, or NULL */
  char *owned;          /* malloc'd copy, or NULL */
} QJSWUtf8;
int qjsw_utf8_get(JSContext *ctx, JSValueConst v, QJSWUtf8 *out); /* 0, or -1 with an exception */
void qjsw_utf8_free(JSContext *ctx, QJSWUtf8 *u);

/* A string from UTF-8 bytes, decoded as WHATWG (and Node) do: each maximal
   invalid subsequence becomes one U+FFFD. */
JSValue qjsw_utf8_decode(JSContext *ctx, const uint8_t *buf, size_t len);

#endif
