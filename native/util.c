/*
 * qjsw:binding/util — what util.inspect and util.types need to see and JS cannot: an
 * object's internal class (is it a Proxy, a boxed primitive, an arguments object, a
 * generator?) and a promise's state, without running any of the object's own code; and a
 * monotonic clock finer than Date.now() for performance.now() and process.hrtime().
 */
#include <time.h>

#include "builtins.h"
#include "qts.h"

/* classOf(value) -> QuickJS's class id of an object (0 for primitives). The ids are
   internal to QuickJS, so the JS side learns them from sample objects of each kind. */
static JSValue js_util_class_of(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  return JS_NewUint32(ctx, JS_IsObject(argv[0]) ? JS_GetClassID(argv[0]) : 0);
}

/* promiseState(promise) -> [0 pending | 1 fulfilled | 2 rejected, result] */
static JSValue js_util_promise_state(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  JSPromiseStateEnum state = JS_PromiseState(ctx, (JSValue)argv[0]);
  if ((int)state < 0) return JS_ThrowTypeError(ctx, "not a promise");
  JSValue out = JS_NewArray(ctx);
  if (JS_IsException(out)) return out;
  JS_SetPropertyUint32(ctx, out, 0, JS_NewInt32(ctx, (int)state));
  JS_SetPropertyUint32(ctx, out, 1, state == JS_PROMISE_PENDING ? JS_UNDEFINED : JS_PromiseResult(ctx, (JSValue)argv[0]));
  return out;
}

/* hrtime() -> BigInt nanoseconds of a monotonic clock (in Emscripten, performance.now()) */
static JSValue js_util_hrtime(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return JS_NewBigInt64(ctx, (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

static const JSCFunctionListEntry js_util_funcs[] = {
    JS_CFUNC_DEF("hrtime", 0, js_util_hrtime),
    JS_CFUNC_DEF("classOf", 1, js_util_class_of),
    JS_CFUNC_DEF("promiseState", 1, js_util_promise_state),
};

static int js_util_init(JSContext *ctx, JSModuleDef *m) {
  return JS_SetModuleExportList(ctx, m, js_util_funcs, QTS_COUNTOF(js_util_funcs));
}

JSModuleDef *qjsw_init_binding_util(JSContext *ctx, const char *module_name) {
  return qjsw_new_binding(ctx, module_name, js_util_init, js_util_funcs, QTS_COUNTOF(js_util_funcs));
}
