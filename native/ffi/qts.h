/*
 * Shared declarations of the QTS_* FFI that quickjs-emscripten-core drives.
 *
 * Values cross the FFI as pointers to heap boxes holding one JSValue: a
 * JSValue* is owned by the caller of the function that returned it and freed
 * with QTS_FreeValuePointer; a JSValueConst* is borrowed. Boxes use plain
 * malloc so they can be freed without knowing which context made them.
 */
#ifndef QJSW_QTS_H
#define QJSW_QTS_H

#include <stdint.h>
#include <stdlib.h>

#include "quickjs.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#define QTS_EXPORT EMSCRIPTEN_KEEPALIVE
#else
#define QTS_EXPORT
#endif

#define QTS_COUNTOF(a) (sizeof(a) / sizeof((a)[0]))

/* Host reference ids are allocated by the host; 0 means "none". */
typedef int32_t HostRefId;

/* Per-runtime state, stored as the runtime opaque. */
typedef struct QTSRuntimeState {
  int host_module_loader; /* forward unknown module ids to the host */
  int host_normalize;     /* the host normalizes module ids too */
  int debug_log;
  /* Where QuickJS's stack check stops this runtime (0: no limit), kept for child runtimes
     that must stay within it (qjsw_runtime_share_stack). */
  uintptr_t stack_limit;
  /* The host's interrupt callback is on (QTS_RuntimeEnableInterruptHandler). */
  int host_interrupts;
  /* node:vm's `timeout` (vm.c): the nearest deadline of the vm calls under way (ms of
     qjsw_now_ms, 0: none), and whether the interrupt handler stopped the guest for it. */
  double vm_deadline;
  int vm_deadline_hit;
  /* process.env.TZ's zone (intl.c): the host's canonical id, "" for a name the host does not
     know (UTC, as ICU falls back); NULL: the host's own local zone. */
  char *local_zone;
} QTSRuntimeState;

/* Per-context state, stored as the context opaque. */
typedef struct QTSContextState {
  JSValue function_proto; /* prototype of host functions */
  /* Guest hooks that resolve and load ES modules from the filesystem (set by a
     sandbox's bootstrap through qjsw:binding/module; undefined otherwise). */
  JSValue esm_resolve;
  JSValue esm_load;
  /* Guest hook told about promises rejected without a handler (and handled later). */
  JSValue on_rejection;
  /* A Stats object's properties on `stats_proto` (fs.c), the shape each new one is made
     with; made on the first stat call, again if the prototype passed changes. */
  JSValue stats_template;
  JSValue stats_proto;
  /* Who may import qjsw: ids (module_loader.c): `trusted` counts the builtins whose own
     imports are being resolved now; `internals` is the host's one boot window. */
  int trusted;
  int internals; /* QJSW_INTERNALS_* */
  /* Node's --expose-internals, granted by the host at boot (qjsw:binding/module's
     exposeNodeInternals): `internal/...` ids then name the adapters of
     modules/internal/node_internals/, never the sandbox's own qjsw: modules. */
  int node_internals;
  /* importBuiltin's answers by id (module_binding.c): a builtin's namespace never changes once
     it has run, and the call is made at run time by modules that load their imports lazily. */
  JSValue builtin_namespaces;
  /* What the ES loader's CommonJS modules export, by module name, until each runs
     (module_loader.c's synthetic modules). */
  JSValue synthetic_exports;
} QTSContextState;

enum { QJSW_INTERNALS_NEVER = 0, QJSW_INTERNALS_BOOT = 1, QJSW_INTERNALS_SEALED = 2 };

static inline JSValue *qts_box(JSValue v) {
  JSValue *p = malloc(sizeof(JSValue));
  if (p) *p = v;
  return p;
}

/* Box an exception so the caller sees a value it can resolve. */
static inline JSValue *qts_box_exception(void) { return qts_box(JS_EXCEPTION); }

static inline QTSRuntimeState *qts_runtime_state(JSRuntime *rt) {
  return (QTSRuntimeState *)JS_GetRuntimeOpaque(rt);
}

static inline QTSContextState *qts_context_state(JSContext *ctx) {
  return (QTSContextState *)JS_GetContextOpaque(ctx);
}

/* host_callbacks.js (--js-library): calls into Module.callbacks on the host side. */
JSValue *qts_host_call_function(JSContext *ctx, JSValueConst *this_ptr, int argc,
                                JSValueConst *argv, HostRefId id);
void qts_host_free_host_ref(JSRuntime *rt, HostRefId id);
int qts_host_should_interrupt(JSRuntime *rt);
char *qts_host_load_module_source(JSRuntime *rt, JSContext *ctx, const char *module_name);
char *qts_host_normalize_module(JSRuntime *rt, JSContext *ctx, const char *base, const char *name);

/* qts_allocator.c: malloc that accounts real block sizes, for memory limits. */
extern const JSMallocFunctions qts_malloc_functions;
int64_t qts_malloc_footprint(const JSMemoryUsage *usage);

/* Default JS stack limit. QuickJS measures the Wasm shadow stack, but each guest
   call also uses the host engine's native stack, and V8's (about 984 KiB in Node
   and Chromium) runs out after roughly 2000 simple guest frames whatever the
   shadow stack allows. Overflowing it unwinds through QuickJS and leaves the
   runtime corrupt, so stop well before: with the frame reserve of quickjs_stack.h,
   384 KiB is about 800 simple frames and keeps every measured recursion under 2/3
   of V8's stack. */
#define QTS_DEFAULT_MAX_STACK_SIZE (384 * 1024)

/* qts_runtime.c: the runtime's interrupt handler (the host's deadline, then node:vm's) and
   the monotonic clock it reads. */
int qts_interrupt_handler(JSRuntime *rt, void *opaque);
double qjsw_now_ms(void);

/* qts_host_ref.c */
void qts_host_ref_register_classes(JSRuntime *rt);

/* module_loader.c */
void qjsw_module_loader_install(JSRuntime *rt);
/* json_guard.c: JSON.parse with a nesting limit, in every new context that has JSON. */
int qjsw_install_json_guard(JSContext *ctx);
JSModuleDef *qjsw_compile_module(JSContext *ctx, const char *name, const char *source, size_t len);

#endif
