/*
 * qjsw:binding/vm, modules: node:vm's SourceTextModule and SyntheticModule over QuickJS's
 * module records (contexts and their runs: vm.c).
 */
#include <string.h>

#include "bindings/vm.h"

JS_BOOL JS_IsUncatchableError(JSContext *ctx, JSValueConst val); /* quickjs.c, not in quickjs.h */

/* A module record of QuickJS (QuickJS patch 064: JS_VMModule*) lives as long as its context;
   its wrapper (class VMModule) holds a function of that context, so the record it points to
   outlives it. The wrapper is modules/vm.js's own (a private field); every op still checks
   its class and that the modules it links share a context. */
static JSClassID vm_module_class_id;

typedef struct VMModule {
  JSModuleDef *m;
  JSContext *ctx; /* the module's context, kept alive by `realm` */
  JSValue realm;  /* a function of that context */
} VMModule;

static void vm_module_finalizer(JSRuntime *rt, JSValue val) {
  VMModule *w = JS_GetOpaque(val, vm_module_class_id);
  if (!w) return;
  JS_FreeValueRT(rt, w->realm);
  js_free_rt(rt, w);
}

static void vm_module_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func) {
  VMModule *w = JS_GetOpaque(val, vm_module_class_id);
  if (w) JS_MarkValue(rt, w->realm, mark_func);
}

static const JSClassDef vm_module_class = {
    .class_name = "ModuleWrap",
    .finalizer = vm_module_finalizer,
    .gc_mark = vm_module_mark,
};

static JSValue vm_noop(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  return JS_UNDEFINED;
}

static JSValue vm_module_wrap(JSContext *ctx, JSModuleDef *m) {
  JSValue obj = JS_NewObjectClass(ctx, vm_module_class_id);
  if (JS_IsException(obj)) return obj;
  VMModule *w = js_mallocz(ctx, sizeof(*w));
  JSValue realm = JS_NewCFunction(ctx, vm_noop, "", 0);
  if (!w || JS_IsException(realm)) {
    js_free(ctx, w);
    JS_FreeValue(ctx, realm);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
  }
  w->m = m;
  w->ctx = ctx;
  w->realm = realm;
  JS_SetOpaque(obj, w);
  return obj;
}

static VMModule *vm_module_of(JSContext *ctx, JSValueConst val) {
  VMModule *w = JS_GetOpaque(val, vm_module_class_id);
  if (!w) JS_ThrowTypeError(ctx, "not a module");
  return w;
}

enum {
  VM_MOD_COMPILE,
  VM_MOD_SYNTHETIC,
  VM_MOD_REQUESTS,
  VM_MOD_LINK,
  VM_MOD_INSTANTIATE,
  VM_MOD_EVALUATE,
  VM_MOD_STATUS,
  VM_MOD_ERROR,
  VM_MOD_NAMESPACE,
  VM_MOD_SET_EXPORT,
};

/* compile(source, identifier, initializeImportMeta?) -> wrap, in this function's context */
static JSValue vm_module_compile(JSContext *ctx, int argc, JSValueConst *argv) {
  size_t len;
  const char *code = JS_ToCStringLen(ctx, &len, argv[1]);
  if (!code) return JS_EXCEPTION;
  const char *name = JS_ToCString(ctx, argv[2]);
  if (!name) {
    JS_FreeCString(ctx, code);
    return JS_EXCEPTION;
  }
  int32_t flags = 0, importer = 0;
  if (argc > 4 && JS_ToInt32(ctx, &flags, argv[4]) < 0) flags = 0;
  if (argc > 5 && JS_ToInt32(ctx, &importer, argv[5]) < 0) importer = 0;
  int eval_flags = JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY | JS_EVAL_FLAG_QJSW_VM_MODULE;
  if (importer != 0) eval_flags |= JS_EVAL_FLAG_QJSW_VM_IMPORTER;
  JS_SetVMImporter(ctx, importer);
  if (flags & VM_RUN_IMPORT_MISSING) eval_flags |= JS_EVAL_FLAG_QJSW_VM_IMPORT_MISSING;
  if (flags & VM_RUN_IMPORT_MISSING_FLAG) eval_flags |= JS_EVAL_FLAG_QJSW_VM_IMPORT_MISSING_FLAG;
  JSValue mod = JS_Eval(ctx, code, len, name, eval_flags);
  JS_SetVMImporter(ctx, 0);
  JS_FreeCString(ctx, code);
  JS_FreeCString(ctx, name);
  if (JS_IsException(mod)) return mod;
  JSModuleDef *m = JS_VMModuleOf(mod);
  JS_FreeValue(ctx, mod); /* the context's list holds the record */
  if (!m) return JS_ThrowTypeError(ctx, "not a module");
  if (argc > 3 && JS_IsFunction(ctx, argv[3]))
    JS_VMModuleSetMetaInit(ctx, m, JS_DupValue(ctx, argv[3]));
  return vm_module_wrap(ctx, m);
}

/* synthetic(identifier, exportNames, steps) -> wrap */
static JSValue vm_module_synthetic(JSContext *ctx, int argc, JSValueConst *argv) {
  if (argc < 4 || !JS_IsFunction(ctx, argv[3]))
    return JS_ThrowTypeError(ctx, "steps must be a function");
  JSAtom name = JS_ValueToAtom(ctx, argv[1]);
  if (name == JS_ATOM_NULL) return JS_EXCEPTION;
  JSModuleDef *m = JS_NewVMSyntheticModule(ctx, name, argv[3]);
  JS_FreeAtom(ctx, name);
  if (!m) return JS_EXCEPTION;
  uint32_t n;
  JSValue len = JS_GetPropertyStr(ctx, argv[2], "length");
  if (JS_IsException(len) || JS_ToUint32(ctx, &n, len) < 0) {
    JS_FreeValue(ctx, len);
    return JS_EXCEPTION;
  }
  for (uint32_t i = 0; i < n; i++) {
    JSValue v = JS_GetPropertyUint32(ctx, argv[2], i);
    if (JS_IsException(v)) return v;
    JSAtom a = JS_ValueToAtom(ctx, v);
    JS_FreeValue(ctx, v);
    if (a == JS_ATOM_NULL) return JS_EXCEPTION;
    int r = JS_VMModuleAddExport(ctx, m, a);
    JS_FreeAtom(ctx, a);
    if (r < 0) return JS_EXCEPTION;
  }
  return vm_module_wrap(ctx, m);
}

static JSValue vm_module_evaluate(JSContext *ctx, VMModule *w, int argc, JSValueConst *argv) {
  double timeout = 0;
  if (argc > 2 && !JS_IsUndefined(argv[2]) && JS_ToFloat64(ctx, &timeout, argv[2]) < 0)
    return JS_EXCEPTION;
  int after_evaluate = argc > 4 && JS_ToBool(ctx, argv[4]);
  JSRuntime *rt = JS_GetRuntime(ctx);
  VMDeadline d = qjsw_vm_deadline_begin(rt, timeout);
  JSValue ret = JS_VMModuleEvaluate(w->ctx, w->m);
  if (after_evaluate) ret = qjsw_vm_run_own_jobs(ctx, w->ctx, ret);
  if (qjsw_vm_deadline_end(rt, &d)) {
    /* ended by our deadline: in the module (its evaluation's promise rejected with the
       interrupt) or in the jobs run after it */
    JSValue exc = JS_IsException(ret) ? JS_GetException(ctx) : JS_VMModuleError(ctx, w->m);
    if (JS_IsUncatchableError(ctx, exc)) {
      d.state->vm_deadline_hit = 0;
      JS_FreeValue(ctx, exc);
      if (!JS_IsException(ret)) JS_VMPromiseSetHandled(ctx, ret);
      JS_FreeValue(ctx, ret);
      if (after_evaluate) JS_DropPendingJobsOf(w->ctx);
      return JS_Call(ctx, argc > 3 ? argv[3] : JS_UNDEFINED, JS_UNDEFINED, 0, NULL);
    }
    if (JS_IsException(ret)) JS_Throw(ctx, exc);
    else JS_FreeValue(ctx, exc);
  }
  return ret;
}

/* module(op, ...): the ops above; compile and synthetic make the module in this function's
   context, the others work in the module's own. */
JSValue qjsw_vm_module(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int32_t op;
  if (argc < 2 || JS_ToInt32(ctx, &op, argv[0]) < 0) return JS_ThrowTypeError(ctx, "bad module op");
  if (op == VM_MOD_COMPILE)
    return argc < 3 ? JS_ThrowTypeError(ctx, "bad module op") : vm_module_compile(ctx, argc, argv);
  if (op == VM_MOD_SYNTHETIC) return vm_module_synthetic(ctx, argc, argv);
  VMModule *w = vm_module_of(ctx, argv[1]);
  if (!w) return JS_EXCEPTION;
  JSModuleDef *m = w->m;
  switch (op) {
    case VM_MOD_REQUESTS: {
      JSValue out = JS_NewArray(ctx);
      int n = JS_VMModuleRequestCount(m);
      for (int i = 0; i < n && !JS_IsException(out); i++) {
        JSAtom a = JS_VMModuleRequestName(ctx, m, i);
        if (JS_DefinePropertyValueUint32(ctx, out, i, JS_AtomToString(ctx, a), JS_PROP_C_W_E) < 0) {
          JS_FreeValue(ctx, out);
          out = JS_EXCEPTION;
        }
        JS_FreeAtom(ctx, a);
      }
      return out;
    }
    case VM_MOD_LINK: {
      int n = JS_VMModuleRequestCount(m);
      for (int i = 0; i < n; i++) {
        JSValue d = argc > 2 ? JS_GetPropertyUint32(ctx, argv[2], i) : JS_UNDEFINED;
        if (JS_IsException(d)) return d;
        VMModule *dw = JS_GetOpaque(d, vm_module_class_id);
        JS_FreeValue(ctx, d); /* (the wrapper holds the record's context; the graph the record) */
        if (!dw || dw->ctx != w->ctx)
          return JS_ThrowTypeError(ctx, "Linked modules must use the same context");
        if (JS_VMModuleSetRequest(w->ctx, m, i, dw->m) < 0) return JS_EXCEPTION;
      }
      return JS_UNDEFINED;
    }
    case VM_MOD_INSTANTIATE:
      return JS_VMModuleInstantiate(w->ctx, m) < 0 ? JS_EXCEPTION : JS_UNDEFINED;
    case VM_MOD_EVALUATE: return vm_module_evaluate(ctx, w, argc, argv);
    case VM_MOD_STATUS: return JS_NewInt32(ctx, JS_VMModuleStatus(m));
    case VM_MOD_ERROR: return JS_VMModuleError(ctx, m);
    case VM_MOD_NAMESPACE: return JS_VMModuleNamespace(w->ctx, m);
    case VM_MOD_SET_EXPORT: {
      JSAtom a = JS_ValueToAtom(ctx, argc > 2 ? argv[2] : JS_UNDEFINED);
      if (a == JS_ATOM_NULL) return JS_EXCEPTION;
      int r =
          JS_VMModuleSetExport(w->ctx, m, a, JS_DupValue(ctx, argc > 3 ? argv[3] : JS_UNDEFINED));
      JS_FreeAtom(ctx, a);
      return r < 0 ? JS_EXCEPTION : JS_UNDEFINED;
    }
  }
  return JS_ThrowTypeError(ctx, "bad module op");
}

/* Registers the wrapper's class in `rt` (once per runtime). */
int qjsw_vm_module_class_init(JSRuntime *rt) {
  if (vm_module_class_id == 0) JS_NewClassID(&vm_module_class_id);
  if (!JS_IsRegisteredClass(rt, vm_module_class_id) &&
      JS_NewClass(rt, vm_module_class_id, &vm_module_class) < 0)
    return -1;
  return 0;
}
