/*
 * QTS_* for values: constants, creating and reading primitives, objects and
 * properties, calls, eval, promises, symbols, dumping and binary JSON.
 */
#include <string.h>

#include "bindings/bytes.h"
#include "ffi/qts.h"

static JSValue qts_undefined = JS_UNDEFINED;
static JSValue qts_null = JS_NULL;
static JSValue qts_false = JS_FALSE;
static JSValue qts_true = JS_TRUE;

QTS_EXPORT JSValueConst *QTS_GetUndefined(void) { return &qts_undefined; }
QTS_EXPORT JSValueConst *QTS_GetNull(void) { return &qts_null; }
QTS_EXPORT JSValueConst *QTS_GetFalse(void) { return &qts_false; }
QTS_EXPORT JSValueConst *QTS_GetTrue(void) { return &qts_true; }

QTS_EXPORT void QTS_FreeValuePointer(JSContext *ctx, JSValue *value) {
  JS_FreeValue(ctx, *value);
  free(value);
}

QTS_EXPORT void QTS_FreeValuePointerRuntime(JSRuntime *rt, JSValue *value) {
  JS_FreeValueRT(rt, *value);
  free(value);
}

QTS_EXPORT void QTS_FreeVoidPointer(JSContext *ctx, void *ptr) { js_free(ctx, ptr); }

QTS_EXPORT void QTS_FreeCString(JSContext *ctx, const char *str) { JS_FreeCString(ctx, str); }

QTS_EXPORT JSValue *QTS_DupValuePointer(JSContext *ctx, JSValueConst *value) {
  return qts_box(JS_DupValue(ctx, *value));
}

QTS_EXPORT JSValue *QTS_Throw(JSContext *ctx, JSValueConst *error) {
  return qts_box(JS_Throw(ctx, JS_DupValue(ctx, *error)));
}

QTS_EXPORT JSValue *QTS_NewError(JSContext *ctx) { return qts_box(JS_NewError(ctx)); }

/* NULL when `maybe_exception` is not an exception, else the pending exception. */
QTS_EXPORT JSValue *QTS_ResolveException(JSContext *ctx, JSValue *maybe_exception) {
  if (!JS_IsException(*maybe_exception)) return NULL;
  return qts_box(JS_GetException(ctx));
}

QTS_EXPORT JSValue *QTS_NewObject(JSContext *ctx) { return qts_box(JS_NewObject(ctx)); }

QTS_EXPORT JSValue *QTS_NewObjectProto(JSContext *ctx, JSValueConst *proto) {
  return qts_box(JS_NewObjectProto(ctx, *proto));
}

QTS_EXPORT JSValue *QTS_NewArray(JSContext *ctx) { return qts_box(JS_NewArray(ctx)); }

QTS_EXPORT JSValue *QTS_NewArrayBuffer(JSContext *ctx, const uint8_t *buffer, size_t length) {
  return qts_box(JS_NewArrayBufferCopy(ctx, buffer, length));
}

QTS_EXPORT JSValue *QTS_NewFloat64(JSContext *ctx, double num) {
  return qts_box(JS_NewFloat64(ctx, num));
}

QTS_EXPORT double QTS_GetFloat64(JSContext *ctx, JSValueConst *value) {
  double d;
  if (JS_ToFloat64(ctx, &d, *value) < 0) {
    JS_FreeValue(ctx, JS_GetException(ctx));
    return __builtin_nan("");
  }
  return d;
}

QTS_EXPORT JSValue *QTS_NewString(JSContext *ctx, const char *string) {
  return qts_box(JS_NewString(ctx, string));
}

QTS_EXPORT const char *QTS_GetString(JSContext *ctx, JSValueConst *value) {
  return JS_ToCString(ctx, *value);
}

/* A malloc'd copy the host frees with _free. */
QTS_EXPORT void *QTS_GetArrayBuffer(JSContext *ctx, JSValueConst *data) {
  size_t len;
  const uint8_t *bytes = qjsw_get_bytes_ro(ctx, *data, &len);
  if (!bytes) {
    JS_FreeValue(ctx, JS_GetException(ctx));
    return NULL;
  }
  uint8_t *copy = malloc(len ? len : 1);
  if (copy) memcpy(copy, bytes, len);
  return copy;
}

QTS_EXPORT size_t QTS_GetArrayBufferLength(JSContext *ctx, JSValueConst *data) {
  size_t len;
  if (!qjsw_get_bytes_ro(ctx, *data, &len)) JS_FreeValue(ctx, JS_GetException(ctx));
  return len;
}

static JSValue global_symbol_method(JSContext *ctx, const char *method, JSValueConst arg) {
  JSValue global = JS_GetGlobalObject(ctx);
  JSValue symbol = JS_GetPropertyStr(ctx, global, "Symbol");
  JS_FreeValue(ctx, global);
  JSValue fn = method ? JS_GetPropertyStr(ctx, symbol, method) : JS_DupValue(ctx, symbol);
  JSValue ret = JS_Call(ctx, fn, symbol, 1, &arg);
  JS_FreeValue(ctx, fn);
  JS_FreeValue(ctx, symbol);
  return ret;
}

QTS_EXPORT JSValue *QTS_NewSymbol(JSContext *ctx, const char *description, int is_global) {
  JSValue desc = JS_NewString(ctx, description);
  if (JS_IsException(desc)) return qts_box(desc);
  JSValue sym = global_symbol_method(ctx, is_global ? "for" : NULL, desc);
  JS_FreeValue(ctx, desc);
  return qts_box(sym);
}

/* For a registered symbol the description is its key. */
QTS_EXPORT const char *QTS_GetSymbolDescriptionOrKey(JSContext *ctx, JSValueConst *value) {
  JSValue desc = JS_GetPropertyStr(ctx, *value, "description");
  const char *s = JS_ToCString(ctx, desc);
  JS_FreeValue(ctx, desc);
  return s;
}

QTS_EXPORT int QTS_IsGlobalSymbol(JSContext *ctx, JSValueConst *value) {
  if (!JS_IsSymbol(*value)) return 0;
  JSValue key = global_symbol_method(ctx, "keyFor", *value);
  if (JS_IsException(key)) {
    JS_FreeValue(ctx, JS_GetException(ctx));
    return 0;
  }
  int is_global = !JS_IsUndefined(key);
  JS_FreeValue(ctx, key);
  return is_global;
}

/* Returns a malloc'd string the host frees. */
QTS_EXPORT char *QTS_Typeof(JSContext *ctx, JSValueConst *value) {
  JSValueConst v = *value;
  const char *t;
  if (JS_IsUndefined(v)) t = "undefined";
  else if (JS_IsNull(v)) t = "object";
  else if (JS_IsBool(v)) t = "boolean";
  else if (JS_IsNumber(v)) t = "number";
  else if (JS_IsBigInt(ctx, v)) t = "bigint";
  else if (JS_IsString(v)) t = "string";
  else if (JS_IsSymbol(v)) t = "symbol";
  else if (JS_IsFunction(ctx, v)) t = "function";
  else t = "object";
  return strdup(t);
}

/* 0 and the length in *out_len, or -1 when `value` has no numeric length. */
QTS_EXPORT int QTS_GetLength(JSContext *ctx, uint32_t *out_len, JSValueConst *value) {
  if (!JS_IsObject(*value)) return -1;
  JSValue len = JS_GetPropertyStr(ctx, *value, "length");
  if (JS_IsException(len)) {
    JS_FreeValue(ctx, JS_GetException(ctx));
    return -1;
  }
  if (!JS_IsNumber(len)) {
    JS_FreeValue(ctx, len);
    return -1;
  }
  int ret = JS_ToUint32(ctx, out_len, len);
  JS_FreeValue(ctx, len);
  return ret < 0 ? -1 : 0;
}

QTS_EXPORT int QTS_IsEqual(JSContext *ctx, JSValueConst *a, JSValueConst *b, int op) {
  switch (op) {
    case 0: return JS_StrictEq(ctx, *a, *b);
    case 1: return JS_SameValue(ctx, *a, *b);
    case 2: return JS_SameValueZero(ctx, *a, *b);
    default: return -1;
  }
}

/* An owned box: the core keeps it for the context's life and frees it with
   QTS_FreeValuePointer when the context is disposed. */
QTS_EXPORT JSValue *QTS_GetGlobalObject(JSContext *ctx) { return qts_box(JS_GetGlobalObject(ctx)); }

QTS_EXPORT JSValue *QTS_GetProp(JSContext *ctx, JSValueConst *this_val, JSValueConst *prop_name) {
  JSAtom atom = JS_ValueToAtom(ctx, *prop_name);
  if (atom == JS_ATOM_NULL) return qts_box_exception();
  JSValue v = JS_GetProperty(ctx, *this_val, atom);
  JS_FreeAtom(ctx, atom);
  return qts_box(v);
}

QTS_EXPORT JSValue *QTS_GetPropNumber(JSContext *ctx, JSValueConst *this_val, uint32_t index) {
  return qts_box(JS_GetPropertyUint32(ctx, *this_val, index));
}

/* Errors thrown by setters stay pending in the context, as the core expects. */
QTS_EXPORT void QTS_SetProp(JSContext *ctx, JSValueConst *this_val, JSValueConst *prop_name,
                            JSValueConst *prop_value) {
  JSAtom atom = JS_ValueToAtom(ctx, *prop_name);
  if (atom == JS_ATOM_NULL) return;
  JS_SetProperty(ctx, *this_val, atom, JS_DupValue(ctx, *prop_value));
  JS_FreeAtom(ctx, atom);
}

QTS_EXPORT void QTS_DefineProp(JSContext *ctx, JSValueConst *this_val, JSValueConst *prop_name,
                               JSValueConst *prop_value, JSValueConst *get, JSValueConst *set,
                               int configurable, int enumerable, int has_value) {
  JSAtom atom = JS_ValueToAtom(ctx, *prop_name);
  if (atom == JS_ATOM_NULL) return;
  int flags = JS_PROP_HAS_CONFIGURABLE | JS_PROP_HAS_ENUMERABLE;
  if (configurable) flags |= JS_PROP_CONFIGURABLE;
  if (enumerable) flags |= JS_PROP_ENUMERABLE;
  if (has_value) flags |= JS_PROP_HAS_VALUE;
  if (!JS_IsUndefined(*get)) flags |= JS_PROP_HAS_GET;
  if (!JS_IsUndefined(*set)) flags |= JS_PROP_HAS_SET;
  JS_DefineProperty(ctx, *this_val, atom, *prop_value, *get, *set, flags);
  JS_FreeAtom(ctx, atom);
}

enum {
  QTS_GPN_NUMBER_MASK = 1 << 6,           /* integer keys, as numbers */
  QTS_STANDARD_COMPLIANT_NUMBER = 1 << 7, /* integer keys, as strings */
};

/* Canonical array index: "0" or digits without a leading zero, below 2^32 - 1. */
static int is_array_index(const char *s, uint32_t *index) {
  if (!*s || (s[0] == '0' && s[1])) return 0;
  uint64_t n = 0;
  for (const char *p = s; *p; p++) {
    if (*p < '0' || *p > '9') return 0;
    n = n * 10 + (uint64_t)(*p - '0');
    if (n >= 0xffffffffu) return 0;
  }
  *index = (uint32_t)n;
  return 1;
}

/*
 * Writes a js_malloc'd array of owned JSValue* to *out_ptrs and its length to
 * *out_len. Returns NULL, or the exception on failure.
 */
QTS_EXPORT JSValue *QTS_GetOwnPropertyNames(JSContext *ctx, JSValue ***out_ptrs, uint32_t *out_len,
                                            JSValueConst *obj, int flags) {
  int want_numbers = flags & (QTS_GPN_NUMBER_MASK | QTS_STANDARD_COMPLIANT_NUMBER);
  int want_strings = flags & JS_GPN_STRING_MASK;
  int gpn_flags =
      flags & (JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK | JS_GPN_PRIVATE_MASK | JS_GPN_ENUM_ONLY);
  if (want_numbers) gpn_flags |= JS_GPN_STRING_MASK;
  JSPropertyEnum *tab = NULL;
  uint32_t len = 0;
  *out_ptrs = NULL;
  *out_len = 0;
  if (JS_GetOwnPropertyNames(ctx, &tab, &len, *obj, gpn_flags) < 0)
    return qts_box(JS_GetException(ctx));
  JSValue **out = js_malloc(ctx, sizeof(JSValue *) * (len ? len : 1));
  uint32_t n = 0;
  JSValue *error = NULL;
  for (uint32_t i = 0; i < len; i++) {
    JSAtom atom = tab[i].atom;
    if (error || !out) {
      JS_FreeAtom(ctx, atom);
      continue;
    }
    JSValue key = JS_AtomToValue(ctx, atom);
    JS_FreeAtom(ctx, atom);
    if (JS_IsString(key)) {
      const char *s = JS_ToCString(ctx, key);
      uint32_t index;
      int numeric = s && is_array_index(s, &index);
      JS_FreeCString(ctx, s);
      if (numeric) {
        if (flags & QTS_STANDARD_COMPLIANT_NUMBER) {
          /* keep the string key */
        } else if (flags & QTS_GPN_NUMBER_MASK) {
          JS_FreeValue(ctx, key);
          key = JS_NewFloat64(ctx, index);
        } else {
          JS_FreeValue(ctx, key);
          continue;
        }
      } else if (!want_strings) {
        JS_FreeValue(ctx, key);
        continue;
      }
    }
    if (JS_IsException(key)) {
      error = qts_box(JS_GetException(ctx));
      continue;
    }
    out[n++] = qts_box(key);
  }
  js_free(ctx, tab);
  if (!out && !error) {
    JS_ThrowOutOfMemory(ctx);
    error = qts_box(JS_GetException(ctx));
  }
  if (error) {
    for (uint32_t i = 0; i < n; i++) QTS_FreeValuePointer(ctx, out[i]);
    js_free(ctx, out);
    return error;
  }
  *out_ptrs = out;
  *out_len = n;
  return NULL;
}

QTS_EXPORT JSValue *QTS_Call(JSContext *ctx, JSValueConst *func_obj, JSValueConst *this_obj,
                             int argc, JSValueConst **argv_ptrs) {
  JSValueConst stack_args[8];
  JSValueConst *args = argc <= 8 ? stack_args : malloc(sizeof(JSValueConst) * argc);
  if (!args) return qts_box(JS_ThrowOutOfMemory(ctx));
  for (int i = 0; i < argc; i++) args[i] = *argv_ptrs[i];
  JSValue ret = JS_Call(ctx, *func_obj, *this_obj, argc, args);
  if (args != stack_args) free(args);
  return qts_box(ret);
}

QTS_EXPORT JSValueConst *QTS_ArgvGetJSValueConstPointer(JSValueConst *argv, int index) {
  return &argv[index];
}

static JSValue return_first_data(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv, int magic, JSValue *data) {
  (void)this_val, (void)argc, (void)argv, (void)magic;
  return JS_DupValue(ctx, data[0]);
}

/* The module's namespace once its evaluation promise settles. */
static JSValue module_result(JSContext *ctx, JSModuleDef *m, JSValue promise) {
  JSValue ret;
  switch (JS_PromiseState(ctx, promise)) {
    case JS_PROMISE_FULFILLED: ret = JS_GetModuleNamespace(ctx, m); break;
    case JS_PROMISE_REJECTED: ret = JS_Throw(ctx, JS_PromiseResult(ctx, promise)); break;
    case JS_PROMISE_PENDING: {
      JSValue ns = JS_GetModuleNamespace(ctx, m);
      if (JS_IsException(ns)) {
        ret = ns;
        break;
      }
      JSValue on_fulfilled = JS_NewCFunctionData(ctx, return_first_data, 0, 0, 1, &ns);
      JS_FreeValue(ctx, ns);
      JSValue then = JS_GetPropertyStr(ctx, promise, "then");
      ret = JS_Call(ctx, then, promise, 1, (JSValueConst *)&on_fulfilled);
      JS_FreeValue(ctx, then);
      JS_FreeValue(ctx, on_fulfilled);
      break;
    }
    default: /* not a promise: nothing to wait for */ ret = JS_GetModuleNamespace(ctx, m); break;
  }
  JS_FreeValue(ctx, promise);
  return ret;
}

/*
 * Evaluates global code (the completion value) or a module (its namespace, or
 * a promise of it while top-level await is pending).
 */
QTS_EXPORT JSValue *QTS_Eval(JSContext *ctx, const char *js_code, size_t js_code_length,
                             const char *filename, int detect_module, int eval_flags) {
  if (detect_module && JS_DetectModule(js_code, js_code_length))
    eval_flags = (eval_flags & ~JS_EVAL_TYPE_MASK) | JS_EVAL_TYPE_MODULE;
  if ((eval_flags & JS_EVAL_TYPE_MASK) != JS_EVAL_TYPE_MODULE ||
      (eval_flags & JS_EVAL_FLAG_COMPILE_ONLY))
    return qts_box(JS_Eval(ctx, js_code, js_code_length, filename, eval_flags));
  JSValue fn =
      JS_Eval(ctx, js_code, js_code_length, filename, eval_flags | JS_EVAL_FLAG_COMPILE_ONLY);
  if (JS_IsException(fn)) return qts_box(fn);
  JSModuleDef *m = JS_VALUE_GET_PTR(fn);
  JSValue promise = JS_EvalFunction(ctx, fn);
  if (JS_IsException(promise)) return qts_box(promise);
  return qts_box(module_result(ctx, m, promise));
}

QTS_EXPORT JSValue *QTS_GetModuleNamespace(JSContext *ctx, JSValueConst *module_func_obj) {
  if (JS_VALUE_GET_TAG(*module_func_obj) != JS_TAG_MODULE)
    return qts_box(JS_ThrowTypeError(ctx, "not a module"));
  return qts_box(JS_GetModuleNamespace(ctx, JS_VALUE_GET_PTR(*module_func_obj)));
}

QTS_EXPORT JSValue *QTS_NewPromiseCapability(JSContext *ctx, JSValue **resolve_funcs_out) {
  JSValue funcs[2];
  JSValue promise = JS_NewPromiseCapability(ctx, funcs);
  if (JS_IsException(promise)) return qts_box(promise);
  resolve_funcs_out[0] = qts_box(funcs[0]);
  resolve_funcs_out[1] = qts_box(funcs[1]);
  return qts_box(promise);
}

/* JS_PromiseStateEnum values, or -1 when `promise` is not a promise. */
QTS_EXPORT int QTS_PromiseState(JSContext *ctx, JSValueConst *promise) {
  return JS_PromiseState(ctx, *promise);
}

QTS_EXPORT JSValue *QTS_PromiseResult(JSContext *ctx, JSValueConst *promise) {
  return qts_box(JS_PromiseResult(ctx, *promise));
}

QTS_EXPORT void QTS_TestStringArg(const char *string) { (void)string; }

/* Errors become {name, message, stack, ...own enumerable properties}. */
static JSValue dumpable(JSContext *ctx, JSValueConst v) {
  if (!JS_IsError(ctx, v)) return JS_DupValue(ctx, v);
  JSValue obj = JS_NewObject(ctx);
  if (JS_IsException(obj)) {
    JS_FreeValue(ctx, JS_GetException(ctx));
    return JS_DupValue(ctx, v);
  }
  static const char *const fields[] = {"name", "message", "stack"};
  for (size_t i = 0; i < QTS_COUNTOF(fields); i++) {
    JSValue f = JS_GetPropertyStr(ctx, v, fields[i]);
    if (JS_IsException(f)) {
      JS_FreeValue(ctx, JS_GetException(ctx));
      continue;
    }
    if (!JS_IsUndefined(f)) JS_SetPropertyStr(ctx, obj, fields[i], f);
    else JS_FreeValue(ctx, f);
  }
  JSPropertyEnum *tab;
  uint32_t len;
  if (JS_GetOwnPropertyNames(ctx, &tab, &len, v, JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) == 0) {
    for (uint32_t i = 0; i < len; i++) {
      JSValue f = JS_GetProperty(ctx, v, tab[i].atom);
      if (JS_IsException(f)) JS_FreeValue(ctx, JS_GetException(ctx));
      else JS_SetProperty(ctx, obj, tab[i].atom, f);
      JS_FreeAtom(ctx, tab[i].atom);
    }
    js_free(ctx, tab);
  } else {
    JS_FreeValue(ctx, JS_GetException(ctx));
  }
  return obj;
}

/* JSON text of the value when it has one, else its string conversion. */
QTS_EXPORT const char *QTS_Dump(JSContext *ctx, JSValueConst *obj) {
  JSValue d = dumpable(ctx, *obj);
  JSValue json = JS_JSONStringify(ctx, d, JS_UNDEFINED, JS_UNDEFINED);
  JS_FreeValue(ctx, d);
  if (JS_IsException(json)) JS_FreeValue(ctx, JS_GetException(ctx));
  if (JS_IsString(json)) {
    const char *s = JS_ToCString(ctx, json);
    JS_FreeValue(ctx, json);
    if (s) return s;
  } else {
    JS_FreeValue(ctx, json);
  }
  const char *s = JS_ToCString(ctx, *obj);
  if (s) return s;
  JS_FreeValue(ctx, JS_GetException(ctx));
  JSValue fallback = JS_NewString(ctx, "[unprintable value]");
  s = JS_ToCString(ctx, fallback);
  JS_FreeValue(ctx, fallback);
  return s;
}

QTS_EXPORT JSValue *QTS_bjson_encode(JSContext *ctx, JSValueConst *val) {
  size_t size;
  uint8_t *buf = JS_WriteObject(ctx, &size, *val, 0);
  if (!buf) return qts_box_exception();
  JSValue ab = JS_NewArrayBufferCopy(ctx, buf, size);
  js_free(ctx, buf);
  return qts_box(ab);
}

QTS_EXPORT JSValue *QTS_bjson_decode(JSContext *ctx, JSValueConst *data) {
  size_t size;
  uint8_t *buf = JS_GetArrayBufferUntracked(ctx, &size, *data);
  if (!buf) return qts_box_exception();
  return qts_box(JS_ReadObject(ctx, buf, size, 0));
}

/* What a value a binding returned is, told by its class alone, without running any JS
   (runtime/sandbox/sandbox-fs.ts must not touch prototypes a guest may have patched): 1 an Array,
   2 an ArrayBuffer, 0 anything else (a Proxy included). */
QTS_EXPORT int qjsw_value_kind(JSContext *ctx, JSValueConst *value) {
  static JSClassID array_class, buffer_class;
  if (!array_class) {
    JSValue a = JS_NewArray(ctx), b = JS_NewArrayBufferCopy(ctx, NULL, 0);
    array_class = JS_GetClassID(a);
    buffer_class = JS_GetClassID(b);
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, b);
  }
  if (!JS_IsObject(*value)) return 0;
  JSClassID id = JS_GetClassID(*value);
  return id == array_class ? 1 : id == buffer_class ? 2 : 0;
}

/* An ArrayBuffer's bytes in place, for runtime/webassembly/memory-mirror.ts, which keeps a guest's
   WebAssembly.Memory buffer in step with the host's memory by copying between them:
   out[0] the data pointer, out[1] the size. -1 when `value` is no ArrayBuffer or is detached
   (a guest may detach it: the host then stops copying into it). */
QTS_EXPORT int qjsw_array_buffer_data(JSContext *ctx, JSValueConst *value, uint32_t *out) {
  if (qjsw_value_kind(ctx, value) != 2) return -1;
  size_t len;
  int pending = JS_HasException(ctx);
  uint8_t *data = JS_GetArrayBufferUntracked(ctx, &len, *value);
  if (!data && !pending && JS_HasException(ctx)) {
    JS_FreeValue(ctx, JS_GetException(ctx));
    return -1;
  }
  out[0] = (uint32_t)(uintptr_t)data;
  out[1] = (uint32_t)len;
  return 0;
}

/* Starts recording which bytes guest code writes to an ArrayBuffer (see
   qjsw_array_buffer_take_writes); -1 when `value` is no ArrayBuffer. */
QTS_EXPORT int qjsw_array_buffer_track(JSContext *ctx, JSValueConst *value) {
  if (qjsw_value_kind(ctx, value) != 2) return -1;
  return JS_TrackArrayBufferWrites(ctx, *value, 1);
}

/* The ranges of a tracked ArrayBuffer written since the last call, as start and end pairs in
   `out` (room for 8 numbers): their count, or -1 when `value` is not a tracked ArrayBuffer. */
QTS_EXPORT int qjsw_array_buffer_take_writes(JSContext *ctx, JSValueConst *value, uint32_t *out) {
  if (qjsw_value_kind(ctx, value) != 2) return -1;
  return JS_TakeArrayBufferWrites(ctx, *value, out);
}

/* Detaches an ArrayBuffer, as a WebAssembly.Memory's grow() detaches its old buffer. */
QTS_EXPORT void qjsw_array_buffer_detach(JSContext *ctx, JSValueConst *value) {
  if (qjsw_value_kind(ctx, value) == 2) JS_DetachArrayBuffer(ctx, *value);
}
