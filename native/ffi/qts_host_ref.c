/*
 * Objects that stand for host values: HostRef objects (QTS_NewHostRef) and host
 * functions (QTS_NewFunction). Both carry the host's id as their opaque and tell
 * the host to drop the id when QuickJS collects them.
 *
 * Host functions are a class with a `call` hook rather than JS_NewCFunctionData
 * because only the hook learns whether it was invoked with `new`.
 */
#include <string.h>

#include "ffi/qts.h"

static JSClassID qts_host_ref_class_id;
static JSClassID qts_host_function_class_id;

static HostRefId opaque_id(JSValueConst obj, JSClassID class_id) {
  return (HostRefId)(intptr_t)JS_GetOpaque(obj, class_id);
}

static void host_ref_finalizer(JSRuntime *rt, JSValue val) {
  HostRefId id = opaque_id(val, qts_host_ref_class_id);
  if (id) qts_host_free_host_ref(rt, id);
}

static void host_function_finalizer(JSRuntime *rt, JSValue val) {
  HostRefId id = opaque_id(val, qts_host_function_class_id);
  if (id) qts_host_free_host_ref(rt, id);
}

/* The host returns an owned box, NULL for undefined, or a box holding JS_EXCEPTION. */
static JSValue unbox_host_result(JSValue *result) {
  if (!result) return JS_UNDEFINED;
  JSValue v = *result;
  free(result);
  return v;
}

static JSValue host_function_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_val,
                                  int argc, JSValueConst *argv, int flags) {
  HostRefId id = opaque_id(func_obj, qts_host_function_class_id);
  if (!(flags & JS_CALL_FLAG_CONSTRUCTOR)) {
    return unbox_host_result(qts_host_call_function(ctx, &this_val, argc, argv, id));
  }
  /* Constructor call: this_val is new.target; build `this` from its prototype. */
  JSValue proto = JS_GetPropertyStr(ctx, this_val, "prototype");
  if (JS_IsException(proto)) return proto;
  JSValue self = JS_IsObject(proto) ? JS_NewObjectProto(ctx, proto) : JS_NewObject(ctx);
  JS_FreeValue(ctx, proto);
  if (JS_IsException(self)) return self;
  JSValue ret = unbox_host_result(qts_host_call_function(ctx, &self, argc, argv, id));
  if (JS_IsObject(ret) || JS_IsException(ret)) {
    JS_FreeValue(ctx, self);
    return ret;
  }
  JS_FreeValue(ctx, ret);
  return self;
}

void qts_host_ref_register_classes(JSRuntime *rt) {
  static const JSClassDef host_ref_class = {"HostRef", .finalizer = host_ref_finalizer};
  static const JSClassDef host_function_class = {
      "HostFunction", .finalizer = host_function_finalizer, .call = host_function_call};
  if (!qts_host_ref_class_id) JS_NewClassID(&qts_host_ref_class_id);
  if (!qts_host_function_class_id) JS_NewClassID(&qts_host_function_class_id);
  JS_NewClass(rt, qts_host_ref_class_id, &host_ref_class);
  JS_NewClass(rt, qts_host_function_class_id, &host_function_class);
}

QTS_EXPORT JSValue *QTS_NewHostRef(JSContext *ctx, HostRefId id) {
  JSValue obj = JS_NewObjectClass(ctx, qts_host_ref_class_id);
  if (!JS_IsException(obj)) JS_SetOpaque(obj, (void *)(intptr_t)id);
  return qts_box(obj);
}

QTS_EXPORT HostRefId QTS_GetHostRefId(JSValueConst *value) {
  return opaque_id(*value, qts_host_ref_class_id);
}

QTS_EXPORT JSValue *QTS_NewFunction(JSContext *ctx, const char *name, int arg_length,
                                    int is_constructor, HostRefId id) {
  QTSContextState *state = qts_context_state(ctx);
  JSValue fn = JS_NewObjectProtoClass(ctx, state->function_proto, qts_host_function_class_id);
  if (JS_IsException(fn)) return qts_box(fn);
  JS_SetOpaque(fn, (void *)(intptr_t)id);
  /* Same attributes as the length/name of an ordinary function. */
  if (JS_DefinePropertyValueStr(ctx, fn, "length", JS_NewInt32(ctx, arg_length),
                                JS_PROP_CONFIGURABLE) < 0 ||
      JS_DefinePropertyValueStr(ctx, fn, "name", JS_NewString(ctx, name ? name : ""),
                                JS_PROP_CONFIGURABLE) < 0)
    goto fail;
  if (is_constructor) {
    JS_SetConstructorBit(ctx, fn, 1);
    JSValue proto = JS_NewObject(ctx);
    if (JS_IsException(proto)) goto fail;
    if (JS_DefinePropertyValueStr(ctx, proto, "constructor", JS_DupValue(ctx, fn),
                                  JS_PROP_CONFIGURABLE | JS_PROP_WRITABLE) < 0 ||
        JS_DefinePropertyValueStr(ctx, fn, "prototype", proto, JS_PROP_WRITABLE) < 0)
      goto fail;
  }
  return qts_box(fn);
fail:
  JS_FreeValue(ctx, fn);
  return qts_box_exception();
}
