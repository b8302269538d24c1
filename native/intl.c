/*
 * qjsw:binding/intl — the host's time zone database, for the guest's Intl and Date. The
 * guest's local time already is the host's (Emscripten's localtime asks the host's Date), so
 * its zone id, the offsets of any zone and the name V8 prints in Date.prototype.toString come
 * from the host engine too, rather than from a second copy of the tz database in the Wasm.
 */
#include "builtins.h"
#include "qts.h"

/* native/host_callbacks.js: writes the answer (UTF-8, NUL-terminated) when it fits in `len`
   bytes; returns the bytes it needs, or -1 when the host has no answer (no Intl there). */
extern int qjsw_host_zone(int kind, double t, const char *zone, char *buf, int len);

/* zone(kind, t, zoneId?) -> string | undefined; kinds as in qjsw_host_zone */
static JSValue js_intl_zone(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int kind;
  double t;
  if (JS_ToInt32(ctx, &kind, argv[0]) || JS_ToFloat64(ctx, &t, argv[1])) return JS_EXCEPTION;
  const char *zone = NULL;
  if (argc > 2 && JS_IsString(argv[2]) && !(zone = JS_ToCString(ctx, argv[2]))) return JS_EXCEPTION;
  char small[256];
  char *buf = small;
  int n = qjsw_host_zone(kind, t, zone, buf, sizeof small);
  if (n > (int)sizeof small) {
    buf = js_malloc(ctx, n);
    if (buf) n = qjsw_host_zone(kind, t, zone, buf, n);
  }
  JSValue ret = JS_UNDEFINED;
  if (!buf) ret = JS_EXCEPTION;
  else if (n > 0) ret = JS_NewStringLen(ctx, buf, n - 1);
  if (buf && buf != small) js_free(ctx, buf);
  if (zone) JS_FreeCString(ctx, zone);
  return ret;
}

static const JSCFunctionListEntry js_intl_funcs[] = {
    JS_CFUNC_DEF("zone", 3, js_intl_zone),
};

QJSW_DEFINE_BINDING(intl, js_intl_funcs)
