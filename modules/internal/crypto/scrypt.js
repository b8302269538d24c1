// scrypt and scryptSync (RFC 7914) with Node 20's argument checks and OpenSSL 3.0's parameter
// limits; the derivation runs in native/bindings/kdf.c, its work area counted against the guest's memory.
import { Buffer } from 'node:buffer';
import { scrypt as derive } from 'qjsw:binding/crypto';
import { nodeError } from 'qjsw:internal/errors';
import { validateFunction, validateInt32, validateInteger, validateUint32 } from 'qjsw:internal/fs/utils';
import { getArrayBufferOrView, runJob, toView } from 'qjsw:internal/crypto/util';

const defaults = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };

const invalidParameter = () =>
  nodeError(Error, 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER', 'Invalid scrypt parameter');

function check(password, salt, keylen, options) {
  password = getArrayBufferOrView(password, 'password');
  salt = getArrayBufferOrView(salt, 'salt');
  validateInt32(keylen, 'keylen', 0);
  let { N, r, p, maxmem } = defaults;
  if (options && options !== defaults) {
    const hasN = options.N !== undefined;
    if (hasN) {
      N = options.N;
      validateUint32(N, 'N');
    }
    if (options.cost !== undefined) {
      if (hasN) throw invalidParameter();
      N = options.cost;
      validateUint32(N, 'cost');
    }
    const hasR = options.r !== undefined;
    if (hasR) {
      r = options.r;
      validateUint32(r, 'r');
    }
    if (options.blockSize !== undefined) {
      if (hasR) throw invalidParameter();
      r = options.blockSize;
      validateUint32(r, 'blockSize');
    }
    const hasP = options.p !== undefined;
    if (hasP) {
      p = options.p;
      validateUint32(p, 'p');
    }
    if (options.parallelization !== undefined) {
      if (hasP) throw invalidParameter();
      p = options.parallelization;
      validateUint32(p, 'parallelization');
    }
    if (options.maxmem !== undefined) {
      maxmem = options.maxmem;
      validateInteger(maxmem, 'maxmem', 0);
    }
    if (N === 0) N = defaults.N;
    if (r === 0) r = defaults.r;
    if (p === 0) p = defaults.p;
    if (maxmem === 0) maxmem = defaults.maxmem;
  }
  checkParams(N, r, p, maxmem);
  return { password, salt, keylen, N, r, p };
}

// OpenSSL 3.0's limits, checked as Node checks them when the job is made: N a power of two,
// p * r below 2^30, N below 2^(16r), and the memory (B and V) within maxmem.
function checkParams(N, r, p, maxmem) {
  if (N < 2 || (N & (N - 1)) !== 0) {
    throw nodeError(RangeError, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', 'Invalid scrypt params');
  }
  const blen = 128 * r * p;
  const vlen = 128 * r * (N + 2);
  if (p > Math.floor((2 ** 30 - 1) / r) || (16 * r <= 63 && N >= 2 ** (16 * r)) || blen > 2 ** 31 - 1 || blen + vlen > maxmem) {
    throw nodeError(RangeError, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS',
      'Invalid scrypt params: error:030000AC:digital envelope routines::memory limit exceeded');
  }
}

function run({ password, salt, keylen, N, r, p }) {
  return Buffer.from(derive(toView(password), toView(salt), N, r, p, keylen));
}

export function scrypt(password, salt, keylen, options, callback = defaults) {
  if (callback === defaults) {
    callback = options;
    options = defaults;
  }
  const params = check(password, salt, keylen, options);
  validateFunction(callback, 'callback');
  runJob(callback, () => run(params));
}

export function scryptSync(password, salt, keylen, options = defaults) {
  return run(check(password, salt, keylen, options));
}
