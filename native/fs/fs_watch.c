/* qjsw:binding/fs, watching: the guest's reader of the change journal (journal.h), which
   fs.watch reads on the event loop. */
#include "bindings/array_of.h"
#include "fs/fs_internal.h"
#include "journal/journal.h"

/* journalWatch(on): starts or stops the guest's reader */
static JSValue js_fs_journal_watch(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv) {
  qjsw_journal_watch(QJSW_JOURNAL_GUEST, JS_ToBool(ctx, argv[0]));
  return JS_UNDEFINED;
}

typedef struct {
  JSContext *ctx;
  JSValue list;
  uint32_t n;
  int failed;
} Taken;

static void push_change(void *opaque, int type, const char *path, const char *old_path) {
  Taken *t = opaque;
  if (t->failed) return;
  JSContext *ctx = t->ctx;
  JSValue items[3] = {JS_NewInt32(ctx, type), JS_NewString(ctx, path),
                      old_path ? JS_NewString(ctx, old_path) : JS_UNDEFINED};
  JSValue e = qjsw_array_of(ctx, items, 3);
  if (JS_IsException(e)) {
    t->failed = 1;
    return;
  }
  if (JS_DefinePropertyValueUint32(ctx, t->list, t->n++, e, JS_PROP_C_W_E) < 0) t->failed = 1;
}

/* journalDrain() -> [[type, path, oldPath], ...] since the last call (see qjsw_journal_take) */
static JSValue js_fs_journal_drain(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv) {
  Taken t = {ctx, JS_NewArray(ctx), 0, 0};
  if (JS_IsException(t.list)) return JS_EXCEPTION;
  qjsw_journal_take(QJSW_JOURNAL_GUEST, push_change, &t);
  if (t.failed) {
    JS_FreeValue(ctx, t.list);
    return JS_EXCEPTION;
  }
  return t.list;
}

/* journalPending() -> whether journalDrain() has something */
static JSValue js_fs_journal_pending(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv) {
  return JS_NewBool(ctx, qjsw_journal_pending(QJSW_JOURNAL_GUEST));
}

const JSCFunctionListEntry qjsw_fs_watch_funcs[] = {
    JS_CFUNC_DEF("journalPending", 0, js_fs_journal_pending),
    JS_CFUNC_DEF("journalWatch", 1, js_fs_journal_watch),
    JS_CFUNC_DEF("journalDrain", 0, js_fs_journal_drain),
};
const size_t qjsw_fs_watch_funcs_count = QTS_COUNTOF(qjsw_fs_watch_funcs);
