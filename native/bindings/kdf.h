/*
 * Key derivation over digest.h: PBKDF2 (RFC 8018 §5.2), HKDF (RFC 5869) and scrypt (RFC 7914).
 * The long loops call `poll` now and then; a nonzero answer (the run's CPU budget is spent)
 * stops them and they return -1.
 */
#ifndef QJSW_KDF_H
#define QJSW_KDF_H

#include <stddef.h>
#include <stdint.h>

#include "bindings/digest.h"

typedef int (*kdf_poll_fn)(void *opaque);

/* hmac_init, hashing a key longer than a block with polls. */
int kdf_hmac_init(HmacState *m, int alg, const uint8_t *key, size_t key_len, kdf_poll_fn poll,
                  void *opaque);

int kdf_pbkdf2(int alg, const uint8_t *pass, size_t pass_len, const uint8_t *salt, size_t salt_len,
               uint32_t iterations, uint8_t *out, size_t out_len, kdf_poll_fn poll, void *opaque);

/* out_len must be at most 255 times the digest size. */
int kdf_hkdf(int alg, const uint8_t *ikm, size_t ikm_len, const uint8_t *salt, size_t salt_len,
             const uint8_t *info, size_t info_len, uint8_t *out, size_t out_len, kdf_poll_fn poll,
             void *opaque);

/* The work memory scrypt needs for N, r, p: 128 * r * (N + p) + 256 * r bytes. */
uint64_t kdf_scrypt_memory(uint64_t N, uint64_t r, uint64_t p);
/* N a power of two >= 2, r and p >= 1; `work` holds kdf_scrypt_memory(N, r, p) bytes. */
int kdf_scrypt(const uint8_t *pass, size_t pass_len, const uint8_t *salt, size_t salt_len,
               uint64_t N, uint32_t r, uint32_t p, uint8_t *work, uint8_t *out, size_t out_len,
               kdf_poll_fn poll, void *opaque);

#endif
