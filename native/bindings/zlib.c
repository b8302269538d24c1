/*
 * qjsw:binding/zlib — the compression streams under node:zlib, on zlib and brotli as fetched
 * (see the Makefile). One handle per stream, shaped as Node's ZlibContext and Brotli contexts
 * (src/node_zlib.cc) so modules/zlib.js can follow lib/zlib.js: the same modes, flush values,
 * multi-member gunzip, unzip's header sniffing, dictionary handling and error messages.
 *
 * Work is synchronous: the guest's asynchronous forms defer only the callback
 * (modules/internal/zlib/handle.js). Every allocation the libraries make goes through the
 * runtime's allocator, so a stream counts against the memory limit and running out is the
 * library's own Z_MEM_ERROR (brotli is built with BROTLI_ENCODER_CLEANUP_ON_OOM, not exit()).
 */
#include <stdint.h>
#include <string.h>

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <zlib.h>

#include "loader/builtins.h"
#include "bindings/bytes.h"
#include "ffi/qts.h"

/* Node's node_zlib_mode */
enum {
  NONE,
  DEFLATE,
  INFLATE,
  GZIP,
  GUNZIP,
  DEFLATERAW,
  INFLATERAW,
  UNZIP,
  BROTLI_DECODE,
  BROTLI_ENCODE
};

typedef struct {
  JSRuntime *rt;
  int mode;
  int flush;
  /* zlib */
  z_stream strm;
  int err;
  int level, strategy, window_bits, mem_level;
  unsigned gzip_id_bytes_read;
  uint8_t *dict;
  size_t dict_len;
  /* brotli */
  BrotliEncoderState *enc;
  BrotliDecoderState *dec;
  int brotli_ok; /* encoder: last call's result */
  BrotliDecoderResult dec_result;
  BrotliDecoderErrorCode dec_error;
  size_t avail_in, avail_out; /* brotli's counters (size_t, zlib's are uInt) */
  /* brotli 1.1.0's encoder, built to survive running out of memory, still drops the input
     it could not buffer and may then report success with an empty stream: we watch its
     allocations ourselves and fail the stream instead. */
  int alloc_failed;
} Stream;

static JSClassID stream_class_id;

/* --- the runtime's allocator for both libraries ------------------------------------------ */

/* Streams the guest dropped are cycles (stream <-> handle) that only the cycle collector frees,
   and its threshold may lie past the limit: collect once before calling it a failure. */
static void *rt_alloc(JSRuntime *rt, size_t n) {
  void *p = js_malloc_rt(rt, n);
  if (!p && n) {
    JS_RunGC(rt);
    p = js_malloc_rt(rt, n);
  }
  return p;
}

static voidpf z_alloc(voidpf opaque, uInt items, uInt size) {
  uint64_t n = (uint64_t)items * size;
  if (n > SIZE_MAX) return Z_NULL;
  return rt_alloc(opaque, (size_t)n);
}
static void z_free(voidpf opaque, voidpf p) { js_free_rt(opaque, p); }
static void *b_alloc(void *opaque, size_t size) {
  Stream *s = opaque;
  void *p = rt_alloc(s->rt, size);
  if (!p) s->alloc_failed = 1;
  return p;
}
static void b_free(void *opaque, void *p) { js_free_rt(((Stream *)opaque)->rt, p); }

/* --- errors, as Node's CompressionError: [message, errno, code] -------------------------- */

static const char *zlib_code(int err) {
  switch (err) {
    case Z_OK: return "Z_OK";
    case Z_STREAM_END: return "Z_STREAM_END";
    case Z_NEED_DICT: return "Z_NEED_DICT";
    case Z_ERRNO: return "Z_ERRNO";
    case Z_STREAM_ERROR: return "Z_STREAM_ERROR";
    case Z_DATA_ERROR: return "Z_DATA_ERROR";
    case Z_MEM_ERROR: return "Z_MEM_ERROR";
    case Z_BUF_ERROR: return "Z_BUF_ERROR";
    case Z_VERSION_ERROR: return "Z_VERSION_ERROR";
  }
  return "Z_UNKNOWN_ERROR";
}

static JSValue error_tuple(JSContext *ctx, const char *message, int err, const char *code) {
  JSValue a = JS_NewArray(ctx);
  if (JS_IsException(a)) return a;
  JS_DefinePropertyValueUint32(ctx, a, 0, JS_NewString(ctx, message ? message : ""), JS_PROP_C_W_E);
  JS_DefinePropertyValueUint32(ctx, a, 1, JS_NewInt32(ctx, err), JS_PROP_C_W_E);
  JS_DefinePropertyValueUint32(ctx, a, 2, JS_NewString(ctx, code), JS_PROP_C_W_E);
  return a;
}

/* zlib's own message wins over ours, as in Node (ErrorForMessage) */
static JSValue zlib_error(JSContext *ctx, Stream *s, const char *message) {
  return error_tuple(ctx, s->strm.msg ? s->strm.msg : message, s->err, zlib_code(s->err));
}

static JSValue zlib_check(JSContext *ctx, Stream *s) {
  switch (s->err) {
    case Z_OK:
    case Z_BUF_ERROR:
      if (s->strm.avail_out != 0 && s->flush == Z_FINISH)
        return zlib_error(ctx, s, "unexpected end of file");
      return JS_UNDEFINED;
    case Z_STREAM_END: return JS_UNDEFINED;
    case Z_NEED_DICT: return zlib_error(ctx, s, s->dict ? "Bad dictionary" : "Missing dictionary");
  }
  return zlib_error(ctx, s, "Zlib error");
}

static JSValue brotli_check(JSContext *ctx, Stream *s) {
  if (s->mode == BROTLI_ENCODE) {
    if (!s->brotli_ok)
      return error_tuple(ctx, "Compression failed", -1, "ERR_BROTLI_COMPRESSION_FAILED");
    return JS_UNDEFINED;
  }
  if (s->dec_error != BROTLI_DECODER_NO_ERROR) {
    /* Node's code is "ERR_" + brotli's name, whose own prefix is "_ERROR_" */
    char code[96];
    snprintf(code, sizeof code, "ERR_%s", BrotliDecoderErrorString(s->dec_error));
    return error_tuple(ctx, "Decompression failed", (int)s->dec_error, code);
  }
  if (s->flush == BROTLI_OPERATION_FINISH &&
      s->dec_result == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT)
    return error_tuple(ctx, "unexpected end of file", Z_BUF_ERROR, "Z_BUF_ERROR");
  return JS_UNDEFINED;
}

/* --- lifetime ------------------------------------------------------------------------------ */

static int is_deflate(int mode) { return mode == DEFLATE || mode == GZIP || mode == DEFLATERAW; }
static int is_inflate(int mode) {
  return mode == INFLATE || mode == GUNZIP || mode == INFLATERAW || mode == UNZIP;
}

/* Frees what the libraries hold; the handle stays, closed (mode NONE). */
static void stream_close(Stream *s) {
  if (is_deflate(s->mode)) deflateEnd(&s->strm);
  else if (is_inflate(s->mode)) inflateEnd(&s->strm);
  if (s->enc) BrotliEncoderDestroyInstance(s->enc);
  if (s->dec) BrotliDecoderDestroyInstance(s->dec);
  s->enc = NULL;
  s->dec = NULL;
  if (s->dict) js_free_rt(s->rt, s->dict);
  s->dict = NULL;
  s->dict_len = 0;
  s->mode = NONE;
}

static void stream_finalizer(JSRuntime *rt, JSValue val) {
  Stream *s = JS_GetOpaque(val, stream_class_id);
  if (!s) return;
  stream_close(s);
  js_free_rt(rt, s);
}

/* The open stream behind `v`, or NULL with an exception: a closed handle is a bug of ours
   (Node aborts there), never something to touch. */
static Stream *get_stream(JSContext *ctx, JSValueConst v) {
  Stream *s = JS_GetOpaque(v, stream_class_id);
  if (!s) {
    JS_ThrowTypeError(ctx, "not a zlib handle");
    return NULL;
  }
  if (s->mode == NONE) {
    JS_ThrowTypeError(ctx, "zlib binding closed");
    return NULL;
  }
  return s;
}

/* create(mode) -> handle, not initialised yet */
static JSValue js_zlib_create(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  static const JSClassDef stream_class = {"Zlib", .finalizer = stream_finalizer};
  JSRuntime *rt = JS_GetRuntime(ctx);
  if (!stream_class_id) JS_NewClassID(&stream_class_id);
  if (!JS_IsRegisteredClass(rt, stream_class_id)) JS_NewClass(rt, stream_class_id, &stream_class);
  int32_t mode;
  if (JS_ToInt32(ctx, &mode, argv[0]) < 0) return JS_EXCEPTION;
  if (mode < DEFLATE || mode > BROTLI_ENCODE) return JS_ThrowRangeError(ctx, "bad zlib mode");
  Stream *s = js_mallocz(ctx, sizeof *s);
  if (!s) return JS_EXCEPTION;
  s->rt = rt;
  s->mode = mode;
  JSValue obj = JS_NewObjectClass(ctx, (int)stream_class_id);
  if (JS_IsException(obj)) {
    js_free(ctx, s);
    return obj;
  }
  JS_SetOpaque(obj, s);
  return obj;
}

/* --- zlib ---------------------------------------------------------------------------------- */

static int set_dictionary(Stream *s) {
  if (!s->dict) return Z_OK;
  /* inflate and gunzip take it when inflate() asks (Z_NEED_DICT), in zlib_work */
  if (s->mode == DEFLATE || s->mode == DEFLATERAW)
    return deflateSetDictionary(&s->strm, s->dict, (uInt)s->dict_len);
  if (s->mode == INFLATERAW) return inflateSetDictionary(&s->strm, s->dict, (uInt)s->dict_len);
  return Z_OK;
}

/* init(h, windowBits, level, memLevel, strategy, dictionary?) -> undefined | error.
   The arguments were validated by modules/zlib.js; zlib checks them again. */
static JSValue js_zlib_init_zlib(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv) {
  Stream *s = get_stream(ctx, argv[0]);
  if (!s) return JS_EXCEPTION;
  if (!is_deflate(s->mode) && !is_inflate(s->mode))
    return JS_ThrowTypeError(ctx, "not a zlib stream");
  if (s->strm.state) return JS_ThrowTypeError(ctx, "zlib stream initialised twice");
  int32_t window_bits, level, mem_level, strategy;
  if (JS_ToInt32(ctx, &window_bits, argv[1]) < 0 || JS_ToInt32(ctx, &level, argv[2]) < 0 ||
      JS_ToInt32(ctx, &mem_level, argv[3]) < 0 || JS_ToInt32(ctx, &strategy, argv[4]) < 0)
    return JS_EXCEPTION;
  if (argc > 5 && !JS_IsUndefined(argv[5])) {
    size_t len;
    uint8_t *bytes = qjsw_get_bytes(ctx, argv[5], &len);
    if (!bytes) return JS_EXCEPTION;
    if (len > UINT32_MAX) return JS_ThrowRangeError(ctx, "dictionary too large");
    if (len > 0) {
      s->dict = js_malloc(ctx, len);
      if (!s->dict) return JS_EXCEPTION;
      memcpy(s->dict, bytes, len);
      s->dict_len = len;
    }
  }
  s->level = level;
  s->strategy = strategy;
  s->mem_level = mem_level;
  s->window_bits = window_bits;
  if (s->mode == GZIP || s->mode == GUNZIP) s->window_bits += 16;
  if (s->mode == UNZIP) s->window_bits += 32;
  if (s->mode == DEFLATERAW || s->mode == INFLATERAW) s->window_bits = -s->window_bits;
  s->strm.zalloc = z_alloc;
  s->strm.zfree = z_free;
  s->strm.opaque = s->rt;
  s->flush = Z_NO_FLUSH;
  if (is_deflate(s->mode))
    s->err = deflateInit2(&s->strm, level, Z_DEFLATED, s->window_bits, mem_level, strategy);
  else s->err = inflateInit2(&s->strm, s->window_bits);
  if (s->err != Z_OK) {
    JSValue e = zlib_error(ctx, s, "Init error");
    /* nothing to end: a failed init leaves no state */
    if (s->dict) js_free(ctx, s->dict);
    s->dict = NULL;
    s->dict_len = 0;
    s->mode = NONE;
    return e;
  }
  s->err = set_dictionary(s);
  if (s->err != Z_OK) return zlib_error(ctx, s, "Failed to set dictionary");
  return JS_UNDEFINED;
}

static void zlib_reset_stream(Stream *s) {
  s->err = Z_OK;
  if (is_deflate(s->mode)) s->err = deflateReset(&s->strm);
  else if (s->mode != UNZIP) s->err = inflateReset(&s->strm);
}

static void zlib_work(Stream *s) {
  const Bytef *next_header_byte = NULL;
  if (is_deflate(s->mode)) {
    s->err = deflate(&s->strm, s->flush);
    return;
  }
  if (s->mode == UNZIP) {
    /* gzip or zlib, told by the first two bytes, which may come in separate writes */
    if (s->strm.avail_in > 0) next_header_byte = s->strm.next_in;
    if (s->gzip_id_bytes_read == 0 && next_header_byte) {
      if (*next_header_byte == 0x1f) {
        s->gzip_id_bytes_read = 1;
        next_header_byte++;
        if (s->strm.avail_in == 1) next_header_byte = NULL;
      } else {
        s->mode = INFLATE;
        next_header_byte = NULL;
      }
    }
    if (s->gzip_id_bytes_read == 1 && next_header_byte) {
      if (*next_header_byte == 0x8b) {
        s->gzip_id_bytes_read = 2;
        s->mode = GUNZIP;
      } else {
        s->mode = INFLATE;
      }
    }
  }
  s->err = inflate(&s->strm, s->flush);
  if (s->mode != INFLATERAW && s->err == Z_NEED_DICT && s->dict) {
    s->err = inflateSetDictionary(&s->strm, s->dict, (uInt)s->dict_len);
    if (s->err == Z_OK) s->err = inflate(&s->strm, s->flush);
    /* both calls say Z_DATA_ERROR: keep "Bad dictionary" apart from bad input */
    else if (s->err == Z_DATA_ERROR) s->err = Z_NEED_DICT;
  }
  /* more input after a gzip member: the next member, unless it is zero padding */
  while (s->strm.avail_in > 0 && s->mode == GUNZIP && s->err == Z_STREAM_END &&
         s->strm.next_in[0] != 0) {
    zlib_reset_stream(s);
    s->err = inflate(&s->strm, s->flush);
  }
}

/* --- brotli -------------------------------------------------------------------------------- */

static int brotli_create(Stream *s) {
  s->alloc_failed = 0;
  if (s->mode == BROTLI_ENCODE) s->enc = BrotliEncoderCreateInstance(b_alloc, b_free, s);
  else s->dec = BrotliDecoderCreateInstance(b_alloc, b_free, s);
  s->brotli_ok = 1;
  s->dec_result = BROTLI_DECODER_RESULT_SUCCESS;
  s->dec_error = BROTLI_DECODER_NO_ERROR;
  return s->enc || s->dec;
}

/* initBrotli(h, params: Uint32Array, -1 = unset) -> boolean, false as Node's init() */
static JSValue js_zlib_init_brotli(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv) {
  Stream *s = get_stream(ctx, argv[0]);
  if (!s) return JS_EXCEPTION;
  if (s->mode != BROTLI_ENCODE && s->mode != BROTLI_DECODE)
    return JS_ThrowTypeError(ctx, "not a brotli stream");
  if (s->enc || s->dec) return JS_ThrowTypeError(ctx, "brotli stream initialised twice");
  size_t len;
  uint8_t *bytes = qjsw_get_bytes(ctx, argv[1], &len);
  if (!bytes) return JS_EXCEPTION;
  if (!brotli_create(s)) return JS_FALSE;
  for (size_t i = 0; i < len / 4; i++) {
    uint32_t value;
    memcpy(&value, bytes + i * 4, 4);
    if (value == UINT32_MAX) continue;
    BROTLI_BOOL ok = s->enc ? BrotliEncoderSetParameter(s->enc, (BrotliEncoderParameter)i, value)
                            : BrotliDecoderSetParameter(s->dec, (BrotliDecoderParameter)i, value);
    if (!ok) return JS_FALSE;
  }
  return JS_TRUE;
}

static void brotli_work(Stream *s, const uint8_t *in, uint8_t *out) {
  const uint8_t *next_in = in;
  uint8_t *next_out = out;
  if (s->enc) {
    s->brotli_ok =
        BrotliEncoderCompressStream(s->enc, (BrotliEncoderOperation)s->flush, &s->avail_in,
                                    &next_in, &s->avail_out, &next_out, NULL) &&
        !s->alloc_failed;
  } else {
    s->dec_result = BrotliDecoderDecompressStream(s->dec, &s->avail_in, &next_in, &s->avail_out,
                                                  &next_out, NULL);
    if (s->dec_result == BROTLI_DECODER_RESULT_ERROR)
      s->dec_error = BrotliDecoderGetErrorCode(s->dec);
  }
}

/* --- the stream API ------------------------------------------------------------------------ */

/* The `len` bytes at `off` in view `v`, or NULL with an exception when they are not all there. */
static uint8_t *window_of(JSContext *ctx, JSValueConst v, JSValueConst off_v, JSValueConst len_v,
                          uint32_t *len_out) {
  uint32_t off, len;
  size_t size;
  if (JS_ToUint32(ctx, &off, off_v) < 0 || JS_ToUint32(ctx, &len, len_v) < 0) return NULL;
  uint8_t *bytes = qjsw_get_bytes(ctx, v, &size);
  if (!bytes) return NULL;
  if ((uint64_t)off + len > size) {
    JS_ThrowRangeError(ctx, "zlib buffer window out of bounds");
    return NULL;
  }
  *len_out = len;
  return bytes + off;
}

/* write(h, flush, in, inOff, inLen, out, outOff, outLen, state: Uint32Array(2))
   -> undefined, with state = [availOut, availIn], | [message, errno, code] */
static JSValue js_zlib_write(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  Stream *s = get_stream(ctx, argv[0]);
  if (!s) return JS_EXCEPTION;
  int32_t flush;
  uint32_t in_len = 0, out_len;
  if (JS_ToInt32(ctx, &flush, argv[1]) < 0) return JS_EXCEPTION;
  int brotli = s->mode == BROTLI_ENCODE || s->mode == BROTLI_DECODE;
  if (flush < 0 || flush > (brotli ? BROTLI_OPERATION_EMIT_METADATA : Z_BLOCK))
    return JS_ThrowRangeError(ctx, "bad flush value");
  uint8_t *in = NULL;
  if (!JS_IsNull(argv[2]) && !(in = window_of(ctx, argv[2], argv[3], argv[4], &in_len)))
    return JS_EXCEPTION;
  uint8_t *out = window_of(ctx, argv[5], argv[6], argv[7], &out_len);
  if (!out) return JS_EXCEPTION;
  size_t state_len;
  uint8_t *state = qjsw_get_bytes(ctx, argv[8], &state_len);
  if (!state) return JS_EXCEPTION;
  if (state_len < 8) return JS_ThrowRangeError(ctx, "zlib write state too small");
  if (brotli && !s->enc && !s->dec) return JS_ThrowTypeError(ctx, "write before init");
  if (!brotli && !s->strm.state) return JS_ThrowTypeError(ctx, "write before init");

  s->flush = flush;
  uint32_t result[2];
  JSValue err;
  if (brotli) {
    s->avail_in = in_len;
    s->avail_out = out_len;
    brotli_work(s, in, out);
    err = brotli_check(ctx, s);
    result[0] = (uint32_t)s->avail_out;
    result[1] = (uint32_t)s->avail_in;
  } else {
    s->strm.next_in = in;
    s->strm.avail_in = in_len;
    s->strm.next_out = out;
    s->strm.avail_out = out_len;
    zlib_work(s);
    err = zlib_check(ctx, s);
    result[0] = s->strm.avail_out;
    result[1] = s->strm.avail_in;
  }
  /* zlib keeps no pointer into the guest's buffers past this call */
  s->strm.next_in = NULL;
  s->strm.next_out = NULL;
  memcpy(state, result, sizeof result);
  return err;
}

/* params(h, level, strategy) -> undefined | error; brotli ignores it, as Node does */
static JSValue js_zlib_params(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  Stream *s = get_stream(ctx, argv[0]);
  if (!s) return JS_EXCEPTION;
  int32_t level, strategy;
  if (JS_ToInt32(ctx, &level, argv[1]) < 0 || JS_ToInt32(ctx, &strategy, argv[2]) < 0)
    return JS_EXCEPTION;
  if (s->mode != DEFLATE && s->mode != DEFLATERAW) return JS_UNDEFINED;
  /* deflateParams runs deflate(Z_BLOCK), which after the guest's sync flush has nothing to
     write; it still needs somewhere it could, as Node's stale output window is. */
  uint8_t scratch[64];
  s->strm.next_in = NULL;
  s->strm.avail_in = 0;
  s->strm.next_out = scratch;
  s->strm.avail_out = sizeof scratch;
  s->err = deflateParams(&s->strm, level, strategy);
  s->strm.next_out = NULL;
  if (s->err != Z_OK && s->err != Z_BUF_ERROR)
    return zlib_error(ctx, s, "Failed to set parameters");
  s->level = level;
  s->strategy = strategy;
  return JS_UNDEFINED;
}

/* reset(h) -> undefined | error; brotli starts a new instance, without the init params (as Node) */
static JSValue js_zlib_reset(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  Stream *s = get_stream(ctx, argv[0]);
  if (!s) return JS_EXCEPTION;
  if (s->mode == BROTLI_ENCODE || s->mode == BROTLI_DECODE) {
    if (s->enc) BrotliEncoderDestroyInstance(s->enc);
    if (s->dec) BrotliDecoderDestroyInstance(s->dec);
    s->enc = NULL;
    s->dec = NULL;
    if (!brotli_create(s))
      return error_tuple(ctx, "Initialization failed", -1, "ERR_ZLIB_INITIALIZATION_FAILED");
    return JS_UNDEFINED;
  }
  zlib_reset_stream(s);
  if (s->err != Z_OK) return zlib_error(ctx, s, "Failed to reset stream");
  s->err = set_dictionary(s);
  if (s->err != Z_OK) return zlib_error(ctx, s, "Failed to set dictionary");
  return JS_UNDEFINED;
}

/* close(h): frees the library state now; closing twice is fine */
static JSValue js_zlib_close(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  Stream *s = JS_GetOpaque(argv[0], stream_class_id);
  if (s) stream_close(s);
  return JS_UNDEFINED;
}

/* crc32(view, value) -> uint32 */
static JSValue js_zlib_crc32(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  size_t len;
  const uint8_t *bytes = qjsw_get_bytes_ro(ctx, argv[0], &len);
  if (!bytes) return JS_EXCEPTION;
  uint32_t value;
  if (JS_ToUint32(ctx, &value, argv[1]) < 0) return JS_EXCEPTION;
  uLong crc = value;
  /* crc32() takes uInt lengths: feed a view over 4 GiB in pieces */
  while (len > 0) {
    uInt n = len > 0x40000000 ? 0x40000000 : (uInt)len;
    crc = crc32(crc, bytes, n);
    bytes += n;
    len -= n;
  }
  return JS_NewUint32(ctx, (uint32_t)crc);
}

static const JSCFunctionListEntry js_zlib_funcs[] = {
    JS_CFUNC_DEF("create", 1, js_zlib_create),
    JS_CFUNC_DEF("init", 6, js_zlib_init_zlib),
    JS_CFUNC_DEF("initBrotli", 2, js_zlib_init_brotli),
    JS_CFUNC_DEF("write", 9, js_zlib_write),
    JS_CFUNC_DEF("params", 3, js_zlib_params),
    JS_CFUNC_DEF("reset", 1, js_zlib_reset),
    JS_CFUNC_DEF("close", 1, js_zlib_close),
    JS_CFUNC_DEF("crc32", 2, js_zlib_crc32),
};

QJSW_DEFINE_BINDING(zlib, js_zlib_funcs)
