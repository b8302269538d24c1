'use strict';
// node:crypto's key derivation (PBKDF2, HKDF, scrypt), secret KeyObjects, timingSafeEqual and
// random values: results, argument checks and errors as Node gives them.
require('../common');
const crypto = require('crypto');

const show = (f) => {
  try {
    const v = f();
    if (v instanceof ArrayBuffer) return `ArrayBuffer ${Buffer.from(v).toString('hex')}`;
    return Buffer.isBuffer(v) ? `Buffer ${v.toString('hex')}` : JSON.stringify(v);
  } catch (e) {
    return `${e.name} ${e.code} ${e.message}`;
  }
};

for (const digest of ['sha1', 'sha256', 'sha512', 'md5', 'sha3-256', 'SHA256', 'ripemd160', 'blake2b512', 'blake2s256']) {
  console.log('pbkdf2', digest, show(() => crypto.pbkdf2Sync('password', 'salt', 2, 70, digest)));
  console.log('hkdf', digest, show(() => crypto.hkdfSync(digest, 'ikm', 'salt', 'info', 70)));
}
console.log(show(() => crypto.pbkdf2Sync(Buffer.from('pw'), new Uint8Array([1, 2]).buffer, 1000, 0, 'sha256')));
for (const args of [[1, 's', 1, 1, 'sha1'], ['p', 1, 1, 1, 'sha1'], ['p', 's', 0, 1, 'sha1'], ['p', 's', 1.5, 1, 'sha1'],
  ['p', 's', 1, -1, 'sha1'], ['p', 's', 1, 1, 'nope'], ['p', 's', 1, 1], ['p', 's', 1, 1, 'shake128'], ['p', 's', '1', 1, 'sha1']]) {
  console.log('pbkdf2Sync', JSON.stringify(args), show(() => crypto.pbkdf2Sync(...args)));
}
for (const args of [['sha256', 'k', 's', 'i', 255 * 32 + 1], ['nope', 'k', 's', 'i', 1], ['sha256', 1, 's', 'i', 1],
  ['sha256', 'k', 1, 'i', 1], ['sha256', 'k', 's', 'i'.repeat(1025), 1], ['sha256', 'k', 's', 'i', -1],
  ['sha256', crypto.createSecretKey(Buffer.from('k')), '', '', 10], ['sha256', new ArrayBuffer(3), new ArrayBuffer(0), '', 5]]) {
  console.log('hkdfSync', JSON.stringify(args), show(() => crypto.hkdfSync(...args)));
}

for (const options of [{ N: 16, r: 1, p: 1 }, { cost: 32, blockSize: 2, parallelization: 2 }, { N: 1024, r: 8, p: 16, maxmem: 2 ** 25 },
  { N: 3 }, { N: 16, cost: 16 }, { N: 2 ** 16, r: 1 }, { N: 16, maxmem: 1000 }, { N: -1 }, { maxmem: -1 }, { N: 16, r: 1, p: 1, maxmem: 2432 },
  { N: 16, r: 1, p: 1, maxmem: 2431 }, undefined]) {
  console.log('scryptSync', JSON.stringify(options), show(() => crypto.scryptSync('password', 'NaCl', 32, options)));
}
console.log(show(() => crypto.scryptSync(1, 's', 1)), show(() => crypto.scryptSync('p', 's', -1)));

const key = crypto.createSecretKey(Buffer.from('secret'));
console.log(key.type, key.symmetricKeySize, key.export().toString(), JSON.stringify(key.export({ format: 'jwk' })));
console.log(key.equals(crypto.createSecretKey('secret', 'utf8')), key.equals(crypto.createSecretKey(Buffer.from('other'))));
console.log(key instanceof crypto.KeyObject, Object.prototype.toString.call(key));
const wide = crypto.createSecretKey(new Uint16Array([0x6261, 0x6463]));
console.log(wide.symmetricKeySize, wide.export().toString(), crypto.createSecretKey(new DataView(new ArrayBuffer(3))).symmetricKeySize);
console.log(crypto.createHmac('sha1', new Uint16Array([0x6261])).update('x').digest('hex'), crypto.createHmac('sha1', 'ab').update('x').digest('hex'));
console.log(crypto.createHmac('sha1', 'é', { encoding: 'latin1' }).digest('hex'), crypto.createHmac('sha1', 'é').digest('hex'));
console.log(show(() => key.export({ format: 'pem' })), show(() => key.equals({})), show(() => crypto.createSecretKey(1)));
console.log(show(() => new crypto.KeyObject('secret', {})), show(() => new crypto.KeyObject('bogus')));

console.log(crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), crypto.timingSafeEqual(new Uint8Array([1]), new Uint8Array([2])));
console.log(crypto.timingSafeEqual(new Uint16Array([1]), new Uint8Array([1, 0]).buffer));
console.log(show(() => crypto.timingSafeEqual('a', 'a')), show(() => crypto.timingSafeEqual(Buffer.alloc(1), 1)),
  show(() => crypto.timingSafeEqual(Buffer.alloc(1), Buffer.alloc(2))));

for (const size of [0, 16, -1, 1.5, NaN, '1', 2 ** 31, undefined]) {
  console.log('randomBytes', String(size), show(() => crypto.randomBytes(size).length));
}
const buf = Buffer.alloc(8);
console.log(crypto.randomFillSync(buf, 4) === buf, buf.subarray(0, 4).toString('hex'));
for (const args of [[new Uint32Array(4), 1, 2], [new Uint32Array(4), 4], [new Uint32Array(4), 5], [new Uint32Array(4), 1, 4],
  [new ArrayBuffer(4), -1], [new DataView(new ArrayBuffer(4)), 0, 5], ['str'], [Buffer.alloc(4), '1']]) {
  console.log('randomFillSync', show(() => crypto.randomFillSync(...args).byteLength));
}
for (const args of [[1, 10], [10], [-5, -4], [0, 2 ** 48], [0, 2 ** 48 - 1], [10, 10], [1.5], ['1', 2], [0, 2 ** 53]]) {
  console.log('randomInt', JSON.stringify(args), show(() => { const n = crypto.randomInt(...args); return n >= (args.length > 1 ? args[0] : 0); }));
}
const uuid = crypto.randomUUID();
console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(uuid), uuid !== crypto.randomUUID());
console.log(show(() => crypto.randomUUID(1)), show(() => crypto.randomUUID({ disableEntropyCache: 1 })));
console.log(show(() => crypto.getRandomValues(new Float32Array(1))), show(() => crypto.getRandomValues(new Uint8Array(65537))));
console.log(crypto.getRandomValues(new BigInt64Array(2)).length, globalThis.crypto.getRandomValues(new Uint16Array(3)).length);
console.log(show(() => crypto.webcrypto.getRandomValues.call({}, new Uint8Array(1))), show(() => new crypto.webcrypto.constructor()));
console.log(Object.prototype.toString.call(crypto.webcrypto), Object.prototype.toString.call(crypto.subtle), typeof globalThis.crypto.randomUUID());
console.log(typeof process.versions.openssl, crypto.getFips(), JSON.stringify(crypto.secureHeapUsed()));

// asynchronous forms call back later (in an order of the thread pool's: printed sorted at exit),
// with Node's errors thrown at once
const later = [];
process.on('exit', () => console.log(later.sort().join('\n')));
crypto.pbkdf2('password', 'salt', 1, 16, 'sha256', (err, key) => later.push(['pbkdf2 cb', err, key.toString('hex')].join(' ')));
crypto.hkdf('sha256', 'ikm', 'salt', 'info', 16, (err, key) => later.push(['hkdf cb', err, Buffer.from(key).toString('hex')].join(' ')));
crypto.scrypt('password', 'salt', 16, { N: 16 }, (err, key) => later.push(['scrypt cb', err, key.toString('hex')].join(' ')));
crypto.scrypt('password', 'salt', 16, (err, key) => later.push(['scrypt default cb', err, key.length].join(' ')));
crypto.randomBytes(4, (err, b) => later.push(['randomBytes cb', err, b.length].join(' ')));
crypto.randomFill(new Uint8Array(4), 2, (err, b) => later.push(['randomFill cb', err, b.length].join(' ')));
crypto.randomInt(5, (err, n) => later.push(['randomInt cb', err, n < 5].join(' ')));
console.log(show(() => crypto.pbkdf2('p', 's', 1, 1, 'nope', () => {})), show(() => crypto.pbkdf2('p', 's', 1, 1, 'sha1')));
console.log(show(() => crypto.scrypt('p', 's', 1, { N: 3 }, () => {})), show(() => crypto.hkdf('nope', 'k', 's', 'i', 1, () => {})));
console.log('sync done');

// subtle.digest
(async () => {
  for (const alg of ['SHA-1', 'sha-256', { name: 'SHA-384' }, 'SHA-512']) {
    console.log('subtle', JSON.stringify(alg), Buffer.from(await crypto.subtle.digest(alg, Buffer.from('abc'))).toString('hex'));
  }
  for (const [alg, data] of [['MD5', Buffer.from('a')], ['SHA-1', 'abc'], [{}, Buffer.from('a')], ['SHA-1', new ArrayBuffer(2)]]) {
    try {
      console.log('subtle', Buffer.from(await crypto.subtle.digest(alg, data)).toString('hex'));
    } catch (e) {
      console.log('subtle rejects', e.name, e.code, e.message);
    }
  }
  try { await crypto.subtle.digest('SHA-1'); } catch (e) { console.log(e.name, e.code, e.message); }
  try { await crypto.subtle.digest.call({}, 'SHA-1', Buffer.alloc(1)); } catch (e) { console.log(e.name, e.code, e.message); }
})();

// what the sandbox does not have fails when called, not when loaded
for (const name of ['createCipheriv', 'createSign', 'generateKeyPairSync', 'createPublicKey', 'publicEncrypt', 'createECDH', 'sign']) {
  console.log(name, typeof crypto[name]);
}
console.log(typeof crypto.Cipheriv, typeof crypto.X509Certificate, Array.isArray(crypto.getCiphers()), Array.isArray(crypto.getCurves()));

// shared memory is bytes too
const shared = new SharedArrayBuffer(4);
new Uint8Array(shared).set([1, 2, 3, 4]);
console.log(show(() => crypto.pbkdf2Sync(shared, shared, 1, 8, 'sha1')), show(() => crypto.scryptSync(shared, 'salt', 8, { N: 16 })));
console.log(show(() => crypto.hkdfSync('sha1', shared, shared, shared, 8)));
console.log(show(() => crypto.createHmac('sha1', shared).update('x').digest('hex')), show(() => crypto.timingSafeEqual(shared, shared)));
console.log(show(() => crypto.randomFillSync(shared).byteLength));
console.log(show(() => crypto.createHmac('sha256', 'k'.repeat(100000)).update('x').digest('hex')));
console.log(show(() => crypto.pbkdf2Sync('p'.repeat(1000), 's'.repeat(1000), 3, 100, 'sha512')));
