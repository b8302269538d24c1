/*
 * qjsw:binding/vm — node:vm's contexts: a new QuickJS context (fresh intrinsics) in the
 * guest's own runtime, so its memory limit, run deadline and stack limit hold there too.
 *
 * A contextified object (the "sandbox") and the context's global are one live view, as V8's
 * named-property interceptors make them in Node: the context's global object is a forwarding
 * object (class "VMGlobal", exotic methods below) that looks a name up on the sandbox first,
 * then on the context's real global (its builtins), and writes and defines on the sandbox.
 * QuickJS patch 033 lets a context's global be such an object.
 *
 * A context lives as long as something of it does (the run function handed back, its global,
 * any object made there): QuickJS counts contexts as GC objects, so an unreachable one is
 * collected with its cycles, and freeing the runtime frees any left.
 */
#include <string.h>

#include "bindings/vm.h"
#include "loader/builtins.h"
#include "ffi/qts.h"

JS_BOOL JS_IsUncatchableError(JSContext *ctx, JSValueConst val); /* quickjs.c, not in quickjs.h */

static JSClassID vm_global_class_id;

typedef struct VMGlobal {
  JSValue sandbox; /* the contextified object */
  JSValue global;  /* the context's own global object, with its builtins */
} VMGlobal;

static VMGlobal *vm_global(JSValueConst obj) { return JS_GetOpaque(obj, vm_global_class_id); }

/* A context over another context's global forwards again, and a chain of them recurses in C
   with no JS frame between: each forwarding method checks the runtime's stack limit itself,
   reserving a frame of shadow stack as QuickJS's own checks do here
   (native/guards/quickjs_stack.h), so the chain is a catchable RangeError long before the host
   engine's stack ends. */
#define VM_STACK_FRAME 512
static int vm_past_limit(JSContext *ctx, const volatile char *frame) {
  QTSRuntimeState *state = qts_runtime_state(JS_GetRuntime(ctx));
  if (!state || state->stack_limit == 0 || (uintptr_t)frame >= state->stack_limit) return 0;
  JS_ThrowRangeError(ctx, "Maximum call stack size exceeded");
  return 1;
}
#define VM_CHECK_STACK(ctx, fail)         \
  volatile char vm_frame[VM_STACK_FRAME]; \
  vm_frame[0] = 0;                        \
  if (vm_past_limit(ctx, vm_frame)) return fail

static void vm_global_finalizer(JSRuntime *rt, JSValue val) {
  VMGlobal *g = JS_GetOpaque(val, vm_global_class_id);
  if (!g) return;
  JS_FreeValueRT(rt, g->sandbox);
  JS_FreeValueRT(rt, g->global);
  js_free_rt(rt, g);
}

static void vm_global_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func) {
  VMGlobal *g = JS_GetOpaque(val, vm_global_class_id);
  if (!g) return;
  JS_MarkValue(rt, g->sandbox, mark_func);
  JS_MarkValue(rt, g->global, mark_func);
}

/* An own property of the sandbox wins over one of the real global. */
static int vm_get_own_property(JSContext *ctx, JSPropertyDescriptor *desc, JSValueConst obj,
                               JSAtom prop) {
  VM_CHECK_STACK(ctx, -1);
  VMGlobal *g = vm_global(obj);
  int ret = JS_GetOwnProperty(ctx, desc, g->sandbox, prop);
  if (ret != 0) return ret;
  return JS_GetOwnProperty(ctx, desc, g->global, prop);
}

/* The sandbox's keys, then the builtins' that the sandbox does not shadow. */
static void free_names(JSContext *ctx, JSPropertyEnum *tab, uint32_t len) {
  if (!tab) return;
  for (uint32_t i = 0; i < len; i++) JS_FreeAtom(ctx, tab[i].atom);
  js_free(ctx, tab);
}

static int vm_get_own_property_names(JSContext *ctx, JSPropertyEnum **ptab, uint32_t *plen,
                                     JSValueConst obj) {
  VM_CHECK_STACK(ctx, -1);
  VMGlobal *g = vm_global(obj);
  const int flags = JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK;
  JSPropertyEnum *own = NULL, *real = NULL, *out = NULL;
  uint32_t n_own = 0, n_real = 0, n = 0;
  if (JS_GetOwnPropertyNames(ctx, &own, &n_own, g->sandbox, flags) < 0) return -1;
  if (JS_GetOwnPropertyNames(ctx, &real, &n_real, g->global, flags) < 0) goto fail;
  out = js_mallocz(ctx, sizeof(*out) * ((size_t)n_own + n_real + 1));
  if (!out) goto fail;
  for (uint32_t i = 0; i < n_own; i++) out[n++].atom = JS_DupAtom(ctx, own[i].atom);
  for (uint32_t i = 0; i < n_real; i++) {
    uint32_t j = 0;
    while (j < n_own && own[j].atom != real[i].atom) j++;
    if (j == n_own) out[n++].atom = JS_DupAtom(ctx, real[i].atom);
  }
  free_names(ctx, own, n_own);
  free_names(ctx, real, n_real);
  *ptab = out;
  *plen = n;
  return 0;
fail:
  free_names(ctx, own, n_own);
  free_names(ctx, real, n_real);
  return -1;
}

/* From both, as Node: `delete Array` inside leaves no Array there. */
static int vm_delete_property(JSContext *ctx, JSValueConst obj, JSAtom prop) {
  VM_CHECK_STACK(ctx, -1);
  VMGlobal *g = vm_global(obj);
  int ret = JS_DeleteProperty(ctx, g->sandbox, prop, 0);
  if (ret <= 0) return ret;
  return JS_DeleteProperty(ctx, g->global, prop, 0);
}

static int vm_define_own_property(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValueConst val,
                                  JSValueConst getter, JSValueConst setter, int flags) {
  VM_CHECK_STACK(ctx, -1);
  VMGlobal *g = vm_global(obj);
  return JS_DefineProperty(ctx, g->sandbox, prop, val, getter, setter, flags);
}

/* Lookups follow the sandbox's prototype chain, as V8's GetRealNamedProperty does. */
static int vm_has_property(JSContext *ctx, JSValueConst obj, JSAtom prop) {
  VM_CHECK_STACK(ctx, -1);
  VMGlobal *g = vm_global(obj);
  int ret = JS_HasProperty(ctx, g->sandbox, prop);
  if (ret != 0) return ret;
  return JS_HasProperty(ctx, g->global, prop);
}

static JSValue vm_get_property(JSContext *ctx, JSValueConst obj, JSAtom prop,
                               JSValueConst receiver) {
  VM_CHECK_STACK(ctx, JS_EXCEPTION);
  VMGlobal *g = vm_global(obj);
  int ret = JS_HasProperty(ctx, g->sandbox, prop);
  if (ret < 0) return JS_EXCEPTION;
  if (ret) {
    JSValue val = JS_GetPropertyInternal(ctx, g->sandbox, prop, g->sandbox, 0);
    /* the sandbox itself reads as the global inside, as in Node (`window === this`) */
    if (JS_IsObject(val) && JS_VALUE_GET_PTR(val) == JS_VALUE_GET_PTR(g->sandbox)) {
      JS_FreeValue(ctx, val);
      return JS_DupValue(ctx, obj);
    }
    return val;
  }
  return JS_GetPropertyInternal(ctx, g->global, prop, receiver, 0);
}

/* Writes go to the sandbox, except over a read-only builtin (NaN, undefined, Infinity),
   which stays what it is, as on any global. */
static int vm_set_property(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValueConst val,
                           JSValueConst receiver, int flags) {
  VM_CHECK_STACK(ctx, -1);
  VMGlobal *g = vm_global(obj);
  if (!JS_IsObject(receiver) || JS_VALUE_GET_PTR(receiver) != JS_VALUE_GET_PTR(obj))
    return JS_SetPropertyInternal(ctx, g->global, prop, JS_DupValue(ctx, val), receiver, flags);
  JSPropertyDescriptor desc;
  int own = JS_GetOwnProperty(ctx, NULL, g->sandbox, prop);
  if (own < 0) return -1;
  if (!own) {
    int real = JS_GetOwnProperty(ctx, &desc, g->global, prop);
    if (real < 0) return -1;
    if (real) {
      int read_only = !(desc.flags & (JS_PROP_WRITABLE | JS_PROP_GETSET));
      JS_FreeValue(ctx, desc.value);
      JS_FreeValue(ctx, desc.getter);
      JS_FreeValue(ctx, desc.setter);
      if (read_only)
        return JS_SetPropertyInternal(ctx, g->global, prop, JS_DupValue(ctx, val), g->global,
                                      flags);
    }
  }
  return JS_SetPropertyInternal(ctx, g->sandbox, prop, JS_DupValue(ctx, val), g->sandbox, flags);
}

static const JSClassExoticMethods vm_global_exotic = {
    .get_own_property = vm_get_own_property,
    .get_own_property_names = vm_get_own_property_names,
    .delete_property = vm_delete_property,
    .define_own_property = vm_define_own_property,
    .has_property = vm_has_property,
    .get_property = vm_get_property,
    .set_property = vm_set_property,
};

static const JSClassDef vm_global_class = {
    .class_name = "Object",
    .finalizer = vm_global_finalizer,
    .gc_mark = vm_global_mark,
    .exotic = (JSClassExoticMethods *)&vm_global_exotic,
};

VMDeadline qjsw_vm_deadline_begin(JSRuntime *rt, double timeout) {
  VMDeadline d = {qts_runtime_state(rt), 0, 0};
  if (d.state) d.saved = d.state->vm_deadline;
  if (timeout > 0 && d.state) {
    d.deadline = qjsw_now_ms() + timeout;
    if (d.saved == 0 || d.deadline < d.saved) d.state->vm_deadline = d.deadline;
    JS_SetInterruptHandler(rt, qts_interrupt_handler, NULL);
  }
  return d;
}

/* Restores the outer deadline; whether this call's own deadline is what stopped the guest
   (not an outer call's, nested timeouts, nor the host's). */
int qjsw_vm_deadline_end(JSRuntime *rt, VMDeadline *d) {
  if (d->deadline <= 0) return 0;
  d->state->vm_deadline = d->saved;
  if (!d->state->host_interrupts && d->saved == 0) JS_SetInterruptHandler(rt, NULL, NULL);
  return d->state->vm_deadline_hit && qjsw_now_ms() >= d->deadline;
}

/* microtaskMode 'afterEvaluate': the jobs the evaluation queued in its context, run now; `ret`
   becomes the exception one of them threw. */
JSValue qjsw_vm_run_own_jobs(JSContext *ctx, JSContext *job_ctx, JSValue ret) {
  if (JS_IsException(ret)) return ret;
  int ran;
  while ((ran = JS_ExecutePendingJobOf(job_ctx)) > 0) {}
  if (ran < 0) {
    JS_FreeValue(ctx, ret);
    return JS_EXCEPTION;
  }
  return ret;
}

/* run(code, filename, timeout, onTimeout, flags, importer) -> the completion value of `code` as a
   script of this function's realm: the caller's context for the binding's own run, the vm
   context for the run newContext hands back. When `timeout` (ms, > 0) passes first, the guest
   is interrupted as the run deadline does (no catch or finally of its runs) and run returns
   what onTimeout() returns or throws. Flags: VM_RUN_COMPILE_ONLY throws the SyntaxError of
   `code` or returns undefined; VM_RUN_WRAPPER_LINE counts lines from the second;
   VM_RUN_AFTER_EVALUATE runs the promise jobs this context queued before returning, under
   the same timeout (microtaskMode 'afterEvaluate'). VM_RUN_IMPORT_MISSING(_FLAG): import() in
   the code rejects with Node's error for code given no importModuleDynamically (or one Node
   calls only under --experimental-vm-modules). `importer` (non-zero): the id import() in the
   code passes to the context's import hook (setImport). */
static JSValue js_vm_run(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  size_t len;
  const char *code = JS_ToCStringLen(ctx, &len, argv[0]);
  if (!code) return JS_EXCEPTION;
  const char *filename = JS_ToCString(ctx, argv[1]);
  if (!filename) {
    JS_FreeCString(ctx, code);
    return JS_EXCEPTION;
  }
  double timeout = 0;
  if (argc > 2 && !JS_IsUndefined(argv[2]) && JS_ToFloat64(ctx, &timeout, argv[2]) < 0) {
    JS_FreeCString(ctx, code);
    JS_FreeCString(ctx, filename);
    return JS_EXCEPTION;
  }
  int32_t flags = 0;
  if (argc > 4 && JS_ToInt32(ctx, &flags, argv[4]) < 0) {
    JS_FreeCString(ctx, code);
    JS_FreeCString(ctx, filename);
    return JS_EXCEPTION;
  }
  int32_t importer = 0;
  if (argc > 5 && JS_ToInt32(ctx, &importer, argv[5]) < 0) {
    JS_FreeCString(ctx, code);
    JS_FreeCString(ctx, filename);
    return JS_EXCEPTION;
  }
  int eval_flags = JS_EVAL_TYPE_GLOBAL;
  if (importer != 0) eval_flags |= JS_EVAL_FLAG_QJSW_VM_IMPORTER;
  JS_SetVMImporter(ctx, importer);
  if (flags & VM_RUN_WRAPPER_LINE) eval_flags |= JS_EVAL_FLAG_QJSW_WRAPPER_LINE;
  if (flags & VM_RUN_IMPORT_MISSING) eval_flags |= JS_EVAL_FLAG_QJSW_VM_IMPORT_MISSING;
  if (flags & VM_RUN_IMPORT_MISSING_FLAG) eval_flags |= JS_EVAL_FLAG_QJSW_VM_IMPORT_MISSING_FLAG;
  if (flags & VM_RUN_COMPILE_ONLY) {
    JSValue fn = JS_Eval(ctx, code, len, filename, eval_flags | JS_EVAL_FLAG_COMPILE_ONLY);
    JS_SetVMImporter(ctx, 0);
    JS_FreeCString(ctx, code);
    JS_FreeCString(ctx, filename);
    if (JS_IsException(fn)) return fn;
    JS_FreeValue(ctx, fn);
    return JS_UNDEFINED;
  }
  JSRuntime *rt = JS_GetRuntime(ctx);
  VMDeadline d = qjsw_vm_deadline_begin(rt, timeout);
  JSValue ret = JS_Eval(ctx, code, len, filename, eval_flags);
  JS_SetVMImporter(ctx, 0);
  JS_FreeCString(ctx, code);
  JS_FreeCString(ctx, filename);
  if (flags & VM_RUN_AFTER_EVALUATE) ret = qjsw_vm_run_own_jobs(ctx, ctx, ret);
  if (qjsw_vm_deadline_end(rt, &d) && JS_IsException(ret)) {
    JSValue exc = JS_GetException(ctx);
    if (JS_IsUncatchableError(ctx, exc)) {
      d.state->vm_deadline_hit = 0;
      JS_FreeValue(ctx, exc);
      return JS_Call(ctx, argc > 3 ? argv[3] : JS_UNDEFINED, JS_UNDEFINED, 0, NULL);
    }
    JS_Throw(ctx, exc);
  }
  return ret;
}

/* [run, global, real, module]; takes global and real. */
static JSValue handles(JSContext *ctx, JSContext *inner, JSValue global, JSValue real) {
  JSValue run = JS_NewCFunction2(inner, js_vm_run, "run", 6, JS_CFUNC_generic, 0);
  JSValue module = JS_NewCFunction2(inner, qjsw_vm_module, "module", 6, JS_CFUNC_generic, 0);
  JSValue out = JS_NewArray(ctx);
  if (JS_IsException(run) || JS_IsException(module) || JS_IsException(out)) {
    JS_FreeValue(inner, run);
    JS_FreeValue(inner, module);
    JS_FreeValue(inner, global);
    JS_FreeValue(inner, real);
    JS_FreeValue(ctx, out);
    return JS_EXCEPTION;
  }
  JS_DefinePropertyValueUint32(ctx, out, 0, run, JS_PROP_C_W_E);
  JS_DefinePropertyValueUint32(ctx, out, 1, global, JS_PROP_C_W_E);
  JS_DefinePropertyValueUint32(ctx, out, 2, real, JS_PROP_C_W_E);
  JS_DefinePropertyValueUint32(ctx, out, 3, module, JS_PROP_C_W_E);
  return out;
}

/* [run, global, builtins] of `inner`: its run function, its global (over `sandbox` when that
   is an object, else its own) and its own global with the builtins. */
static JSValue contextify(JSContext *ctx, JSContext *inner, JSValueConst sandbox) {
  if (qjsw_install_json_guard(inner) < 0) return JS_EXCEPTION;
  JSValue real = JS_GetGlobalObject(inner);
  if (!JS_IsObject(sandbox)) return handles(ctx, inner, JS_DupValue(inner, real), real);
  JSValue proto = JS_GetPrototype(inner, real);
  JSValue global = JS_NewObjectProtoClass(inner, proto, vm_global_class_id);
  JS_FreeValue(inner, proto);
  VMGlobal *g = JS_IsException(global) ? NULL : js_mallocz(inner, sizeof(VMGlobal));
  if (!g) {
    JS_FreeValue(inner, global);
    JS_FreeValue(inner, real);
    return JS_EXCEPTION;
  }
  g->sandbox = JS_DupValue(inner, sandbox);
  g->global = real;
  JS_SetOpaque(global, g);
  if (JS_DefinePropertyValueStr(inner, real, "globalThis", JS_DupValue(inner, global),
                                JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0) {
    JS_FreeValue(inner, global);
    return JS_EXCEPTION;
  }
  JS_SetGlobalObject(inner, JS_DupValue(inner, global));
  return handles(ctx, inner, global, JS_DupValue(inner, g->global));
}

/* newContext(sandbox?) -> [run, global, real] of a new context (over `sandbox` if an object).
   QuickJS builds a context's intrinsics without checking each allocation, so the memory limit is
   lifted meanwhile (no guest code runs) and checked after: over it, the context is dropped and the
   guest gets the out-of-memory error it would get from any allocation. */
static JSValue js_vm_new_context(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv) {
  JSRuntime *rt = JS_GetRuntime(ctx);
  size_t limit = JS_GetMemoryLimit(rt);
  JS_SetMemoryLimit(rt, (size_t)-1);
  JSContext *inner = JS_NewContext(rt);
  /* its errors fall back to the main context's Error.prepareStackTrace, as in Node */
  if (inner) JS_SetPrincipalContext(inner, ctx);
  int32_t importer = 0;
  if (argc > 2 && JS_ToInt32(ctx, &importer, argv[2]) < 0) importer = 0;
  if (inner && argc > 1 && JS_IsFunction(ctx, argv[1]))
    JS_SetVMImport(inner, JS_DupValue(ctx, argv[1]), importer);
  JSValue out = inner ? contextify(ctx, inner, argv[0]) : JS_UNDEFINED;
  JS_SetMemoryLimit(rt, limit);
  if (!inner) return JS_ThrowOutOfMemory(ctx);
  JS_FreeContext(inner); /* what was made there holds it from now on */
  if (JS_IsException(out)) return out;
  if (limit != (size_t)-1 && JS_GetMallocSize(rt) > limit) {
    /* what dropped contexts hold may be garbage the allocator has not collected yet */
    JS_RunGC(rt);
    if (JS_GetMallocSize(rt) > limit) {
      JS_FreeValue(ctx, out);
      JS_RunGC(rt);
      return JS_ThrowOutOfMemory(ctx);
    }
  }
  return out;
}

/* setImport(hook): import() in code of this context compiled with an importer id calls
   hook(id, specifier) (node:vm's importModuleDynamically); newContext takes the same hook and
   the id of the new context's own code. */
static JSValue js_vm_set_import(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv) {
  if (!JS_IsFunction(ctx, argv[0])) return JS_ThrowTypeError(ctx, "hook must be a function");
  JS_SetVMImport(ctx, JS_DupValue(ctx, argv[0]), 0);
  return JS_UNDEFINED;
}

static const JSCFunctionListEntry js_vm_funcs[] = {
    JS_CFUNC_DEF("setImport", 1, js_vm_set_import),
    JS_CFUNC_DEF("newContext", 3, js_vm_new_context),
    JS_CFUNC_DEF("run", 6, js_vm_run),
    JS_CFUNC_DEF("module", 6, qjsw_vm_module),
};

static int js_vm_init(JSContext *ctx, JSModuleDef *m) {
  return JS_SetModuleExportList(ctx, m, js_vm_funcs,
                                (int)(sizeof(js_vm_funcs) / sizeof(js_vm_funcs[0])));
}

JSModuleDef *qjsw_init_binding_vm(JSContext *ctx, const char *module_name) {
  JSRuntime *rt = JS_GetRuntime(ctx);
  if (vm_global_class_id == 0) JS_NewClassID(&vm_global_class_id);
  if (!JS_IsRegisteredClass(rt, vm_global_class_id) &&
      JS_NewClass(rt, vm_global_class_id, &vm_global_class) < 0)
    return NULL;
  if (qjsw_vm_module_class_init(rt) < 0) return NULL;
  return qjsw_new_binding(ctx, module_name, js_vm_init, js_vm_funcs,
                          (int)(sizeof(js_vm_funcs) / sizeof(js_vm_funcs[0])));
}
