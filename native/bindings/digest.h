/*
 * Streaming message digests for node:crypto, written from their specifications: MD5 (RFC 1321),
 * SHA-1 and SHA-2 (FIPS 180-4), SHA-3 and SHAKE (FIPS 202), RIPEMD-160, BLAKE2b-512 and
 * BLAKE2s-256 (RFC 7693); and HMAC (RFC 2104) over them.
 * Plain C with no engine types, so the KDFs (kdf.c) and the bindings (crypto.c) share it.
 */
#ifndef QJSW_DIGEST_H
#define QJSW_DIGEST_H

#include <stddef.h>
#include <stdint.h>

/* Numbered as modules/internal/crypto/hashes.js numbers them. */
enum {
  DIGEST_MD5,
  DIGEST_SHA1,
  DIGEST_SHA224,
  DIGEST_SHA256,
  DIGEST_SHA384,
  DIGEST_SHA512,
  DIGEST_SHA512_224,
  DIGEST_SHA512_256,
  DIGEST_SHA3_224,
  DIGEST_SHA3_256,
  DIGEST_SHA3_384,
  DIGEST_SHA3_512,
  DIGEST_SHAKE128,
  DIGEST_SHAKE256,
  DIGEST_RIPEMD160,
  DIGEST_BLAKE2B512,
  DIGEST_BLAKE2S256,
  DIGEST_COUNT
};

#define DIGEST_MAX_BLOCK 168 /* SHAKE128's rate */
#define DIGEST_MAX_SIZE 64

typedef struct {
  uint8_t alg;
  uint32_t block;  /* input block (the rate, for SHA-3) in bytes */
  uint32_t buflen; /* bytes waiting in buf */
  uint64_t total;  /* bytes hashed so far */
  union {
    uint32_t w32[8];
    uint64_t w64[25];
  } h;
  uint8_t buf[DIGEST_MAX_BLOCK];
} DigestState;

/* Input block and natural output sizes in bytes (SHAKE: OpenSSL 3.0's default output). */
size_t digest_block_size(int alg);
size_t digest_size(int alg);
int digest_is_xof(int alg);

void digest_init(DigestState *s, int alg);
void digest_update(DigestState *s, const uint8_t *data, size_t len);
/* Ends the state; writes out_len bytes (any length for SHAKE, at most digest_size otherwise). */
void digest_final(DigestState *s, uint8_t *out, size_t out_len);

/* SHA-3 and SHAKE only: pads the input, then squeezes output in pieces of any size. */
void digest_xof_start(DigestState *s);
void digest_xof_squeeze(DigestState *s, uint8_t *out, size_t n);

/* HMAC: the inner state keyed with K ^ ipad, and the outer one with K ^ opad. */
typedef struct {
  DigestState inner;
  DigestState outer;
} HmacState;

void hmac_init(HmacState *m, int alg, const uint8_t *key, size_t key_len);
void hmac_final(HmacState *m, uint8_t *out); /* digest_size(alg) bytes */

#endif
