// An HDR histogram as Node's (HdrHistogram_c, which perf_hooks' histograms wrap): values fall in
// buckets of `figures` significant digits, and min, max, mean, stddev and percentiles are read
// from the buckets, so they are the values Node reports, not the exact ones recorded.
// Integers up to 2^53 are exact as doubles; shifts are done as multiplications and divisions.

const pow2 = (n) => 2 ** n;
const bitLength = (v) => {
  if (v < 2 ** 32) return 32 - Math.clz32(v);
  return 64 - Math.clz32(Math.floor(v / 2 ** 32));
};

export class Hdr {
  constructor(lowest, highest, figures) {
    this.lowest = lowest;
    this.highest = highest;
    const largestSingleUnit = 2 * 10 ** figures;
    const subBucketCountMagnitude = Math.ceil(Math.log2(largestSingleUnit));
    this.subBucketHalfCountMagnitude = Math.max(subBucketCountMagnitude, 1) - 1;
    this.unitMagnitude = Math.floor(Math.log2(lowest));
    this.subBucketCount = pow2(this.subBucketHalfCountMagnitude + 1);
    this.subBucketHalfCount = this.subBucketCount / 2;
    this.subBucketMask = (this.subBucketCount - 1) * pow2(this.unitMagnitude);
    let smallestUntrackable = this.subBucketCount * pow2(this.unitMagnitude);
    let buckets = 1;
    while (smallestUntrackable <= highest) {
      if (smallestUntrackable > 2 ** 62) {
        buckets++;
        break;
      }
      smallestUntrackable *= 2;
      buckets++;
    }
    this.countsLength = (buckets + 1) * this.subBucketHalfCount;
    this.reset();
  }
  reset() {
    this.counts = new Map();
    this.totalCount = 0;
    this.minValue = Infinity;
    this.maxValue = 0;
  }
  bucketIndex(v) {
    // v | subBucketMask, for values wider than 32 bits
    const masked = v < this.subBucketMask ? this.subBucketMask : v;
    return bitLength(masked) - this.unitMagnitude - (this.subBucketHalfCountMagnitude + 1);
  }
  subBucketIndex(v, bucket) {
    return Math.floor(v / pow2(bucket + this.unitMagnitude));
  }
  countsIndex(v) {
    const bucket = this.bucketIndex(v);
    const sub = this.subBucketIndex(v, bucket);
    return (bucket + 1) * this.subBucketHalfCount + (sub - this.subBucketHalfCount);
  }
  valueAtIndex(index) {
    let bucket = Math.floor(index / this.subBucketHalfCount) - 1;
    let sub = (index % this.subBucketHalfCount) + this.subBucketHalfCount;
    if (bucket < 0) {
      sub -= this.subBucketHalfCount;
      bucket = 0;
    }
    return sub * pow2(bucket + this.unitMagnitude);
  }
  rangeSize(v) {
    const bucket = this.bucketIndex(v);
    const sub = this.subBucketIndex(v, bucket);
    return pow2(this.unitMagnitude + (sub >= this.subBucketCount ? bucket + 1 : bucket));
  }
  lowestEquivalent(v) {
    const bucket = this.bucketIndex(v);
    return this.subBucketIndex(v, bucket) * pow2(bucket + this.unitMagnitude);
  }
  highestEquivalent(v) {
    return this.lowestEquivalent(v) + this.rangeSize(v) - 1;
  }
  medianEquivalent(v) {
    return this.lowestEquivalent(v) + Math.floor(this.rangeSize(v) / 2);
  }
  // false when the value is outside what the histogram can hold (Node counts it in `exceeds`)
  record(v, times = 1) {
    if (v < 0 || v > this.highest) return false;
    const index = this.countsIndex(v);
    if (index < 0 || index >= this.countsLength) return false;
    this.counts.set(index, (this.counts.get(index) ?? 0) + times);
    this.totalCount += times;
    if (v < this.minValue && v !== 0) this.minValue = v;
    if (v > this.maxValue) this.maxValue = v;
    return true;
  }
  sorted() {
    return [...this.counts.entries()].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  }
  min() {
    if ((this.counts.get(0) ?? 0) > 0) return 0;
    if (this.minValue === Infinity) return Infinity; // INT64_MAX to Node
    return this.lowestEquivalent(this.minValue);
  }
  max() {
    return this.totalCount === 0 ? 0 : this.highestEquivalent(this.maxValue);
  }
  mean() {
    if (this.totalCount === 0) return NaN;
    let total = 0;
    for (const [index, count] of this.sorted()) total += count * this.medianEquivalent(this.valueAtIndex(index));
    return total / this.totalCount;
  }
  stddev() {
    if (this.totalCount === 0) return NaN;
    const mean = this.mean();
    let sum = 0;
    for (const [index, count] of this.sorted()) {
      const dev = this.medianEquivalent(this.valueAtIndex(index)) - mean;
      sum += dev * dev * count;
    }
    return Math.sqrt(sum / this.totalCount);
  }
  valueAtPercentile(p) {
    const requested = p < 100 ? p : 100;
    let wanted = Math.trunc((requested / 100) * this.totalCount + 0.5);
    if (wanted < 1) wanted = 1;
    let seen = 0;
    let value = 0;
    for (const [index, count] of this.sorted()) {
      seen += count;
      if (seen >= wanted) {
        value = this.valueAtIndex(index);
        break;
      }
    }
    return p === 0 ? this.lowestEquivalent(value) : this.highestEquivalent(value);
  }
  // HdrHistogram_c's percentile iteration with one tick per half distance: [percentile, value]
  // pairs, the value being the lowest of its bucket, ending with 100.
  percentiles() {
    const out = [];
    const entries = this.sorted();
    let at = -1;
    let cumulative = 0;
    let value = 0;
    let count = 0;
    let target = 0;
    const step = () => {
      if (++at >= entries.length) return false;
      count = entries[at][1];
      cumulative += count;
      value = this.valueAtIndex(entries[at][0]);
      return true;
    };
    let started = false;
    for (;;) {
      if (cumulative >= this.totalCount) {
        out.push([100, value]);
        return out;
      }
      if (!started) {
        started = true;
        if (!step()) return out;
      }
      let emitted = false;
      do {
        if (count !== 0 && target <= (100 * cumulative) / this.totalCount) {
          out.push([target, value]);
          target += 100 / pow2(Math.trunc(Math.log(100 / (100 - target)) / Math.log(2)) + 1);
          emitted = true;
          break;
        }
      } while (step());
      if (!emitted) return out;
    }
  }
}
