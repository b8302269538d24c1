#ifndef QJSW_COMPILE_CACHE_H
#define QJSW_COMPILE_CACHE_H

#include <stddef.h>

#include "quickjs.h"

/* JS_Eval(ctx, code, len, filename, flags | JS_EVAL_FLAG_COMPILE_ONLY), through the host's
   compile cache when it has one: the compiled script or module, or an exception. */
JSValue qjsw_compile(JSContext *ctx, const char *code, size_t len, const char *filename, int flags);

#endif
