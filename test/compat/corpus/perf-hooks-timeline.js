'use strict';
// perf_hooks' User Timing and PerformanceObserver: entries, their classes and JSON, measure's
// forms, observer delivery order, and the errors of each.
const common = require('../common');
const {
  performance, PerformanceObserver, PerformanceEntry, PerformanceMark, PerformanceMeasure,
} = require('perf_hooks');
const util = require('util');

const show = (e) => JSON.stringify({ ...e.toJSON(), startTime: typeof e.startTime });
console.log(Object.prototype.toString.call(performance), typeof performance.now(), performance.now() > 0);
console.log(typeof performance.timeOrigin, Object.keys(performance.toJSON()), Object.keys(performance.nodeTiming.toJSON()));
console.log(PerformanceObserver.supportedEntryTypes);

const m1 = performance.mark('a', { startTime: 5, detail: { x: [1] } });
const m2 = performance.mark('b', { startTime: 15 });
console.log(m1 instanceof PerformanceMark, m1 instanceof PerformanceEntry, JSON.stringify(m1), Object.keys(m1));
console.log(util.inspect(m2), Object.prototype.toString.call(m2));
const measures = [
  performance.measure('ab', 'a', 'b'),
  performance.measure('opt', { start: 'a', end: 'b', detail: 'd' }),
  performance.measure('dur-end', { duration: 3, end: 'b' }),
  performance.measure('dur-start', { duration: 3, start: 'a' }),
  performance.measure('nums', { start: 1, end: 2 }),
  performance.measure('from-a', 'a'),
  performance.measure('node', 'nodeStart', 'bootstrapComplete'),
];
for (const m of measures) console.log(m instanceof PerformanceMeasure, m.name, m.startTime === performance.nodeTiming.nodeStart || m.startTime, m.detail, m.duration > 0);
// (where nodeStart falls among the marks differs from run to run)
console.log(performance.getEntries().filter((e) => e.name !== 'node').map((e) => `${e.entryType}:${e.name}`).join(' '));
console.log(performance.getEntriesByType('mark').length, performance.getEntriesByName('a').length, performance.getEntriesByName('ab', 'measure').length);
performance.clearMarks('a');
console.log(performance.getEntriesByType('mark').map((e) => e.name));
performance.clearMeasures();
console.log(performance.getEntriesByType('measure').length);

const errors = [
  () => performance.mark('nodeStart'),
  () => performance.mark('x', { startTime: -1 }),
  () => performance.mark('x', { startTime: 'a' }),
  () => performance.mark('x', 1),
  () => performance.measure('m', 'nope'),
  () => performance.measure(1),
  () => performance.measure('m', { start: 1, end: 2, duration: 3 }),
  () => performance.measure('m', { start: 1 }, 'b'),
  () => new PerformanceEntry(),
  () => new PerformanceMeasure(),
  () => new PerformanceMark(),
  () => new PerformanceObserver(1),
  () => new PerformanceObserver(() => {}).observe({}),
  () => new PerformanceObserver(() => {}).observe({ type: 'mark', entryTypes: ['mark'] }),
  () => performance.getEntriesByName(),
  () => performance.clearMarks('nodeStart'),
];
for (const fn of errors) {
  try {
    fn();
    console.log('no error');
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}

const seen = [];
const obs = new PerformanceObserver(common.mustCall((list, observer) => {
  console.log('observer', observer === obs, list.getEntries().map((e) => e.name), list.getEntriesByType('measure').length,
    list.getEntriesByName('o1').length);
  seen.push(...list.getEntries());
  obs.disconnect();
}));
obs.observe({ entryTypes: ['mark', 'measure'] });
performance.mark('o1');
performance.mark('o2');
performance.measure('o1-o2', 'o1', 'o2');
console.log('sync', seen.length, obs.takeRecords().length);
obs.observe({ entryTypes: ['mark'] });
performance.mark('o3');
console.log('took', obs.takeRecords().map((e) => e.name));

const buffered = new PerformanceObserver(common.mustCall((list) => {
  // sorted: whether 'b' (startTime 15) comes before the o marks depends on how long boot took
  console.log('buffered', list.getEntries().map((e) => e.name).sort());
  buffered.disconnect();
}));
buffered.observe({ type: 'mark', buffered: true });

process.nextTick(() => console.log('tick before observers'));
setImmediate(() => console.log('immediate'));
