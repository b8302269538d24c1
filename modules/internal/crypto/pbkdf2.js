// pbkdf2 and pbkdf2Sync (PBKDF2 with HMAC, RFC 8018) with Node 20's argument checks; the
// derivation runs in native/bindings/kdf.c.
import { Buffer } from 'node:buffer';
import { pbkdf2 as derive } from 'qjsw:binding/crypto';
import { validateFunction, validateInt32, validateString } from 'qjsw:internal/fs/utils';
import { hashId, isXof } from 'qjsw:internal/crypto/hashes';
import { getArrayBufferOrView, invalidDigest, runJob, toView } from 'qjsw:internal/crypto/util';

function check(password, salt, iterations, keylen, digest) {
  validateString(digest, 'digest');
  password = getArrayBufferOrView(password, 'password');
  salt = getArrayBufferOrView(salt, 'salt');
  validateInt32(iterations, 'iterations', 1);
  validateInt32(keylen, 'keylen', 0);
  return { password, salt, iterations, keylen, digest };
}

function run({ password, salt, iterations, keylen, digest }) {
  const id = hashId(digest);
  if (id < 0) throw invalidDigest(digest);
  // OpenSSL's HMAC refuses an XOF only as the job runs
  if (isXof(id)) throw new Error('Deriving bits failed');
  return Buffer.from(derive(id, toView(password), toView(salt), iterations, keylen));
}

export function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  const params = check(password, salt, iterations, keylen, digest);
  validateFunction(callback, 'callback');
  // Node reports an unknown digest by throwing, before any job runs
  if (hashId(params.digest) < 0) throw invalidDigest(params.digest);
  runJob(callback, () => run(params));
}

export function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  return run(check(password, salt, iterations, keylen, digest));
}
