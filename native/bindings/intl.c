/*
 * qjsw:binding/intl — the host's time zone database, for the guest's Intl and Date. The
 * guest's local time is the host's (Emscripten's localtime asks the host's Date) until the
 * guest sets process.env.TZ, as Node lets a process change its zone; either way its zone id,
 * the offsets of any zone and the name V8 prints in Date.prototype.toString come from the
 * host engine, rather than from a second copy of the tz database in the Wasm.
 */
#include <stdlib.h>
#include <string.h>

#include "loader/builtins.h"
#include "ffi/qts.h"

/* native/glue/host_callbacks.js: writes the answer (UTF-8, NUL-terminated) when it fits in `len`
   bytes; returns the bytes it needs, or -1 when the host has no answer (no Intl there). */
extern int qjsw_host_zone(int kind, double t, const char *zone, char *buf, int len);

enum { ZONE_LOCAL_ID = 0, ZONE_OFFSET = 1, ZONE_NAME = 2, ZONE_CANONICAL = 4 };

/* The host's answer as a string, or undefined. */
static JSValue host_answer(JSContext *ctx, int kind, double t, const char *zone) {
  char small[256];
  char *buf = small;
  int n = qjsw_host_zone(kind, t, zone, buf, sizeof small);
  if (n > (int)sizeof small) {
    buf = js_malloc(ctx, n);
    if (!buf) return JS_EXCEPTION;
    n = qjsw_host_zone(kind, t, zone, buf, n);
  }
  JSValue ret = n > 0 ? JS_NewStringLen(ctx, buf, n - 1) : JS_UNDEFINED;
  if (buf != small) js_free(ctx, buf);
  return ret;
}

/* The zone process.env.TZ set for this runtime, or NULL for the host's. */
static const char *local_zone(JSContext *ctx) {
  QTSRuntimeState *state = qts_runtime_state(JS_GetRuntime(ctx));
  return state ? state->local_zone : NULL;
}

/* zone(kind, t, zoneId?) -> string | undefined; kinds as in qjsw_host_zone. Without a zone id,
   the local zone's answer: process.env.TZ's when set. */
static JSValue js_intl_zone(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int kind;
  double t;
  if (JS_ToInt32(ctx, &kind, argv[0]) || JS_ToFloat64(ctx, &t, argv[1])) return JS_EXCEPTION;
  const char *zone = NULL;
  if (argc > 2 && JS_IsString(argv[2]) && !(zone = JS_ToCString(ctx, argv[2]))) return JS_EXCEPTION;
  const char *local = zone ? NULL : local_zone(ctx);
  JSValue ret;
  if (local && !*local) {
    /* a name the host does not know: UTC, as ICU's fallback prints it */
    ret = kind == ZONE_OFFSET ? JS_NewString(ctx, "0")
          : kind == ZONE_NAME ? JS_NewString(ctx, "GMT+00:00")
                              : JS_UNDEFINED;
  } else if (local && kind == ZONE_LOCAL_ID) {
    ret = JS_NewString(ctx, local);
  } else {
    ret = host_answer(ctx, kind, t, zone ? zone : local);
  }
  if (zone) JS_FreeCString(ctx, zone);
  return ret;
}

/* setLocalZone(tz | undefined): process.env.TZ was set (or deleted). A leading ':' is
   ignored, as glibc does. */
static JSValue js_intl_set_local_zone(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv) {
  QTSRuntimeState *state = qts_runtime_state(JS_GetRuntime(ctx));
  if (!state) return JS_UNDEFINED;
  char *next = NULL;
  if (JS_IsString(argv[0])) {
    const char *tz = JS_ToCString(ctx, argv[0]);
    if (!tz) return JS_EXCEPTION;
    const char *name = tz[0] == ':' ? tz + 1 : tz;
    JSValue canonical = *name ? host_answer(ctx, ZONE_CANONICAL, 0, name) : JS_UNDEFINED;
    JS_FreeCString(ctx, tz);
    if (JS_IsException(canonical)) return canonical;
    const char *id = JS_IsString(canonical) ? JS_ToCString(ctx, canonical) : NULL;
    next = strdup(id ? id : "");
    if (id) JS_FreeCString(ctx, id);
    JS_FreeValue(ctx, canonical);
    if (!next) return JS_ThrowOutOfMemory(ctx);
  }
  free(state->local_zone);
  state->local_zone = next;
  return JS_UNDEFINED;
}

/* QuickJS's Date (patch 091): the local zone's offset from UTC at `ms`, in minutes west, when
   process.env.TZ chose the zone; 0 when the host's own local time applies. */
int qjsw_zone_offset_minutes(JSContext *ctx, int64_t ms, int *minutes) {
  const char *local = local_zone(ctx);
  if (!local) return 0;
  *minutes = 0;
  if (!*local) return 1;
  char buf[64];
  if (qjsw_host_zone(ZONE_OFFSET, (double)ms, local, buf, sizeof buf) > 0)
    *minutes = -(int)(strtod(buf, NULL) / 60000);
  return 1;
}

static const JSCFunctionListEntry js_intl_funcs[] = {
    JS_CFUNC_DEF("zone", 3, js_intl_zone),
    JS_CFUNC_DEF("setLocalZone", 1, js_intl_set_local_zone),
};

QJSW_DEFINE_BINDING(intl, js_intl_funcs)
