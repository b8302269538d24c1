// node:crypto, the part that needs no public-key math and no cipher: hashes and HMACs (MD5,
// SHA-1, SHA-2, SHA-3, SHAKE), PBKDF2, HKDF, scrypt, secret KeyObjects, random bytes, integers
// and UUIDs, timingSafeEqual, and Web Crypto's getRandomValues, randomUUID and subtle.digest.
// The algorithms are native/bindings/digest.c and native/bindings/kdf.c, written from their specifications;
// the argument checks and errors follow Node 20's lib/internal/crypto. Ciphers, signatures,
// Diffie-Hellman, key pairs, primes and certificates are not provided: they load with Node's
// names and throw ERR_NOT_AVAILABLE_IN_SANDBOX when called.
import { isAnyArrayBuffer } from 'node:util/types';
import { deprecate } from 'node:util';
import { getOptionValue } from 'qjsw:internal/options';
import { timingSafeEqual as equalBytes } from 'qjsw:binding/crypto';
import { invalidArgType, nodeError } from 'qjsw:internal/errors';
import { validateString } from 'qjsw:internal/fs/utils';
import { unavailableFunction, unavailableClass } from 'qjsw:internal/unavailable';
import { Hash, Hmac, hash } from 'qjsw:internal/crypto/hash';
import { getHashes } from 'qjsw:internal/crypto/hashes';
import { KeyObject, createSecretKey } from 'qjsw:internal/crypto/keys';
import { pbkdf2, pbkdf2Sync } from 'qjsw:internal/crypto/pbkdf2';
import { hkdf, hkdfSync } from 'qjsw:internal/crypto/hkdf';
import { scrypt, scryptSync } from 'qjsw:internal/crypto/scrypt';
import { randomBytes, randomFill, randomFillSync, randomInt, randomUUID } from 'qjsw:internal/crypto/random';
import { crypto as webcrypto } from 'qjsw:internal/crypto/webcrypto';

export { Hash, Hmac, hash, getHashes, KeyObject, createSecretKey, pbkdf2, pbkdf2Sync, hkdf, hkdfSync, scrypt, scryptSync };
export { randomBytes, randomFill, randomFillSync, randomInt, randomUUID, webcrypto };

export function createHash(algorithm, options) {
  return new Hash(algorithm, options);
}

export function createHmac(hmac, key, options) {
  return new Hmac(hmac, key, options);
}

function viewArg(value, name) {
  if (ArrayBuffer.isView(value)) return value;
  if (isAnyArrayBuffer(value)) return new Uint8Array(value);
  throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
    `The "${name}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
}

export function timingSafeEqual(buf1, buf2) {
  const a = viewArg(buf1, 'buf1');
  const b = viewArg(buf2, 'buf2');
  if (a.byteLength !== b.byteLength) {
    throw nodeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
  }
  return equalBytes(a, b);
}

export function getRandomValues(array) {
  return webcrypto.getRandomValues(array);
}

export const subtle = webcrypto.subtle;

// No ciphers or curves: the lists are empty and no cipher has information.
export function getCiphers() {
  return [];
}

export function getCurves() {
  return [];
}

export function getCipherInfo(nameOrNid, options) {
  if (typeof nameOrNid !== 'string' && typeof nameOrNid !== 'number') {
    throw invalidArgType('nameOrNid', ['string', 'number'], nameOrNid);
  }
  void options;
  return undefined;
}

export function getFips() {
  return 0;
}

export function setFips(value) {
  if (value) throw unavailableFunction('setFips', 'FIPS mode')();
}

export function setEngine(id, flags) {
  validateString(id, 'id');
  void flags;
  throw unavailableFunction('setEngine', 'crypto.setEngine()')();
}

export function secureHeapUsed() {
  return { total: 0, used: 0, utilization: 0, min: 0 };
}

export const constants = {};

const missing = (name) => unavailableFunction(name, `crypto.${name}()`);
export const checkPrime = missing('checkPrime');
export const checkPrimeSync = missing('checkPrimeSync');
export const createCipheriv = missing('createCipheriv');
export const createDecipheriv = missing('createDecipheriv');
export const createDiffieHellman = missing('createDiffieHellman');
export const createDiffieHellmanGroup = missing('createDiffieHellmanGroup');
export const getDiffieHellman = createDiffieHellmanGroup;
export const createECDH = missing('createECDH');
export const createPrivateKey = missing('createPrivateKey');
export const createPublicKey = missing('createPublicKey');
export const createSign = missing('createSign');
export const createVerify = missing('createVerify');
export const diffieHellman = missing('diffieHellman');
export const generatePrime = missing('generatePrime');
export const generatePrimeSync = missing('generatePrimeSync');
export const generateKeyPair = missing('generateKeyPair');
export const generateKeyPairSync = missing('generateKeyPairSync');
export const generateKey = missing('generateKey');
export const generateKeySync = missing('generateKeySync');
export const privateDecrypt = missing('privateDecrypt');
export const privateEncrypt = missing('privateEncrypt');
export const publicDecrypt = missing('publicDecrypt');
export const publicEncrypt = missing('publicEncrypt');
export const sign = missing('sign');
export const verify = missing('verify');

const missingClass = (name) => unavailableClass(name, `crypto.${name}`);
export const Certificate = missingClass('Certificate');
export const Cipher = missingClass('Cipher');
export const Cipheriv = missingClass('Cipheriv');
export const Decipher = missingClass('Decipher');
export const Decipheriv = missingClass('Decipheriv');
export const DiffieHellman = missingClass('DiffieHellman');
export const DiffieHellmanGroup = missingClass('DiffieHellmanGroup');
export const ECDH = missingClass('ECDH');
export const Sign = missingClass('Sign');
export const Verify = missingClass('Verify');
export const X509Certificate = missingClass('X509Certificate');

const crypto = {
  checkPrime, checkPrimeSync, createCipheriv, createDecipheriv, createDiffieHellman, createDiffieHellmanGroup, createECDH,
  createHash, createHmac, createPrivateKey, createPublicKey, createSecretKey, createSign, createVerify, diffieHellman,
  generatePrime, generatePrimeSync, getCiphers, getCipherInfo, getCurves, getDiffieHellman, getHashes, hkdf, hkdfSync,
  pbkdf2, pbkdf2Sync, generateKeyPair, generateKeyPairSync, generateKey, generateKeySync, privateDecrypt, privateEncrypt,
  publicDecrypt, publicEncrypt, randomBytes, randomFill, randomFillSync, randomInt, randomUUID, scrypt, scryptSync, sign,
  setEngine, timingSafeEqual, getFips, setFips, verify, hash,
  Certificate, Cipher, Cipheriv, Decipher, Decipheriv, DiffieHellman, DiffieHellmanGroup, ECDH, Hash, Hmac, KeyObject, Sign,
  Verify, X509Certificate, secureHeapUsed,
};

// As Node defines them: the removed-in-22 createCipher/createDecipher (deprecated, DEP0106),
// fips, and the Web Crypto entry points, not configurable.
Object.defineProperties(crypto, {
  createCipher: { __proto__: null, enumerable: false, value: deprecate(missing('createCipher'), 'crypto.createCipher is deprecated.', 'DEP0106') },
  createDecipher: { __proto__: null, enumerable: false, value: deprecate(missing('createDecipher'), 'crypto.createDecipher is deprecated.', 'DEP0106') },
  fips: { __proto__: null, get: getFips, set: setFips },
  constants: { __proto__: null, configurable: false, enumerable: true, value: constants },
  webcrypto: { __proto__: null, configurable: false, enumerable: true, get: () => webcrypto, set: undefined },
  subtle: { __proto__: null, configurable: false, enumerable: true, get: () => webcrypto.subtle, set: undefined },
  getRandomValues: { __proto__: null, configurable: false, enumerable: true, get: () => getRandomValues, set: undefined },
});

// DEP0115's old names of randomBytes, not enumerable, as in Node: deprecated (a warning on first
// call) under --pending-deprecation, decided on first read.
for (const name of ['prng', 'pseudoRandomBytes', 'rng']) {
  Object.defineProperty(crypto, name, {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() {
      const value = getOptionValue('--pending-deprecation') ? deprecate(randomBytes, `crypto.${name} is deprecated.`, 'DEP0115') : randomBytes;
      Object.defineProperty(this, name, { __proto__: null, value, writable: true, enumerable: false, configurable: true });
      return value;
    },
    set(value) {
      Object.defineProperty(this, name, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
    },
  });
}

export default crypto;
