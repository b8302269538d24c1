// KeyObject for secret keys (createSecretKey): the bytes of a symmetric key, held where guest
// code cannot reach them but through export(). Asymmetric keys need what the sandbox does not
// have (ASN.1, RSA, EC): their constructors are node:crypto's unavailable ones.
import { keyObjects } from 'qjsw:internal/crypto/brand';
import { Buffer } from 'node:buffer';
import { isAnyArrayBuffer } from 'node:util/types';
import { invalidArgType, invalidArgValue, nodeError } from 'qjsw:internal/errors';
import { validateObject } from 'qjsw:internal/fs/utils';
import { timingSafeEqual } from 'qjsw:binding/crypto';
import { getArrayBufferOrView } from 'qjsw:internal/crypto/util';

const keyBytes = new WeakMap();
let constructing = false;

export class KeyObject {
  #type;

  constructor(type, handle) {
    if (type !== 'secret' && type !== 'public' && type !== 'private') throw invalidArgValue('type', type);
    if (!constructing || typeof handle !== 'object' || handle === null) throw invalidArgType('handle', 'object', handle);
    this.#type = type;
  }

  get type() {
    return this.#type;
  }

  static from(key) {
    // No CryptoKey can be made here (webcrypto.subtle has digest() only)
    throw invalidArgType('key', 'CryptoKey', key);
  }

  equals(otherKeyObject) {
    if (!isKeyObject(otherKeyObject)) throw invalidArgType('otherKeyObject', 'KeyObject', otherKeyObject);
    const a = keyBytes.get(this), b = keyBytes.get(otherKeyObject);
    return otherKeyObject.type === this.type && a.length === b.length && timingSafeEqual(a, b);
  }
}
Object.defineProperty(KeyObject.prototype, Symbol.toStringTag, { __proto__: null, configurable: true, value: 'KeyObject' });

export class SecretKeyObject extends KeyObject {
  constructor(handle) {
    super('secret', handle);
  }

  get symmetricKeySize() {
    return keyBytes.get(this).length;
  }

  export(options) {
    if (options !== undefined) {
      validateObject(options, 'options');
      const { format } = options;
      if (format !== undefined && format !== 'buffer' && format !== 'jwk') {
        throw invalidArgValue('options.format', format, "must be one of: undefined, 'buffer', 'jwk'");
      }
      if (format === 'jwk') return { kty: 'oct', k: Buffer.from(keyBytes.get(this)).toString('base64url') };
    }
    return Buffer.from(keyBytes.get(this));
  }
}

export function isKeyObject(value) {
  return keyBytes.has(value);
}

/** The bytes of a secret KeyObject (a copy is never handed out). */
export function secretKeyBytes(key) {
  return keyBytes.get(key);
}

// The bytes of an ArrayBuffer or any view, as a Uint8Array over the same memory.
function bytesOf(data) {
  if (isAnyArrayBuffer(data)) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

// A key argument of createHmac and the KDFs: a secret KeyObject, a string or bytes.
export function prepareSecretKey(key, encoding, bufferOnly = false) {
  if (!bufferOnly && isKeyObject(key)) {
    if (key.type !== 'secret') {
      throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${key.type}, expected secret.`);
    }
    return keyBytes.get(key);
  }
  if (typeof key !== 'string' && !ArrayBuffer.isView(key) && !isAnyArrayBuffer(key)) {
    const types = ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'string', 'KeyObject', 'CryptoKey'];
    throw invalidArgType('key', bufferOnly ? types.slice(0, 4) : types, key);
  }
  const data = getArrayBufferOrView(key, 'key', encoding);
  return ArrayBuffer.isView(data) ? data : bytesOf(data);
}

export function createSecretKey(key, encoding) {
  const bytes = bytesOf(prepareSecretKey(key, encoding, true)).slice();
  constructing = true;
  let object;
  try {
    object = new SecretKeyObject({});
  } finally {
    constructing = false;
  }
  keyBytes.set(object, bytes);
  keyObjects.add(object);
  return object;
}
