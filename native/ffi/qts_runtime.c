/*
 * QTS_* for runtimes and contexts: lifecycle, limits, interrupts, the pending
 * job queue, module-loader switches, memory accounting and build flags.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ffi/qts.h"

double qjsw_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The host's deadline first: when it ends the run, no vm call may take the interrupt for its
   own timeout. */
int qts_interrupt_handler(JSRuntime *rt, void *opaque) {
  (void)opaque;
  QTSRuntimeState *state = qts_runtime_state(rt);
  if (!state) return qts_host_should_interrupt(rt) ? 1 : 0;
  if (state->host_interrupts && qts_host_should_interrupt(rt)) return 1;
  if (state->vm_deadline > 0 && qjsw_now_ms() >= state->vm_deadline) {
    state->vm_deadline_hit = 1;
    return 1;
  }
  return 0;
}

// The shadow stack's current position, as QuickJS's check reads it (native/guards/quickjs_stack.h).
static __attribute__((noinline)) uintptr_t stack_pointer(void) {
  volatile char probe[16];
  return (uintptr_t)probe;
}

static void set_stack_size(JSRuntime *rt, size_t size) {
  JS_SetMaxStackSize(rt, size);
  QTSRuntimeState *state = qts_runtime_state(rt);
  if (state) state->stack_limit = size == 0 ? 0 : stack_pointer() - size;
}

QTS_EXPORT JSRuntime *QTS_NewRuntime(void) {
  JSRuntime *rt = JS_NewRuntime2(&qts_malloc_functions, NULL);
  if (!rt) return NULL;
  QTSRuntimeState *state = calloc(1, sizeof(QTSRuntimeState));
  if (!state) {
    JS_FreeRuntime(rt);
    return NULL;
  }
  JS_SetRuntimeOpaque(rt, state);
  /* Atomics.wait may block, as on Node's main thread (it sleeps: QuickJS patch 100) */
  JS_SetCanBlock(rt, 1);
  set_stack_size(rt, QTS_DEFAULT_MAX_STACK_SIZE);
  qts_host_ref_register_classes(rt);
  qjsw_module_loader_install(rt);
  return rt;
}

QTS_EXPORT void QTS_FreeRuntime(JSRuntime *rt) {
  QTSRuntimeState *state = qts_runtime_state(rt);
  JS_FreeRuntime(rt);
  if (state) free(state->local_zone);
  free(state);
}

enum {
  QTS_INTRINSIC_BASE_OBJECTS = 1 << 0,
  QTS_INTRINSIC_DATE = 1 << 1,
  QTS_INTRINSIC_EVAL = 1 << 2,
  QTS_INTRINSIC_STRING_NORMALIZE = 1 << 3,
  QTS_INTRINSIC_REGEXP = 1 << 4,
  QTS_INTRINSIC_REGEXP_COMPILER = 1 << 5,
  QTS_INTRINSIC_JSON = 1 << 6,
  QTS_INTRINSIC_PROXY = 1 << 7,
  QTS_INTRINSIC_MAP_SET = 1 << 8,
  QTS_INTRINSIC_TYPED_ARRAYS = 1 << 9,
  QTS_INTRINSIC_PROMISE = 1 << 10,
  /* BigInt is part of the base objects in this QuickJS; BigFloat, BigDecimal,
     OperatorOverloading and BignumExt no longer exist and are ignored. */
};

static JSContext *new_context_with(JSRuntime *rt, int intrinsics) {
  if (intrinsics == 0) return JS_NewContext(rt);
  JSContext *ctx = JS_NewContextRaw(rt);
  if (!ctx) return NULL;
  static const struct {
    int flag;
    void (*add)(JSContext *);
  } table[] = {
      {QTS_INTRINSIC_BASE_OBJECTS, JS_AddIntrinsicBaseObjects},
      {QTS_INTRINSIC_DATE, JS_AddIntrinsicDate},
      {QTS_INTRINSIC_EVAL, JS_AddIntrinsicEval},
      {QTS_INTRINSIC_STRING_NORMALIZE, JS_AddIntrinsicStringNormalize},
      {QTS_INTRINSIC_REGEXP_COMPILER, JS_AddIntrinsicRegExpCompiler},
      {QTS_INTRINSIC_REGEXP, JS_AddIntrinsicRegExp},
      {QTS_INTRINSIC_JSON, JS_AddIntrinsicJSON},
      {QTS_INTRINSIC_PROXY, JS_AddIntrinsicProxy},
      {QTS_INTRINSIC_MAP_SET, JS_AddIntrinsicMapSet},
      {QTS_INTRINSIC_TYPED_ARRAYS, JS_AddIntrinsicTypedArrays},
      {QTS_INTRINSIC_PROMISE, JS_AddIntrinsicPromise},
  };
  for (size_t i = 0; i < QTS_COUNTOF(table); i++)
    if (intrinsics & table[i].flag) table[i].add(ctx);
  return ctx;
}

QTS_EXPORT JSContext *QTS_NewContext(JSRuntime *rt, int intrinsics) {
  JSContext *ctx = new_context_with(rt, intrinsics);
  if (!ctx) return NULL;
  if (qjsw_install_json_guard(ctx) < 0) {
    JS_FreeContext(ctx);
    return NULL;
  }
  QTSContextState *state = calloc(1, sizeof(QTSContextState));
  if (!state) {
    JS_FreeContext(ctx);
    return NULL;
  }
  state->esm_resolve = JS_UNDEFINED;
  state->esm_load = JS_UNDEFINED;
  state->on_rejection = JS_UNDEFINED;
  state->builtin_namespaces = JS_UNDEFINED;
  state->synthetic_exports = JS_UNDEFINED;
  state->stats_template = JS_UNDEFINED;
  state->stats_proto = JS_UNDEFINED;
  /* The prototype of any C function is %Function.prototype%, even when the
     context has no Function global. */
  JSValue probe = JS_NewCFunction(ctx, NULL, "", 0);
  state->function_proto = JS_GetPrototype(ctx, probe);
  JS_FreeValue(ctx, probe);
  JS_SetContextOpaque(ctx, state);
  return ctx;
}

QTS_EXPORT void QTS_FreeContext(JSContext *ctx) {
  QTSContextState *state = qts_context_state(ctx);
  if (state) {
    JS_FreeValue(ctx, state->function_proto);
    JS_FreeValue(ctx, state->esm_resolve);
    JS_FreeValue(ctx, state->esm_load);
    JS_FreeValue(ctx, state->on_rejection);
    JS_FreeValue(ctx, state->builtin_namespaces);
    JS_FreeValue(ctx, state->synthetic_exports);
    JS_FreeValue(ctx, state->stats_template);
    JS_FreeValue(ctx, state->stats_proto);
    free(state);
    JS_SetContextOpaque(ctx, NULL);
  }
  JS_FreeContext(ctx);
}

QTS_EXPORT void QTS_RuntimeSetMemoryLimit(JSRuntime *rt, double limit) {
  JS_SetMemoryLimit(rt, limit < 0 ? (size_t)-1 : (size_t)limit);
}

QTS_EXPORT void QTS_RuntimeSetMaxStackSize(JSRuntime *rt, double stack_size) {
  set_stack_size(rt, stack_size < 0 ? 0 : (size_t)stack_size);
}

/* A child sandbox's runtime stops where its parent's does. A child run synchronously inside
   its parent's call stacks its frames on the parent's, in Wasm and in the host engine, whose
   own stack the default limit is sized against: so the child gets only what the parent has
   left, and nesting cannot reach further than one runtime could. Returns the bytes left, or
   -1 when fewer than `min` are (the parent is too deep to start a child). */
QTS_EXPORT int qjsw_runtime_share_stack(JSRuntime *child, JSRuntime *parent, int min) {
  QTSRuntimeState *from = qts_runtime_state(parent);
  if (!from || from->stack_limit == 0) return 0;
  uintptr_t sp = stack_pointer();
  if (sp <= from->stack_limit || sp - from->stack_limit < (uintptr_t)min) return -1;
  size_t size = sp - from->stack_limit;
  set_stack_size(child, size);
  return (int)size;
}

QTS_EXPORT JSValue *QTS_RuntimeComputeMemoryUsage(JSRuntime *rt, JSContext *ctx) {
  JSMemoryUsage s;
  JS_ComputeMemoryUsage(rt, &s);
  JSValue obj = JS_NewObject(ctx);
  if (JS_IsException(obj)) return qts_box(obj);
#define QTS_USAGE_FIELD(f) \
  JS_DefinePropertyValueStr(ctx, obj, #f, JS_NewFloat64(ctx, (double)s.f), JS_PROP_C_W_E)
  /* The stock variants' keys, in their order: no malloc_size (what setMemoryLimit compares
     against; dumpMemoryUsage() prints it as "memory allocated"). */
  QTS_USAGE_FIELD(malloc_limit);
  QTS_USAGE_FIELD(memory_used_size);
  QTS_USAGE_FIELD(malloc_count);
  QTS_USAGE_FIELD(memory_used_count);
  QTS_USAGE_FIELD(atom_count);
  QTS_USAGE_FIELD(atom_size);
  QTS_USAGE_FIELD(str_count);
  QTS_USAGE_FIELD(str_size);
  QTS_USAGE_FIELD(obj_count);
  QTS_USAGE_FIELD(obj_size);
  QTS_USAGE_FIELD(prop_count);
  QTS_USAGE_FIELD(prop_size);
  QTS_USAGE_FIELD(shape_count);
  QTS_USAGE_FIELD(shape_size);
  QTS_USAGE_FIELD(js_func_count);
  QTS_USAGE_FIELD(js_func_size);
  QTS_USAGE_FIELD(js_func_code_size);
  QTS_USAGE_FIELD(js_func_pc2line_count);
  QTS_USAGE_FIELD(js_func_pc2line_size);
  QTS_USAGE_FIELD(c_func_count);
  QTS_USAGE_FIELD(array_count);
  QTS_USAGE_FIELD(fast_array_count);
  QTS_USAGE_FIELD(fast_array_elements);
  QTS_USAGE_FIELD(binary_object_count);
  QTS_USAGE_FIELD(binary_object_size);
#undef QTS_USAGE_FIELD
  return qts_box(obj);
}

/* Returns a malloc'd string the host frees. */
QTS_EXPORT char *QTS_RuntimeDumpMemoryUsage(JSRuntime *rt) {
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  if (!fp) return strdup("");
  JSMemoryUsage s;
  JS_ComputeMemoryUsage(rt, &s);
  JS_DumpMemoryUsage(fp, &s, rt);
  fclose(fp);
  return buf;
}

QTS_EXPORT int QTS_RecoverableLeakCheck(void) { return 0; }
QTS_EXPORT int QTS_BuildIsSanitizeLeak(void) { return 0; }
QTS_EXPORT int QTS_BuildIsDebug(void) { return 0; }
QTS_EXPORT int QTS_BuildIsAsyncify(void) { return 0; }

QTS_EXPORT int QTS_GetDebugLogEnabled(JSRuntime *rt) { return qts_runtime_state(rt)->debug_log; }

QTS_EXPORT void QTS_SetDebugLogEnabled(JSRuntime *rt, int is_enabled) {
  qts_runtime_state(rt)->debug_log = is_enabled;
}

QTS_EXPORT void QTS_RuntimeEnableInterruptHandler(JSRuntime *rt) {
  QTSRuntimeState *state = qts_runtime_state(rt);
  if (state) state->host_interrupts = 1;
  JS_SetInterruptHandler(rt, qts_interrupt_handler, NULL);
}

/* A vm call with a timeout keeps the handler until it returns (vm.c). */
QTS_EXPORT void QTS_RuntimeDisableInterruptHandler(JSRuntime *rt) {
  QTSRuntimeState *state = qts_runtime_state(rt);
  if (state) state->host_interrupts = 0;
  if (!state || state->vm_deadline == 0) JS_SetInterruptHandler(rt, NULL, NULL);
}

/* Builtin modules always load from inside the module; these switches only
   decide whether other ids go to the host. */
QTS_EXPORT void QTS_RuntimeEnableModuleLoader(JSRuntime *rt, int use_custom_normalize) {
  QTSRuntimeState *state = qts_runtime_state(rt);
  state->host_module_loader = 1;
  state->host_normalize = use_custom_normalize;
}

QTS_EXPORT void QTS_RuntimeDisableModuleLoader(JSRuntime *rt) {
  QTSRuntimeState *state = qts_runtime_state(rt);
  state->host_module_loader = 0;
  state->host_normalize = 0;
}

QTS_EXPORT int QTS_IsJobPending(JSRuntime *rt) { return JS_IsJobPending(rt); }

/*
 * Runs up to max_jobs jobs (all when negative). Writes the context of the last
 * job to *last_job_context (NULL when none ran) and returns, in that context,
 * the number of jobs run or the exception that stopped the run.
 */
QTS_EXPORT JSValue *QTS_ExecutePendingJob(JSRuntime *rt, int max_jobs,
                                          JSContext **last_job_context) {
  JSContext *pctx = NULL, *last = NULL;
  int executed = 0;
  while (max_jobs < 0 || executed < max_jobs) {
    int status = JS_ExecutePendingJob(rt, &pctx);
    if (status == 0) break;
    last = pctx;
    if (status < 0) {
      *last_job_context = last;
      return qts_box(JS_GetException(last));
    }
    executed++;
  }
  *last_job_context = last;
  if (!last) return qts_box(JS_UNDEFINED);
  return qts_box(JS_NewFloat64(last, executed));
}

/* Bytes the runtime's allocations take, as its memory limit counts them
   (runtime/webassembly/webassembly.ts charges host WebAssembly memories against the same limit).
   Walks the heap. */
QTS_EXPORT double qjsw_runtime_malloc_size(JSRuntime *rt) {
  JSMemoryUsage s;
  JS_ComputeMemoryUsage(rt, &s);
  return (double)s.malloc_size;
}
