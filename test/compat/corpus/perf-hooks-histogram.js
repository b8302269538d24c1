'use strict';
// perf_hooks.createHistogram: HDR histogram values (bucketed min/max/mean/percentiles) and
// errors as Node reports them.
require('../common');
const { createHistogram, monitorEventLoopDelay } = require('perf_hooks');
const util = require('util');

const h = createHistogram();
console.log(h.min, h.minBigInt, h.max, h.mean, h.stddev, h.count, h.exceeds, h.percentiles);
for (const v of [1, 2, 3, 1000, 2047, 2048, 2049, 4097, 1234567, 99999999999]) h.record(v);
h.record(5n);
console.log(h.min, h.max, h.mean, h.stddev, h.count, h.countBigInt, h.exceeds, h.maxBigInt);
console.log(h.percentile(1), h.percentile(50), h.percentile(99), h.percentile(100), h.percentileBigInt(50));
console.log(h.percentiles, h.percentilesBigInt);
console.log(JSON.stringify(h));
console.log(util.inspect(h), util.inspect(h, { depth: -1 }));

const small = createHistogram({ lowest: 1, highest: 11, figures: 1 });
for (const v of [5, 100, 3, 11, 12]) small.record(v);
console.log(small.count, small.exceeds, small.min, small.max, small.mean, small.stddev, small.percentiles);

const big = createHistogram({ lowest: 1000, figures: 2 });
for (let i = 1; i <= 200; i++) big.record(i * 7919);
console.log(big.min, big.max, big.mean, big.stddev, big.percentile(25), big.percentile(75), big.percentile(99.9));
console.log(big.percentiles);

const a = createHistogram();
const b = createHistogram();
a.record(10);
b.record(20);
b.record(30);
a.add(b);
console.log(a.count, a.min, a.max, a.mean);
a.reset();
console.log(a.count, a.min, a.max, a.percentiles);

for (const bad of [false, '', {}, undefined, null, 1.5, 0, -1, Number.MAX_SAFE_INTEGER + 1, -1n, 0n]) {
  try {
    createHistogram().record(bad);
    console.log('recorded', bad);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
for (const p of [0, -1, 101, NaN, '50']) {
  try {
    h.percentile(p);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
for (const opts of ['x', 1, null, { lowest: 'a' }, { highest: false }, { figures: 6 }, { lowest: 10, highest: 15 }, { lowest: 5n, highest: 6n }]) {
  try {
    createHistogram(opts);
    console.log('created');
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
try {
  new h.constructor();
} catch (e) {
  console.log(e.name, e.code, e.message);
}
try {
  a.add(1);
} catch (e) {
  console.log(e.name, e.code, e.message);
}

const d = createHistogram();
d.recordDelta();
console.log(d.count);

const e = monitorEventLoopDelay({ resolution: 20 });
console.log(e.count, e.enable(), e.enable(), typeof e.record);
setTimeout(() => {
  console.log(e.disable(), e.disable(), e.count > 0, e.min >= 1e6, e.max >= e.min);
}, 200);
