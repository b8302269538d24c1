// The digests native/bindings/digest.c computes, numbered as it numbers them, under every name Node 20
// (over OpenSSL 3.0) accepts for them. OpenSSL matches names without regard to case.
const ids = new Map();
const listed = [];

function add(id, names, hidden = []) {
  for (const name of names) {
    ids.set(name.toLowerCase(), id);
    listed.push(name);
  }
  for (const name of hidden) ids.set(name.toLowerCase(), id);
}

// getHashes() lists the first group (OpenSSL's legacy names); the second are the provider
// names OpenSSL 3 also takes.
add(0, ['RSA-MD5', 'md5', 'md5WithRSAEncryption', 'ssl3-md5'], ['1.2.840.113549.2.5']);
add(1, ['RSA-SHA1', 'RSA-SHA1-2', 'sha1', 'sha1WithRSAEncryption', 'ssl3-sha1'], ['sha-1', '1.3.14.3.2.26']);
add(2, ['RSA-SHA224', 'sha224', 'sha224WithRSAEncryption'], ['sha2-224', 'sha-224', '2.16.840.1.101.3.4.2.4']);
add(3, ['RSA-SHA256', 'sha256', 'sha256WithRSAEncryption'], ['sha2-256', 'sha-256', '2.16.840.1.101.3.4.2.1']);
add(4, ['RSA-SHA384', 'sha384', 'sha384WithRSAEncryption'], ['sha2-384', 'sha-384', '2.16.840.1.101.3.4.2.2']);
add(5, ['RSA-SHA512', 'sha512', 'sha512WithRSAEncryption'], ['sha2-512', 'sha-512', '2.16.840.1.101.3.4.2.3']);
add(6, ['RSA-SHA512/224', 'sha512-224', 'sha512-224WithRSAEncryption'], ['sha2-512/224', 'sha-512/224', '2.16.840.1.101.3.4.2.5']);
add(7, ['RSA-SHA512/256', 'sha512-256', 'sha512-256WithRSAEncryption'], ['sha2-512/256', 'sha-512/256', '2.16.840.1.101.3.4.2.6']);
add(8, ['RSA-SHA3-224', 'id-rsassa-pkcs1-v1_5-with-sha3-224', 'sha3-224'], ['2.16.840.1.101.3.4.2.7']);
add(9, ['RSA-SHA3-256', 'id-rsassa-pkcs1-v1_5-with-sha3-256', 'sha3-256'], ['2.16.840.1.101.3.4.2.8']);
add(10, ['RSA-SHA3-384', 'id-rsassa-pkcs1-v1_5-with-sha3-384', 'sha3-384'], ['2.16.840.1.101.3.4.2.9']);
add(11, ['RSA-SHA3-512', 'id-rsassa-pkcs1-v1_5-with-sha3-512', 'sha3-512'], ['2.16.840.1.101.3.4.2.10']);
add(12, ['shake128'], ['shake-128', '2.16.840.1.101.3.4.2.11']);
add(13, ['shake256'], ['shake-256', '2.16.840.1.101.3.4.2.12']);
add(14, ['RSA-RIPEMD160', 'ripemd', 'ripemd160', 'ripemd160WithRSA', 'rmd160'], ['ripemd-160', '1.3.36.3.2.1']);
add(15, ['blake2b512'], ['blake2b-512', '1.3.6.1.4.1.1722.12.2.1.16']);
add(16, ['blake2s256'], ['blake2s-256', '1.3.6.1.4.1.1722.12.2.2.8']);

export const SHAKE128 = 12;
export const SHAKE256 = 13;
export const isXof = (id) => id === SHAKE128 || id === SHAKE256;
// Output sizes in bytes, by id (SHAKE: OpenSSL 3.0's default output length)
export const digestSizes = [16, 20, 28, 32, 48, 64, 28, 32, 28, 32, 48, 64, 16, 32, 20, 64, 32];

// Digests OpenSSL 3 knows but keeps in its legacy provider, which Node 20 does not load:
// asking for one is OpenSSL's "unsupported" rather than an unknown name (webpack 4's md4).
const legacy = new Set(['md4', 'rsa-md4', 'md4withrsaencryption', 'whirlpool', 'mdc2', 'rsa-mdc2', 'mdc2withrsa']);

export function isLegacyDigest(name) {
  return legacy.has(name.toLowerCase());
}

export function unsupportedDigest() {
  const err = new Error('error:0308010C:digital envelope routines::unsupported');
  err.opensslErrorStack = ['error:03000086:digital envelope routines::initialization error',
    'error:0308010C:digital envelope routines::unsupported'];
  err.library = 'digital envelope routines';
  err.reason = 'unsupported';
  err.code = 'ERR_OSSL_EVP_UNSUPPORTED';
  return err;
}

/** The id of a digest name, or -1. */
export function hashId(name) {
  const id = ids.get(name) ?? ids.get(name.toLowerCase());
  return id === undefined ? -1 : id;
}

export function getHashes() {
  return [...listed].sort();
}
