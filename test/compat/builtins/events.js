// node:events: EventEmitter basics, errors and the promise helpers.
'use strict';
const { check, checkAsync } = require('./_check');
const EventEmitter = require('events');
const { once } = require('events');

check('default export is the class', () => EventEmitter === EventEmitter.EventEmitter);
check('defaultMaxListeners', () => EventEmitter.defaultMaxListeners);
check('on/emit with args', () => {
  const e = new EventEmitter();
  const seen = [];
  e.on('x', (a, b) => seen.push(a + b));
  return [e.emit('x', 1, 2), e.emit('y'), seen];
});
check('once fires once', () => {
  const e = new EventEmitter();
  let n = 0;
  e.once('x', () => n++);
  e.emit('x'); e.emit('x');
  return [n, e.listenerCount('x')];
});
check('prepend order', () => {
  const e = new EventEmitter();
  const order = [];
  e.on('x', () => order.push('on'));
  e.prependListener('x', () => order.push('prepend'));
  e.prependOnceListener('x', () => order.push('prependOnce'));
  e.emit('x'); e.emit('x');
  return order;
});
check('off and removeAllListeners', () => {
  const e = new EventEmitter();
  const f = () => {};
  e.on('a', f); e.on('a', () => {}); e.on('b', f);
  e.off('a', f);
  const afterOff = e.listenerCount('a');
  e.removeAllListeners('a');
  return [afterOff, e.eventNames(), e.removeAllListeners() === e, e.eventNames()];
});
check('error without listener throws the error', () => {
  const e = new EventEmitter();
  e.emit('error', new TypeError('bad'));
});
check('error without listener, non-error value', () => {
  const e = new EventEmitter();
  e.emit('error', 'text');
});
check('newListener and removeListener events', () => {
  const e = new EventEmitter();
  const log = [];
  e.on('newListener', (name) => log.push(`new:${String(name)}`));
  e.on('removeListener', (name) => log.push(`remove:${String(name)}`));
  const f = () => {};
  e.on('x', f);
  e.removeListener('x', f);
  return log;
});
check('rawListeners keeps once wrappers', () => {
  const e = new EventEmitter();
  const f = () => {};
  e.once('x', f);
  const raw = e.rawListeners('x');
  return [raw.length, raw[0] === f, raw[0].listener === f, e.listeners('x')[0] === f];
});
check('listener must be a function', () => new EventEmitter().on('x', 42));
check('setMaxListeners validates', () => new EventEmitter().setMaxListeners(-1));
check('getMaxListeners', () => { const e = new EventEmitter(); e.setMaxListeners(3); return e.getMaxListeners(); });
check('symbol event names', () => {
  const e = new EventEmitter();
  const s = Symbol('s');
  e.on(s, () => {});
  return e.eventNames();
});
check('emit returns false without listeners', () => new EventEmitter().emit('none'));
check('this inside listener', () => {
  const e = new EventEmitter();
  let self;
  e.on('x', function () { self = this; });
  e.emit('x');
  return self === e;
});

(async () => {
  await checkAsync('events.once resolves with args', async () => {
    const e = new EventEmitter();
    setTimeout(() => e.emit('ready', 1, 'two'), 1);
    return once(e, 'ready');
  });
  await checkAsync('events.once rejects on error', async () => {
    const e = new EventEmitter();
    setTimeout(() => e.emit('error', new Error('boom')), 1);
    return once(e, 'ready');
  });
})();

(async () => {
  await new Promise((r) => setTimeout(r, 5));
  await checkAsync('events.on iterates until return', async () => {
    const { on } = require('events');
    const e = new EventEmitter();
    setTimeout(() => { e.emit('data', 1); e.emit('data', 2, 3); e.emit('data', 4); }, 1);
    const seen = [];
    for await (const args of on(e, 'data')) {
      seen.push(args);
      if (seen.length === 3) break;
    }
    return [seen, e.listenerCount('data'), e.listenerCount('error')];
  });
  await checkAsync('events.on throws on error', async () => {
    const { on } = require('events');
    const e = new EventEmitter();
    setTimeout(() => { e.emit('data', 1); e.emit('error', new RangeError('stop')); }, 1);
    const seen = [];
    for await (const args of on(e, 'data')) seen.push(args);
    return seen;
  });
  await checkAsync('events.once with a bad signal', async () => once(new EventEmitter(), 'x', { signal: 'nope' }));
  await checkAsync('events.once with an aborted signal', async () => {
    const ac = new AbortController();
    ac.abort();
    return once(new EventEmitter(), 'x', { signal: ac.signal });
  });
  check('events.listenerCount (static)', () => { const e = new EventEmitter(); e.on('a', () => {}); return EventEmitter.listenerCount(e, 'a'); });
  check('setMaxListeners with a non-number', () => new EventEmitter().setMaxListeners('3'));
})();

check('prototype keys and aliases', () => [Object.keys(EventEmitter.prototype), EventEmitter.prototype.on === EventEmitter.prototype.addListener,
  EventEmitter.prototype.off === EventEmitter.prototype.removeListener]);
check('a subclass overriding off and removeListener in terms of each other', () => {
  class Sub extends EventEmitter {
    removeListener(ev, fn) { return this.off(ev, fn); }
    off(ev, fn) { return super.off(ev, fn); }
  }
  const s = new Sub();
  const f = () => {};
  s.on('x', f);
  s.removeListener('x', f);
  return s.listenerCount('x');
});
