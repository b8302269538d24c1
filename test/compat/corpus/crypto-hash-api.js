'use strict';
// node:crypto's hashes: every digest the sandbox computes, streamed in odd pieces and at block
// edges, in each output encoding, copies, streams, one-shot crypto.hash, and Node's errors.
require('../common');
const crypto = require('crypto');

const show = (f) => {
  try {
    const v = f();
    return Buffer.isBuffer(v) ? `Buffer ${v.toString('hex')}` : JSON.stringify(v);
  } catch (e) {
    return `${e.name} ${e.code} ${e.message}`;
  }
};

const algorithms = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-224', 'sha512-256',
  'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512', 'shake128', 'shake256', 'ripemd160', 'blake2b512', 'blake2s256'];
const inputs = ['', 'abc', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'w'.repeat(111), 'v'.repeat(112),
  'u'.repeat(135), 't'.repeat(136), 's'.repeat(168), 'r'.repeat(128), 'p'.repeat(129), 'o'.repeat(256), 'é€😀\ud800', 'q'.repeat(1000)];
for (const alg of algorithms) {
  for (const input of inputs) {
    const whole = crypto.createHash(alg).update(input).digest('hex');
    const h = crypto.createHash(alg);
    const bytes = Buffer.from(input);
    for (let i = 0; i < bytes.length; i += 7) h.update(bytes.subarray(i, i + 7));
    if (h.digest('hex') !== whole) console.log('pieces differ', alg, input.length);
    console.log(alg, input.length, whole);
  }
  console.log(alg, 'hmac', show(() => crypto.createHmac(alg, 'key').update('data').digest('hex')));
  console.log(alg, 'hmac long key', show(() => crypto.createHmac(alg, 'k'.repeat(200)).update('data').digest('base64')));
}

// names as OpenSSL takes them
for (const name of ['SHA256', 'Sha-256', 'sha2-256', 'RSA-SHA256', 'sha256WithRSAEncryption', 'SHA512/224', 'sha2-512/224',
  'ssl3-md5', 'SHAKE-128', 'sha3_256', 'ripemd160x', 'md5-sha1x', '', 'rmd160', 'RIPEMD']) {
  console.log(JSON.stringify(name), show(() => crypto.createHash(name).digest('hex')));
}

// output encodings, unknown ones as a Buffer
for (const enc of ['hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii', 'ucs2', 'utf16le', 'utf8', 'buffer', 'HEX',
  'Base64', 'bogus', '', undefined, null, 0, 1]) {
  console.log('digest', String(enc), show(() => crypto.createHash('sha1').update('abc').digest(enc)));
  console.log('hmac digest', String(enc), show(() => crypto.createHmac('sha1', 'k').update('abc').digest(enc)));
}

// input encodings, unknown ones (and 'buffer') as UTF-8
for (const enc of ['utf8', 'utf-8', 'latin1', 'binary', 'ascii', 'hex', 'HEX', 'base64', 'base64url', 'ucs2', 'utf16le',
  'buffer', 'bogus']) {
  console.log('update', enc, show(() => crypto.createHash('sha1').update('é€ab', enc).digest('hex')));
  console.log('update', enc, show(() => crypto.createHash('sha1').update('abcd', enc).digest('hex')));
}

// copies and finalization
const a = crypto.createHash('sha256').update('abc');
const b = a.copy();
console.log(a.digest('hex') === b.digest('hex'), show(() => a.copy()), show(() => a.update('x')), show(() => a.digest()));
console.log(show(() => crypto.createHash('shake256', { outputLength: 10 }).update('a').copy({ outputLength: 40 }).digest('hex')));
console.log(show(() => crypto.createHash('shake128', { outputLength: 300 }).update('a').digest('base64')));
console.log(show(() => crypto.createHash('sha256', { outputLength: 32 }).digest('hex')));
for (const outputLength of [28, -1, 1.5, '4', null, 2 ** 32]) {
  console.log('outputLength', outputLength, show(() => crypto.createHash('sha256', { outputLength })));
}
const mac = crypto.createHmac('sha256', 'k');
console.log(show(() => mac.digest('hex')), show(() => mac.digest('hex')), show(() => mac.digest()), show(() => mac.update('a')));

// argument errors
console.log(show(() => crypto.createHash()));
console.log(show(() => crypto.createHash(crypto.createHash('md5'))));
console.log(show(() => crypto.createHash('sha1').update()));
console.log(show(() => crypto.createHash('sha1').update(1)));
console.log(show(() => crypto.createHash('sha1').update('abc', 'hex')));
console.log(show(() => crypto.createHmac('sha1')));
console.log(show(() => crypto.createHmac('nope', 'k')));
console.log(show(() => crypto.createHmac(1, 'k')));
console.log(show(() => crypto.createHmac('sha1', 'k', { encoding: 1 })));
console.log(show(() => crypto.createHmac('sha1', 'a2', { encoding: 'hex' }).digest('hex')));
console.log(show(() => crypto.createHmac('sha1', crypto.createSecretKey(Buffer.from('k'))).digest('hex')));
console.log(show(() => crypto.createHash('sha1').digest({ toString() { throw new Error('boom'); } })));
// what OpenSSL 3 keeps in its legacy provider is "unsupported" (webpack 4's md4)
for (const f of [() => crypto.createHash('md4'), () => crypto.createHmac('MD4', 'k'), () => crypto.hash('whirlpool', 'a')]) {
  try { f(); } catch (e) { console.log(e.name, e.code, e.message, e.library, e.reason); }
}
console.log(crypto.Hash('md5') instanceof crypto.Hash, crypto.Hmac('md5', 'k') instanceof crypto.Hmac);

// crypto.hash
for (const args of [['sha1', 'abc'], ['sha1', Buffer.from('abc'), 'base64'], ['md5', 'abc', 'buffer'], ['md5', 'abc', 'BUFFER'],
  ['sha1', 'abc', 'bogus'], ['sha1', 1], ['nope', 'a'], [1, 'a'], ['sha1', 'a', 1], ['sha3-256', new Uint16Array([1, 2])],
  ['shake256', 'a'], ['sha512', 'a', 'latin1']]) {
  console.log('hash', JSON.stringify(args), show(() => crypto.hash(...args)));
}

const hashes = crypto.getHashes();
for (const name of ['md5', 'sha1', 'sha256', 'sha3-512', 'shake256', 'RSA-SHA512/256', 'sha512-224WithRSAEncryption']) {
  console.log('getHashes has', name, hashes.includes(name));
}
console.log(hashes.every((h) => { try { crypto.createHash(h); return true; } catch { return false; } }));

// a Hash is a Transform
const stream = crypto.createHash('sha512');
stream.write('Te');
stream.write(Buffer.from('st'));
stream.end('123');
stream.on('data', (d) => console.log('stream', d.toString('hex'), stream.digest('base64')));
const piped = crypto.createHash('sha1').setEncoding('hex');
require('stream').Readable.from(['a', 'b', 'c']).pipe(piped).on('data', (d) => console.log('piped', d));
const hm = crypto.createHmac('sha256', 'key');
hm.on('readable', () => { const d = hm.read(); if (d) console.log('hmac stream', d.toString('hex')); });
hm.end('data');
// after the end: a Hash's digest() gives the digest again, an Hmac's is empty
const ended = crypto.createHash('sha1');
ended.end('abc');
ended.on('data', (d) => {
  console.log('ended', d.toString('hex'), ended.digest('hex'));
  for (const f of [() => ended.update('x'), () => ended.digest()]) {
    try { f(); } catch (e) { console.log(e.code); }
  }
});
const endedMac = crypto.createHmac('sha1', 'k');
endedMac.end('abc');
endedMac.on('data', (d) => console.log('ended mac', d.toString('hex'), JSON.stringify(endedMac.digest('hex')), endedMac.digest()));
