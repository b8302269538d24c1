/*
 * qjsw:binding/os — what node:os reports as the machine's memory. The sandbox's
 * "machine" is the guest heap: its size is the runtime's memory limit when the
 * host set one, else the most the Wasm heap may grow to; what is free is that
 * less what the runtime has allocated.
 */
#include <emscripten/heap.h>

#include "bindings/array_of.h"
#include "loader/builtins.h"
#include "ffi/qts.h"

/* memory() -> [total, free] in bytes */
static JSValue js_os_memory(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  JSMemoryUsage usage;
  JS_ComputeMemoryUsage(JS_GetRuntime(ctx), &usage);
  double total = (double)emscripten_get_heap_max();
  if (usage.malloc_limit > 0 && (double)usage.malloc_limit < total)
    total = (double)usage.malloc_limit;
  double used = (double)usage.malloc_size;
  JSValue items[2] = {JS_NewFloat64(ctx, total),
                      JS_NewFloat64(ctx, used < total ? total - used : 0)};
  return qjsw_array_of(ctx, items, 2);
}

static const JSCFunctionListEntry js_os_funcs[] = {
    JS_CFUNC_DEF("memory", 0, js_os_memory),
};

QJSW_DEFINE_BINDING(os, js_os_funcs)
