// node:perf_hooks: the `performance` global and its entry classes; observers are told of marks
// and measures; histograms record what they are given. There is no event loop delay sampler.
import { performance } from 'qjsw:internal/performance';
import { invalidArgType } from 'qjsw:internal/errors';

export { performance };
export const Performance = performance.constructor === Object ? class Performance {} : performance.constructor;
export class PerformanceEntry {
  constructor(name, entryType, startTime, duration, detail = null) {
    Object.assign(this, { name, entryType, startTime, duration, detail });
  }
  toJSON() { return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this.detail }; }
}
export class PerformanceMark extends PerformanceEntry {
  constructor(name, options = {}) {
    super(String(name), 'mark', options.startTime ?? performance.now(), 0, options.detail ?? null);
  }
}
export class PerformanceMeasure extends PerformanceEntry {}
export class PerformanceResourceTiming extends PerformanceEntry {}
export class PerformanceObserverEntryList {
  constructor(list) { this._list = list; }
  getEntries() { return [...this._list]; }
  getEntriesByType(type) { return this._list.filter((e) => e.entryType === type); }
  getEntriesByName(name, type) { return this._list.filter((e) => e.name === name && (type === undefined || e.entryType === type)); }
}

const observers = new Set();
export class PerformanceObserver {
  static supportedEntryTypes = ['function', 'gc', 'http', 'http2', 'mark', 'measure', 'net', 'resource'];
  constructor(callback) {
    if (typeof callback !== 'function') throw invalidArgType('callback', 'Function', callback);
    this._callback = callback;
    this._types = new Set();
    this._buffer = [];
  }
  observe(options = {}) {
    const types = options.entryTypes ?? (options.type !== undefined ? [options.type] : []);
    for (const t of types) this._types.add(t);
    observers.add(this);
    if (!polling) poll();
  }
  disconnect() { observers.delete(this); this._buffer = []; }
  takeRecords() { const r = this._buffer; this._buffer = []; return r; }
}

// Observers hear of new marks and measures (looked for after each turn that has observers).
let seen = 0;
let polling = false;
function poll() {
  polling = observers.size > 0;
  if (!polling) return;
  const all = performance.getEntries();
  const fresh = all.slice(Math.min(seen, all.length));
  seen = all.length;
  for (const o of observers) {
    const mine = fresh.filter((e) => o._types.has(e.entryType));
    if (mine.length) {
      o._buffer.push(...mine);
      const list = new PerformanceObserverEntryList(o.takeRecords());
      o._callback(list, o);
    }
  }
  setTimeout(poll, 10).unref();
}

class Histogram {
  constructor() { this.reset(); }
  reset() { this._values = []; }
  record(value) { this._values.push(Number(value)); }
  recordDelta() { const now = performance.now(); if (this._last !== undefined) this.record((now - this._last) * 1e6); this._last = now; }
  get count() { return this._values.length; }
  get min() { return this.count ? Math.min(...this._values) : 9223372036854776000; }
  get max() { return this.count ? Math.max(...this._values) : 0; }
  get mean() { return this.count ? this._values.reduce((a, b) => a + b, 0) / this.count : NaN; }
  get stddev() {
    if (!this.count) return NaN;
    const m = this.mean;
    return Math.sqrt(this._values.reduce((a, b) => a + (b - m) ** 2, 0) / this.count);
  }
  get exceeds() { return 0; }
  percentile(p) {
    if (!this.count) return 0;
    const sorted = [...this._values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  }
  get percentiles() { const m = new Map(); if (this.count) m.set(100, this.max); return m; }
  enable() { return false; }
  disable() { return false; }
}
export function createHistogram() { return new Histogram(); }
export function monitorEventLoopDelay() { return new Histogram(); }

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
