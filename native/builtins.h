/*
 * Builtin modules served from inside the Wasm module.
 *
 *   node:<id>           guest JS of a Node builtin (modules/<id>.js)
 *   qjsw:internal/<id>  guest JS shared by builtins (modules/internal/<id>.js)
 *   qjsw:binding/<id>   native bindings written in C (native/<id>.c)
 *
 * qjsw: ids can only be imported by builtins.
 */
#ifndef QJSW_BUILTINS_H
#define QJSW_BUILTINS_H

#include <stddef.h>

#include "quickjs.h"

typedef struct QJSWBuiltinSource {
  const char *id; /* path below modules/ without ".js" */
  const char *source;
  size_t length;
} QJSWBuiltinSource;

/* Generated at build time from modules/ (see scripts/embed-modules.mjs). */
extern const QJSWBuiltinSource qjsw_builtin_sources[];
extern const size_t qjsw_builtin_source_count;

/* A C module named `name` exporting `list` (module_loader.c); `init` sets the values. */
JSModuleDef *qjsw_new_binding(JSContext *ctx, const char *name, JSModuleInitFunc *init,
                              const JSCFunctionListEntry *list, int count);

JSModuleDef *qjsw_init_binding_fs(JSContext *ctx, const char *module_name);
JSModuleDef *qjsw_init_binding_buffer(JSContext *ctx, const char *module_name);
JSModuleDef *qjsw_init_binding_uv(JSContext *ctx, const char *module_name);
JSModuleDef *qjsw_init_binding_module(JSContext *ctx, const char *module_name);

#endif
