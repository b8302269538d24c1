/*
 * Build-time compiler of the builtins under modules/ and bundles/ into QuickJS bytecode
 * (driven by scripts/compile-builtins.mjs). It is linked from the very objects of the Wasm
 * module's QuickJS, so the bytecode matches the engine that reads it back byte for byte.
 */
#include <stdio.h>
#include <string.h>

#include <emscripten.h>

#include "quickjs.h"

static JSRuntime *rt;
static JSContext *ctx;

/* Prints a pending exception (a syntax error in a builtin) for the build log. */
static void report_exception(void) {
  JSValue exc = JS_GetException(ctx);
  const char *text = JS_ToCString(ctx, exc);
  JSValue stack = JS_GetPropertyStr(ctx, exc, "stack");
  const char *trace = JS_IsUndefined(stack) ? NULL : JS_ToCString(ctx, stack);
  fprintf(stderr, "%s\n%s", text ? text : "(exception)", trace ? trace : "");
  JS_FreeCString(ctx, trace);
  JS_FreeCString(ctx, text);
  JS_FreeValue(ctx, stack);
  JS_FreeValue(ctx, exc);
}

static int init_stub(JSContext *c, JSModuleDef *m) { return 0; }

/* QuickJS loads a module's imports as part of compiling it. Their bytecode only names them,
   so an empty stand-in is enough here; the sandbox resolves the real ones at load time. */
static JSModuleDef *load_stub(JSContext *c, const char *name, void *opaque) {
  return JS_NewCModule(c, name, init_stub);
}

/* QuickJS patch 091 asks the module's intl binding for process.env.TZ's zone; compiling runs
   no Date code, and the host's local time is the answer here. */
int qjsw_zone_offset_minutes(JSContext *c, int64_t ms, int *minutes) { return 0; }
double qjsw_now_ms(void) { return 0; }
void qjsw_host_sleep(double ms) {}

/* Compiles `source` (NUL-terminated, `len` bytes) as the ES module `name` without
   resolving its imports. Returns the bytecode (free with qjsw_free_bytecode) and its size
   in *out_len, or NULL after printing the error. */
EMSCRIPTEN_KEEPALIVE
uint8_t *qjsw_compile(const char *name, const char *source, size_t len, size_t *out_len) {
  if (!rt) {
    rt = JS_NewRuntime();
    /* the stack limit must stay below the tool's real stack (STACK_SIZE in the Makefile) */
    JS_SetMaxStackSize(rt, 512 * 1024);
    /* keep line numbers for stack traces; Function.prototype.toString source is not worth
       its size in the Wasm module */
    JS_SetStripInfo(rt, JS_STRIP_SOURCE);
    JS_SetModuleLoaderFunc(rt, NULL, load_stub, NULL);
    ctx = JS_NewContext(rt);
  }
  JSValue fn = JS_Eval(ctx, source, len, name, JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
  if (JS_IsException(fn)) {
    report_exception();
    return NULL;
  }
  uint8_t *bytes = JS_WriteObject(ctx, out_len, fn, JS_WRITE_OBJ_BYTECODE);
  JS_FreeValue(ctx, fn);
  if (!bytes) report_exception();
  return bytes;
}

EMSCRIPTEN_KEEPALIVE
void qjsw_free_bytecode(uint8_t *bytes) { js_free(ctx, bytes); }
