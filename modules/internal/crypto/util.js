// Argument shapes node:crypto's functions share, as Node's lib/internal/crypto/util.js has them.
import { Buffer } from 'node:buffer';
import { isAnyArrayBuffer } from 'node:util/types';
import { invalidArgType, nodeError } from 'qjsw:internal/errors';
import { DOMException } from 'qjsw:internal/dom_exception';

// A string (in `encoding`, UTF-8 by default), an ArrayBuffer or a view, as Node's
// getArrayBufferOrView: anything else is ERR_INVALID_ARG_TYPE for `name`.
export function getArrayBufferOrView(buffer, name, encoding) {
  if (isAnyArrayBuffer(buffer)) return buffer;
  if (typeof buffer === 'string') return Buffer.from(buffer, encoding === 'buffer' ? 'utf8' : encoding);
  if (!ArrayBuffer.isView(buffer)) throw invalidArgType(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], buffer);
  return buffer;
}

/** The bytes of what getArrayBufferOrView gave, as a view the binding reads. */
export function toView(data) {
  return isAnyArrayBuffer(data) ? new Uint8Array(data) : data;
}

export function invalidDigest(name) {
  return nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${name}`);
}

export function validateNumber(value, name) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
}

export function invalidThis(type) {
  return nodeError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);
}

export function illegalConstructor() {
  return nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
}

// WebIDL's TypeErrors, as Node's internal/crypto/webidl.js words them.
export function webidlError(prefix, context, message, code = 'ERR_INVALID_ARG_TYPE') {
  return nodeError(TypeError, code, `${prefix}: ${context ? `${context} ` : ''}${message}`);
}

export function requiredArguments(length, required, prefix) {
  if (length < required) {
    throw webidlError(prefix, '', `${required} argument${required === 1 ? '' : 's'} required, but only ${length} present.`, 'ERR_MISSING_ARGS');
  }
}

export const lazyDOMException = (message, name) => new DOMException(message, name);

// Where an async job of Node's thread pool would call back: after the current turn.
export function runJob(callback, compute) {
  let result, error;
  try {
    result = compute();
  } catch (err) {
    error = err;
  }
  setImmediate(() => (error ? callback(error) : callback(null, result)));
}
