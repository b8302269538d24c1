'use strict';
const common = require('../common');
const assert = require('assert');
const { Buffer: B, constants, kMaxLength, isUtf8, isAscii, Blob } = require('buffer');
console.log(B === Buffer, typeof constants.MAX_LENGTH, typeof kMaxLength, isUtf8(Buffer.from('é')), isUtf8(Buffer.from([0xff])), isAscii(Buffer.from('a')));
console.log(Buffer.poolSize, Buffer.from(new Uint16Array([1, 256]).buffer).toString('hex'), Buffer.isBuffer(new Uint8Array(1)));
const u = new Uint8Array([1, 2, 3]);
const shared = Buffer.from(u.buffer, 1, 1);
u[1] = 9;
console.log(shared[0], Buffer.copyBytesFrom ? Buffer.copyBytesFrom(u, 1).toString('hex') : 'n/a');
console.log(String(Buffer.from('x').toLocaleString()), Buffer.from('abc').toString('utf8', 1, 2), inspectable(Buffer.alloc(60)));
function inspectable(b) { return require('util').inspect(b).length; }
