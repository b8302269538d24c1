// hkdf and hkdfSync (RFC 5869) with Node 20's argument checks; the derivation runs in
// native/bindings/kdf.c.
import { Buffer, kMaxLength } from 'node:buffer';
import { isAnyArrayBuffer } from 'node:util/types';
import { hkdf as derive } from 'qjsw:binding/crypto';
import { invalidArgType, outOfRange, nodeError } from 'qjsw:internal/errors';
import { validateFunction, validateInteger, validateString } from 'qjsw:internal/fs/utils';
import { hashId, isXof, digestSizes } from 'qjsw:internal/crypto/hashes';
import { isKeyObject, prepareSecretKey } from 'qjsw:internal/crypto/keys';
import { invalidDigest, runJob } from 'qjsw:internal/crypto/util';

function byteSource(value, name) {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (isAnyArrayBuffer(value)) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return value;
  throw invalidArgType(name, ['string', 'ArrayBuffer', 'TypedArray', 'DataView', 'Buffer'], value);
}

function prepareKey(key) {
  if (isKeyObject(key)) return prepareSecretKey(key);
  if (isAnyArrayBuffer(key)) return new Uint8Array(key);
  if (typeof key === 'string') key = Buffer.from(key, 'utf8');
  if (!ArrayBuffer.isView(key)) {
    throw invalidArgType('ikm', ['string', 'SecretKeyObject', 'ArrayBuffer', 'TypedArray', 'DataView', 'Buffer'], key);
  }
  return key;
}

function check(hash, key, salt, info, length) {
  validateString(hash, 'digest');
  key = prepareKey(key);
  salt = byteSource(salt, 'salt');
  info = byteSource(info, 'info');
  validateInteger(length, 'length', 0, kMaxLength);
  if (info.byteLength > 1024) throw outOfRange('info', 'must not contain more than 1024 bytes', info.byteLength);
  return { hash, key, salt, info, length };
}

// What Node's job checks as it is made, before it runs: the digest, and the length it allows.
function digestOf({ hash, length }) {
  const id = hashId(hash);
  if (id < 0) throw invalidDigest(hash);
  if (length > 255 * digestSizes[id]) throw nodeError(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
  return id;
}

function run(params) {
  const { key, salt, info, length } = params;
  const id = digestOf(params);
  // OpenSSL's HMAC refuses an XOF only as the job runs
  if (isXof(id)) throw new Error('Deriving bits failed');
  return derive(id, key, salt, info, length);
}

export function hkdf(hash, key, salt, info, length, callback) {
  const params = check(hash, key, salt, info, length);
  validateFunction(callback, 'callback');
  digestOf(params);
  runJob(callback, () => run(params));
}

export function hkdfSync(hash, key, salt, info, length) {
  return run(check(hash, key, salt, info, length));
}
