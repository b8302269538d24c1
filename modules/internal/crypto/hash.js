// Hash, Hmac and crypto.hash() as Node's lib/internal/crypto/hash.js shapes them, over the
// hash handles of qjsw:binding/crypto (native/bindings/crypto.c). update() is the hot path (a build
// tool hashes every file in many small pieces): a UTF-8 string or a view goes to C as is.
import { Buffer } from 'node:buffer';
import { hashNew, hashCopy, hmacNew, hashUpdate, hashDigest, digest as oneShot } from 'qjsw:binding/crypto';
import { invalidArgType, invalidArgValue, nodeError } from 'qjsw:internal/errors';
import { validateString, validateUint32 } from 'qjsw:internal/fs/utils';
import { normalizeEncoding } from 'qjsw:internal/streams/decoder';
import { LazyTransform } from 'qjsw:internal/streams/lazy_transform';
import { hashId, isXof, digestSizes, isLegacyDigest, unsupportedDigest } from 'qjsw:internal/crypto/hashes';
import { prepareSecretKey } from 'qjsw:internal/crypto/keys';
import { invalidDigest } from 'qjsw:internal/crypto/util';

const kHandle = Symbol('kHandle');
const kState = Symbol('kState');
const kFinalized = Symbol('kFinalized');

const finalized = () => nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');

// OpenSSL's error for an output length a fixed-size digest does not have.
function notXof() {
  const err = new Error('error:030000B2:digital envelope routines::not XOF or invalid length');
  err.library = 'digital envelope routines';
  err.reason = 'not XOF or invalid length';
  err.code = 'ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH';
  return err;
}

// The output length to ask C for: -1 for the digest's own.
function outputLength(id, xofLen) {
  if (xofLen === undefined || xofLen === digestSizes[id]) return -1;
  if (!isXof(id)) throw notXof();
  return xofLen;
}

function xofLenOf(options) {
  const xofLen = typeof options === 'object' && options !== null ? options.outputLength : undefined;
  if (xofLen !== undefined) validateUint32(xofLen, 'options.outputLength');
  return xofLen;
}

// What copy() passes as the algorithm: a class of this module's, so no argument a guest
// passes is taken for a copy.
class CopyOf {
  constructor(hash) {
    this.hash = hash;
  }
}

export function Hash(algorithm, options) {
  if (!new.target) return new Hash(algorithm, options);
  const copyOf = algorithm instanceof CopyOf ? algorithm.hash : undefined;
  if (!copyOf) validateString(algorithm, 'algorithm');
  const xofLen = xofLenOf(options);
  if (copyOf) {
    const id = copyOf[kState].id;
    this[kHandle] = hashCopy(copyOf[kHandle], outputLength(id, xofLen));
    this[kState] = { [kFinalized]: false, id };
  } else {
    const id = hashId(algorithm);
    if (id < 0) throw isLegacyDigest(algorithm) ? unsupportedDigest() : new Error('Digest method not supported');
    this[kHandle] = hashNew(id, outputLength(id, xofLen));
    this[kState] = { [kFinalized]: false, id };
  }
  LazyTransform.call(this, options);
}
Object.setPrototypeOf(Hash.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hash, LazyTransform);

Hash.prototype.copy = function copy(options) {
  if (this[kState][kFinalized]) throw finalized();
  return new Hash(new CopyOf(this), options);
};

// A string in another encoding than UTF-8 is hashed as Buffer.from() would give it; an
// unknown encoding (and 'buffer') is UTF-8, as in Node.
function encodeString(data, encoding) {
  if (encoding === 'utf8' || encoding === 'utf-8') return data;
  const enc = normalizeEncoding(encoding);
  if (enc === 'hex' && data.length % 2 !== 0) throw invalidArgValue('encoding', encoding, `is invalid for data of length ${data.length}`);
  return enc !== undefined && enc !== 'utf8' ? Buffer.from(data, enc) : data;
}

Hash.prototype._transform = function _transform(chunk, encoding, callback) {
  if (typeof chunk === 'string' && encoding !== undefined) chunk = encodeString(chunk, encoding);
  if (hashUpdate(this[kHandle], chunk) !== undefined) throw nodeError(Error, 'ERR_CRYPTO_HASH_UPDATE_FAILED', 'Hash update failed');
  callback();
};

// The stream's end digests; a digest() after it gives the same bytes again, as Node's handle
// keeps them.
Hash.prototype._flush = function _flush(callback) {
  const state = this[kState];
  state.flushed = Buffer.from(hashDigest(this[kHandle], false));
  this.push(state.flushed);
  callback();
};

// The binding checks the type and the handle's state (the hot path pays for one call); its
// answer names the error. After a stream's end the handle is spent but digest() was never
// called: Node's handle refuses the update then.
Hash.prototype.update = function update(data, encoding) {
  if (encoding !== undefined && typeof data === 'string') {
    if (this[kState][kFinalized]) throw finalized();
    data = encodeString(data, encoding);
  }
  const failed = hashUpdate(this[kHandle], data);
  if (failed === undefined) return this;
  if (this[kState][kFinalized]) throw finalized();
  if (failed === 2) throw invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  throw nodeError(Error, 'ERR_CRYPTO_HASH_UPDATE_FAILED', 'Hash update failed');
};

// The digest in an encoding Node's digest() takes: an unknown one (or 'buffer') is a Buffer.
function encode(self, outputEncoding) {
  const { flushed } = self[kState];
  if (outputEncoding === 'hex' && !flushed) return hashDigest(self[kHandle], true);
  const enc = outputEncoding ? normalizeEncoding(outputEncoding) : undefined;
  if (enc === 'hex' && !flushed) return hashDigest(self[kHandle], true);
  const buf = flushed ? Buffer.from(flushed) : Buffer.from(hashDigest(self[kHandle], false));
  return enc === undefined ? buf : buf.toString(enc);
}

Hash.prototype.digest = function digest(outputEncoding) {
  const state = this[kState];
  if (state[kFinalized]) throw finalized();
  // the encoding is read before the handle is spent: a throwing toString leaves it usable
  const enc = outputEncoding && `${outputEncoding}`;
  const result = encode(this, enc);
  state[kFinalized] = true;
  return result;
};

export function Hmac(hmac, key, options) {
  if (!(this instanceof Hmac)) return new Hmac(hmac, key, options);
  validateString(hmac, 'hmac');
  let encoding;
  if (options && options.encoding != null) {
    encoding = options.encoding;
    validateString(encoding, 'options.encoding');
  }
  // a UTF-8 string key goes to the binding as it is (the common case, and no Buffer made)
  const bytes = typeof key === 'string' && (encoding === undefined || encoding === 'utf8' || encoding === 'utf-8')
    ? key : prepareSecretKey(key, encoding);
  const id = hashId(hmac);
  if (id < 0) throw isLegacyDigest(hmac) ? unsupportedDigest() : invalidDigest(hmac);
  // OpenSSL 3.0 fails HMAC's init over an XOF with an empty error queue, which Node words so
  if (isXof(id)) throw new Error('error:00000000:lib(0)::reason(0)');
  this[kHandle] = hmacNew(id, bytes);
  this[kState] = { [kFinalized]: false, id };
  LazyTransform.call(this, options);
}
Object.setPrototypeOf(Hmac.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hmac, LazyTransform);

Hmac.prototype.update = Hash.prototype.update;

// A second digest() of an Hmac is empty rather than an error, as in Node; so is one after the
// stream's end (Node's Hmac handle, unlike a Hash's, keeps no digest).
Hmac.prototype.digest = function digest(outputEncoding) {
  const state = this[kState];
  if (state[kFinalized] || state.flushed) {
    state[kFinalized] = true;
    const buf = Buffer.from('');
    return outputEncoding && outputEncoding !== 'buffer' ? buf.toString(outputEncoding) : buf;
  }
  const enc = outputEncoding && `${outputEncoding}`;
  const result = encode(this, enc);
  state[kFinalized] = true;
  return result;
};

Hmac.prototype._flush = Hash.prototype._flush;
Hmac.prototype._transform = Hash.prototype._transform;

// crypto.hash(algorithm, data[, outputEncoding = 'hex']), Node 20.12's one-shot digest.
export function hash(algorithm, input, outputEncoding = 'hex') {
  validateString(algorithm, 'algorithm');
  if (typeof input !== 'string' && !ArrayBuffer.isView(input)) {
    throw invalidArgType('input', ['Buffer', 'TypedArray', 'DataView', 'string'], input);
  }
  let enc = outputEncoding;
  if (enc !== 'hex') {
    validateString(outputEncoding, 'outputEncoding');
    enc = normalizeEncoding(outputEncoding);
    if (enc === undefined) {
      if (outputEncoding.toLowerCase() !== 'buffer') throw invalidArgValue('outputEncoding', outputEncoding);
      enc = 'buffer';
    }
  }
  const id = hashId(algorithm);
  if (id < 0) throw isLegacyDigest(algorithm) ? unsupportedDigest() : new Error(`Digest method ${algorithm} is not supported`);
  if (enc === 'hex') return oneShot(id, input, true);
  const buf = Buffer.from(oneShot(id, input, false));
  return enc === 'buffer' ? buf : buf.toString(enc);
}

/** The digest of `data` (a BufferSource) as a new ArrayBuffer: subtle.digest's work. */
export function digestBytes(id, data) {
  return oneShot(id, ArrayBuffer.isView(data) ? data : new Uint8Array(data), false);
}
