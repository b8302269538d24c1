// node:perf_hooks: the timeline of qjsw:internal/performance, and Node's HDR histograms
// (createHistogram, monitorEventLoopDelay) over qjsw:internal/histogram.
import {
  performance, Performance, PerformanceEntry, PerformanceMark, PerformanceMeasure, PerformanceObserver,
  PerformanceObserverEntryList, PerformanceResourceTiming,
} from 'qjsw:internal/performance';
import { Hdr } from 'qjsw:internal/histogram';
import { hrtime } from 'qjsw:binding/util';
import { invalidArgType, invalidArgValue, nodeError, outOfRange } from 'qjsw:internal/errors';

export {
  performance, Performance, PerformanceEntry, PerformanceMark, PerformanceMeasure, PerformanceObserver,
  PerformanceObserverEntryList, PerformanceResourceTiming,
};

const kSkipThrow = Symbol('kSkipThrow');
const illegalConstructor = () => nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
const invalidThis = (type) => nodeError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);
function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}
function validatePercentile(p) {
  if (typeof p !== 'number') throw invalidArgType('percentile', 'number', p);
  if (Number.isNaN(p) || p <= 0 || p > 100) throw outOfRange('percentile', '> 0 && <= 100', p);
}

// Each histogram's state, out of the guest's reach.
const states = new WeakMap();
const stateOf = (self, type = 'Histogram') => states.get(self) ?? (() => { throw invalidThis(type); })();
const INT64_MAX = 9223372036854775807n;
// Node's percentiles map is its primordials' SafeMap, and util.inspect shows that name.
class SafeMap extends Map {}
const toBig = (n) => (n === Infinity ? INT64_MAX : BigInt(n));

class Histogram {
  constructor(skipThrowSymbol = undefined) {
    if (skipThrowSymbol !== kSkipThrow) throw illegalConstructor();
  }
  get count() { return stateOf(this).count; }
  get countBigInt() { return BigInt(stateOf(this).count); }
  get min() { return Number(toBig(stateOf(this).hdr.min())); }
  get minBigInt() { return toBig(stateOf(this).hdr.min()); }
  get max() { return stateOf(this).hdr.max(); }
  get maxBigInt() { return BigInt(stateOf(this).hdr.max()); }
  get mean() { return stateOf(this).hdr.mean(); }
  get exceeds() { return stateOf(this).exceeds; }
  get exceedsBigInt() { return BigInt(stateOf(this).exceeds); }
  get stddev() { return stateOf(this).hdr.stddev(); }
  percentile(percentile) {
    const s = stateOf(this);
    validatePercentile(percentile);
    return s.hdr.valueAtPercentile(percentile);
  }
  percentileBigInt(percentile) {
    const s = stateOf(this);
    validatePercentile(percentile);
    return BigInt(s.hdr.valueAtPercentile(percentile));
  }
  get percentiles() {
    const s = stateOf(this);
    s.map.clear();
    for (const [k, v] of s.hdr.percentiles()) s.map.set(k, v);
    return s.map;
  }
  get percentilesBigInt() {
    const s = stateOf(this);
    s.map.clear();
    for (const [k, v] of s.hdr.percentiles()) s.map.set(k, BigInt(v));
    return s.map;
  }
  reset() {
    const s = stateOf(this);
    s.hdr.reset();
    s.count = 0;
    s.exceeds = 0;
    s.prevDelta = undefined;
  }
  toJSON() {
    return {
      count: this.count, min: this.min, max: this.max, mean: this.mean, exceeds: this.exceeds, stddev: this.stddev,
      percentiles: Object.fromEntries(this.percentiles),
    };
  }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    if (depth < 0) return `[${this.constructor.name}]`;
    const shown = {
      min: this.min, max: this.max, mean: this.mean, exceeds: this.exceeds, stddev: this.stddev, count: this.count,
      percentiles: this.percentiles,
    };
    return `Histogram ${inspect(shown, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}

function record(s, value) {
  if (s.hdr.record(value)) s.count++;
  else s.exceeds++;
}

class RecordableHistogram extends Histogram {
  constructor(skipThrowSymbol = undefined) {
    if (skipThrowSymbol !== kSkipThrow) throw illegalConstructor();
    super(skipThrowSymbol);
  }
  record(val) {
    const s = stateOf(this, 'RecordableHistogram');
    if (typeof val === 'bigint') {
      if (val < 1n) throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'value is out of range');
      record(s, Number(val));
      return;
    }
    validateInteger(val, 'val', 1);
    record(s, val);
  }
  recordDelta() {
    const s = stateOf(this, 'RecordableHistogram');
    const t = hrtime();
    if (s.prevDelta !== undefined) {
      const delta = Number(t - s.prevDelta);
      if (delta > 0) record(s, delta);
    }
    s.prevDelta = t;
  }
  add(other) {
    const s = stateOf(this, 'RecordableHistogram');
    const o = states.get(other);
    if (!(other instanceof RecordableHistogram) || !o) throw invalidArgType('other', 'RecordableHistogram', other);
    for (const [index, count] of o.hdr.counts) s.hdr.record(o.hdr.valueAtIndex(index), count);
    if (o.hdr.minValue < s.hdr.minValue) s.hdr.minValue = o.hdr.minValue;
    if (o.hdr.maxValue > s.hdr.maxValue) s.hdr.maxValue = o.hdr.maxValue;
    s.count += o.count;
    s.exceeds += o.exceeds;
  }
}

function makeState(lowest, highest, figures) {
  return { hdr: new Hdr(lowest, highest, figures), count: 0, exceeds: 0, map: new SafeMap(), prevDelta: undefined };
}

export function createHistogram(options = {}) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw invalidArgType('options', 'object', options);
  const { lowest = 1, highest = Number.MAX_SAFE_INTEGER, figures = 3 } = options;
  if (typeof lowest !== 'bigint') validateInteger(lowest, 'options.lowest', 1, Number.MAX_SAFE_INTEGER);
  if (typeof highest !== 'bigint') validateInteger(highest, 'options.highest', 2 * Number(lowest), Number.MAX_SAFE_INTEGER);
  else if (highest < 2n * lowest) {
    const err = invalidArgValue('options.highest', highest);
    throw Object.setPrototypeOf(err, RangeError.prototype);
  }
  validateInteger(figures, 'options.figures', 1, 5);
  const h = new RecordableHistogram(kSkipThrow);
  states.set(h, makeState(Number(lowest), Number(highest), figures));
  return h;
}

// monitorEventLoopDelay: a timer every `resolution` ms records, in nanoseconds, how long each
// interval really took (Node's libuv timer does the same).
class IntervalHistogram extends Histogram {
  constructor(skipThrowSymbol = undefined) {
    if (skipThrowSymbol !== kSkipThrow) throw illegalConstructor();
    super(skipThrowSymbol);
  }
  enable() {
    const s = stateOf(this, 'IntervalHistogram');
    if (s.timer) return false;
    let prev = hrtime();
    s.timer = setInterval(() => {
      const t = hrtime();
      record(s, Math.max(1, Number(t - prev)));
      prev = t;
    }, s.resolution);
    s.timer.unref?.();
    return true;
  }
  disable() {
    const s = stateOf(this, 'IntervalHistogram');
    if (!s.timer) return false;
    clearInterval(s.timer);
    s.timer = null;
    return true;
  }
}

export function monitorEventLoopDelay(options = {}) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw invalidArgType('options', 'object', options);
  const { resolution = 10 } = options;
  if (typeof resolution !== 'number') throw invalidArgType('options.resolution', 'number', resolution);
  if (resolution <= 0 || !Number.isSafeInteger(resolution)) throw outOfRange('resolution', '> 0', resolution);
  const h = new IntervalHistogram(kSkipThrow);
  states.set(h, { ...makeState(1, Number.MAX_SAFE_INTEGER, 3), resolution, timer: null });
  return h;
}

export const constants = {
  NODE_PERFORMANCE_GC_MAJOR: 4, NODE_PERFORMANCE_GC_MINOR: 1, NODE_PERFORMANCE_GC_INCREMENTAL: 8, NODE_PERFORMANCE_GC_WEAKCB: 16,
  NODE_PERFORMANCE_GC_FLAGS_NO: 0, NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2, NODE_PERFORMANCE_GC_FLAGS_FORCED: 4,
  NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8, NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16,
  NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32, NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64,
};

export default {
  Performance, PerformanceEntry, PerformanceMark, PerformanceMeasure, PerformanceObserver, PerformanceObserverEntryList,
  PerformanceResourceTiming, monitorEventLoopDelay, createHistogram, performance, constants,
};
