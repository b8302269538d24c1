// node:crypto: hashes and HMACs at block boundaries, random values, errors; compared line by line.
const c = require('crypto');
for (const alg of ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'SHA256', 'sha-1']) {
  for (const input of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'a'.repeat(111), 'a'.repeat(112), 'a'.repeat(1000)]) {
    console.log(alg, input.length, c.createHash(alg).update(input).digest('hex'));
  }
  console.log(alg, 'hmac', c.createHmac(alg, 'key').update('data').digest('base64'), c.createHmac(alg, 'k'.repeat(200)).update('x').digest('hex'));
}
const h = c.createHash('sha256').update('part1'); const h2 = h.copy(); h.update('x'); console.log(h.digest('hex'), h2.update('x').digest('hex'));
console.log(c.createHash('md5').update(Buffer.from([1, 2, 3])).update('é', 'latin1').digest().length, c.hash('sha1', 'abc'), c.hash('md5', 'abc', 'base64'));
try { c.createHash('nope') } catch (e) { console.log(e.name, e.code, e.message) }
const hh = c.createHash('md5'); hh.digest(); try { hh.update('x') } catch (e) { console.log(e.code, e.message) }
try { c.createHash('md5').update(5) } catch (e) { console.log(e.code, e.message) }
try { c.randomBytes(-1) } catch (e) { console.log(e.code, e.message) }
try { c.randomBytes('x') } catch (e) { console.log(e.code, e.message) }
try { c.getRandomValues(new Float32Array(2)) } catch (e) { console.log(e.name, e.code, e.message) }
try { c.getRandomValues(new Uint8Array(70000)) } catch (e) { console.log(e.name, e.code, e.message) }
try { c.timingSafeEqual(Buffer.alloc(1), Buffer.alloc(2)) } catch (e) { console.log(e.name, e.code, e.message) }
try { c.randomInt(10, 5) } catch (e) { console.log(e.name, e.code, e.message) }
console.log(c.randomBytes(8).length, c.randomUUID().length, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(c.randomUUID()), c.timingSafeEqual(Buffer.from('ab'), Buffer.from('ab')));
const ints = new Set(); for (let i = 0; i < 200; i++) ints.add(c.randomInt(3, 7)); console.log([...ints].sort().join());
console.log(typeof globalThis.crypto, typeof crypto.getRandomValues, typeof crypto.randomUUID, crypto.getRandomValues(new Uint32Array(4)).length);
c.randomBytes(4, (err, buf) => console.log('async', err, buf.length));
