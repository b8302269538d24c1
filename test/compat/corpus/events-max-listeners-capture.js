'use strict';
// EventEmitter details Node's tests check: the max-listeners warning's text, getMaxListeners
// for emitters and EventTargets, validation of limits and of captureRejections, an unhandled
// 'error' with a non-Error shown by util.inspect, and captured rejections of async listeners.
const common = require('../common');
const events = require('events');
const { EventEmitter, getMaxListeners, setMaxListeners } = events;

process.on('warning', (w) => console.log('warning', w.name, w.message, w.count, String(w.type)));

class FakeInput extends EventEmitter {}
const fake = new FakeInput();
fake.setMaxListeners(1);
fake.on('event-type', () => {});
fake.on('event-type', () => {});
const plain = new EventEmitter();
plain.setMaxListeners(1);
plain.on(Symbol('sym'), () => {});
plain.on(Symbol('sym2'), () => {});
const sym = Symbol('same');
plain.on(sym, () => {});
plain.on(sym, () => {});

const ee = new EventEmitter();
console.log(getMaxListeners(ee), EventEmitter.getMaxListeners === getMaxListeners);
setMaxListeners(7, ee);
console.log(getMaxListeners(ee), ee.getMaxListeners());
const et = new EventTarget();
console.log(getMaxListeners(et));
setMaxListeners(3, et);
console.log(getMaxListeners(et));
for (const bad of [-1, NaN, 'x', {}]) {
  for (const [label, fn] of [['setMaxListeners', () => ee.setMaxListeners(bad)],
                             ['defaultMaxListeners', () => { EventEmitter.defaultMaxListeners = bad; }],
                             ['static', () => setMaxListeners(bad)]]) {
    try { fn(); } catch (e) { console.log(label, String(bad), e.name, e.code, e.message); }
  }
}
try { getMaxListeners({}); } catch (e) { console.log(e.code, e.message); }

for (const er of ['a string', { message: 'Error!' }, undefined, 42]) {
  try { new EventEmitter().emit('error', er); } catch (e) { console.log(e.code, e.message, e.context === er); }
}
try {
  new EventEmitter().emit('error', { [require('util').inspect.custom]() { throw new Error(); } });
} catch (e) { console.log(e.message); }

try { new EventEmitter({ captureRejections: 'yes' }); } catch (e) { console.log(e.code, e.message); }
try { EventEmitter.captureRejections = 1; } catch (e) { console.log(e.code, e.message); }
console.log(EventEmitter.captureRejections);

const captured = new EventEmitter({ captureRejections: true });
captured.on('something', async (value) => { throw new Error(`kaboom ${value}`); });
captured.on('error', common.mustCall((err) => console.log('error event', err.message)));
captured.emit('something', 42);

const withHandler = new EventEmitter({ captureRejections: true });
withHandler[EventEmitter.captureRejectionSymbol] = common.mustCall((err, type, ...args) => {
  console.log('rejection method', err.message, type, args);
});
withHandler.on('thing', async () => { throw new Error('by method'); });
withHandler.emit('thing', 1, 2);
console.log('sync end');
