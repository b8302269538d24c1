/* qjsw:binding/fs, watching: the guest's reader of the change journal (journal.h), which
   fs.watch reads on the event loop. */
#include "fs_internal.h"
#include "journal.h"

/* journalWatch(on): starts or stops the guest's reader */
static JSValue js_fs_journal_watch(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv) {
  qjsw_journal_watch(QJSW_JOURNAL_GUEST, JS_ToBool(ctx, argv[0]));
  return JS_UNDEFINED;
}

/* journalDrain() -> "type\tpath\told\n"... since the last call (see qjsw_journal_drain) */
static JSValue js_fs_journal_drain(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv) {
  return JS_NewString(ctx, qjsw_journal_drain(QJSW_JOURNAL_GUEST));
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
