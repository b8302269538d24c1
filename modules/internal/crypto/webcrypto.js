// Web Crypto as Node 20 exposes it (globalThis.crypto, crypto.webcrypto): getRandomValues,
// randomUUID, and subtle.digest for SHA-1/256/384/512. Keys need what the sandbox does not have
// (no CryptoKey can be made), so subtle's other methods reject with the sandbox's error.
import { isAnyArrayBuffer, isSharedArrayBuffer } from 'node:util/types';
import { notAvailable } from 'qjsw:internal/unavailable';
import { digestBytes } from 'qjsw:internal/crypto/hash';
import { getRandomValues as fillValues, randomUUID as uuid } from 'qjsw:internal/crypto/random';
import { illegalConstructor, invalidThis, lazyDOMException, requiredArguments, webidlError } from 'qjsw:internal/crypto/util';

const digests = { 'SHA-1': 1, 'SHA-256': 3, 'SHA-384': 4, 'SHA-512': 5 };

let constructing = false;

export class CryptoKey {
  constructor() {
    throw illegalConstructor();
  }
}

export class SubtleCrypto {
  constructor() {
    if (!constructing) throw illegalConstructor();
  }
}

export class Crypto {
  constructor() {
    if (!constructing) throw illegalConstructor();
  }

  get subtle() {
    if (this !== crypto) throw invalidThis('Crypto');
    return subtle;
  }
}

constructing = true;
const subtle = new SubtleCrypto();
export const crypto = new Crypto();
constructing = false;

function bufferSource(data, prefix, context) {
  if (ArrayBuffer.isView(data)) {
    if (isSharedArrayBuffer(data.buffer)) throw webidlError(prefix, context, 'is a view on a SharedArrayBuffer, which is not allowed.');
    return data;
  }
  if (!isAnyArrayBuffer(data) || isSharedArrayBuffer(data)) {
    throw webidlError(prefix, context, 'is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.');
  }
  return data;
}

function algorithmName(algorithm, prefix) {
  if (algorithm !== null && (typeof algorithm === 'object' || typeof algorithm === 'function')) {
    if (algorithm.name === undefined) {
      throw webidlError('Failed to normalize algorithm', 'passed algorithm',
        "can not be converted to 'Algorithm' because 'name' is required in 'Algorithm'.", 'ERR_MISSING_OPTION');
    }
    return `${algorithm.name}`;
  }
  if (typeof algorithm === 'symbol') throw webidlError(prefix, '1st argument', 'is a Symbol and cannot be converted to a string.');
  return `${algorithm}`;
}

async function digest(algorithm, data) {
  if (this !== subtle) throw invalidThis('SubtleCrypto');
  const prefix = "Failed to execute 'digest' on 'SubtleCrypto'";
  requiredArguments(arguments.length, 2, prefix);
  const name = algorithmName(algorithm, prefix);
  data = bufferSource(data, prefix, '2nd argument');
  const found = Object.keys(digests).find((key) => key.toUpperCase() === name.toUpperCase());
  if (found === undefined) throw lazyDOMException('Unrecognized algorithm name', 'NotSupportedError');
  if (data.byteLength > 2 ** 31 - 1) throw lazyDOMException('data must be less than 2147483648 bits', 'OperationError');
  return digestBytes(digests[found], data);
}

const keyMethods = ['encrypt', 'decrypt', 'sign', 'verify', 'generateKey', 'deriveKey', 'deriveBits', 'importKey',
  'exportKey', 'wrapKey', 'unwrapKey'];

const methods = { digest };
for (const name of keyMethods) {
  methods[name] = { async [name]() {
    if (this !== subtle) throw invalidThis('SubtleCrypto');
    throw notAvailable(`crypto.subtle.${name}()`);
  } }[name];
}

const order = ['encrypt', 'decrypt', 'sign', 'verify', 'digest', 'generateKey', 'deriveKey', 'deriveBits', 'importKey',
  'exportKey', 'wrapKey', 'unwrapKey'];
for (const name of order) {
  Object.defineProperty(SubtleCrypto.prototype, name, { __proto__: null, value: methods[name], writable: true, enumerable: true, configurable: true });
}
Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, { __proto__: null, value: 'SubtleCrypto', configurable: true });

function getRandomValues(array) {
  if (this !== crypto) throw invalidThis('Crypto');
  requiredArguments(arguments.length, 1, "Failed to execute 'getRandomValues' on 'Crypto'");
  return fillValues(array);
}

function randomUUID() {
  if (this !== crypto) throw invalidThis('Crypto');
  return uuid();
}

Object.defineProperties(Crypto.prototype, {
  subtle: { __proto__: null, enumerable: true },
  getRandomValues: { __proto__: null, value: getRandomValues, writable: true, enumerable: true, configurable: true },
  randomUUID: { __proto__: null, value: randomUUID, writable: true, enumerable: true, configurable: true },
  [Symbol.toStringTag]: { __proto__: null, value: 'Crypto', configurable: true },
});
Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { __proto__: null, value: 'CryptoKey', configurable: true });
