/*
 * The compile cache: bytecode of the guest's CommonJS files and ES modules, kept by the host
 * (Module.qjswCodeCache: runtime/module/compile-cache.ts) under a SHA-256 of what was compiled, so
 * a file compiled before, by this sandbox, another one in the process or (through the CLI's cache
 * directory) an earlier process, is read instead of parsed. Parsing is most of a large tool's
 * start: TypeScript's compiler is 6 MB of source.
 *
 * The key covers the engine's bytecode format (QJSW_BYTECODE_ID: a hash of the patched
 * QuickJS sources), the eval flags, the file name (baked into the bytecode) and the source.
 * Compiling depends on nothing else, so sandboxes that share a cache cannot change what
 * another one runs. Only the host stores entries, and only bytecode this engine wrote: no
 * bytes a guest chose ever reach JS_ReadObject.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loader/compile_cache.h"
#include "bindings/digest.h"
#include "qjsw_bytecode_id.h"

extern int qjsw_host_code_cache_on(void);
extern uint8_t *qjsw_host_code_cache_get(const uint8_t *key, size_t *len);
extern void qjsw_host_code_cache_put(const uint8_t *key, const uint8_t *data, size_t len);

/* Below this, hashing and asking the host cost about what parsing does. */
#define MIN_CACHED_SOURCE 2048

static void cache_key(uint8_t key[32], const char *code, size_t len, const char *filename,
                      int flags) {
  static const char domain[] = "qjsw compile cache 1\0" QJSW_BYTECODE_ID;
  uint8_t f[4] = {(uint8_t)flags, (uint8_t)(flags >> 8), (uint8_t)(flags >> 16),
                  (uint8_t)(flags >> 24)};
  DigestState s;
  digest_init(&s, DIGEST_SHA256);
  digest_update(&s, (const uint8_t *)domain, sizeof(domain));
  digest_update(&s, f, sizeof(f));
  digest_update(&s, (const uint8_t *)filename, strlen(filename) + 1);
  digest_update(&s, (const uint8_t *)code, len);
  digest_final(&s, key, 32);
}

JSValue qjsw_compile(JSContext *ctx, const char *code, size_t len, const char *filename,
                     int flags) {
  flags |= JS_EVAL_FLAG_COMPILE_ONLY;
  if (len < MIN_CACHED_SOURCE || !qjsw_host_code_cache_on())
    return JS_Eval(ctx, code, len, filename, flags);
  uint8_t key[32];
  cache_key(key, code, len, filename, flags);
  size_t n = 0;
  uint8_t *bytes = qjsw_host_code_cache_get(key, &n);
  if (bytes) {
    JSValue obj = JS_ReadObject(ctx, bytes, n, JS_READ_OBJ_BYTECODE);
    free(bytes);
    if (!JS_IsException(obj)) return obj;
    /* an entry that does not read (out of memory): compile it instead */
    JS_FreeValue(ctx, JS_GetException(ctx));
  }
  JSValue obj = JS_Eval(ctx, code, len, filename, flags);
  if (JS_IsException(obj)) return obj;
  size_t size;
  uint8_t *out = JS_WriteObject(ctx, &size, obj, JS_WRITE_OBJ_BYTECODE);
  if (out) {
    qjsw_host_code_cache_put(key, out, size);
    js_free(ctx, out);
  } else {
    JS_FreeValue(ctx, JS_GetException(ctx)); /* not kept: the next run parses again */
  }
  return obj;
}
