/*
 * The ES module loader installed on every runtime. Builtins (node:*, qjsw:*)
 * are served from inside the Wasm module; any other id goes to the host's
 * loader when quickjs-emscripten-core enabled one, exactly as stock builds do.
 */
#include <string.h>

#include "builtins.h"
#include "qts.h"

static const struct {
  const char *id;
  JSModuleDef *(*init)(JSContext *ctx, const char *module_name);
} bindings[] = {
    {"qjsw:binding/fs", qjsw_init_binding_fs},
    {"qjsw:binding/buffer", qjsw_init_binding_buffer},
    {"qjsw:binding/uv", qjsw_init_binding_uv},
    {"qjsw:binding/module", qjsw_init_binding_module},
};

static int has_prefix(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

static const QJSWBuiltinSource *find_source(const char *id) {
  for (size_t i = 0; i < qjsw_builtin_source_count; i++)
    if (strcmp(qjsw_builtin_sources[i].id, id) == 0) return &qjsw_builtin_sources[i];
  return NULL;
}

/* A public builtin id: a module below modules/ that is not internal. */
static int is_public_builtin(const char *id) {
  return !has_prefix(id, "internal/") && find_source(id) != NULL;
}

static int is_builtin_name(const char *name) {
  return has_prefix(name, "node:") || has_prefix(name, "qjsw:");
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
  if (has_prefix(name, "node:")) {
    if (!is_public_builtin(name + 5)) {
      JS_ThrowTypeError(ctx, "No such built-in module: %s", name);
      return NULL;
    }
    return js_strdup(ctx, name);
  }
  if (is_public_builtin(name)) {
    size_t len = strlen(name);
    char *out = js_malloc(ctx, len + 6);
    if (!out) return NULL;
    memcpy(out, "node:", 5);
    memcpy(out + 5, name, len + 1);
    return out;
  }
  if (has_prefix(name, "qjsw:")) {
    if (!is_builtin_name(base)) {
      JS_ThrowReferenceError(ctx, "could not load module '%s': internal to the sandbox", name);
      return NULL;
    }
    return js_strdup(ctx, name);
  }
  JSRuntime *rt = JS_GetRuntime(ctx);
  if (qts_runtime_state(rt)->host_normalize) {
    char *host = qts_host_normalize_module(rt, ctx, base, name);
    if (!host) return NULL; /* the host threw into ctx */
    char *out = js_strdup(ctx, host);
    free(host);
    return out;
  }
  return normalize_relative(ctx, base, name);
}

JSModuleDef *qjsw_compile_module(JSContext *ctx, const char *name, const char *source,
                                 size_t len) {
  JSValue fn = JS_Eval(ctx, source, len, name, JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
  if (JS_IsException(fn)) return NULL;
  JSModuleDef *m = JS_VALUE_GET_PTR(fn);
  JS_FreeValue(ctx, fn); /* the context's module list keeps it */
  return m;
}

static JSModuleDef *load_source(JSContext *ctx, const char *name, const char *id) {
  const QJSWBuiltinSource *src = find_source(id);
  if (!src) {
    JS_ThrowReferenceError(ctx, "could not load module '%s'", name);
    return NULL;
  }
  return qjsw_compile_module(ctx, name, src->source, src->length);
}

static JSModuleDef *module_loader(JSContext *ctx, const char *name, void *opaque) {
  (void)opaque;
  if (has_prefix(name, "node:")) return load_source(ctx, name, name + 5);
  if (has_prefix(name, "qjsw:internal/")) return load_source(ctx, name, name + 5);
  if (has_prefix(name, "qjsw:binding/")) {
    for (size_t i = 0; i < QTS_COUNTOF(bindings); i++)
      if (strcmp(bindings[i].id, name) == 0) return bindings[i].init(ctx, name);
    JS_ThrowReferenceError(ctx, "could not load module '%s'", name);
    return NULL;
  }
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

void qjsw_module_loader_install(JSRuntime *rt) {
  JS_SetModuleLoaderFunc(rt, module_normalize, module_loader, NULL);
}
