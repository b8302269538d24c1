/*
 * PBKDF2 (RFC 8018 §5.2) with HMAC, HKDF (RFC 5869) and scrypt (RFC 7914, Salsa20/8 from its
 * specification), written from the RFCs over digest.h.
 */
#include <string.h>

#include "bindings/digest.h"
#include "bindings/kdf.h"

/* Work units (a compression function call, about) between polls. */
#define POLL_EVERY 1024
#define SLICE (1 << 20)

/* Hashes a long input in slices, polling between them. */
static int absorb(DigestState *s, const uint8_t *p, size_t len, kdf_poll_fn poll, void *opaque) {
  while (len > SLICE) {
    digest_update(s, p, SLICE);
    p += SLICE, len -= SLICE;
    if (poll && poll(opaque)) return -1;
  }
  digest_update(s, p, len);
  return 0;
}

int kdf_hmac_init(HmacState *m, int alg, const uint8_t *key, size_t key_len, kdf_poll_fn poll,
                  void *opaque) {
  if (key_len <= digest_block_size(alg)) {
    hmac_init(m, alg, key, key_len);
    return 0;
  }
  /* a key longer than a block is its digest (RFC 2104 §2), computed here with polls */
  DigestState s;
  uint8_t k[DIGEST_MAX_SIZE];
  digest_init(&s, alg);
  if (absorb(&s, key, key_len, poll, opaque)) return -1;
  digest_final(&s, k, digest_size(alg));
  hmac_init(m, alg, k, digest_size(alg));
  return 0;
}

int kdf_pbkdf2(int alg, const uint8_t *pass, size_t pass_len, const uint8_t *salt, size_t salt_len,
               uint32_t iterations, uint8_t *out, size_t out_len, kdf_poll_fn poll, void *opaque) {
  HmacState keyed, m;
  if (kdf_hmac_init(&keyed, alg, pass, pass_len, poll, opaque)) return -1;
  size_t hlen = digest_size(alg);
  uint64_t since_poll = 0;
  for (uint32_t block = 1; out_len > 0; block++) {
    uint8_t be[4] = {(uint8_t)(block >> 24), (uint8_t)(block >> 16), (uint8_t)(block >> 8),
                     (uint8_t)block};
    uint8_t u[DIGEST_MAX_SIZE], t[DIGEST_MAX_SIZE];
    m = keyed;
    if (absorb(&m.inner, salt, salt_len, poll, opaque)) return -1;
    digest_update(&m.inner, be, 4);
    if ((since_poll += 2 + salt_len / 64) >= POLL_EVERY) {
      since_poll = 0;
      if (poll && poll(opaque)) return -1;
    }
    hmac_final(&m, u);
    memcpy(t, u, hlen);
    for (uint32_t i = 1; i < iterations; i++) {
      m = keyed;
      digest_update(&m.inner, u, hlen);
      hmac_final(&m, u);
      for (size_t k = 0; k < hlen; k++) t[k] ^= u[k];
      if ((since_poll += 2) >= POLL_EVERY) {
        since_poll = 0;
        if (poll && poll(opaque)) return -1;
      }
    }
    size_t n = out_len < hlen ? out_len : hlen;
    memcpy(out, t, n);
    out += n, out_len -= n;
  }
  return 0;
}

int kdf_hkdf(int alg, const uint8_t *ikm, size_t ikm_len, const uint8_t *salt, size_t salt_len,
             const uint8_t *info, size_t info_len, uint8_t *out, size_t out_len, kdf_poll_fn poll,
             void *opaque) {
  size_t hlen = digest_size(alg);
  uint8_t prk[DIGEST_MAX_SIZE], t[DIGEST_MAX_SIZE];
  HmacState m;
  /* extract: an absent salt is HashLen zeros, which HMAC pads to the same key as none */
  if (kdf_hmac_init(&m, alg, salt, salt_len, poll, opaque) ||
      absorb(&m.inner, ikm, ikm_len, poll, opaque))
    return -1;
  hmac_final(&m, prk);
  /* expand: T(i) = HMAC(PRK, T(i - 1) || info || i) */
  HmacState keyed;
  hmac_init(&keyed, alg, prk, hlen);
  for (uint8_t i = 1; out_len > 0; i++) {
    m = keyed;
    if (i > 1) digest_update(&m.inner, t, hlen);
    digest_update(&m.inner, info, info_len);
    digest_update(&m.inner, &i, 1);
    hmac_final(&m, t);
    size_t n = out_len < hlen ? out_len : hlen;
    memcpy(out, t, n);
    out += n, out_len -= n;
  }
  return 0;
}

/* --- scrypt ---------------------------------------------------------------------------------- */

static uint32_t rotl(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

/* Salsa20's quarterround on words a, b, c, d of x (the spec's y0..y3). */
static void quarter(uint32_t *x, int a, int b, int c, int d) {
  x[b] ^= rotl(x[a] + x[d], 7);
  x[c] ^= rotl(x[b] + x[a], 9);
  x[d] ^= rotl(x[c] + x[b], 13);
  x[a] ^= rotl(x[d] + x[c], 18);
}

/* Salsa20/8 core on 16 words, in place: four doublerounds, then the input added back. */
static void salsa20_8(uint32_t b[16]) {
  uint32_t x[16];
  memcpy(x, b, sizeof x);
  for (int i = 0; i < 8; i += 2) {
    quarter(x, 0, 4, 8, 12), quarter(x, 5, 9, 13, 1), quarter(x, 10, 14, 2, 6),
        quarter(x, 15, 3, 7, 11);
    quarter(x, 0, 1, 2, 3), quarter(x, 5, 6, 7, 4), quarter(x, 10, 11, 8, 9),
        quarter(x, 15, 12, 13, 14);
  }
  for (int i = 0; i < 16; i++) b[i] += x[i];
}

/* scryptBlockMix over 2r 64-byte blocks (as words): Y_i = Salsa(X ^ B_i), even ones first. */
static void block_mix(const uint32_t *in, uint32_t *out, uint32_t r) {
  uint32_t x[16];
  memcpy(x, in + (2 * r - 1) * 16, 64);
  for (uint32_t i = 0; i < 2 * r; i++) {
    for (int k = 0; k < 16; k++) x[k] ^= in[i * 16 + k];
    salsa20_8(x);
    memcpy(out + ((i & 1) ? r + i / 2 : i / 2) * 16, x, 64);
  }
}

uint64_t kdf_scrypt_memory(uint64_t N, uint64_t r, uint64_t p) {
  return 128 * r * (N + p) + 256 * r;
}

int kdf_scrypt(const uint8_t *pass, size_t pass_len, const uint8_t *salt, size_t salt_len,
               uint64_t N, uint32_t r, uint32_t p, uint8_t *work, uint8_t *out, size_t out_len,
               kdf_poll_fn poll, void *opaque) {
  size_t words = 32 * (size_t)r; /* one 128r-byte block in 32-bit words */
  uint8_t *b = work;
  uint32_t *v = (uint32_t *)(work + 128 * (size_t)r * p);
  uint32_t *x = v + words * N, *y = x + words;
  if (kdf_pbkdf2(DIGEST_SHA256, pass, pass_len, salt, salt_len, 1, b, 128 * (size_t)r * p, poll,
                 opaque))
    return -1;
  uint64_t since_poll = 0;
  for (uint32_t i = 0; i < p; i++) {
    uint8_t *bi = b + 128 * (size_t)r * i;
    for (size_t k = 0; k < words; k++)
      x[k] = (uint32_t)bi[4 * k] | (uint32_t)bi[4 * k + 1] << 8 | (uint32_t)bi[4 * k + 2] << 16 |
             (uint32_t)bi[4 * k + 3] << 24;
    for (uint64_t j = 0; j < N; j++) {
      memcpy(v + words * j, x, words * 4);
      block_mix(x, y, r);
      memcpy(x, y, words * 4);
      if ((since_poll += r) >= POLL_EVERY) {
        since_poll = 0;
        if (poll && poll(opaque)) return -1;
      }
    }
    for (uint64_t j = 0; j < N; j++) {
      /* Integerify: the last 64-byte block's first word, little-endian, mod N */
      const uint32_t *last = x + (2 * r - 1) * 16;
      uint64_t idx = ((uint64_t)last[1] << 32 | last[0]) & (N - 1);
      for (size_t k = 0; k < words; k++) x[k] ^= v[words * idx + k];
      block_mix(x, y, r);
      memcpy(x, y, words * 4);
      if ((since_poll += r) >= POLL_EVERY) {
        since_poll = 0;
        if (poll && poll(opaque)) return -1;
      }
    }
    for (size_t k = 0; k < words; k++)
      for (int q = 0; q < 4; q++) bi[4 * k + q] = (uint8_t)(x[k] >> (8 * q));
  }
  return kdf_pbkdf2(DIGEST_SHA256, pass, pass_len, b, 128 * (size_t)r * p, 1, out, out_len, poll,
                    opaque);
}
