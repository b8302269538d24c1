/*
 * qjsw:binding/util — what util.inspect and util.types need to see and JS cannot: an
 * object's internal class (is it a Proxy, a boxed primitive, an arguments object, a
 * generator?), a promise's state, a Proxy's target and handler and what a Map or Set
 * iterator has left, without running any of the object's own code; and a monotonic clock
 * finer than Date.now() for performance.now() and process.hrtime(); and the
 * transfer of an ArrayBuffer that web streams' BYOB readers need (QuickJS 2025-04-26 has no
 * ArrayBuffer.prototype.transfer); and WeakRefs for the builtins' own bookkeeping.
 */
#include <string.h>
#include <time.h>

#include "bindings/array_of.h"
#include "loader/builtins.h"
#include "ffi/qts.h"

/* classOf(value) -> QuickJS's class id of an object (0 for primitives). The ids are
   internal to QuickJS, so the JS side learns them from sample objects of each kind. */
static JSValue js_util_class_of(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv) {
  return JS_NewUint32(ctx, JS_IsObject(argv[0]) ? JS_GetClassID(argv[0]) : 0);
}

/* promiseState(promise) -> [0 pending | 1 fulfilled | 2 rejected, result] */
static JSValue js_util_promise_state(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv) {
  JSPromiseStateEnum state = JS_PromiseState(ctx, (JSValue)argv[0]);
  if ((int)state < 0) return JS_ThrowTypeError(ctx, "not a promise");
  JSValue items[2] = {JS_NewInt32(ctx, (int)state), state == JS_PROMISE_PENDING
                                                        ? JS_UNDEFINED
                                                        : JS_PromiseResult(ctx, (JSValue)argv[0])};
  return qjsw_array_of(ctx, items, 2);
}

/* getProxyDetails(value, full) -> undefined for no Proxy; [target, handler] when full, else
   the target (null both once revoked): Node's internalBinding('util').getProxyDetails */
static JSValue js_util_get_proxy_details(JSContext *ctx, JSValueConst this_val, int argc,
                                         JSValueConst *argv) {
  JSValue target, handler;
  if (JS_GetProxyDetails(ctx, argv[0], &target, &handler) < 0) return JS_UNDEFINED;
  if (argc > 1 && !JS_ToBool(ctx, argv[1])) {
    JS_FreeValue(ctx, handler);
    return target;
  }
  JSValue items[2] = {target, handler};
  return qjsw_array_of(ctx, items, 2);
}

/* previewEntries(iterator) -> [entries, isKeyValue] of a Map or Set iterator, undefined for
   anything else (Node's previewEntries(value, true) for those) */
static JSValue js_util_preview_entries(JSContext *ctx, JSValueConst this_val, int argc,
                                       JSValueConst *argv) {
  int is_key_value = 0;
  JSValue entries = JS_PreviewIteratorEntries(ctx, argv[0], &is_key_value);
  if (JS_IsException(entries) || JS_IsUndefined(entries)) return entries;
  JSValue items[2] = {entries, JS_NewBool(ctx, is_key_value)};
  return qjsw_array_of(ctx, items, 2);
}

/* ownNonIndexKeys(object, withSymbols) -> its own enumerable string keys that are not array
   indices (and its enumerable symbols when asked), in order: Node's getOwnNonIndexProperties
   (ONLY_ENUMERABLE, SKIP_SYMBOLS unless withSymbols), without listing a large array's elements
   (QuickJS patch 090) */
static JSValue js_util_own_non_index_keys(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv) {
  JSPropertyEnum *tab;
  uint32_t len, i;
  if (!JS_IsObject(argv[0])) return JS_ThrowTypeError(ctx, "not an object");
  int flags = JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY | JS_GPN_QJSW_NO_INDEX |
              (JS_ToBool(ctx, argv[1]) ? JS_GPN_SYMBOL_MASK : 0);
  if (JS_GetOwnPropertyNames(ctx, &tab, &len, argv[0], flags) < 0) return JS_EXCEPTION;
  JSValue *items = js_malloc(ctx, sizeof(JSValue) * (len ? len : 1));
  for (i = 0; i < len; i++) {
    if (items) items[i] = JS_AtomToValue(ctx, tab[i].atom);
    JS_FreeAtom(ctx, tab[i].atom);
  }
  js_free(ctx, tab);
  if (!items) return JS_EXCEPTION;
  JSValue arr = qjsw_array_of(ctx, items, len);
  js_free(ctx, items);
  return arr;
}

/* weakRef(target) -> a WeakRef that does not keep `target` alive through the job, for the
   builtins' own bookkeeping (QuickJS patch 084) */
static JSValue js_util_weak_ref(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv) {
  return JS_NewWeakRefUnkept(ctx, argv[0]);
}

/* hrtime() -> BigInt nanoseconds of a monotonic clock (in Emscripten, performance.now()) */
static JSValue js_util_hrtime(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return JS_NewBigInt64(ctx, (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

/* normalizeSegments(path, allowAboveRoot) -> the segments of `path` without empty, "." and
   resolved ".." ones, joined by "/" (no leading slash): the core of node:path's normalize,
   join and resolve, which module resolution calls several times per require(). */
static JSValue js_util_normalize_segments(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv) {
  size_t len;
  const char *path = JS_ToCStringLen(ctx, &len, argv[0]);
  if (!path) return JS_EXCEPTION;
  int allow_above = JS_ToBool(ctx, argv[1]);
  char *out = js_malloc(ctx, len + 1);
  if (!out) {
    JS_FreeCString(ctx, path);
    return JS_EXCEPTION;
  }
  size_t n = 0;     /* bytes in out */
  size_t above = 0; /* leading ".." segments in out */
  for (size_t i = 0; i <= len;) {
    size_t end = i;
    while (end < len && path[end] != '/') end++;
    size_t seg = end - i;
    if (seg == 0 || (seg == 1 && path[i] == '.')) {
      /* nothing */
    } else if (seg == 2 && path[i] == '.' && path[i + 1] == '.') {
      if (n > 0 && above * 3 < n + 1) {
        /* drop the last segment that is not a leading ".." */
        while (n > 0 && out[n - 1] != '/') n--;
        if (n > 0) n--;
      } else if (allow_above) {
        if (n > 0) out[n++] = '/';
        out[n++] = '.', out[n++] = '.';
        above++;
      }
    } else {
      if (n > 0) out[n++] = '/';
      memcpy(out + n, path + i, seg);
      n += seg;
    }
    i = end + 1;
  }
  JSValue ret = JS_NewStringLen(ctx, out, n);
  js_free(ctx, out);
  JS_FreeCString(ctx, path);
  return ret;
}

/* detachArrayBuffer(ab): a transferred ArrayBuffer (worker_threads postMessage's transfer
   list) loses its bytes in the sender, its views left with length 0, as V8's. */
static JSValue js_util_detach_array_buffer(JSContext *ctx, JSValueConst this_val, int argc,
                                           JSValueConst *argv) {
  JS_DetachArrayBuffer(ctx, argv[0]);
  return JS_UNDEFINED;
}

/* transferArrayBuffer(buffer) -> a new ArrayBuffer with buffer's bytes; buffer is detached
   (byteLength 0, unusable), as the spec's TransferArrayBuffer. A detached buffer, a
   SharedArrayBuffer or anything else throws. */
static JSValue js_util_transfer_array_buffer(JSContext *ctx, JSValueConst this_val, int argc,
                                             JSValueConst *argv) {
  size_t len;
  uint8_t *data = JS_GetArrayBufferUntracked(ctx, &len, argv[0]);
  /* an empty buffer may have no data pointer either: a failure is told by its exception */
  if (!data && JS_HasException(ctx)) return JS_EXCEPTION;
  JSValue out = JS_NewArrayBufferCopy(ctx, data, len);
  if (JS_IsException(out)) return out;
  JS_DetachArrayBuffer(ctx, argv[0]);
  /* only a plain ArrayBuffer detaches (a SharedArrayBuffer is left as it was): asking for its
     bytes again must now fail */
  size_t after;
  if (JS_GetArrayBufferUntracked(ctx, &after, argv[0]) == NULL && JS_HasException(ctx)) {
    JS_FreeValue(ctx, JS_GetException(ctx));
    return out;
  }
  JS_FreeValue(ctx, out);
  return JS_ThrowTypeError(ctx, "not a transferable ArrayBuffer");
}

static const JSCFunctionListEntry js_util_funcs[] = {
    JS_CFUNC_DEF("transferArrayBuffer", 1, js_util_transfer_array_buffer),
    JS_CFUNC_DEF("normalizeSegments", 2, js_util_normalize_segments),
    JS_CFUNC_DEF("hrtime", 0, js_util_hrtime),
    JS_CFUNC_DEF("classOf", 1, js_util_class_of),
    JS_CFUNC_DEF("promiseState", 1, js_util_promise_state),
    JS_CFUNC_DEF("getProxyDetails", 2, js_util_get_proxy_details),
    JS_CFUNC_DEF("previewEntries", 1, js_util_preview_entries),
    JS_CFUNC_DEF("detachArrayBuffer", 1, js_util_detach_array_buffer),
    JS_CFUNC_DEF("weakRef", 1, js_util_weak_ref),
    JS_CFUNC_DEF("ownNonIndexKeys", 2, js_util_own_non_index_keys),
};

QJSW_DEFINE_BINDING(util, js_util_funcs)
