// The `performance` global and node:perf_hooks' timeline: a monotonic now() since the sandbox's
// start, timeOrigin, nodeTiming, User Timing (mark/measure with details, the entry buffer),
// PerformanceObserver (entries delivered in a later turn, as Node does with setImmediate),
// timerify and eventLoopUtilization.
import { hrtime } from 'qjsw:binding/util';
import 'qjsw:internal/process_object';
import { processInternals } from 'qjsw:internal/process_internals';
import { EventTarget } from 'qjsw:internal/event_target';
import { DOMException } from 'qjsw:internal/dom_exception';
import { structuredClone } from 'qjsw:internal/structured_clone';
import { invalidArgType, invalidArgValue, nodeError } from 'qjsw:internal/errors';

// As in Node, times count from the start of the process (here, the sandbox's boot; a worker's,
// its process's), not from the first use of `performance`.
export const now = () => Number(hrtime() - processInternals.startNs) / 1e6;

const kSkipThrow = Symbol('kSkipThrow');
const illegalConstructor = () => nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
const invalidTimestamp = (t) => nodeError(TypeError, 'ERR_PERFORMANCE_INVALID_TIMESTAMP', `${t} is not a valid timestamp`);
const invalidThis = (type) => nodeError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);
const missingArgs = (...names) => {
  const list = names.map((n) => `"${n}"`);
  const text = list.length === 1 ? `The ${list[0]} argument must be specified`
    : `The ${list.slice(0, -1).join(', ')} and ${list[list.length - 1]} arguments must be specified`;
  return nodeError(TypeError, 'ERR_MISSING_ARGS', text);
};
function validateNumber(value, name) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
}

// `${name}` as V8 words its failure for a symbol (QuickJS words it differently).
const toName = (value) => {
  if (typeof value === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
  return `${value}`;
};

const entryData = new WeakMap();
const dataOf = (self, type = 'PerformanceEntry') => entryData.get(self) ?? (() => { throw invalidThis(type); })();

export class PerformanceEntry {
  constructor(skipThrowSymbol = undefined, name = undefined, type = undefined, start = undefined, duration = undefined) {
    if (skipThrowSymbol !== kSkipThrow) throw illegalConstructor();
    entryData.set(this, { name, type, start, duration, detail: null });
  }
  get name() { return dataOf(this).name; }
  get entryType() { return dataOf(this).type; }
  get startTime() { return dataOf(this).start; }
  get duration() { return dataOf(this).duration; }
  toJSON() {
    return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration };
  }
}
for (const key of ['name', 'entryType', 'startTime', 'duration']) {
  Object.defineProperty(PerformanceEntry.prototype, key, { enumerable: true });
}
Object.defineProperty(PerformanceEntry.prototype, Symbol.for('nodejs.util.inspect.custom'), {
  value(depth, options, inspect) {
    if (depth < 0) return this;
    return `${this.constructor.name} ${inspect(this.toJSON(), { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  },
});

const nodeTimingNames = new Set(['nodeStart', 'v8Start', 'environment', 'loopStart', 'loopExit', 'bootstrapComplete']);
// Milestones of the sandbox's start, in the same order as Node's (all before the first script).
const bootNow = now();
const milestones = {
  nodeStart: bootNow * 0.01, v8Start: bootNow * 0.2, environment: bootNow * 0.5, bootstrapComplete: bootNow * 0.9,
};
const markTimings = new Map();

export class PerformanceMark extends PerformanceEntry {
  constructor(name, options = undefined) {
    if (arguments.length === 0) throw missingArgs('name');
    name = toName(name);
    if (nodeTimingNames.has(name)) throw invalidArgValue('name', name);
    if (options != null && (typeof options !== 'object' || Array.isArray(options))) throw invalidArgType('options', 'object', options);
    const startTime = options?.startTime ?? now();
    validateNumber(startTime, 'startTime');
    if (startTime < 0) throw invalidTimestamp(startTime);
    markTimings.set(name, startTime);
    const detail = options?.detail != null ? structuredClone(options.detail) : null;
    super(kSkipThrow, name, 'mark', startTime, 0);
    dataOf(this).detail = detail;
  }
  get detail() { return dataOf(this, 'PerformanceMark').detail; }
  toJSON() {
    return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: dataOf(this).detail };
  }
}
export class PerformanceMeasure extends PerformanceEntry {
  constructor(skipThrowSymbol = undefined, name = undefined, type = undefined, start = undefined, duration = undefined) {
    if (skipThrowSymbol !== kSkipThrow) throw illegalConstructor();
    super(skipThrowSymbol, name, type, start, duration);
  }
  get detail() { return dataOf(this, 'PerformanceMeasure').detail; }
  toJSON() {
    return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: dataOf(this).detail };
  }
}
// Resource Timing: an entry over the fetch timing info it is given (markResourceTiming).
const resourceData = new WeakMap();
const resourceOf = (self) => resourceData.get(self) ?? (() => { throw invalidThis('PerformanceResourceTiming'); })();
export class PerformanceResourceTiming extends PerformanceEntry {
  constructor(skipThrowSymbol = undefined, name = undefined, type = undefined) {
    if (skipThrowSymbol !== kSkipThrow) throw illegalConstructor();
    super(skipThrowSymbol, name, type);
  }
  get name() { return resourceOf(this).url; }
  get startTime() { return resourceOf(this).timing.startTime; }
  get duration() { const t = resourceOf(this).timing; return t.endTime - t.startTime; }
  get initiatorType() { return resourceOf(this).initiatorType; }
  get workerStart() { return resourceOf(this).timing.finalServiceWorkerStartTime; }
  get redirectStart() { return resourceOf(this).timing.redirectStartTime; }
  get redirectEnd() { return resourceOf(this).timing.redirectEndTime; }
  get fetchStart() { return resourceOf(this).timing.postRedirectStartTime; }
  get domainLookupStart() { return resourceOf(this).timing.finalConnectionTimingInfo?.domainLookupStartTime; }
  get domainLookupEnd() { return resourceOf(this).timing.finalConnectionTimingInfo?.domainLookupEndTime; }
  get connectStart() { return resourceOf(this).timing.finalConnectionTimingInfo?.connectionStartTime; }
  get connectEnd() { return resourceOf(this).timing.finalConnectionTimingInfo?.connectionEndTime; }
  get secureConnectionStart() { return resourceOf(this).timing.finalConnectionTimingInfo?.secureConnectionStartTime; }
  get nextHopProtocol() { return resourceOf(this).timing.finalConnectionTimingInfo?.ALPNNegotiatedProtocol; }
  get requestStart() { return resourceOf(this).timing.finalNetworkRequestStartTime; }
  get responseStart() { return resourceOf(this).timing.finalNetworkResponseStartTime; }
  get responseEnd() { return resourceOf(this).timing.endTime; }
  get encodedBodySize() { return resourceOf(this).timing.encodedBodySize; }
  get decodedBodySize() { return resourceOf(this).timing.decodedBodySize; }
  get transferSize() {
    const r = resourceOf(this);
    if (r.cacheMode === 'local') return 0;
    if (r.cacheMode === 'validated') return 300;
    return r.timing.encodedBodySize + 300;
  }
  toJSON() {
    resourceOf(this);
    const out = {};
    for (const key of resourceKeys) out[key] = this[key];
    return out;
  }
}
const resourceKeys = ['name', 'entryType', 'startTime', 'duration', 'initiatorType', 'nextHopProtocol', 'workerStart',
  'redirectStart', 'redirectEnd', 'fetchStart', 'domainLookupStart', 'domainLookupEnd', 'connectStart', 'connectEnd',
  'secureConnectionStart', 'requestStart', 'responseStart', 'responseEnd', 'transferSize', 'encodedBodySize', 'decodedBodySize'];
for (const key of resourceKeys.slice(4).concat('toJSON')) {
  Object.defineProperty(PerformanceResourceTiming.prototype, key, { enumerable: true });
}
for (const C of [PerformanceMark, PerformanceMeasure, PerformanceResourceTiming]) {
  if (C !== PerformanceResourceTiming) Object.defineProperty(C.prototype, 'detail', { enumerable: true });
  if (C !== PerformanceResourceTiming) Object.defineProperty(C.prototype, 'toJSON', { enumerable: true });
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
}
// Entries of other kinds (function) made by this module.
export function makeEntry(name, type, start, duration, detail) {
  const entry = new PerformanceEntry(kSkipThrow, name, type, start, duration);
  dataOf(entry).detail = detail;
  return entry;
}

class PerformanceNodeTiming {
  constructor(skip) {
    if (skip !== kSkipThrow) throw illegalConstructor();
  }
  get name() { return 'node'; }
  get entryType() { return 'node'; }
  get startTime() { return 0; }
  get duration() { return now(); }
  get nodeStart() { return milestones.nodeStart; }
  get v8Start() { return milestones.v8Start; }
  get bootstrapComplete() { return milestones.bootstrapComplete; }
  get environment() { return milestones.environment; }
  // The sandbox's loop is the host's: it counts as not started, as in Node before the first turn.
  get loopStart() { return -1; }
  get loopExit() { return -1; }
  get idleTime() { return 0; }
  toJSON() {
    const out = {};
    for (const key of ['name', 'entryType', 'startTime', 'duration', 'nodeStart', 'v8Start', 'bootstrapComplete',
      'environment', 'loopStart', 'loopExit', 'idleTime']) out[key] = this[key];
    return out;
  }
}
for (const key of ['name', 'entryType', 'startTime', 'duration', 'nodeStart', 'v8Start', 'bootstrapComplete', 'environment',
  'loopStart', 'loopExit', 'idleTime']) {
  Object.defineProperty(PerformanceNodeTiming.prototype, key, { enumerable: true });
}
Object.defineProperty(PerformanceNodeTiming.prototype, Symbol.toStringTag, { value: 'PerformanceNodeTiming', configurable: true });
const nodeTiming = new PerformanceNodeTiming(kSkipThrow);

// ---- the timeline buffer and observers
let markBuffer = [];
let measureBuffer = [];
let resourceBuffer = [];
let resourceBufferLimit = 250;
const byStart = (a, b) => a.startTime - b.startTime;
function filtered(name, type) {
  let list;
  if (type === 'mark') list = markBuffer;
  else if (type === 'measure') list = measureBuffer;
  else if (type === 'resource') list = resourceBuffer;
  else if (type === undefined) list = [...markBuffer, ...measureBuffer, ...resourceBuffer];
  else list = [];
  if (name !== undefined) list = list.filter((e) => e.name === name);
  return list.slice().sort(byStart);
}

export const supportedEntryTypes = Object.freeze(['dns', 'function', 'gc', 'http', 'http2', 'mark', 'measure', 'net', 'resource']);
const observers = new Set();
const pending = new Set();
let dispatchQueued = false;
const observerData = new WeakMap();

export function enqueue(entry) {
  for (const o of observers) {
    const d = observerData.get(o);
    if (!d.types.has(entry.entryType)) continue;
    d.buffer.push(entry);
    pending.add(o);
  }
  scheduleDispatch();
}
function scheduleDispatch() {
  if (pending.size && !dispatchQueued) {
    dispatchQueued = true;
    setImmediate(() => {
      dispatchQueued = false;
      const list = [...pending];
      pending.clear();
      for (const o of list) {
        const d = observerData.get(o);
        d.callback.call(o, new PerformanceObserverEntryList(kSkipThrow, o.takeRecords()), o);
      }
    });
  }
}
export const hasObserver = (type) => [...observers].some((o) => observerData.get(o).types.has(type));

const listData = new WeakMap();
export class PerformanceObserverEntryList {
  constructor(skip, entries) {
    if (skip !== kSkipThrow) throw illegalConstructor();
    listData.set(this, entries.slice().sort(byStart));
  }
  getEntries() { return listData.get(this).slice(); }
  getEntriesByType(type) {
    if (arguments.length === 0) throw missingArgs('type');
    type = `${type}`;
    return listData.get(this).filter((e) => e.entryType === type);
  }
  getEntriesByName(name, type) {
    if (arguments.length === 0) throw missingArgs('name');
    name = `${name}`;
    if (type !== undefined) type = `${type}`;
    return listData.get(this).filter((e) => e.name === name && (type === undefined || e.entryType === type));
  }
}

export class PerformanceObserver {
  constructor(callback) {
    if (typeof callback !== 'function') throw invalidArgType('callback', 'Function', callback);
    observerData.set(this, { callback, types: new Set(), buffer: [], kind: undefined });
  }
  static get supportedEntryTypes() { return supportedEntryTypes; }
  observe(options = {}) {
    if (options === null || typeof options !== 'object') throw invalidArgType('options', 'object', options);
    const { entryTypes, type, buffered } = options;
    if (entryTypes === undefined && type === undefined) throw missingArgs('options.entryTypes', 'options.type');
    if (entryTypes != null && type != null) {
      throw invalidArgValue('options.entryTypes', entryTypes, 'options.entryTypes can not set with options.type together');
    }
    const d = observerData.get(this);
    const kind = entryTypes !== undefined ? 'multiple' : 'single';
    if (d.kind === undefined) d.kind = kind;
    else if (d.kind !== kind) {
      throw new DOMException('PerformanceObserver can not change to multiple observations', 'InvalidModificationError');
    }
    if (kind === 'multiple') {
      if (!Array.isArray(entryTypes)) throw invalidArgType('options.entryTypes', 'string[]', entryTypes);
      d.types.clear();
      for (const t of entryTypes) if (supportedEntryTypes.includes(t)) d.types.add(t);
      if (d.types.size === 0) return;
      observers.add(this);
    } else {
      if (!supportedEntryTypes.includes(type)) return;
      d.types.add(type);
      observers.add(this);
      if (buffered) {
        const entries = filtered(undefined, type);
        if (entries.length) {
          d.buffer.push(...entries);
          pending.add(this);
          scheduleDispatch();
        }
      }
    }
  }
  disconnect() {
    const d = observerData.get(this);
    observers.delete(this);
    pending.delete(this);
    d.buffer = [];
    d.types.clear();
    d.kind = undefined;
  }
  takeRecords() {
    const d = observerData.get(this);
    const list = d.buffer;
    d.buffer = [];
    return list;
  }
}
Object.defineProperty(PerformanceObserver.prototype, Symbol.toStringTag, { value: 'PerformanceObserver', configurable: true });

// ---- User Timing
function getMark(name) {
  if (name === undefined) return undefined;
  if (typeof name === 'number') {
    if (name < 0) throw invalidTimestamp(name);
    return name;
  }
  name = `${name}`;
  if (nodeTimingNames.has(name)) return nodeTiming[name];
  const t = markTimings.get(name);
  if (t === undefined) throw new DOMException(`The "${name}" performance mark has not been set`, 'SyntaxError');
  return t;
}
const invalidMeasureOptions = (msg) => nodeError(TypeError, 'ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS', msg);

function mark(name, options) {
  const entry = new PerformanceMark(...arguments);
  markBuffer.push(entry);
  enqueue(entry);
  return entry;
}
function measure(name, startOrOptions, endMark) {
  if (typeof name !== 'string') throw invalidArgType('name', 'string', name);
  startOrOptions ??= 0;
  let start;
  let end;
  let duration;
  let optionsValid = false;
  if (typeof startOrOptions === 'object') {
    ({ start, end, duration } = startOrOptions);
    optionsValid = start !== undefined || end !== undefined;
  }
  if (optionsValid) {
    if (endMark !== undefined) throw invalidMeasureOptions('endMark must not be specified');
    if (start !== undefined && end !== undefined && duration !== undefined) {
      throw invalidMeasureOptions('Must not have options.start, options.end, and options.duration specified');
    }
  }
  if (endMark !== undefined) end = getMark(endMark);
  else if (optionsValid && end !== undefined) end = getMark(end);
  else if (optionsValid && start !== undefined && duration !== undefined) end = getMark(start) + getMark(duration);
  else end = now();
  if (typeof startOrOptions === 'string') start = getMark(startOrOptions);
  else if (optionsValid && start !== undefined) start = getMark(start);
  else if (optionsValid && duration !== undefined && end !== undefined) start = end - getMark(duration);
  else start = 0;
  const detail = startOrOptions?.detail != null ? structuredClone(startOrOptions.detail) : null;
  const entry = new PerformanceMeasure(kSkipThrow, name, 'measure', start, end - start);
  dataOf(entry).detail = detail;
  measureBuffer.push(entry);
  enqueue(entry);
  return entry;
}
function clearMarks(name) {
  if (name !== undefined) {
    name = toName(name);
    if (nodeTimingNames.has(name)) throw invalidArgValue('name', name);
    markTimings.delete(name);
    markBuffer = markBuffer.filter((e) => e.name !== name);
    return;
  }
  markTimings.clear();
  markBuffer = [];
}
function clearMeasures(name) {
  if (name !== undefined) {
    name = toName(name);
    measureBuffer = measureBuffer.filter((e) => e.name !== name);
    return;
  }
  measureBuffer = [];
}

// The sandbox cannot see its loop's idle time: its loop counts as not started (Node's answer
// before the loop starts), so utilization is all zeros.
function eventLoopUtilization(util1, util2) {
  if (util2) return { idle: util1.idle - util2.idle, active: util1.active - util2.active, utilization: 0 };
  if (util1) return { idle: 0 - util1.idle, active: 0 - util1.active, utilization: 0 };
  return { idle: 0, active: 0, utilization: 0 };
}

const timerified = new WeakMap();
function timerify(fn, options = {}) {
  if (typeof fn !== 'function') throw invalidArgType('fn', 'function', fn);
  if (options === null || typeof options !== 'object') throw invalidArgType('options', 'object', options);
  const { histogram } = options;
  if (histogram !== undefined && (histogram === null || typeof histogram.record !== 'function')) {
    throw invalidArgType('options.histogram', 'RecordableHistogram', histogram);
  }
  if (timerified.has(fn)) return timerified.get(fn);
  const done = (start, args) => {
    const end = now();
    histogram?.record(Math.max(1, Math.ceil((end - start) * 1e6)));
    if (hasObserver('function')) enqueue(makeEntry(fn.name, 'function', start, end - start, args));
  };
  function timerified_(...args) {
    const start = now();
    const result = new.target ? Reflect.construct(fn, args, fn) : Reflect.apply(fn, this, args);
    if (!new.target && result && typeof result.finally === 'function') {
      return result.finally(() => done(start, args));
    }
    done(start, args);
    return result;
  }
  Object.defineProperties(timerified_, {
    length: { value: fn.length, configurable: true },
    name: { value: `timerified ${fn.name}`, configurable: true },
  });
  timerified.set(fn, timerified_);
  return timerified_;
}

export class Performance extends EventTarget {
  constructor(skip) {
    if (skip !== kSkipThrow) throw illegalConstructor();
    super();
  }
  clearMarks(name) { return clearMarks(...arguments); } // eslint-disable-line no-unused-vars
  clearMeasures(name) { return clearMeasures(...arguments); } // eslint-disable-line no-unused-vars
  clearResourceTimings(name = undefined) {
    if (name !== undefined) {
      name = toName(name);
      resourceBuffer = resourceBuffer.filter((e) => e.name !== name);
    } else {
      resourceBuffer = [];
    }
  }
  getEntries() { return filtered(); }
  getEntriesByName(name, type) {
    if (arguments.length === 0) throw missingArgs('name');
    return filtered(`${name}`, type === undefined ? undefined : `${type}`);
  }
  getEntriesByType(type) {
    if (arguments.length === 0) throw missingArgs('type');
    return filtered(undefined, `${type}`);
  }
  mark(name, options) { return mark(...arguments); } // eslint-disable-line no-unused-vars
  measure(name, startOrOptions, endMark) { return measure(...arguments); } // eslint-disable-line no-unused-vars
  now() { return now(); }
  setResourceTimingBufferSize(maxSize) {
    if (arguments.length === 0) throw missingArgs('maxSize');
    if (typeof maxSize !== 'number') throw invalidArgType('maxSize', 'number', maxSize);
    if (maxSize < 0 || !Number.isInteger(maxSize)) {
      throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "maxSize" is out of range. It must be >= 0 && <= 4294967295. Received ${maxSize}`);
    }
    resourceBufferLimit = maxSize;
  }
  get timeOrigin() { return processInternals.getTimeOrigin(); }
  toJSON() {
    return { nodeTiming: this.nodeTiming, timeOrigin: this.timeOrigin, eventLoopUtilization: this.eventLoopUtilization() };
  }
  eventLoopUtilization(u1, u2) { return eventLoopUtilization(u1, u2); }
  get nodeTiming() { return nodeTiming; }
  // Entries past the buffer's limit are delivered to observers but not kept (Node keeps them
  // aside for a 'resourcetimingbufferfull' handler, which is not implemented here).
  markResourceTiming(timingInfo, requestedUrl, initiatorType, global, cacheMode) {
    const entry = new PerformanceResourceTiming(kSkipThrow, requestedUrl, 'resource');
    resourceData.set(entry, { timing: timingInfo, url: requestedUrl, initiatorType, cacheMode: cacheMode ?? '' });
    enqueue(entry);
    if (resourceBuffer.length < resourceBufferLimit) resourceBuffer.push(entry);
    return entry;
  }
  timerify(fn, options) { return timerify(...arguments); } // eslint-disable-line no-unused-vars
}
for (const key of ['timeOrigin', 'nodeTiming']) Object.defineProperty(Performance.prototype, key, { enumerable: true });
Object.defineProperty(Performance.prototype, Symbol.toStringTag, { value: 'Performance', configurable: true });
Object.defineProperty(Performance.prototype, Symbol.for('nodejs.util.inspect.custom'), {
  value(depth, options, inspect) {
    if (depth < 0) return this;
    return `Performance ${inspect({ nodeTiming: this.nodeTiming, timeOrigin: this.timeOrigin, eventLoopUtilization: this.eventLoopUtilization },
      { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  },
});

export const performance = new Performance(kSkipThrow);
