'use strict';
// EventTarget and AbortSignal as Node has them: dependent-signal order, listeners that resist
// stopImmediatePropagation, brand checks and errors, the onabort attribute, util.inspect.
const common = require('../common');
const assert = require('assert');
const events = require('events');
const util = require('util');

const show = (f) => {
  try {
    return f();
  } catch (e) {
    return `${e.name} ${e.code} ${e.message}`;
  }
};

// AbortSignal.any: dependants abort right after their source, in the order they were made
const controller = new AbortController();
const signals = [controller.signal];
signals.push(AbortSignal.any([controller.signal]), AbortSignal.any([controller.signal]));
signals.push(AbortSignal.any([signals[0]]), AbortSignal.any([signals[1]]));
let order = '';
signals.forEach((s, i) => s.addEventListener('abort', () => (order += i)));
controller.abort('why');
console.log(order, signals.map((s) => s.reason));
console.log(show(() => AbortSignal.any([AbortSignal.abort(), undefined])));
console.log(show(() => AbortSignal.any('x')));
console.log(show(() => AbortSignal.timeout(1.5)), show(() => AbortSignal.timeout(-1)));
console.log(show(() => new AbortSignal()), show(() => Reflect.get(AbortSignal.prototype, 'aborted', {})));

// a composite signal nothing else holds still aborts while it has a listener (the timeout is
// unref'd: the interval keeps the loop alive until then)
const keepAlive = setInterval(() => {}, 1000);
AbortSignal.any([AbortSignal.timeout(5)]).addEventListener('abort', common.mustCall((e) => {
  clearInterval(keepAlive);
  console.log('timeout', e.target.reason.name, e.isTrusted);
}));

// events.addAbortListener runs even after stopImmediatePropagation
const ac2 = new AbortController();
ac2.signal.addEventListener('abort', (e) => e.stopImmediatePropagation());
ac2.signal.addEventListener('abort', common.mustNotCall());
events.addAbortListener(ac2.signal, common.mustCall((e) => console.log('resisting listener', e.type)));
const disposed = events.addAbortListener(ac2.signal, common.mustNotCall());
disposed[Symbol.dispose]();
ac2.abort();
console.log(show(() => events.addAbortListener()), show(() => events.addAbortListener(ac2.signal, {})));

// onabort keeps its place however often it changes; the getter gives what was set
const ac3 = new AbortController();
const seen = [];
ac3.signal.onabort = 5;
console.log(ac3.signal.onabort);
ac3.signal.onabort = () => seen.push('h1');
ac3.signal.addEventListener('abort', () => seen.push('l'));
ac3.signal.onabort = () => seen.push('h2');
ac3.abort();
console.log(seen);

// a listener added behind one still to run is reached; errors of object listeners are uncaught
const et = new EventTarget();
const log = [];
et.addEventListener('y', () => {
  log.push(1);
  et.addEventListener('y', () => log.push(3));
});
et.addEventListener('y', () => log.push(2));
et.dispatchEvent(new Event('y'));
console.log(log, events.getEventListeners(et, 'y').length);
console.log(show(() => et.addEventListener('q', 5)), show(() => et.addEventListener('q', () => {}, 5)));
console.log(show(() => et.dispatchEvent()), show(() => et.dispatchEvent({})));
console.log(show(() => EventTarget.prototype.dispatchEvent.call({}, new Event('x'))), show(() => new Event('a', 5)));
console.log(show(() => Reflect.get(Event.prototype, 'type', {})), show(() => new Event()));
events.setMaxListeners(1, et);
console.log(events.getMaxListeners(et));

console.log(util.inspect(new AbortController()), util.inspect(AbortSignal.abort()), util.inspect(et));
console.log(Object.keys(AbortSignal.prototype), Object.keys(AbortController.prototype), Object.keys(EventTarget.prototype));
console.log(Object.keys(Event.prototype), Object.keys(Event), Object.keys(CustomEvent.prototype));
console.log(Object.keys(events));

// EventEmitterAsyncResource: emit runs in its resource's scope
const { EventEmitterAsyncResource } = events;
const { executionAsyncId } = require('async_hooks');
const ee = new EventEmitterAsyncResource({ name: 'Thing' });
ee.on('x', common.mustCall(() => assert.strictEqual(executionAsyncId(), ee.asyncId)));
ee.emit('x');
assert.strictEqual(ee.asyncResource.eventEmitter, ee);
console.log(show(() => EventEmitterAsyncResource.prototype.emit()), show(() => new EventEmitterAsyncResource({})));
