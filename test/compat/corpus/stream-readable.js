'use strict';
const common = require('../common');
const { Readable } = require('stream');
const r = Readable.from(['a', 'b', 'c']);
const got = [];
r.on('data', (c) => got.push(c));
r.on('end', common.mustCall(() => console.log(got)));
(async () => {
  const chunks = [];
  for await (const c of Readable.from([1, 2, 3])) chunks.push(c * 2);
  console.log(chunks, await Readable.from([1, 2, 3]).map((x) => x + 1).toArray());
})().then(common.mustCall());
