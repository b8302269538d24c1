'use strict';
const common = require('../common');
const assert = require('assert');
const b = Buffer.from('aé😀', 'utf16le');
console.log(b.length, b.toString('hex'), b.toString('utf16le'), Buffer.from('ab', 'ucs2').toString('hex'));
console.log(Buffer.from([0x61, 0x00, 0x62]).toString('utf16le'), Buffer.byteLength('😀', 'utf16le'), Buffer.byteLength('aa', 'hex'), Buffer.byteLength('YWJj', 'base64'));
