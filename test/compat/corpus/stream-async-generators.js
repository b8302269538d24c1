'use strict';
const common = require('../common');
const assert = require('assert');
const { Readable, Transform, pipeline } = require('stream');
async function* numbers() { for (let i = 1; i <= 4; i++) { await null; yield i; } }
(async () => {
  const got = await Readable.from(numbers()).filter((n) => n % 2 === 0).map((n) => n * 10).toArray();
  console.log(got);
  console.log(await Readable.from([1, 2, 3]).reduce((a, b) => a + b, 0));
  console.log(await Readable.from([1, 2, 3]).some((x) => x > 2), await Readable.from([1, 2]).every((x) => x > 1));
  console.log(await Readable.from([1, 2, 3, 4]).take(2).toArray(), await Readable.from([1, 2, 3]).drop(1).toArray());
  console.log(await Readable.from([[1, 2], [3]]).flatMap((x) => x).toArray());
})().then(common.mustCall());
