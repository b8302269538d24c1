'use strict';
const common = require('../common');
const assert = require('assert');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fsp = require('fs/promises');
(async () => {
  const fh = await fsp.open(tmpdir.resolve('s.txt'), 'w');
  const ws = fh.createWriteStream();
  ws.end('through a filehandle stream');
  await new Promise((r) => ws.on('close', r));
  const rh = await fsp.open(tmpdir.resolve('s.txt'));
  let text = '';
  for await (const chunk of rh.createReadStream({ encoding: 'utf8', start: 8 })) text += chunk;
  console.log(text);
})().then(common.mustCall());
