'use strict';
const common = require('../common');
const assert = require('assert');
for (const bytes of [[0xff], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0x61, 0xff, 0x62]]) {
  console.log(JSON.stringify(Buffer.from(bytes).toString()), Buffer.from(Buffer.from(bytes).toString()).length);
}
console.log(JSON.stringify(Buffer.from('\ud800x').toString('hex')));
