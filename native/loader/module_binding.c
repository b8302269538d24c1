/*
 * qjsw:binding/module — what the CommonJS loader (modules/module.js) cannot do in
 * JS: compile a module's source as a function that reports its own file name in
 * stacks, and reach an ES builtin's namespace synchronously.
 */
#include <stdio.h>
#include <string.h>

#include "bindings/array_of.h"
#include "loader/builtins.h"
#include "loader/compile_cache.h"
#include "ffi/qts.h"

/* Node's CommonJS wrapper, on a line of its own that the parser does not count
   (JS_EVAL_FLAG_QJSW_WRAPPER_LINE), so lines and columns stay the file's. */
static const char wrapper_head[] =
    "(function (exports, require, module, __filename, __dirname) {\n";
static const char wrapper_tail[] = "\n})";

/* compileFunction(source, filename) -> function(exports, require, module, __filename, __dirname) */
static JSValue js_module_compile(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv) {
  size_t len;
  const char *src = JS_ToCStringLen(ctx, &len, argv[0]);
  if (!src) return JS_EXCEPTION;
  const char *filename = JS_ToCString(ctx, argv[1]);
  if (!filename) {
    JS_FreeCString(ctx, src);
    return JS_EXCEPTION;
  }
  /* a #! line is a comment to Node */
  size_t skip = (len >= 2 && src[0] == '#' && src[1] == '!') ? 2 : 0;
  size_t total = sizeof(wrapper_head) - 1 + (skip ? 2 : 0) + (len - skip) + sizeof(wrapper_tail);
  char *code = js_malloc(ctx, total);
  JSValue fn = JS_EXCEPTION;
  if (code) {
    size_t n = 0;
    memcpy(code + n, wrapper_head, sizeof(wrapper_head) - 1), n += sizeof(wrapper_head) - 1;
    if (skip) memcpy(code + n, "//", 2), n += 2;
    memcpy(code + n, src + skip, len - skip), n += len - skip;
    memcpy(code + n, wrapper_tail, sizeof(wrapper_tail)), n += sizeof(wrapper_tail) - 1;
    fn = qjsw_compile(ctx, code, n, filename, JS_EVAL_TYPE_GLOBAL | JS_EVAL_FLAG_QJSW_WRAPPER_LINE);
    js_free(ctx, code);
    if (!JS_IsException(fn)) fn = JS_EvalFunction(ctx, fn); /* the wrapper's function expression */
  }
  JS_FreeCString(ctx, src);
  JS_FreeCString(ctx, filename);
  return fn;
}

/* importBuiltin('node:fs' | 'qjsw:internal/x') -> the module namespace, loading and evaluating
   it now. Only builtins hold this function; what they name is checked again by the loader
   (node: ids must be public builtins whatever a patched Set or Module says). */
static JSValue js_module_import_builtin(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv) {
  const char *id = JS_ToCString(ctx, argv[0]);
  if (!id) return JS_EXCEPTION;
  QTSContextState *cstate = qts_context_state(ctx);
  if (cstate && JS_IsObject(cstate->builtin_namespaces)) {
    JSValue known = JS_GetPropertyStr(ctx, cstate->builtin_namespaces, id);
    if (!JS_IsUndefined(known)) {
      JS_FreeCString(ctx, id);
      return known;
    }
  }
  /* ids are spliced into source text: allow only what builtin ids are made of */
  int ok =
      strlen(id) < 200 && (strncmp(id, "node:", 5) == 0 || strncmp(id, "qjsw:internal/", 14) == 0);
  for (const char *p = id; ok && *p; p++)
    ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr(":/_-.", *p) != NULL;
  int internal = ok && strncmp(id, "qjsw:", 5) == 0;
  char source[256];
  int n = ok ? snprintf(source, sizeof(source), "export * as ns from '%s';", id) : -1;
  if (n < 0) {
    JS_FreeCString(ctx, id);
    return JS_ThrowTypeError(ctx, "invalid builtin id");
  }
  /* compiling resolves: an internal id resolves as a builtin's own import would (only the
     parser runs meanwhile), a node: one as anyone's */
  if (internal && cstate) cstate->trusted++;
  JSValue fn = JS_Eval(ctx, source, (size_t)n, "qjsw:require",
                       JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
  if (internal && cstate) cstate->trusted--;
  if (JS_IsException(fn)) {
    JS_FreeCString(ctx, id);
    return fn;
  }
  JSModuleDef *m = JS_VALUE_GET_PTR(fn);
  /* a builtin loads as if it had been there from the start, as Node's: a promise hook sees
     none of the promises its evaluation makes */
  JS_BOOL suspended = JS_SuspendPromiseHook(ctx, 1);
  JSValue promise = JS_EvalFunction(ctx, fn);
  JS_SuspendPromiseHook(ctx, suspended);
  if (JS_IsException(promise)) {
    JS_FreeCString(ctx, id);
    return promise;
  }
  int state = JS_PromiseState(ctx, promise);
  JSValue ret;
  if (state == JS_PROMISE_REJECTED) {
    /* its error is thrown here, to a caller that may catch it: not an unhandled rejection */
    JS_SetPromiseHandled(ctx, promise);
    ret = JS_Throw(ctx, JS_PromiseResult(ctx, promise));
  } else {
    JSValue wrapper = JS_GetModuleNamespace(ctx, m);
    ret = JS_IsException(wrapper) ? wrapper : JS_GetPropertyStr(ctx, wrapper, "ns");
    JS_FreeValue(ctx, wrapper);
    /* only a builtin that has run to its end is remembered (not one still running in a cycle) */
    if (state == JS_PROMISE_FULFILLED && cstate && JS_IsObject(ret)) {
      /* a failed remember (out of memory) costs only the next lookup */
      if (JS_IsUndefined(cstate->builtin_namespaces)) {
        JSValue known = JS_NewObjectProto(ctx, JS_NULL);
        if (JS_IsException(known)) JS_FreeValue(ctx, JS_GetException(ctx));
        else cstate->builtin_namespaces = known;
      }
      if (JS_IsObject(cstate->builtin_namespaces) &&
          JS_SetPropertyStr(ctx, cstate->builtin_namespaces, id, JS_DupValue(ctx, ret)) < 0)
        JS_FreeValue(ctx, JS_GetException(ctx));
    }
  }
  JS_FreeCString(ctx, id);
  JS_FreeValue(ctx, promise);
  return ret;
}

/* requireModule(name) -> the namespace of the ES module `name` (a path as the ES resolver
   gives it), loaded and run now, for require() of an ES module. Before any of it runs, a graph
   that cannot finish now gives 1 (top-level await) or [importer, specifier] (a module still
   loading or running: importer's path and the specifier as written, or nulls when that is
   `name` itself); the caller throws Node's errors. requireModule(name, source): the same for a
   module compiled from `source` under `name` (the caller's __esModule facade). */
static JSValue js_module_require_module(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv) {
  const char *name = JS_ToCString(ctx, argv[0]);
  if (!name) return JS_EXCEPTION;
  JSModuleDef *m;
  if (argc > 1 && JS_IsString(argv[1])) {
    size_t len;
    const char *source = JS_ToCStringLen(ctx, &len, argv[1]);
    m = source ? qjsw_compile_module(ctx, name, source, len) : NULL;
    JS_FreeCString(ctx, source);
  } else {
    m = JS_LoadModuleGraph(ctx, "", name);
  }
  JS_FreeCString(ctx, name);
  if (!m) return JS_EXCEPTION;
  JSModuleDef *from;
  JSAtom specifier;
  int state = JS_ModuleGraphState(ctx, m, &from, &specifier);
  if (state < 0) return JS_EXCEPTION;
  if (state == JS_MODULE_GRAPH_ASYNC) return JS_NewInt32(ctx, 1);
  if (state == JS_MODULE_GRAPH_CYCLE) {
    JSAtom importer = from ? JS_GetModuleName(ctx, from) : JS_ATOM_NULL;
    JSValue items[2] = {importer ? JS_AtomToString(ctx, importer) : JS_NULL,
                        specifier ? JS_AtomToString(ctx, specifier) : JS_NULL};
    if (importer) JS_FreeAtom(ctx, importer);
    return qjsw_array_of(ctx, items, 2);
  }
  return JS_EvaluateModuleSync(ctx, m);
}

/* parsesAsModule(source) -> whether `source` is an ES module's syntax (Node's module syntax
   detection, for a file that did not compile as CommonJS); nothing is kept or loaded */
static JSValue js_module_parses_as_module(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv) {
  size_t len;
  const char *source = JS_ToCStringLen(ctx, &len, argv[0]);
  if (!source) return JS_EXCEPTION;
  JSValue r =
      JS_Eval(ctx, source, len, "<detect>", JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_QJSW_PARSE_ONLY);
  JS_FreeCString(ctx, source);
  if (!JS_IsException(r)) return JS_TRUE;
  /* a syntax error answers no; anything else (out of memory, the CPU timeout) goes on */
  JSValue err = JS_GetException(ctx);
  JSValue errName = JS_GetPropertyStr(ctx, err, "name");
  const char *s = JS_ToCString(ctx, errName);
  int syntax = s && strcmp(s, "SyntaxError") == 0;
  JS_FreeCString(ctx, s);
  JS_FreeValue(ctx, errName);
  if (!syntax) return JS_Throw(ctx, err);
  JS_FreeValue(ctx, err);
  return JS_FALSE;
}

/* builtinIds() -> ['buffer', 'fs', 'fs/promises', 'path', ...] (public ones) */
static JSValue js_module_builtin_ids(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv) {
  JSValue *items = js_malloc(ctx, sizeof(JSValue) * (qjsw_builtin_count + 1));
  if (!items) return JS_EXCEPTION;
  uint32_t n = 0;
  for (size_t i = 0; i < qjsw_builtin_count; i++) {
    const char *id = qjsw_builtins[i].id;
    if (strncmp(id, "internal/", 9) == 0) continue;
    items[n++] = JS_NewString(ctx, id);
  }
  JSValue arr = qjsw_array_of(ctx, items, n);
  js_free(ctx, items);
  return arr;
}

/* exit(code): ends the run now. The error is uncatchable, so no guest
   try/catch (or finally) runs; the host reads the code from `qjswExitCode`. */
static JSValue js_module_exit(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  JSValue err = JS_NewError(ctx);
  if (JS_IsException(err)) return err;
  JS_DefinePropertyValueStr(ctx, err, "qjswExitCode", JS_DupValue(ctx, argv[0]), JS_PROP_C_W_E);
  JS_DefinePropertyValueStr(ctx, err, "message", JS_NewString(ctx, "process.exit()"),
                            JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
  JS_SetUncatchableError(ctx, err, 1);
  return JS_Throw(ctx, err);
}

/* setEsmHooks(resolve(specifier, referrer) -> path, load(path) -> source) */
static JSValue js_module_set_esm_hooks(JSContext *ctx, JSValueConst this_val, int argc,
                                       JSValueConst *argv) {
  QTSContextState *state = qts_context_state(ctx);
  if (!state) return JS_ThrowTypeError(ctx, "no context state");
  if (!JS_IsFunction(ctx, argv[0]) || !JS_IsFunction(ctx, argv[1]))
    return JS_ThrowTypeError(ctx, "hooks must be functions");
  JS_FreeValue(ctx, state->esm_resolve);
  JS_FreeValue(ctx, state->esm_load);
  state->esm_resolve = JS_DupValue(ctx, argv[0]);
  state->esm_load = JS_DupValue(ctx, argv[1]);
  return JS_UNDEFINED;
}

static void rejection_tracker(JSContext *ctx, JSValueConst promise, JSValueConst reason,
                              JS_BOOL is_handled, void *opaque) {
  (void)opaque;
  QTSContextState *state = qts_context_state(ctx);
  if (!state || !JS_IsFunction(ctx, state->on_rejection)) return;
  /* is_handled: 0 rejected without a handler, 1 handled later, 2/3 resolved/rejected again */
  JSValueConst args[3] = {promise, reason, JS_NewInt32(ctx, is_handled)};
  JSValue r = JS_Call(ctx, state->on_rejection, JS_UNDEFINED, 3, args);
  if (JS_IsException(r)) JS_FreeValue(ctx, JS_GetException(ctx));
  JS_FreeValue(ctx, r);
}

/* setRejectionHook(fn(promise, reason, kind)): Node's unhandled-rejection tracking (kind 0
   a rejection without a handler, 1 a handler added after it) and 'multipleResolves' (kind 2 a
   resolve, 3 a reject, after the promise was resolved) */
static JSValue js_module_set_rejection_hook(JSContext *ctx, JSValueConst this_val, int argc,
                                            JSValueConst *argv) {
  QTSContextState *state = qts_context_state(ctx);
  if (!state) return JS_ThrowTypeError(ctx, "no context state");
  if (!JS_IsFunction(ctx, argv[0])) return JS_ThrowTypeError(ctx, "hook must be a function");
  JS_FreeValue(ctx, state->on_rejection);
  state->on_rejection = JS_DupValue(ctx, argv[0]);
  JS_SetHostPromiseRejectionTracker(JS_GetRuntime(ctx), rejection_tracker, NULL);
  return JS_UNDEFINED;
}

/* defineLazyValue(obj, name, getter, enumerable): a writable, configurable data property whose
   value getter() makes on first use (QuickJS patch 094), as Node's eager globals look */
static JSValue js_module_define_lazy_value(JSContext *ctx, JSValueConst this_val, int argc,
                                           JSValueConst *argv) {
  JSAtom atom = JS_ValueToAtom(ctx, argv[1]);
  if (atom == JS_ATOM_NULL) return JS_EXCEPTION;
  int flags =
      JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE | (JS_ToBool(ctx, argv[3]) ? JS_PROP_ENUMERABLE : 0);
  int r = JS_DefineLazyValueProperty(ctx, argv[0], atom, argv[2], flags);
  JS_FreeAtom(ctx, atom);
  return r < 0 ? JS_EXCEPTION : JS_UNDEFINED;
}

/* dropPendingJobs(): a new run starts without the promise jobs an ended run left queued, and
   without the WeakRef targets it kept alive until they ran (a run ended early: an exit or an
   uncaught error) */
static JSValue js_module_drop_pending_jobs(JSContext *ctx, JSValueConst this_val, int argc,
                                           JSValueConst *argv) {
  JS_DropPendingJobs(JS_GetRuntime(ctx));
  JS_ClearKeptObjects(JS_GetRuntime(ctx));
  return JS_UNDEFINED;
}

/* runMicrotasks() -> how many promise jobs ran: every queued job, those they queue too, as V8's
   microtask checkpoint in Node's processTicksAndRejections. A job that throws stops it there,
   the rest left queued, and its exception is thrown here whichever context the job ran in (an
   uncatchable one, process.exit's or the deadline's, stays uncatchable: the flag is the
   error's). */
static JSValue js_module_run_microtasks(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv) {
  JSRuntime *rt = JS_GetRuntime(ctx);
  JSContext *job_ctx;
  int ran = 0, r;
  /* the jobs' stacks end at the job, as V8's (QuickJS patch 096) */
  JS_SetJobRunnerFrame(ctx, 1);
  while ((r = JS_ExecutePendingJob(rt, &job_ctx)) > 0) ran++;
  JS_SetJobRunnerFrame(ctx, 0);
  if (r < 0) return JS_Throw(ctx, JS_GetException(job_ctx));
  return JS_NewInt32(ctx, ran);
}

/* throwSite(value) -> [filename, line, column] where `value` was thrown, if it is the last value
   thrown through guest code; else undefined. For the excerpt above an uncaught error. */
static JSValue js_module_throw_site(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv) {
  const char *filename;
  int line, col;
  if (argc < 1 || !JS_QJSWGetThrowSite(ctx, argv[0], &filename, &line, &col)) return JS_UNDEFINED;
  JSValue items[3] = {JS_NewString(ctx, filename), JS_NewInt32(ctx, line), JS_NewInt32(ctx, col)};
  JS_FreeCString(ctx, filename);
  return qjsw_array_of(ctx, items, 3);
}

/* getAsyncContext() / setAsyncContext(value): the slot promise jobs capture when queued and
   run in (QuickJS patch 034), for node:async_hooks' own queues and stores */
static JSValue js_module_get_async_context(JSContext *ctx, JSValueConst this_val, int argc,
                                           JSValueConst *argv) {
  return JS_GetAsyncContext(ctx);
}

static JSValue js_module_set_async_context(JSContext *ctx, JSValueConst this_val, int argc,
                                           JSValueConst *argv) {
  JS_SetAsyncContext(ctx, JS_DupValue(ctx, argc > 0 ? argv[0] : JS_UNDEFINED));
  return JS_UNDEFINED;
}

/* exposeNodeInternals(): Node's --expose-internals for this context, as the host granted it
   (createSandbox's exposeInternals). Only in the host's boot window, before any guest code
   exists: no guest can grant itself. nodeInternalsExposed() -> whether it was. */
static JSValue js_module_expose_node_internals(JSContext *ctx, JSValueConst this_val, int argc,
                                               JSValueConst *argv) {
  QTSContextState *cstate = qts_context_state(ctx);
  if (!cstate || cstate->internals != QJSW_INTERNALS_BOOT)
    return JS_ThrowTypeError(ctx, "internals are granted only at boot");
  cstate->node_internals = 1;
  return JS_UNDEFINED;
}

static JSValue js_module_node_internals_exposed(JSContext *ctx, JSValueConst this_val, int argc,
                                                JSValueConst *argv) {
  QTSContextState *cstate = qts_context_state(ctx);
  return JS_NewBool(ctx, cstate && cstate->node_internals);
}

/* setPromiseHook(fn | undefined): V8's PromiseHook (QuickJS patch 056), for
   qjsw:internal/promise_hooks */
static JSValue js_module_set_promise_hook(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv) {
  JSValueConst hook = argc > 0 ? argv[0] : JS_UNDEFINED;
  if (!JS_IsUndefined(hook) && !JS_IsFunction(ctx, hook))
    return JS_ThrowTypeError(ctx, "promise hook must be a function");
  JS_SetPromiseHook(ctx, JS_DupValue(ctx, hook));
  return JS_UNDEFINED;
}

/* enqueueJob(fn): fn() as a job of the engine's queue, as V8's EnqueueMicrotask (Node's
   queueMicrotask), without the promise a then() would make for a promise hook to see */
static JSValue js_module_job_call(JSContext *ctx, int argc, JSValueConst *argv) {
  return JS_Call(ctx, argv[0], JS_UNDEFINED, 0, NULL);
}

static JSValue js_module_enqueue_job(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv) {
  if (argc < 1 || !JS_IsFunction(ctx, argv[0]))
    return JS_ThrowTypeError(ctx, "job must be a function");
  if (JS_EnqueueJob(ctx, js_module_job_call, 1, argv) < 0) return JS_EXCEPTION;
  return JS_UNDEFINED;
}

/* gc(): a full collection now (global.gc under --expose-gc) */
static JSValue js_module_gc(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  JS_RunGC(JS_GetRuntime(ctx));
  return JS_UNDEFINED;
}

/* collectIfFull(): a full collection when the heap holds over half its limit. Before each
   run: garbage a run left in cycles (dropped vm contexts, closures) then does not meet the
   next run at the limit, where a new process starts with an empty heap. */
static JSValue js_module_collect_if_full(JSContext *ctx, JSValueConst this_val, int argc,
                                         JSValueConst *argv) {
  JSRuntime *rt = JS_GetRuntime(ctx);
  size_t limit = JS_GetMemoryLimit(rt);
  if (limit != (size_t)-1 && JS_GetMallocSize(rt) > limit / 2) JS_RunGC(rt);
  return JS_UNDEFINED;
}

static const JSCFunctionListEntry js_module_funcs[] = {
    JS_CFUNC_DEF("exposeNodeInternals", 0, js_module_expose_node_internals),
    JS_CFUNC_DEF("nodeInternalsExposed", 0, js_module_node_internals_exposed),
    JS_CFUNC_DEF("gc", 0, js_module_gc),
    JS_CFUNC_DEF("collectIfFull", 0, js_module_collect_if_full),
    JS_CFUNC_DEF("enqueueJob", 1, js_module_enqueue_job),
    JS_CFUNC_DEF("getAsyncContext", 0, js_module_get_async_context),
    JS_CFUNC_DEF("setPromiseHook", 1, js_module_set_promise_hook),
    JS_CFUNC_DEF("setAsyncContext", 1, js_module_set_async_context),
    JS_CFUNC_DEF("throwSite", 1, js_module_throw_site),
    JS_CFUNC_DEF("dropPendingJobs", 0, js_module_drop_pending_jobs),
    JS_CFUNC_DEF("runMicrotasks", 0, js_module_run_microtasks),
    JS_CFUNC_DEF("setRejectionHook", 1, js_module_set_rejection_hook),
    JS_CFUNC_DEF("defineLazyValue", 4, js_module_define_lazy_value),
    JS_CFUNC_DEF("setEsmHooks", 2, js_module_set_esm_hooks),
    JS_CFUNC_DEF("exit", 1, js_module_exit),
    JS_CFUNC_DEF("compileFunction", 2, js_module_compile),
    JS_CFUNC_DEF("importBuiltin", 1, js_module_import_builtin),
    JS_CFUNC_DEF("requireModule", 2, js_module_require_module),
    JS_CFUNC_DEF("parsesAsModule", 1, js_module_parses_as_module),
    JS_CFUNC_DEF("builtinIds", 0, js_module_builtin_ids),
};

QJSW_DEFINE_BINDING(module, js_module_funcs)
