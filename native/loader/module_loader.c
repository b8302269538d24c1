/*
 * The ES module loader installed on every runtime. Builtins (node:*, qjsw:*)
 * are served from inside the Wasm module; any other id goes to the host's
 * loader when quickjs-emscripten-core enabled one, exactly as stock builds do.
 *
 * qjsw: ids (native bindings, internal modules) are a capability, not a name space
 * anyone can ask from: the loader serves them only while C code resolves the imports of
 * a builtin it has just read from the build's own bytecode (load_builtin, importBuiltin),
 * or in the host's one boot window of a context (qjsw_internals_boot), before any guest
 * code exists there. No guest JS runs while either is open, so no name a guest picks
 * (a script's file name, a module's referrer, an id) can reach them.
 */
#include <stdlib.h>
#include <string.h>

#include "bindings/array_of.h"
#include "loader/builtins.h"
#include "loader/compile_cache.h"
#include "ffi/qts.h"

static const struct {
  const char *id;
  JSModuleDef *(*init)(JSContext *ctx, const char *module_name);
} bindings[] = {
    {"qjsw:binding/fs", qjsw_init_binding_fs},
    {"qjsw:binding/buffer", qjsw_init_binding_buffer},
    {"qjsw:binding/uv", qjsw_init_binding_uv},
    {"qjsw:binding/module", qjsw_init_binding_module},
    {"qjsw:binding/util", qjsw_init_binding_util},
    {"qjsw:binding/os", qjsw_init_binding_os},
    {"qjsw:binding/crypto", qjsw_init_binding_crypto},
    {"qjsw:binding/zlib", qjsw_init_binding_zlib},
    {"qjsw:binding/vm", qjsw_init_binding_vm},
    {"qjsw:binding/intl", qjsw_init_binding_intl},
};

static int has_prefix(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

static const QJSWBuiltin *find_builtin(const char *id) {
  for (size_t i = 0; i < qjsw_builtin_count; i++)
    if (strcmp(qjsw_builtins[i].id, id) == 0) return &qjsw_builtins[i];
  return NULL;
}

/* A public builtin id: a module below modules/ that is not internal. */
static int is_public_builtin(const char *id) {
  return !has_prefix(id, "internal/") && find_builtin(id) != NULL;
}

/* Builtins that only the node: scheme names (Node's schemelessBlockList): a bare "test" is a
   package or a file. */
static int is_scheme_only(const char *id) {
  return strcmp(id, "test") == 0 || strcmp(id, "test/reporters") == 0 || strcmp(id, "sea") == 0;
}

static int is_binding(const char *name) {
  for (size_t i = 0; i < QTS_COUNTOF(bindings); i++)
    if (strcmp(bindings[i].id, name) == 0) return 1;
  return 0;
}

/* A qjsw: id that exists: a native binding or a module below modules/internal/. */
static int is_internal_id(const char *name) {
  if (has_prefix(name, "qjsw:binding/")) return is_binding(name);
  return has_prefix(name, "qjsw:internal/") && find_builtin(name + 5) != NULL;
}

/* Whether qjsw: ids may be served now (see the top of this file). */
static int internals_open(JSContext *ctx) {
  QTSContextState *cstate = qts_context_state(ctx);
  return cstate && (cstate->trusted > 0 || cstate->internals == QJSW_INTERNALS_BOOT);
}

static int resolving_builtin(JSContext *ctx) {
  QTSContextState *cstate = qts_context_state(ctx);
  return cstate && cstate->trusted > 0;
}

/* Resolves the imports of builtin module `obj` (read from the build's bytecode) with qjsw:
   ids open to them. Only C runs meanwhile: builtins import builtins, nothing a hook resolves. */
int qjsw_resolve_builtin(JSContext *ctx, JSValueConst obj) {
  QTSContextState *cstate = qts_context_state(ctx);
  if (cstate) cstate->trusted++;
  int r = JS_ResolveModule(ctx, obj);
  if (cstate) cstate->trusted--;
  return r;
}

/* node:internal/<id> where the host granted Node's --expose-internals (qjsw:binding/module's
   exposeNodeInternals): the sandbox's esm_load hook gives its source, a facade over what
   require('internal/<id>') returns (modules/internal/node_internals.js). */
static int is_exposed_node_internal(JSContext *ctx, const char *name) {
  QTSContextState *cstate = qts_context_state(ctx);
  return cstate && cstate->node_internals && JS_IsFunction(ctx, cstate->esm_load) &&
         has_prefix(name, "node:internal/");
}

/* What a hook (guest JS, or the host's normalizer) resolved an id to must not name a builtin
   the hook could not have imported itself. */
static char *checked_hook_result(JSContext *ctx, const char *name, char *out) {
  if (!out) return NULL;
  if (is_exposed_node_internal(ctx, out)) return out;
  if ((has_prefix(out, "node:") && !is_public_builtin(out + 5)) || has_prefix(out, "qjsw:")) {
    JS_ThrowReferenceError(ctx, "could not load module '%s': internal to the sandbox", name);
    js_free(ctx, out);
    return NULL;
  }
  return out;
}

/* Resolve "./" and "../" segments of `name` against the directory of `base`,
   as QuickJS's default normalizer does. */
static char *normalize_relative(JSContext *ctx, const char *base, const char *name) {
  if (name[0] != '.') return js_strdup(ctx, name);
  const char *slash = strrchr(base, '/');
  size_t len = slash ? (size_t)(slash - base) : 0;
  char *out = js_malloc(ctx, len + strlen(name) + 3);
  if (!out) return NULL;
  memcpy(out, base, len);
  if (slash == base) out[len++] = '/'; /* keep the root of "/x.js" */
  out[len] = '\0';
  for (const char *p = name; *p;) {
    const char *end = strchr(p, '/');
    size_t seg = end ? (size_t)(end - p) : strlen(p);
    if (seg == 1 && p[0] == '.') {
      /* "." adds nothing */
    } else if (seg == 2 && p[0] == '.' && p[1] == '.' && len > 0 && out[len - 1] != '/' &&
               !(len >= 2 && out[len - 1] == '.' && out[len - 2] == '.' &&
                 (len == 2 || out[len - 3] == '/'))) {
      char *last = strrchr(out, '/');
      len = last ? (size_t)(last - out) + (last == out) : 0;
      out[len] = '\0';
    } else if (seg > 0) {
      if (len > 0 && out[len - 1] != '/') out[len++] = '/';
      memcpy(out + len, p, seg);
      len += seg;
      out[len] = '\0';
    }
    p += seg + (end ? 1 : 0);
  }
  return out;
}

static char *module_normalize(JSContext *ctx, const char *base, const char *name, void *opaque) {
  (void)opaque;
  QTSContextState *cstate = qts_context_state(ctx);
  /* node:vm's contexts (vm.c) have no state: their code imports nothing, as in Node when no
     importModuleDynamically was given. */
  if (!cstate) {
    JS_ThrowTypeError(ctx, "A dynamic import callback was not specified.");
    JSValue err = JS_GetException(ctx);
    JS_DefinePropertyValueStr(ctx, err, "code",
                              JS_NewString(ctx, "ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING"),
                              JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
    JS_Throw(ctx, err);
    return NULL;
  }
  if (has_prefix(name, "node:")) {
    if (is_public_builtin(name + 5)) return js_strdup(ctx, name);
    /* a sandbox's resolver throws Node's error (ERR_UNKNOWN_BUILTIN_MODULE) */
    if (!cstate || !JS_IsFunction(ctx, cstate->esm_resolve) || resolving_builtin(ctx)) {
      JS_ThrowTypeError(ctx, "No such built-in module: %s", name);
      return NULL;
    }
  }
  if (is_public_builtin(name) && !is_scheme_only(name)) {
    size_t len = strlen(name);
    char *out = js_malloc(ctx, len + 6);
    if (!out) return NULL;
    memcpy(out, "node:", 5);
    memcpy(out + 5, name, len + 1);
    return out;
  }
  if (has_prefix(name, "qjsw:")) {
    if (!internals_open(ctx) || !is_internal_id(name)) {
      JS_ThrowReferenceError(ctx, "could not load module '%s': internal to the sandbox", name);
      return NULL;
    }
    return js_strdup(ctx, name);
  }
  if (resolving_builtin(ctx)) {
    /* a builtin imports only builtins; refusing the rest keeps guest hooks out of here */
    JS_ThrowReferenceError(ctx, "could not load module '%s' from a builtin", name);
    return NULL;
  }
  if (cstate && JS_IsFunction(ctx, cstate->esm_resolve)) {
    /* a sandbox resolves ids against its filesystem, in guest JS */
    JSValue args[2] = {JS_NewString(ctx, name), JS_NewString(ctx, base)};
    JSValue r = JS_Call(ctx, cstate->esm_resolve, JS_UNDEFINED, 2, (JSValueConst *)args);
    JS_FreeValue(ctx, args[0]);
    JS_FreeValue(ctx, args[1]);
    if (JS_IsException(r)) return NULL;
    const char *s = JS_ToCString(ctx, r);
    JS_FreeValue(ctx, r);
    if (!s) return NULL;
    char *out = js_strdup(ctx, s);
    JS_FreeCString(ctx, s);
    return checked_hook_result(ctx, name, out);
  }
  JSRuntime *rt = JS_GetRuntime(ctx);
  if (qts_runtime_state(rt)->host_normalize) {
    char *host = qts_host_normalize_module(rt, ctx, base, name);
    if (!host) return NULL; /* the host threw into ctx */
    char *out = js_strdup(ctx, host);
    free(host);
    return checked_hook_result(ctx, name, out);
  }
  return checked_hook_result(ctx, name, normalize_relative(ctx, base, name));
}

JSModuleDef *qjsw_compile_module(JSContext *ctx, const char *name, const char *source, size_t len) {
  JSValue fn = qjsw_compile(ctx, source, len, name, JS_EVAL_TYPE_MODULE);
  if (JS_IsException(fn)) return NULL;
  JSModuleDef *m = JS_VALUE_GET_PTR(fn);
  JS_FreeValue(ctx, fn); /* the context's module list keeps it */
  return m;
}

/* Builtins were compiled at build time: loading one only reads its bytecode. */
static JSModuleDef *load_builtin(JSContext *ctx, const char *name, const char *id) {
  const QJSWBuiltin *builtin = find_builtin(id);
  if (!builtin) {
    JS_ThrowReferenceError(ctx, "could not load module '%s'", name);
    return NULL;
  }
  const uint8_t *bytecode = builtin->bytecode;
  uint8_t *unpacked = NULL;
  if (builtin->packed_length) {
    /* JS_ReadObject copies what it keeps: the unpacked bytes live only for the read */
    if (!(bytecode = unpacked = qjsw_unpack_builtin(builtin))) {
      JS_ThrowOutOfMemory(ctx);
      return NULL;
    }
  }
  JSValue obj = JS_ReadObject(ctx, bytecode, builtin->length, JS_READ_OBJ_BYTECODE);
  free(unpacked);
  if (JS_IsException(obj)) return NULL;
  if (JS_VALUE_GET_TAG(obj) != JS_TAG_MODULE) {
    JS_FreeValue(ctx, obj);
    JS_ThrowInternalError(ctx, "builtin '%s' is not a module", name);
    return NULL;
  }
  JSModuleDef *m = JS_VALUE_GET_PTR(obj);
  int r = qjsw_resolve_builtin(ctx, obj);
  JS_FreeValue(ctx, obj); /* the context's module list keeps it */
  return r < 0 ? NULL : m;
}

/* import.meta.url, .filename and .dirname of a module loaded from file `path`; `suffix` is
   the ?query and #hash of the URL it was imported by (already URL text), or "" */
static int set_import_meta(JSContext *ctx, JSModuleDef *m, const char *path, const char *suffix) {
  JSValue meta = JS_GetImportMeta(ctx, m);
  if (JS_IsException(meta)) return -1;
  if (has_prefix(path, "data:")) {
    /* a data: URL's module: its URL is its name, and it has no file */
    JS_DefinePropertyValueStr(ctx, meta, "url", JS_NewString(ctx, path), JS_PROP_C_W_E);
    JS_FreeValue(ctx, meta);
    return 0;
  }
  size_t len = strlen(path);
  char *url = js_malloc(ctx, len * 3 + strlen(suffix) + 8);
  if (!url) {
    JS_FreeValue(ctx, meta);
    return -1;
  }
  size_t n = 0;
  memcpy(url, "file://", 7), n = 7;
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    /* what encodeURI would leave alone, minus the characters a file URL escapes */
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
        strchr("/-_.~!$&'()*+,;=:@", *p)) {
      url[n++] = (char)*p;
    } else {
      url[n++] = '%', url[n++] = hex[*p >> 4], url[n++] = hex[*p & 15];
    }
  }
  memcpy(url + n, suffix, strlen(suffix)), n += strlen(suffix);
  JS_DefinePropertyValueStr(ctx, meta, "url", JS_NewStringLen(ctx, url, n), JS_PROP_C_W_E);
  js_free(ctx, url);
  JS_DefinePropertyValueStr(ctx, meta, "filename", JS_NewString(ctx, path), JS_PROP_C_W_E);
  const char *slash = strrchr(path, '/');
  JS_DefinePropertyValueStr(ctx, meta, "dirname",
                            JS_NewStringLen(ctx, path, slash == path ? 1 : (size_t)(slash - path)),
                            JS_PROP_C_W_E);
  JS_FreeValue(ctx, meta);
  return 0;
}

/* A CommonJS module, JSON file or exposed Node internal imported by an ES module: a module of
   C (no source a guest could name or reach) whose default export is the value the load hook
   required and whose other exports are the names it gave (Node's CommonJS interop), read from
   that value when the module runs. */
static int synthetic_init(JSContext *ctx, JSModuleDef *m) {
  QTSContextState *cstate = qts_context_state(ctx);
  JSAtom name = JS_GetModuleName(ctx, m);
  JSValue entry = JS_GetProperty(ctx, cstate->synthetic_exports, name);
  JS_DeleteProperty(ctx, cstate->synthetic_exports, name, 0);
  JS_FreeAtom(ctx, name);
  if (JS_IsException(entry)) return -1;
  JSValue value = JS_GetPropertyUint32(ctx, entry, 0);
  JSValue names = JS_GetPropertyUint32(ctx, entry, 1);
  JS_FreeValue(ctx, entry);
  int r = JS_SetModuleExport(ctx, m, "default", JS_DupValue(ctx, value));
  uint32_t count = 0;
  JSValue len = JS_GetPropertyStr(ctx, names, "length");
  if (r == 0 && JS_ToUint32(ctx, &count, len) < 0) r = -1;
  JS_FreeValue(ctx, len);
  for (uint32_t i = 0; r == 0 && i < count; i++) {
    JSValue key = JS_GetPropertyUint32(ctx, names, i);
    const char *s = JS_ToCString(ctx, key);
    JS_FreeValue(ctx, key);
    if (!s) {
      r = -1;
      break;
    }
    JSValue v = JS_GetPropertyStr(ctx, value, s);
    r = JS_IsException(v) ? -1 : JS_SetModuleExport(ctx, m, s, v);
    JS_FreeCString(ctx, s);
  }
  JS_FreeValue(ctx, names);
  JS_FreeValue(ctx, value);
  return r;
}

/* `made` is the load hook's { value, names } (an object of its own, with no prototype). */
static JSModuleDef *synthetic_module(JSContext *ctx, const char *name, JSValueConst made) {
  QTSContextState *cstate = qts_context_state(ctx);
  if (!JS_IsObject(cstate->synthetic_exports)) {
    JSValue store = JS_NewObjectProto(ctx, JS_NULL);
    if (JS_IsException(store)) return NULL;
    cstate->synthetic_exports = store;
  }
  JSValue value = JS_GetPropertyStr(ctx, made, "value");
  JSValue names = JS_GetPropertyStr(ctx, made, "names");
  JSValue entry = JS_UNDEFINED;
  JSModuleDef *m = NULL;
  uint32_t count = 0;
  JSValue len = JS_GetPropertyStr(ctx, names, "length");
  int ok = !JS_IsException(value) && JS_IsArray(ctx, names) && JS_ToUint32(ctx, &count, len) == 0;
  JS_FreeValue(ctx, len);
  if (ok)
    ok = (m = JS_NewCModule(ctx, name, synthetic_init)) != NULL &&
         JS_AddModuleExport(ctx, m, "default") == 0;
  for (uint32_t i = 0; ok && i < count; i++) {
    JSValue key = JS_GetPropertyUint32(ctx, names, i);
    const char *s = JS_IsString(key) ? JS_ToCString(ctx, key) : NULL;
    JS_FreeValue(ctx, key);
    ok = s && strcmp(s, "default") != 0 && JS_AddModuleExport(ctx, m, s) == 0;
    if (s) JS_FreeCString(ctx, s);
  }
  if (ok) {
    JSValue items[2] = {JS_DupValue(ctx, value), JS_DupValue(ctx, names)};
    entry = qjsw_array_of(ctx, items, 2);
    ok = !JS_IsException(entry) &&
         JS_SetPropertyStr(ctx, cstate->synthetic_exports, name, JS_DupValue(ctx, entry)) >= 0;
  } else if (!JS_HasException(ctx)) {
    JS_ThrowInternalError(ctx, "module '%s': bad CommonJS interop", name);
  }
  JS_FreeValue(ctx, entry);
  JS_FreeValue(ctx, names);
  JS_FreeValue(ctx, value);
  return ok ? m : NULL;
}

/* A module from the filesystem: its source (or a CommonJS/JSON wrapper) comes from the
   sandbox's load hook, as a string, or as [source, path] when `name` is the path followed by
   the ?query or #hash of a file URL (each such URL is a module of its own, as in Node). */
static JSModuleDef *load_file_module(JSContext *ctx, const char *name, QTSContextState *cstate) {
  JSValue arg = JS_NewString(ctx, name);
  JSValue loaded = JS_Call(ctx, cstate->esm_load, JS_UNDEFINED, 1, (JSValueConst *)&arg);
  JS_FreeValue(ctx, arg);
  if (JS_IsException(loaded)) return NULL;
  if (JS_IsObject(loaded) && !JS_IsArray(ctx, loaded)) {
    JSModuleDef *m = synthetic_module(ctx, name, loaded);
    JS_FreeValue(ctx, loaded);
    return m;
  }
  JSValue source = loaded, file = JS_UNDEFINED;
  if (JS_IsArray(ctx, loaded)) {
    source = JS_GetPropertyUint32(ctx, loaded, 0);
    file = JS_GetPropertyUint32(ctx, loaded, 1);
    JS_FreeValue(ctx, loaded);
  }
  size_t len;
  const char *text = JS_ToCStringLen(ctx, &len, source);
  JS_FreeValue(ctx, source);
  const char *path = JS_IsUndefined(file) ? NULL : JS_ToCString(ctx, file);
  JS_FreeValue(ctx, file);
  JSModuleDef *m = NULL;
  size_t plen = path ? strlen(path) : 0;
  if (text && (!path || strncmp(name, path, plen) == 0)) {
    m = qjsw_compile_module(ctx, name, text, len);
    if (m && set_import_meta(ctx, m, path ? path : name, path ? name + plen : "") < 0) m = NULL;
  } else if (text) {
    JS_ThrowInternalError(ctx, "module '%s' loaded as another file", name);
  }
  JS_FreeCString(ctx, text);
  JS_FreeCString(ctx, path);
  return m;
}

/* An exposed node:internal/<id> (is_exposed_node_internal): what require('internal/<id>')
   gives, from the esm_load hook, as the default export of a module of that name. */
static JSModuleDef *load_node_internal(JSContext *ctx, const char *name) {
  QTSContextState *cstate = qts_context_state(ctx);
  JSValue arg = JS_NewString(ctx, name);
  JSValue source = JS_Call(ctx, cstate->esm_load, JS_UNDEFINED, 1, (JSValueConst *)&arg);
  JS_FreeValue(ctx, arg);
  if (JS_IsException(source)) return NULL;
  if (JS_IsObject(source) && !JS_IsArray(ctx, source)) {
    JSModuleDef *m = synthetic_module(ctx, name, source);
    JS_FreeValue(ctx, source);
    return m;
  }
  size_t len;
  const char *text = JS_ToCStringLen(ctx, &len, source);
  JS_FreeValue(ctx, source);
  if (!text) return NULL;
  JSModuleDef *m = qjsw_compile_module(ctx, name, text, len);
  JS_FreeCString(ctx, text);
  return m;
}

static JSModuleDef *module_loader(JSContext *ctx, const char *name, void *opaque) {
  (void)opaque;
  /* (normalize checked these already; a name from anywhere else is refused here too) */
  if (has_prefix(name, "node:") && is_public_builtin(name + 5))
    return load_builtin(ctx, name, name + 5);
  if (is_exposed_node_internal(ctx, name)) return load_node_internal(ctx, name);
  if (has_prefix(name, "node:") || has_prefix(name, "qjsw:")) {
    if (!internals_open(ctx) || !is_internal_id(name)) {
      JS_ThrowReferenceError(ctx, "could not load module '%s': internal to the sandbox", name);
      return NULL;
    }
    if (has_prefix(name, "qjsw:internal/")) return load_builtin(ctx, name, name + 5);
    for (size_t i = 0; i < QTS_COUNTOF(bindings); i++)
      if (strcmp(bindings[i].id, name) == 0) return bindings[i].init(ctx, name);
  }
  QTSContextState *cstate = qts_context_state(ctx);
  if (cstate && JS_IsFunction(ctx, cstate->esm_load) &&
      (name[0] == '/' || has_prefix(name, "data:")))
    return load_file_module(ctx, name, cstate);
  JSRuntime *rt = JS_GetRuntime(ctx);
  if (!qts_runtime_state(rt)->host_module_loader) {
    JS_ThrowReferenceError(ctx, "could not load module '%s'", name);
    return NULL;
  }
  char *source = qts_host_load_module_source(rt, ctx, name);
  if (!source) return NULL; /* the host threw into ctx */
  JSModuleDef *m = qjsw_compile_module(ctx, name, source, strlen(source));
  free(source);
  return m;
}

JSModuleDef *qjsw_new_binding(JSContext *ctx, const char *name, JSModuleInitFunc *init,
                              const JSCFunctionListEntry *list, int count) {
  JSModuleDef *m = JS_NewCModule(ctx, name, init);
  if (m && JS_AddModuleExportList(ctx, m, list, count) < 0) return NULL;
  return m;
}

/* The host's boot window of a context (runtime/sandbox/sandbox.ts): open (1) while it evaluates its
   boot module, which imports qjsw:internal/sandbox, then closed (0) for good. It opens only
   once, on a context no code has run in yet. Returns 0, or -1 when refused. */
QTS_EXPORT int qjsw_internals_boot(JSContext *ctx, int open) {
  QTSContextState *cstate = qts_context_state(ctx);
  if (!cstate) return -1;
  if (!open) {
    cstate->internals = QJSW_INTERNALS_SEALED;
    return 0;
  }
  if (cstate->internals != QJSW_INTERNALS_NEVER) return -1;
  cstate->internals = QJSW_INTERNALS_BOOT;
  return 0;
}

void qjsw_module_loader_install(JSRuntime *rt) {
  JS_SetModuleLoaderFunc(rt, module_normalize, module_loader, NULL);
}
