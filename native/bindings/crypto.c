/*
 * qjsw:binding/crypto — the byte work of node:crypto: hash and HMAC handles over digest.h,
 * PBKDF2, HKDF and scrypt over kdf.h, timingSafeEqual, and the platform's entropy (getentropy:
 * in Emscripten, the host's crypto.getRandomValues). modules/internal/crypto/ validates
 * every argument first, as Node's lib does; this file checks only what keeps memory safe.
 */
#include <string.h>
#include <unistd.h>

#include "loader/builtins.h"
#include "bindings/bytes.h"
#include "bindings/digest.h"
#include "bindings/kdf.h"
#include "ffi/qts.h"

/* A long loop (a big update, PBKDF2, scrypt, a long SHAKE output) stops as bytecode does when
   the run's CPU budget is spent: the handler the runtime would poll, and QuickJS's uncatchable
   "interrupted". */
static int poll_interrupt(void *opaque) {
  JSContext *ctx = opaque;
  JSRuntime *rt = JS_GetRuntime(ctx);
  return qts_runtime_state(rt) && qts_interrupt_handler(rt, NULL);
}

static JSValue throw_interrupted(JSContext *ctx) {
  JS_ThrowInternalError(ctx, "interrupted");
  JSValue err = JS_GetException(ctx);
  JS_SetUncatchableError(ctx, err, 1);
  return JS_Throw(ctx, err);
}

/* --- hash and HMAC handles ------------------------------------------------------------------ */

typedef struct {
  uint8_t hmac;     /* an HmacState, or a bare digest in state.inner */
  uint8_t finished; /* digested: no more updates (modules/ checks first; this is the backstop) */
  uint32_t out_len;
  HmacState state;
} Handle;

static JSClassID handle_class_id;

static void handle_finalizer(JSRuntime *rt, JSValue val) {
  js_free_rt(rt, JS_GetOpaque(val, handle_class_id));
}

static Handle *get_handle(JSContext *ctx, JSValueConst v) {
  Handle *h = JS_GetOpaque(v, handle_class_id);
  if (!h) JS_ThrowTypeError(ctx, "not a hash handle");
  else if (h->finished) {
    JS_ThrowTypeError(ctx, "hash handle already digested");
    return NULL;
  }
  return h;
}

static JSValue new_handle(JSContext *ctx, Handle **out) {
  static const JSClassDef handle_class = {"Hash", .finalizer = handle_finalizer};
  JSRuntime *rt = JS_GetRuntime(ctx);
  if (!handle_class_id) JS_NewClassID(&handle_class_id);
  if (!JS_IsRegisteredClass(rt, handle_class_id)) JS_NewClass(rt, handle_class_id, &handle_class);
  Handle *h = js_mallocz(ctx, sizeof *h);
  if (!h) return JS_EXCEPTION;
  JSValue obj = JS_NewObjectClass(ctx, (int)handle_class_id);
  if (JS_IsException(obj)) {
    js_free(ctx, h);
    return obj;
  }
  JS_SetOpaque(obj, h);
  *out = h;
  return obj;
}

static int get_alg(JSContext *ctx, JSValueConst v, int *alg) {
  int32_t a;
  if (JS_ToInt32(ctx, &a, v) < 0) return -1;
  if (a < 0 || a >= DIGEST_COUNT) {
    JS_ThrowRangeError(ctx, "unknown digest");
    return -1;
  }
  *alg = a;
  return 0;
}

/* The output length: -1 for the digest's own, else (validated in JS) any for SHAKE. */
static int get_out_len(JSContext *ctx, JSValueConst v, int alg, uint32_t *out) {
  int64_t n;
  if (JS_ToInt64(ctx, &n, v) < 0) return -1;
  if (n < 0) n = (int64_t)digest_size(alg);
  if (n > UINT32_MAX || (!digest_is_xof(alg) && n != (int64_t)digest_size(alg))) {
    JS_ThrowRangeError(ctx, "bad output length");
    return -1;
  }
  *out = (uint32_t)n;
  return 0;
}

/* hashNew(alg, outLen) -> handle */
static JSValue js_hash_new(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int alg;
  uint32_t out_len;
  Handle *h;
  if (get_alg(ctx, argv[0], &alg) < 0 || get_out_len(ctx, argv[1], alg, &out_len) < 0)
    return JS_EXCEPTION;
  JSValue obj = new_handle(ctx, &h);
  if (JS_IsException(obj)) return obj;
  digest_init(&h->state.inner, alg);
  h->out_len = out_len;
  return obj;
}

/* hashCopy(handle, outLen) -> a handle in the same state */
static JSValue js_hash_copy(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  Handle *from = get_handle(ctx, argv[0]), *h;
  uint32_t out_len;
  if (!from || get_out_len(ctx, argv[1], from->state.inner.alg, &out_len) < 0) return JS_EXCEPTION;
  JSValue obj = new_handle(ctx, &h);
  if (JS_IsException(obj)) return obj;
  *h = *from;
  h->out_len = out_len;
  return obj;
}

/* hmacNew(alg, key) -> handle; key a view, or a string keyed by its UTF-8 */
static JSValue js_hmac_new(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int alg;
  size_t key_len;
  Handle *h;
  if (get_alg(ctx, argv[0], &alg) < 0) return JS_EXCEPTION;
  if (digest_is_xof(alg)) return JS_ThrowRangeError(ctx, "no HMAC over an XOF");
  QJSWUtf8 text = {0};
  int is_text = JS_IsString(argv[1]);
  if (is_text ? qjsw_utf8_get(ctx, argv[1], &text) < 0
              : !qjsw_get_bytes_ro(ctx, argv[1], &key_len) && JS_HasException(ctx)) {
    if (is_text) qjsw_utf8_free(ctx, &text);
    return JS_EXCEPTION;
  }
  JSValue obj = new_handle(ctx, &h);
  if (JS_IsException(obj)) {
    if (is_text) qjsw_utf8_free(ctx, &text);
    return obj;
  }
  /* a view's bytes are fetched again: new_handle may have run the GC, never a guest callback */
  const uint8_t *key =
      is_text ? (const uint8_t *)text.data : qjsw_get_bytes_ro(ctx, argv[1], &key_len);
  if (is_text) key_len = text.len;
  int r = kdf_hmac_init(&h->state, alg, key, key_len, poll_interrupt, ctx);
  if (is_text) qjsw_utf8_free(ctx, &text);
  if (r < 0) {
    JS_FreeValue(ctx, obj);
    return throw_interrupted(ctx);
  }
  h->hmac = 1;
  h->out_len = (uint32_t)digest_size(alg);
  return obj;
}

/* Feeds a long input in slices, polling the interrupt handler between them. */
static int feed(JSContext *ctx, DigestState *s, const uint8_t *p, size_t len) {
  const size_t slice = 1 << 20;
  while (len > slice) {
    digest_update(s, p, slice);
    p += slice, len -= slice;
    if (poll_interrupt(ctx)) return -1;
  }
  digest_update(s, p, len);
  return 0;
}

/* Hashes a string's UTF-8 (Node's, lone surrogates as U+FFFD) or a view's bytes. */
static int feed_value(JSContext *ctx, DigestState *s, JSValueConst data) {
  if (JS_IsString(data)) {
    QJSWUtf8 u;
    if (qjsw_utf8_get(ctx, data, &u) < 0) return -1;
    int r = feed(ctx, s, (const uint8_t *)u.data, u.len);
    qjsw_utf8_free(ctx, &u);
    return r;
  }
  size_t len;
  const uint8_t *p = qjsw_get_bytes_ro(ctx, data, &len);
  if (!p && JS_HasException(ctx)) return -1;
  return feed(ctx, s, p, len);
}

/* hashUpdate(handle, string | view) -> undefined; or, for JS to shape Node's error, 1 when
   the handle is digested already and 2 when data is neither a string nor a view. update() is
   the hot path of node:crypto, so these checks are made here rather than in JS. */
static JSValue js_hash_update(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  Handle *h = JS_GetOpaque(argv[0], handle_class_id);
  if (!h) return JS_ThrowTypeError(ctx, "not a hash handle");
  JSValueConst data = argv[1];
  int r;
  if (JS_IsString(data) || !JS_IsObject(data)) {
    if (!JS_IsString(data)) return JS_NewInt32(ctx, 2);
    if (h->finished) return JS_NewInt32(ctx, 1);
    r = feed_value(ctx, &h->state.inner, data);
  } else {
    size_t offset, length, bpe, size;
    JSValue ab = JS_GetTypedArrayBuffer(ctx, data, &offset, &length, &bpe);
    if (JS_IsException(ab)) {
      JS_FreeValue(ctx, JS_GetException(ctx));
      if (JS_GetClassID(data) != qjsw_data_view_class_id(ctx)) return JS_NewInt32(ctx, 2);
      if (h->finished) return JS_NewInt32(ctx, 1);
      r = feed_value(ctx, &h->state.inner, data);
    } else {
      if (h->finished) {
        JS_FreeValue(ctx, ab);
        return JS_NewInt32(ctx, 1);
      }
      const uint8_t *p = JS_GetArrayBufferUntracked(ctx, &size, ab);
      JS_FreeValue(ctx, ab);                               /* the view keeps its buffer alive */
      if (!p && JS_HasException(ctx)) return JS_EXCEPTION; /* detached */
      r = p ? feed(ctx, &h->state.inner, p + offset, length) : 0;
    }
  }
  if (r < 0) return JS_HasException(ctx) ? JS_EXCEPTION : throw_interrupted(ctx);
  return JS_UNDEFINED;
}

static const char hex_digits[] = "0123456789abcdef";

/* The bytes as a lowercase hex string, or an ArrayBuffer holding them. */
static JSValue output(JSContext *ctx, uint8_t *out, size_t n, int hex) {
  if (!hex) return JS_NewArrayBuffer(ctx, out, n, qjsw_free_js_malloc, NULL, 0);
  char small[2 * DIGEST_MAX_SIZE];
  char *text = 2 * n <= sizeof small ? small : js_malloc(ctx, 2 * n + 1);
  if (!text) {
    js_free(ctx, out);
    return JS_EXCEPTION;
  }
  for (size_t i = 0; i < n; i++)
    text[2 * i] = hex_digits[out[i] >> 4], text[2 * i + 1] = hex_digits[out[i] & 15];
  JSValue str = JS_NewStringLen(ctx, text, 2 * n);
  if (text != small) js_free(ctx, text);
  js_free(ctx, out);
  return str;
}

/* Squeezes a long SHAKE output in slices, polling between them. */
static int finish(JSContext *ctx, Handle *h, uint8_t *out) {
  if (h->hmac) {
    hmac_final(&h->state, out);
    return 0;
  }
  if (!digest_is_xof(h->state.inner.alg)) {
    digest_final(&h->state.inner, out, h->out_len);
    return 0;
  }
  digest_xof_start(&h->state.inner);
  const size_t slice = 1 << 20;
  for (size_t done = 0; done < h->out_len; done += slice) {
    if (done && poll_interrupt(ctx)) return -1;
    digest_xof_squeeze(&h->state.inner, out + done,
                       h->out_len - done < slice ? h->out_len - done : slice);
  }
  return 0;
}

/* hashDigest(handle, hex) -> string | ArrayBuffer; the handle is spent */
static JSValue js_hash_digest(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  Handle *h = get_handle(ctx, argv[0]);
  if (!h) return JS_EXCEPTION;
  uint8_t *out = js_malloc(ctx, h->out_len ? h->out_len : 1);
  if (!out) return JS_EXCEPTION;
  h->finished = 1;
  int r = finish(ctx, h, out);
  if (r < 0) {
    js_free(ctx, out);
    return r == -1 ? throw_interrupted(ctx) : JS_EXCEPTION;
  }
  return output(ctx, out, h->out_len, JS_ToBool(ctx, argv[1]));
}

/* digest(alg, string | view, hex) -> string | ArrayBuffer: crypto.hash() in one call */
static JSValue js_digest(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int alg;
  if (get_alg(ctx, argv[0], &alg) < 0) return JS_EXCEPTION;
  DigestState s;
  digest_init(&s, alg);
  if (feed_value(ctx, &s, argv[1]) < 0)
    return JS_HasException(ctx) ? JS_EXCEPTION : throw_interrupted(ctx);
  size_t n = digest_size(alg);
  uint8_t *out = js_malloc(ctx, n);
  if (!out) return JS_EXCEPTION;
  digest_final(&s, out, n);
  return output(ctx, out, n, JS_ToBool(ctx, argv[2]));
}

/* --- key derivation ----------------------------------------------------------------------------
 */

/* The bytes of a view argument (JS passes views or ArrayBuffers only). */
static const uint8_t *bytes_arg(JSContext *ctx, JSValueConst v, size_t *len) {
  const uint8_t *p = qjsw_get_bytes_ro(ctx, v, len);
  if (!p && !JS_HasException(ctx)) return (const uint8_t *)"";
  return p;
}

/* pbkdf2(alg, password, salt, iterations, keylen) -> ArrayBuffer */
static JSValue js_pbkdf2(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int alg;
  uint32_t iterations, keylen;
  size_t pass_len, salt_len;
  if (get_alg(ctx, argv[0], &alg) < 0 || JS_ToUint32(ctx, &iterations, argv[3]) < 0 ||
      JS_ToUint32(ctx, &keylen, argv[4]) < 0)
    return JS_EXCEPTION;
  if (digest_is_xof(alg)) return JS_ThrowRangeError(ctx, "no HMAC over an XOF");
  uint8_t *out = js_malloc(ctx, keylen ? keylen : 1);
  if (!out) return JS_EXCEPTION;
  const uint8_t *pass = bytes_arg(ctx, argv[1], &pass_len),
                *salt = bytes_arg(ctx, argv[2], &salt_len);
  if (!pass || !salt) {
    js_free(ctx, out);
    return JS_EXCEPTION;
  }
  if (kdf_pbkdf2(alg, pass, pass_len, salt, salt_len, iterations, out, keylen, poll_interrupt,
                 ctx) < 0) {
    js_free(ctx, out);
    return throw_interrupted(ctx);
  }
  return JS_NewArrayBuffer(ctx, out, keylen, qjsw_free_js_malloc, NULL, 0);
}

/* hkdf(alg, ikm, salt, info, length) -> ArrayBuffer; length <= 255 * digest size */
static JSValue js_hkdf(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  int alg;
  uint32_t length;
  size_t ikm_len, salt_len, info_len;
  if (get_alg(ctx, argv[0], &alg) < 0 || JS_ToUint32(ctx, &length, argv[4]) < 0)
    return JS_EXCEPTION;
  if (digest_is_xof(alg) || length > 255 * digest_size(alg))
    return JS_ThrowRangeError(ctx, "bad hkdf length");
  uint8_t *out = js_malloc(ctx, length ? length : 1);
  if (!out) return JS_EXCEPTION;
  const uint8_t *ikm = bytes_arg(ctx, argv[1], &ikm_len),
                *salt = bytes_arg(ctx, argv[2], &salt_len),
                *info = bytes_arg(ctx, argv[3], &info_len);
  if (!ikm || !salt || !info) {
    js_free(ctx, out);
    return JS_EXCEPTION;
  }
  if (kdf_hkdf(alg, ikm, ikm_len, salt, salt_len, info, info_len, out, length, poll_interrupt,
               ctx) < 0) {
    js_free(ctx, out);
    return throw_interrupted(ctx);
  }
  return JS_NewArrayBuffer(ctx, out, length, qjsw_free_js_malloc, NULL, 0);
}

/* scrypt(password, salt, N, r, p, keylen) -> ArrayBuffer; JS checked the parameters and maxmem */
static JSValue js_scrypt(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  uint32_t N, r, p, keylen;
  size_t pass_len, salt_len;
  if (JS_ToUint32(ctx, &N, argv[2]) < 0 || JS_ToUint32(ctx, &r, argv[3]) < 0 ||
      JS_ToUint32(ctx, &p, argv[4]) < 0 || JS_ToUint32(ctx, &keylen, argv[5]) < 0)
    return JS_EXCEPTION;
  if (N < 2 || (N & (N - 1)) || r == 0 || p == 0)
    return JS_ThrowRangeError(ctx, "bad scrypt parameters");
  uint64_t need = kdf_scrypt_memory(N, r, p);
  if (need > SIZE_MAX / 2) return JS_ThrowRangeError(ctx, "scrypt memory too large");
  /* js_malloc: the guest's memory limit applies to the work area as to any allocation */
  uint8_t *work = js_malloc(ctx, (size_t)need);
  if (!work) return JS_EXCEPTION;
  uint8_t *out = js_malloc(ctx, keylen ? keylen : 1);
  if (!out) {
    js_free(ctx, work);
    return JS_EXCEPTION;
  }
  const uint8_t *pass = bytes_arg(ctx, argv[0], &pass_len),
                *salt = bytes_arg(ctx, argv[1], &salt_len);
  int r2 = pass && salt ? kdf_scrypt(pass, pass_len, salt, salt_len, N, r, p, work, out, keylen,
                                     poll_interrupt, ctx)
                        : -2;
  js_free(ctx, work);
  if (r2 < 0) {
    js_free(ctx, out);
    return r2 == -1 ? throw_interrupted(ctx) : JS_EXCEPTION;
  }
  return JS_NewArrayBuffer(ctx, out, keylen, qjsw_free_js_malloc, NULL, 0);
}

/* --- the rest ----------------------------------------------------------------------------------
 */

/* timingSafeEqual(a, b) -> bool, same lengths (checked in JS); time independent of the bytes */
static JSValue js_timing_safe_equal(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv) {
  size_t la, lb;
  const uint8_t *a = bytes_arg(ctx, argv[0], &la), *b = bytes_arg(ctx, argv[1], &lb);
  if (!a || !b) return JS_EXCEPTION;
  if (la != lb) return JS_ThrowRangeError(ctx, "lengths differ");
  volatile uint8_t diff = 0;
  for (size_t i = 0; i < la; i++) diff |= a[i] ^ b[i];
  return JS_NewBool(ctx, diff == 0);
}

/* fillRandom(view) fills the bytes with the platform's entropy */
static JSValue js_crypto_fill_random(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv) {
  size_t len;
  uint8_t *data = qjsw_get_bytes(ctx, argv[0], &len);
  if (!data) return JS_EXCEPTION;
  for (size_t off = 0; off < len; off += 256) {
    size_t n = len - off < 256 ? len - off : 256;
    if (getentropy(data + off, n) != 0) return JS_ThrowInternalError(ctx, "no entropy source");
  }
  return JS_UNDEFINED;
}

static const JSCFunctionListEntry js_crypto_funcs[] = {
    JS_CFUNC_DEF("hashNew", 2, js_hash_new),
    JS_CFUNC_DEF("hashCopy", 2, js_hash_copy),
    JS_CFUNC_DEF("hmacNew", 2, js_hmac_new),
    JS_CFUNC_DEF("hashUpdate", 2, js_hash_update),
    JS_CFUNC_DEF("hashDigest", 2, js_hash_digest),
    JS_CFUNC_DEF("digest", 3, js_digest),
    JS_CFUNC_DEF("pbkdf2", 5, js_pbkdf2),
    JS_CFUNC_DEF("hkdf", 5, js_hkdf),
    JS_CFUNC_DEF("scrypt", 6, js_scrypt),
    JS_CFUNC_DEF("timingSafeEqual", 2, js_timing_safe_equal),
    JS_CFUNC_DEF("fillRandom", 1, js_crypto_fill_random),
};

QJSW_DEFINE_BINDING(crypto, js_crypto_funcs)
