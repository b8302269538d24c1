/*
 * Arrays the bindings return, made whole or not at all.
 */
#ifndef QJSW_ARRAY_OF_H
#define QJSW_ARRAY_OF_H

#include <stdint.h>

#include "quickjs.h"

/* An array of the `n` values of `items` (each owned: taken or freed), or JS_EXCEPTION with the
   error pending. At the memory limit the array or an item may fail to be made: filling it
   anyway threw "not an object" over the out-of-memory error. An item may be JS_EXCEPTION. */
JSValue qjsw_array_of(JSContext *ctx, JSValue *items, uint32_t n);

#endif
