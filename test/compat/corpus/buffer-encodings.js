'use strict';
const common = require('../common');
const assert = require('assert');
const s = 'Ünïcödé ✓ 🙂';
for (const enc of ['utf8', 'utf16le', 'latin1', 'base64', 'base64url', 'hex', 'ascii', 'binary', 'ucs2']) {
  const b = Buffer.from(s, enc === 'hex' || enc.startsWith('base64') ? 'utf8' : enc);
  const text = b.toString(enc);
  console.log(enc, b.length, JSON.stringify(text), Buffer.from(text, enc).length);
}
console.log(Buffer.from('YWJj', 'base64url').toString(), Buffer.from('zz', 'hex').length, Buffer.from('a b', 'base64').toString());
