// The Transform that crypto's Hash and Hmac are, built on first stream use: most hashes only
// see update() and digest(), and never pay for a stream's state.
import { Transform } from 'node:stream';

export function LazyTransform(options) {
  this._options = options;
}
Object.setPrototypeOf(LazyTransform.prototype, Transform.prototype);
Object.setPrototypeOf(LazyTransform, Transform);

function getter(name) {
  return function () {
    Transform.call(this, this._options);
    // chunks reach _transform as written (strings stay strings, hashed as UTF-8)
    this._writableState.decodeStrings = false;
    if (!this._options || !this._options.defaultEncoding) this._writableState.defaultEncoding = 'buffer';
    return this[name];
  };
}

function setter(name) {
  return function (value) {
    Object.defineProperty(this, name, { __proto__: null, value, enumerable: true, configurable: true, writable: true });
  };
}

for (const name of ['_readableState', '_writableState']) {
  Object.defineProperty(LazyTransform.prototype, name, {
    __proto__: null, get: getter(name), set: setter(name), configurable: true, enumerable: true,
  });
}
