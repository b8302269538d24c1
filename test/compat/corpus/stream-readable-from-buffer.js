'use strict';
const common = require('../common');
const assert = require('assert');
const { Readable } = require('stream');
(async () => {
  const chunks = [];
  for await (const c of Readable.from(Buffer.from('whole'))) chunks.push(String(c));
  console.log(chunks);
  const s = [];
  for await (const c of Readable.from('string input')) s.push(c);
  console.log(s);
  console.log(await Readable.from([1, 2, 3]).forEach((x) => x) === undefined);
})().then(common.mustCall());
