// node:string_decoder: characters split across writes, invalid input, every encoding.
'use strict';
const { check, checkAsync } = require('./_check');
const { StringDecoder } = require('string_decoder');

const B = (...bytes) => Buffer.from(bytes);
// Writes each chunk, then end(); returns every piece and the state after each write.
function feed(enc, chunks, endWith) {
  const d = new StringDecoder(enc);
  const out = chunks.map((c) => [d.write(c), d.lastNeed, d.lastTotal]);
  out.push(endWith === undefined ? d.end() : d.end(endWith));
  return out;
}

check('default encoding is utf8', () => new StringDecoder().encoding);
check('encoding names normalize', () => ['UTF-8', 'ucs2', 'UCS-2', 'utf-16le', 'binary', 'Latin1', 'HEX', 'base64url', null, ''].map((e) => new StringDecoder(e).encoding));
check('unknown encoding', () => new StringDecoder('utf-9'));
check('non-string encoding', () => new StringDecoder(42));
check('own keys', () => Object.keys(new StringDecoder('hex')));
check('write a string passes through', () => new StringDecoder().write('plain'));
check('write a number throws', () => new StringDecoder().write(42));
check('write null throws', () => new StringDecoder().write(null));
check('utf8 whole', () => new StringDecoder('utf8').write(Buffer.from('héllo €𝄞')));
check('utf8 euro split 1+2', () => feed('utf8', [B(0xe2), B(0x82, 0xac)]));
check('utf8 euro split 1+1+1', () => feed('utf8', [B(0xe2), B(0x82), B(0xac)]));
check('utf8 4-byte split 2+2', () => feed('utf8', [B(0xf0, 0x9d), B(0x84, 0x9e)]));
check('utf8 4-byte split 3+1 with text', () => feed('utf8', [B(0x61, 0xf0, 0x9d, 0x84), B(0x9e, 0x62)]));
check('utf8 incomplete at end', () => feed('utf8', [B(0x61, 0xe2, 0x82)]));
check('utf8 interrupted sequence', () => feed('utf8', [B(0xe2), B(0x41, 0x42)]));
check('utf8 interrupted after 2 of 3', () => feed('utf8', [B(0xe2, 0x82), B(0x41)]));
check('utf8 invalid bytes', () => feed('utf8', [B(0xff, 0xfe, 0x41, 0xc0, 0x80)]));
check('utf8 lone continuation bytes', () => feed('utf8', [B(0x80, 0x80, 0x80, 0x80, 0x80)]));
check('utf8 overlong lead at end', () => feed('utf8', [B(0x41, 0xf8)]));
check('utf8 surrogate encoded', () => feed('utf8', [B(0xed, 0xa0), B(0x80)]));
check('utf8 end with buffer', () => feed('utf8', [B(0xe2)], B(0x82, 0xac)));
check('utf8 end flushes partial', () => feed('utf8', [B(0xf0, 0x9f)], B(0x98)));
check('utf8 lastChar', () => {
  const d = new StringDecoder('utf8');
  d.write(B(0xe2, 0x82));
  return [d.lastChar, d.lastNeed, d.lastTotal];
});
check('utf8 lastChar is a Buffer', () => Buffer.isBuffer(new StringDecoder().lastChar));
check('utf8 text resets', () => {
  const d = new StringDecoder('utf8');
  d.write(B(0xe2));
  return [d.text(B(0x61, 0x62, 0xe2, 0x82, 0xac), 1), d.lastNeed];
});
check('utf16le whole', () => new StringDecoder('utf16le').write(Buffer.from('hi €', 'utf16le')));
check('utf16le odd split', () => feed('utf16le', [B(0x61), B(0x00, 0x62), B(0x00)]));
check('utf16le surrogate pair split', () => feed('utf16le', [B(0x3d, 0xd8), B(0x00, 0xde)]));
check('utf16le surrogate pair split 3+1', () => feed('utf16le', [B(0x3d, 0xd8, 0x00), B(0xde)]));
check('utf16le lone high surrogate at end', () => feed('utf16le', [B(0x41, 0x00, 0x3d, 0xd8)]));
check('utf16le odd byte at end dropped', () => feed('utf16le', [B(0x41, 0x00, 0x42)]));
check('utf16le state after odd end', () => {
  const d = new StringDecoder('utf16le');
  d.write(B(0x41));
  return [d.end(), d.lastNeed, d.lastTotal];
});
check('base64 leftovers', () => feed('base64', [B(0x61), B(0x62), B(0x63, 0x64)]));
check('base64 end pads', () => feed('base64', [B(0x68, 0x69)]));
check('base64url no padding', () => feed('base64url', [B(0xfb, 0xff), B(0xbf, 0x01)]));
check('hex', () => feed('hex', [B(0x00, 0xff), B(0x10)]));
check('latin1', () => feed('latin1', [B(0x61, 0xe9, 0xff)]));
check('ascii strips high bit', () => feed('ascii', [B(0x61, 0xe9, 0xff)]));
check('typed array input', () => new StringDecoder('hex').write(new Uint16Array([0x0102, 0x0304])));
check('DataView input', () => new StringDecoder('utf8').write(new DataView(new Uint8Array([0x61, 0x62, 0x63, 0x64]).buffer, 1, 2)));
check('subarray input keeps offset', () => new StringDecoder('utf8').write(Buffer.from('xxhello').subarray(2)));
check('end with no data', () => new StringDecoder('base64').end());
check('many one-byte writes', () => {
  const d = new StringDecoder('utf8');
  let s = '';
  for (const b of Buffer.from('aé€𝄞z')) s += d.write(B(b));
  return s + d.end();
});
checkAsync('ES module namespace', async () => Object.keys(await import('node:string_decoder')).sort());
