/*
 * Builtin modules served from inside the Wasm module.
 *
 *   node:<id>           guest JS of a Node builtin (modules/<id>.js)
 *   qjsw:internal/<id>  guest JS shared by builtins (modules/internal/<id>.js)
 *   qjsw:binding/<id>   native bindings written in C (native/<id>.c)
 *
 * qjsw: ids are served only while C resolves a builtin's own imports (or in the host's
 * boot window): see native/loader/module_loader.c.
 */
#ifndef QJSW_BUILTINS_H
#define QJSW_BUILTINS_H

#include <stddef.h>
#include <stdint.h>

#include "quickjs.h"

typedef struct QJSWBuiltin {
  const char *id;          /* path below modules/ without ".js" */
  const uint8_t *bytecode; /* the module compiled by QuickJS (JS_WriteObject) */
  size_t length;
  /* bytes of `bytecode` as stored when it is stored brotli-compressed (a large builtin that
     loads on first use: Intl's bundle), else 0; `length` is then its unpacked size */
  size_t packed_length;
} QJSWBuiltin;

/* Generated at build time from modules/ (see scripts/compile-builtins.mjs). */
extern const QJSWBuiltin qjsw_builtins[];
extern const size_t qjsw_builtin_count;

/* The bytecode of a builtin stored compressed, unpacked into a malloc'd buffer of
   `builtin->length` bytes (free() it), or NULL (out of memory, corrupt data). */
uint8_t *qjsw_unpack_builtin(const QJSWBuiltin *builtin);

/* Resolves the imports of builtin module `obj` with qjsw: ids open to it (module_loader.c). */
int qjsw_resolve_builtin(JSContext *ctx, JSValueConst obj);

/* A C module named `name` exporting `list` (module_loader.c); `init` sets the values. */
JSModuleDef *qjsw_new_binding(JSContext *ctx, const char *name, JSModuleInitFunc *init,
                              const JSCFunctionListEntry *list, int count);

/* qjsw_init_binding_<name>() for a binding whose exports are exactly the C function list
   `list` (most of them): the module and the init that sets its exports. */
#define QJSW_DEFINE_BINDING(name, list)                                                   \
  static int js_##name##_init(JSContext *ctx, JSModuleDef *m) {                           \
    return JS_SetModuleExportList(ctx, m, list, (int)(sizeof(list) / sizeof((list)[0]))); \
  }                                                                                       \
  JSModuleDef *qjsw_init_binding_##name(JSContext *ctx, const char *module_name) {        \
    return qjsw_new_binding(ctx, module_name, js_##name##_init, list,                     \
                            (int)(sizeof(list) / sizeof((list)[0])));                     \
  }

JSModuleDef *qjsw_init_binding_fs(JSContext *ctx, const char *module_name);
JSModuleDef *qjsw_init_binding_buffer(JSContext *ctx, const char *module_name);
JSModuleDef *qjsw_init_binding_uv(JSContext *ctx, const char *module_name);
JSModuleDef *qjsw_init_binding_module(JSContext *ctx, const char *module_name);
JSModuleDef *qjsw_init_binding_util(JSContext *ctx, const char *module_name);
JSModuleDef *qjsw_init_binding_os(JSContext *ctx, const char *module_name);
JSModuleDef *qjsw_init_binding_crypto(JSContext *ctx, const char *module_name);
JSModuleDef *qjsw_init_binding_zlib(JSContext *ctx, const char *module_name);
JSModuleDef *qjsw_init_binding_vm(JSContext *ctx, const char *module_name);
JSModuleDef *qjsw_init_binding_intl(JSContext *ctx, const char *module_name);

#endif
