// util.types.isKeyObject knows KeyObjects (and nothing else), and deep equality compares
// KeyObjects by their key material.
const crypto = require('crypto');
const util = require('util');
const assert = require('assert');
const k = crypto.createSecretKey(Buffer.from('abcd'));
console.log(util.types.isKeyObject(k), util.types.isKeyObject({}), util.types.isKeyObject(Object.create(Object.getPrototypeOf(k))));
console.log(util.isDeepStrictEqual(k, crypto.createSecretKey(Buffer.from('abcd'))));
console.log(util.isDeepStrictEqual(k, crypto.createSecretKey(Buffer.from('abce'))));
console.log(util.isDeepStrictEqual(crypto.createSecretKey(Buffer.alloc(0)), crypto.createSecretKey(Buffer.alloc(0))));
try {
  assert.deepEqual(k, crypto.createSecretKey(Buffer.from('x')));
} catch (e) {
  console.log(e.code, e.message.split('\n')[0]);
}
