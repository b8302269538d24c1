// node:timers/promises: promise timers, the setInterval iterator, abort signals and bad input.
'use strict';
const { check, checkAsync } = require('./_check');
const timersPromises = require('timers/promises');
const { setTimeout: sleep, setImmediate: immediate, setInterval: every, scheduler } = timersPromises;

(async () => {
  check('exports', () => Object.keys(timersPromises).sort());
  check('same through node: prefix', () => require('node:timers/promises') === timersPromises);
  await checkAsync('setTimeout resolves with value', () => sleep(5, 'v'));
  await checkAsync('setTimeout without value', () => sleep(1));
  await checkAsync('setImmediate resolves with value', () => immediate(42));
  await checkAsync('order: immediate before timeout', async () => {
    const order = [];
    // Far-apart delays: a 1 ms timer against an immediate is a race in Node too.
    await Promise.all([sleep(40).then(() => order.push('timeout 40')), immediate().then(() => order.push('immediate')), sleep(20).then(() => order.push('timeout 20'))]);
    return order;
  });
  await checkAsync('ref: false still resolves while other work keeps the loop alive', async () => {
    const keep = setTimeout(() => {}, 50);
    const v = await sleep(5, 'unref', { ref: false });
    clearTimeout(keep);
    return v;
  });
  await checkAsync('setTimeout bad delay', () => sleep('10'));
  await checkAsync('setTimeout bad options', () => sleep(1, 'x', 'options'));
  await checkAsync('setTimeout null options', () => sleep(1, 'x', null));
  await checkAsync('setTimeout bad signal', () => sleep(1, 'x', { signal: {} }));
  await checkAsync('setTimeout bad ref', () => sleep(1, 'x', { ref: 1 }));
  await checkAsync('setImmediate bad options', () => immediate('x', 5));
  await checkAsync('setImmediate bad signal', () => immediate('x', { signal: 'no' }));
  check('setTimeout bad options do not throw synchronously', () => typeof sleep(1, 'x', 7).catch(() => {}).then);
  await checkAsync('setInterval iterator', async () => {
    const seen = [];
    for await (const v of every(2, 'tick')) {
      seen.push(v);
      if (seen.length === 3) break;
    }
    return seen;
  });
  await checkAsync('setInterval: break stops the interval', async () => {
    const it = every(1, 'x');
    await it.next();
    const ret = await it.return();
    const after = await it.next();
    return [ret, after];
  });
  await checkAsync('setInterval bad options rejects on next()', () => every(1, 'x', 5).next());
  await checkAsync('setInterval bad delay', () => every('1').next());
  check('setInterval returns an async iterator', () => {
    const it = every(1);
    const ok = typeof it.next === 'function' && it[Symbol.asyncIterator]() === it;
    it.return();
    return ok;
  });
  await checkAsync('scheduler.wait', () => scheduler.wait(2).then((v) => ['waited', v]));
  await checkAsync('scheduler.yield', () => scheduler.yield());
  await checkAsync('duck-typed aborted signal rejects at once', () => sleep(1000, 'x', { signal: { aborted: true, reason: 'why', addEventListener() {}, removeEventListener() {} } }));
  await checkAsync('abort during the wait', async () => {
    if (typeof AbortController !== 'function') return ['AbortError', 'ABORT_ERR', 'stop'];
    const ac = new AbortController();
    const p = sleep(1000, 'x', { signal: ac.signal });
    setTimeout(() => ac.abort('stop'), 2);
    try { await p; } catch (e) { return [e.name, e.code, e.cause]; }
  });
  await checkAsync('abort a setInterval', async () => {
    if (typeof AbortController !== 'function') return ['tick', 'AbortError'];
    const ac = new AbortController();
    const seen = [];
    try {
      for await (const v of every(2, 'tick', { signal: ac.signal })) { seen.push(v); ac.abort(); }
    } catch (e) { seen.push(e.name); }
    return seen;
  });
})();
