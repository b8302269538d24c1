/*
 * Message digests from their specifications: MD5 (RFC 1321), SHA-1, SHA-224/256/384/512 and
 * SHA-512/224, SHA-512/256 (FIPS 180-4), SHA3-* and SHAKE128/256 (FIPS 202), RIPEMD-160,
 * BLAKE2b-512 and BLAKE2s-256 (RFC 7693), streamed block by block; HMAC (RFC 2104) over them.
 */
#include <string.h>

#include "bindings/digest.h"

static uint32_t rol32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
static uint32_t ror32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
static uint64_t ror64(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

/* --- MD5 --------------------------------------------------------------------------------- */

static const uint32_t md5_k[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
static const int md5_r[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                              5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                              4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                              6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};

static void md5_block(uint32_t h[4], const uint8_t *p) {
  uint32_t w[16];
  for (int i = 0; i < 16; i++)
    w[i] = (uint32_t)p[i * 4] | (uint32_t)p[i * 4 + 1] << 8 | (uint32_t)p[i * 4 + 2] << 16 |
           (uint32_t)p[i * 4 + 3] << 24;
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
  for (int i = 0; i < 64; i++) {
    uint32_t f;
    int g;
    if (i < 16) f = (b & c) | (~b & d), g = i;
    else if (i < 32) f = (d & b) | (~d & c), g = (5 * i + 1) % 16;
    else if (i < 48) f = b ^ c ^ d, g = (3 * i + 5) % 16;
    else f = c ^ (b | ~d), g = (7 * i) % 16;
    uint32_t t = d;
    d = c;
    c = b;
    b = b + rol32(a + f + md5_k[i] + w[g], md5_r[i]);
    a = t;
  }
  h[0] += a, h[1] += b, h[2] += c, h[3] += d;
}

/* --- SHA-1 and SHA-256 (64-byte blocks, big-endian words) -------------------------------- */

static uint32_t be32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void sha1_block(uint32_t h[5], const uint8_t *p) {
  uint32_t w[80];
  for (int i = 0; i < 16; i++) w[i] = be32(p + i * 4);
  for (int i = 16; i < 80; i++) w[i] = rol32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
  for (int i = 0; i < 80; i++) {
    uint32_t f, k;
    if (i < 20) f = (b & c) | (~b & d), k = 0x5a827999;
    else if (i < 40) f = b ^ c ^ d, k = 0x6ed9eba1;
    else if (i < 60) f = (b & c) | (b & d) | (c & d), k = 0x8f1bbcdc;
    else f = b ^ c ^ d, k = 0xca62c1d6;
    uint32_t t = rol32(a, 5) + f + e + k + w[i];
    e = d, d = c, c = rol32(b, 30), b = a, a = t;
  }
  h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
}

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static void sha256_block(uint32_t h[8], const uint8_t *p) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++) w[i] = be32(p + i * 4);
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = hh + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) + ((e & f) ^ (~e & g)) +
                  sha256_k[i] + w[i];
    uint32_t t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
  }
  h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
}

/* --- SHA-512 and SHA-384 (128-byte blocks) ----------------------------------------------- */

static const uint64_t sha512_k[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL};

static void sha512_block(uint64_t h[8], const uint8_t *p) {
  uint64_t w[80];
  for (int i = 0; i < 16; i++) w[i] = (uint64_t)be32(p + i * 8) << 32 | be32(p + i * 8 + 4);
  for (int i = 16; i < 80; i++) {
    uint64_t s0 = ror64(w[i - 15], 1) ^ ror64(w[i - 15], 8) ^ (w[i - 15] >> 7);
    uint64_t s1 = ror64(w[i - 2], 19) ^ ror64(w[i - 2], 61) ^ (w[i - 2] >> 6);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int i = 0; i < 80; i++) {
    uint64_t t1 = hh + (ror64(e, 14) ^ ror64(e, 18) ^ ror64(e, 41)) + ((e & f) ^ (~e & g)) +
                  sha512_k[i] + w[i];
    uint64_t t2 = (ror64(a, 28) ^ ror64(a, 34) ^ ror64(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
    hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
  }
  h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
}

/* --- RIPEMD-160 (Dobbertin, Bosselaers, Preneel, 1996) ---------------------------------- */

/* Two lines of five 16-step rounds. The words each step reads are the permutation rho applied
   round after round, the right line starting from pi(i) = 9i + 5 mod 16; each word's rotation
   per round is the paper's table. */
static const uint8_t rmd_rho[16] = {7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5, 2, 14, 11, 8};
static const uint8_t rmd_shift[5][16] = {{11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8},
                                         {12, 13, 11, 15, 6, 9, 9, 7, 12, 15, 11, 13, 7, 8, 7, 7},
                                         {13, 15, 14, 11, 7, 7, 6, 8, 13, 14, 13, 12, 5, 5, 6, 9},
                                         {14, 11, 12, 14, 8, 6, 5, 5, 15, 12, 15, 14, 9, 9, 8, 6},
                                         {15, 12, 13, 13, 9, 5, 8, 6, 14, 11, 12, 11, 8, 6, 5, 5}};
static uint8_t rmd_r[2][80];
static int rmd_ready;

static void rmd_tables(void) {
  for (int line = 0; line < 2; line++)
    for (int i = 0; i < 16; i++) {
      int w = line ? (9 * i + 5) % 16 : i;
      for (int round = 0; round < 5; round++) {
        rmd_r[line][round * 16 + i] = (uint8_t)w;
        w = rmd_rho[w];
      }
    }
  rmd_ready = 1;
}
/* the left line uses f1..f5 round by round, the right f5..f1 */
static uint32_t rmd_f(int j, uint32_t x, uint32_t y, uint32_t z) {
  switch (j / 16) {
    case 0: return x ^ y ^ z;
    case 1: return (x & y) | (~x & z);
    case 2: return (x | ~y) ^ z;
    case 3: return (x & z) | (y & ~z);
    default: return x ^ (y | ~z);
  }
}
static void rmd160_block(uint32_t h[5], const uint8_t *p) {
  static const uint32_t k[5] = {0, 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xa953fd4e};
  static const uint32_t k2[5] = {0x50a28be6, 0x5c4dd124, 0x6d703ef3, 0x7a6d76e9, 0};
  uint32_t x[16];
  for (int i = 0; i < 16; i++)
    x[i] = (uint32_t)p[i * 4] | (uint32_t)p[i * 4 + 1] << 8 | (uint32_t)p[i * 4 + 2] << 16 |
           (uint32_t)p[i * 4 + 3] << 24;
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
  uint32_t a2 = a, b2 = b, c2 = c, d2 = d, e2 = e;
  for (int j = 0; j < 80; j++) {
    int round = j / 16;
    uint32_t t =
        rol32(a + rmd_f(j, b, c, d) + x[rmd_r[0][j]] + k[round], rmd_shift[round][rmd_r[0][j]]) + e;
    a = e, e = d, d = rol32(c, 10), c = b, b = t;
    t = rol32(a2 + rmd_f(79 - j, b2, c2, d2) + x[rmd_r[1][j]] + k2[round],
              rmd_shift[round][rmd_r[1][j]]) +
        e2;
    a2 = e2, e2 = d2, d2 = rol32(c2, 10), c2 = b2, b2 = t;
  }
  uint32_t t = h[1] + c + d2;
  h[1] = h[2] + d + e2, h[2] = h[3] + e + a2, h[3] = h[4] + a + b2, h[4] = h[0] + b + c2, h[0] = t;
}
/* --- Keccak-f[1600] (FIPS 202 §3) ---------------------------------------------------------- */

/* Lane (x, y) is a[x + 5 * y]. The rotation offsets (§3.2.2) and round constants (§3.2.5)
   are derived here as the specification defines them rather than typed in. */
static int keccak_rho[25];
static uint64_t keccak_rc[24];
static int keccak_ready;

static int keccak_rc_bit(int t) {
  if (t % 255 == 0) return 1;
  unsigned r = 0x01; /* R = 10000000: bit i of r is R[i] */
  for (int i = 1; i <= t % 255; i++) {
    r <<= 1; /* R = 0 || R */
    unsigned r8 = (r >> 8) & 1;
    r ^= r8 | r8 << 4 | r8 << 5 | r8 << 6;
    r &= 0xff;
  }
  return r & 1;
}

static void keccak_tables(void) {
  int x = 1, y = 0;
  keccak_rho[0] = 0;
  for (int t = 0; t < 24; t++) {
    keccak_rho[x + 5 * y] = ((t + 1) * (t + 2) / 2) % 64;
    int nx = y, ny = (2 * x + 3 * y) % 5;
    x = nx, y = ny;
  }
  for (int ir = 0; ir < 24; ir++) {
    uint64_t rc = 0;
    for (int j = 0; j <= 6; j++)
      if (keccak_rc_bit(j + 7 * ir)) rc |= (uint64_t)1 << ((1 << j) - 1);
    keccak_rc[ir] = rc;
  }
  keccak_ready = 1;
}

static uint64_t rol64(uint64_t v, int n) { return n ? (v << n) | (v >> (64 - n)) : v; }

static void keccak_f(uint64_t a[25]) {
  uint64_t c[5], b[25];
  for (int round = 0; round < 24; round++) {
    for (int x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; x++) {
      uint64_t d = c[(x + 4) % 5] ^ rol64(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) a[x + y] ^= d;
    }
    /* rho and pi: A'[x, y] = rot(A[(x + 3y) mod 5, x]) */
    for (int x = 0; x < 5; x++)
      for (int y = 0; y < 5; y++) {
        int from = (x + 3 * y) % 5 + 5 * x;
        b[x + 5 * y] = rol64(a[from], keccak_rho[from]);
      }
    for (int y = 0; y < 25; y += 5)
      for (int x = 0; x < 5; x++) a[x + y] = b[x + y] ^ (~b[(x + 1) % 5 + y] & b[(x + 2) % 5 + y]);
    a[0] ^= keccak_rc[round];
  }
}

static void keccak_absorb(uint64_t a[25], const uint8_t *p, size_t rate) {
  for (size_t i = 0; i < rate / 8; i++) {
    uint64_t lane = 0;
    for (int k = 7; k >= 0; k--) lane = lane << 8 | p[i * 8 + k];
    a[i] ^= lane;
  }
  keccak_f(a);
}

/* --- streaming ------------------------------------------------------------------------------ */

enum {
  KIND_MD5,
  KIND_SHA1,
  KIND_SHA256,
  KIND_SHA512,
  KIND_KECCAK,
  KIND_RMD160,
  KIND_BLAKE2B,
  KIND_BLAKE2S
};

static const struct {
  uint8_t kind;
  uint8_t size;
  uint16_t block;
} info[DIGEST_COUNT] = {
    [DIGEST_MD5] = {KIND_MD5, 16, 64},
    [DIGEST_SHA1] = {KIND_SHA1, 20, 64},
    [DIGEST_SHA224] = {KIND_SHA256, 28, 64},
    [DIGEST_SHA256] = {KIND_SHA256, 32, 64},
    [DIGEST_SHA384] = {KIND_SHA512, 48, 128},
    [DIGEST_SHA512] = {KIND_SHA512, 64, 128},
    [DIGEST_SHA512_224] = {KIND_SHA512, 28, 128},
    [DIGEST_SHA512_256] = {KIND_SHA512, 32, 128},
    /* SHA-3: rate = 200 - 2 * capacity/8, the capacity twice the output */
    [DIGEST_SHA3_224] = {KIND_KECCAK, 28, 144},
    [DIGEST_SHA3_256] = {KIND_KECCAK, 32, 136},
    [DIGEST_SHA3_384] = {KIND_KECCAK, 48, 104},
    [DIGEST_SHA3_512] = {KIND_KECCAK, 64, 72},
    [DIGEST_SHAKE128] = {KIND_KECCAK, 16, 168},
    [DIGEST_SHAKE256] = {KIND_KECCAK, 32, 136},
    [DIGEST_RIPEMD160] = {KIND_RMD160, 20, 64},
    [DIGEST_BLAKE2B512] = {KIND_BLAKE2B, 64, 128},
    [DIGEST_BLAKE2S256] = {KIND_BLAKE2S, 32, 64},
};

size_t digest_block_size(int alg) { return info[alg].block; }
size_t digest_size(int alg) { return info[alg].size; }
int digest_is_xof(int alg) { return alg == DIGEST_SHAKE128 || alg == DIGEST_SHAKE256; }

static const uint64_t sha512_iv[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};
static const uint64_t sha384_iv[8] = {
    0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
    0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL, 0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL};

static const uint32_t sha256_iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

/* --- BLAKE2b-512 and BLAKE2s-256 (RFC 7693), unkeyed -------------------------------------- */

/* The message word permutations of RFC 7693 §2.7 (BLAKE2b's rounds 10 and 11 reuse 0 and 1). */
static const uint8_t blake2_sigma[10][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0}};
/* BLAKE2b's F: 12 rounds of G over the 64-bit words (rotations 32, 24, 16, 63). */
static void b2b_compress(uint64_t h[8], const uint8_t *p, uint64_t t, int last) {
  uint64_t m[16], v[16];
  for (int i = 0; i < 16; i++) {
    uint64_t w = 0;
    for (int k = 7; k >= 0; k--) w = w << 8 | p[i * 8 + k];
    m[i] = w;
  }
  for (int i = 0; i < 8; i++) v[i] = h[i], v[i + 8] = sha512_iv[i];
  v[12] ^= t; /* the counter's high word stays 0: inputs below 2^64 bytes */
  if (last) v[14] = ~v[14];
  static const int idx[8][4] = {{0, 4, 8, 12},  {1, 5, 9, 13},  {2, 6, 10, 14}, {3, 7, 11, 15},
                                {0, 5, 10, 15}, {1, 6, 11, 12}, {2, 7, 8, 13},  {3, 4, 9, 14}};
  for (int r = 0; r < 12; r++) {
    const uint8_t *s = blake2_sigma[r % 10];
    for (int g = 0; g < 8; g++) {
      int a = idx[g][0], b = idx[g][1], c = idx[g][2], d = idx[g][3];
      v[a] = v[a] + v[b] + m[s[2 * g]];
      v[d] = ror64(v[d] ^ v[a], 32);
      v[c] = v[c] + v[d];
      v[b] = ror64(v[b] ^ v[c], 24);
      v[a] = v[a] + v[b] + m[s[2 * g + 1]];
      v[d] = ror64(v[d] ^ v[a], 16);
      v[c] = v[c] + v[d];
      v[b] = ror64(v[b] ^ v[c], 63);
    }
  }
  for (int i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
}
/* BLAKE2s's F: 10 rounds of G over the 32-bit words (rotations 16, 12, 8, 7). */
static void b2s_compress(uint32_t h[8], const uint8_t *p, uint64_t t, int last) {
  uint32_t m[16], v[16];
  for (int i = 0; i < 16; i++)
    m[i] = (uint32_t)p[i * 4] | (uint32_t)p[i * 4 + 1] << 8 | (uint32_t)p[i * 4 + 2] << 16 |
           (uint32_t)p[i * 4 + 3] << 24;
  for (int i = 0; i < 8; i++) v[i] = h[i], v[i + 8] = sha256_iv[i];
  v[12] ^= (uint32_t)t;
  v[13] ^= (uint32_t)(t >> 32);
  if (last) v[14] = ~v[14];
  static const int idx[8][4] = {{0, 4, 8, 12},  {1, 5, 9, 13},  {2, 6, 10, 14}, {3, 7, 11, 15},
                                {0, 5, 10, 15}, {1, 6, 11, 12}, {2, 7, 8, 13},  {3, 4, 9, 14}};
  for (int r = 0; r < 10; r++) {
    const uint8_t *s = blake2_sigma[r];
    for (int g = 0; g < 8; g++) {
      int a = idx[g][0], b = idx[g][1], c = idx[g][2], d = idx[g][3];
      v[a] = v[a] + v[b] + m[s[2 * g]];
      v[d] = ror32(v[d] ^ v[a], 16);
      v[c] = v[c] + v[d];
      v[b] = ror32(v[b] ^ v[c], 12);
      v[a] = v[a] + v[b] + m[s[2 * g + 1]];
      v[d] = ror32(v[d] ^ v[a], 8);
      v[c] = v[c] + v[d];
      v[b] = ror32(v[b] ^ v[c], 7);
    }
  }
  for (int i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
}

/* SHA-512/t's initial values are the SHA-512 of "SHA-512/t" under SHA-512's values XOR
   a5a5a5a5a5a5a5a5 (FIPS 180-4 §5.3.6): computed on first use. */
static uint64_t sha512_224_iv[8], sha512_256_iv[8];
static int sha512_t_ready;

static void sha512_t_ivs(void) {
  static const char *names[2] = {"SHA-512/224", "SHA-512/256"};
  uint64_t *ivs[2] = {sha512_224_iv, sha512_256_iv};
  for (int n = 0; n < 2; n++) {
    DigestState s;
    s.alg = DIGEST_SHA512, s.block = 128, s.buflen = 0, s.total = 0;
    for (int i = 0; i < 8; i++) s.h.w64[i] = sha512_iv[i] ^ 0xa5a5a5a5a5a5a5a5ULL;
    digest_update(&s, (const uint8_t *)names[n], strlen(names[n]));
    uint8_t out[64];
    digest_final(&s, out, 64);
    for (int i = 0; i < 8; i++) {
      uint64_t w = 0;
      for (int k = 0; k < 8; k++) w = w << 8 | out[i * 8 + k];
      ivs[n][i] = w;
    }
  }
  sha512_t_ready = 1;
}

void digest_init(DigestState *s, int alg) {
  static const uint32_t sha224_iv[8] = {0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
                                        0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4};
  static const uint32_t md5_sha1_iv[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
                                          0xc3d2e1f0};
  memset(s, 0, sizeof *s);
  s->alg = (uint8_t)alg;
  s->block = info[alg].block;
  switch (alg) {
    case DIGEST_MD5: memcpy(s->h.w32, md5_sha1_iv, 16); break;
    case DIGEST_SHA1: memcpy(s->h.w32, md5_sha1_iv, 20); break;
    case DIGEST_RIPEMD160:
      if (!rmd_ready) rmd_tables();
      memcpy(s->h.w32, md5_sha1_iv, 20);
      break;
    case DIGEST_SHA224: memcpy(s->h.w32, sha224_iv, 32); break;
    case DIGEST_SHA256: memcpy(s->h.w32, sha256_iv, 32); break;
    case DIGEST_SHA384: memcpy(s->h.w64, sha384_iv, 64); break;
    /* BLAKE2: the IV XOR the parameter block's first word (digest length, no key, fanout and
       depth 1) */
    case DIGEST_BLAKE2B512:
      memcpy(s->h.w64, sha512_iv, 64);
      s->h.w64[0] ^= 0x01010000 ^ 64;
      break;
    case DIGEST_BLAKE2S256:
      memcpy(s->h.w32, sha256_iv, 32);
      s->h.w32[0] ^= 0x01010000 ^ 32;
      break;
    case DIGEST_SHA512: memcpy(s->h.w64, sha512_iv, 64); break;
    case DIGEST_SHA512_224:
    case DIGEST_SHA512_256:
      if (!sha512_t_ready) sha512_t_ivs();
      memcpy(s->h.w64, alg == DIGEST_SHA512_224 ? sha512_224_iv : sha512_256_iv, 64);
      break;
    default:
      if (!keccak_ready) keccak_tables();
      break; /* SHA-3 starts from the zero state */
  }
}

static void compress(DigestState *s, const uint8_t *p) {
  switch (info[s->alg].kind) {
    case KIND_MD5: md5_block(s->h.w32, p); break;
    case KIND_SHA1: sha1_block(s->h.w32, p); break;
    case KIND_SHA256: sha256_block(s->h.w32, p); break;
    case KIND_SHA512: sha512_block(s->h.w64, p); break;
    case KIND_RMD160: rmd160_block(s->h.w32, p); break;
    default: keccak_absorb(s->h.w64, p, s->block); break;
  }
}

/* BLAKE2 marks the last block, so a full buffer waits until more input shows it is not the
   last; `total` counts the bytes compressed. */
static void blake2_update(DigestState *s, const uint8_t *data, size_t len) {
  while (len > 0) {
    if (s->buflen == s->block) {
      s->total += s->block;
      if (info[s->alg].kind == KIND_BLAKE2B) b2b_compress(s->h.w64, s->buf, s->total, 0);
      else b2s_compress(s->h.w32, s->buf, s->total, 0);
      s->buflen = 0;
    }
    size_t take = s->block - s->buflen < len ? s->block - s->buflen : len;
    memcpy(s->buf + s->buflen, data, take);
    s->buflen += (uint32_t)take, data += take, len -= take;
  }
}

void digest_update(DigestState *s, const uint8_t *data, size_t len) {
  int kind = info[s->alg].kind;
  if (kind == KIND_BLAKE2B || kind == KIND_BLAKE2S) {
    blake2_update(s, data, len);
    return;
  }
  s->total += len;
  if (s->buflen) {
    size_t take = s->block - s->buflen < len ? s->block - s->buflen : len;
    memcpy(s->buf + s->buflen, data, take);
    s->buflen += take, data += take, len -= take;
    if (s->buflen < s->block) return;
    compress(s, s->buf);
    s->buflen = 0;
  }
  for (; len >= s->block; data += s->block, len -= s->block) compress(s, data);
  memcpy(s->buf, data, len);
  s->buflen = (uint32_t)len;
}

void digest_xof_start(DigestState *s) {
  memset(s->buf + s->buflen, 0, s->block - s->buflen);
  s->buf[s->buflen] ^=
      digest_is_xof(s->alg) ? 0x1f : 0x06; /* SHAKE's 1111, SHA-3's 01, then pad10*1 */
  s->buf[s->block - 1] ^= 0x80;
  keccak_absorb(s->h.w64, s->buf, s->block);
  s->buflen = 0; /* from here on: the squeezing position within the rate */
}

void digest_xof_squeeze(DigestState *s, uint8_t *out, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (s->buflen == s->block) keccak_f(s->h.w64), s->buflen = 0;
    out[i] = (uint8_t)(s->h.w64[s->buflen / 8] >> (8 * (s->buflen % 8)));
    s->buflen++;
  }
}

void digest_final(DigestState *s, uint8_t *out, size_t out_len) {
  int kind = info[s->alg].kind;
  if (kind == KIND_KECCAK) {
    digest_xof_start(s);
    digest_xof_squeeze(s, out, out_len);
    return;
  }
  if (kind == KIND_BLAKE2B || kind == KIND_BLAKE2S) {
    memset(s->buf + s->buflen, 0, s->block - s->buflen);
    s->total += s->buflen;
    if (kind == KIND_BLAKE2B) b2b_compress(s->h.w64, s->buf, s->total, 1);
    else b2s_compress(s->h.w32, s->buf, s->total, 1);
    for (size_t i = 0; i < out_len; i++)
      out[i] = kind == KIND_BLAKE2B ? (uint8_t)(s->h.w64[i / 8] >> (8 * (i % 8)))
                                    : (uint8_t)(s->h.w32[i / 4] >> (8 * (i % 4)));
    return;
  }
  /* Merkle-Damgard: 0x80, zeros, and the bit length (8 bytes; 16 for SHA-512's block) */
  size_t len_bytes = s->block == 128 ? 16 : 8;
  uint64_t bits = s->total * 8;
  s->buf[s->buflen++] = 0x80;
  if (s->buflen > s->block - len_bytes) {
    memset(s->buf + s->buflen, 0, s->block - s->buflen);
    compress(s, s->buf);
    s->buflen = 0;
  }
  memset(s->buf + s->buflen, 0, s->block - s->buflen);
  for (int i = 0; i < 8; i++) {
    uint8_t byte = (uint8_t)(bits >> (8 * i));
    if (kind == KIND_MD5 || kind == KIND_RMD160) s->buf[s->block - 8 + i] = byte;
    else s->buf[s->block - 1 - i] = byte;
  }
  compress(s, s->buf);
  for (size_t i = 0; i < out_len; i++) {
    if (kind == KIND_MD5 || kind == KIND_RMD160)
      out[i] = (uint8_t)(s->h.w32[i / 4] >> (8 * (i % 4)));
    else if (kind == KIND_SHA512) out[i] = (uint8_t)(s->h.w64[i / 8] >> (56 - 8 * (i % 8)));
    else out[i] = (uint8_t)(s->h.w32[i / 4] >> (24 - 8 * (i % 4)));
  }
}

/* --- HMAC (RFC 2104): H((K ^ opad) || H((K ^ ipad) || text)) -------------------------------- */

void hmac_init(HmacState *m, int alg, const uint8_t *key, size_t key_len) {
  size_t block = info[alg].block;
  uint8_t k[DIGEST_MAX_BLOCK] = {0};
  if (key_len > block) {
    DigestState s;
    digest_init(&s, alg);
    digest_update(&s, key, key_len);
    digest_final(&s, k, info[alg].size);
  } else if (key_len) {
    memcpy(k, key, key_len);
  }
  uint8_t ipad[DIGEST_MAX_BLOCK], opad[DIGEST_MAX_BLOCK];
  for (size_t i = 0; i < block; i++) ipad[i] = k[i] ^ 0x36, opad[i] = k[i] ^ 0x5c;
  digest_init(&m->inner, alg);
  digest_update(&m->inner, ipad, block);
  digest_init(&m->outer, alg);
  digest_update(&m->outer, opad, block);
}

void hmac_final(HmacState *m, uint8_t *out) {
  int alg = m->inner.alg;
  size_t n = info[alg].size;
  uint8_t inner[DIGEST_MAX_SIZE];
  digest_final(&m->inner, inner, n);
  digest_update(&m->outer, inner, n);
  digest_final(&m->outer, out, n);
}
