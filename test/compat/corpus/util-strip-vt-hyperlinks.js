'use strict';
// util.stripVTControlCharacters: colors, cursor moves, and OSC 8 hyperlinks ended by BEL,
// ESC \ or the 8-bit ST, as Node 20.19 strips them.
require('../common');
const { stripVTControlCharacters: strip } = require('util');
const samples = [
  '\u001B[31mred\u001B[39m',
  '\u001B[2K\u001B[1Gline',
  '\u001B]8;;mailto:no-replay@mail.com\u001B\\mail\u001B]8;;\u001B\\',
  '\u001B]8;;https://nodejs.org\u0007link\u001B]8;;\u0007',
  '\u001B]8;k=v;https://example-a.com/?a_b=1&c=2#tit%20le\u009Cclick\u001B]8;;\u009C',
  '\u001B[?25l hidden cursor \u001B[?25h',
  '\u001B[5t \u001B[3s \u001B[2u',
  'plain',
];
for (const s of samples) console.log(JSON.stringify(strip(s)));
