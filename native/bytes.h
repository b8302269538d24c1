#ifndef QJSW_BYTES_H
#define QJSW_BYTES_H

#include <stddef.h>
#include <stdint.h>

#include "quickjs.h"

/* The bytes of an ArrayBuffer, or the window of a typed array or DataView.
   NULL with a TypeError pending when `v` is none of these (or is detached). */
uint8_t *qjsw_get_bytes(JSContext *ctx, JSValueConst v, size_t *len);

/* JSFreeArrayBufferDataFunc for blocks allocated with js_malloc. */
void qjsw_free_js_malloc(JSRuntime *rt, void *opaque, void *ptr);

#endif
