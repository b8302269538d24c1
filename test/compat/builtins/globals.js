// The web-platform globals a Node script expects: Event/EventTarget, AbortController/Signal,
// DOMException, structuredClone, TextEncoder/TextDecoder, atob/btoa, performance, queueMicrotask.
'use strict';
const { check, checkAsync } = require('./_check');

check('enumerable globals (without fetch and crypto)', () => Object.keys(globalThis).filter((k) => k !== 'fetch' && k !== 'crypto'));
check('typeof globals', () => ['EventTarget', 'Event', 'AbortController', 'AbortSignal', 'DOMException', 'structuredClone',
  'TextEncoder', 'TextDecoder', 'atob', 'btoa', 'performance', 'queueMicrotask', 'global', 'Buffer', 'process', 'console']
  .map((n) => `${n}:${typeof globalThis[n]}`));
check('Event basics', () => {
  const e = new Event('x', { cancelable: true, bubbles: true });
  return [Object.keys(e), String(e), e.type, e.bubbles, e.cancelable, e.composed, e.eventPhase, e.defaultPrevented, e.isTrusted, e.target, Event.AT_TARGET];
});
check('Event without a type', () => new Event());
check('dispatch, once and preventDefault', () => {
  const et = new EventTarget();
  const seen = [];
  et.addEventListener('x', (ev) => { seen.push([ev.type, ev.target === et, ev.currentTarget === et, ev.eventPhase]); ev.preventDefault(); }, { once: true });
  const first = et.dispatchEvent(new Event('x', { cancelable: true }));
  const second = et.dispatchEvent(new Event('x', { cancelable: true }));
  return [first, second, seen];
});
check('listener objects, duplicates and removal', () => {
  const et = new EventTarget();
  const seen = [];
  const fn = () => seen.push('fn');
  const obj = { handleEvent(ev) { seen.push(`obj:${ev.type}`); } };
  et.addEventListener('y', fn);
  et.addEventListener('y', fn);
  et.addEventListener('y', obj);
  et.dispatchEvent(new Event('y'));
  et.removeEventListener('y', fn);
  et.dispatchEvent(new Event('y'));
  return seen;
});
check('stopImmediatePropagation', () => {
  const et = new EventTarget();
  const seen = [];
  et.addEventListener('z', (ev) => { seen.push(1); ev.stopImmediatePropagation(); });
  et.addEventListener('z', () => seen.push(2));
  et.dispatchEvent(new Event('z'));
  return seen;
});
check('dispatchEvent of a non-event', () => new EventTarget().dispatchEvent('x'));
check('AbortController', () => {
  const ac = new AbortController();
  const seen = [];
  ac.signal.addEventListener('abort', (ev) => seen.push(ev.type));
  ac.signal.onabort = () => seen.push('onabort');
  ac.abort();
  ac.abort();
  const r = ac.signal.reason;
  return [ac.signal.aborted, seen, r.name, r.message, r.code, r instanceof DOMException, r instanceof Error, String(ac.signal), String(ac)];
});
check('abort with a reason', () => { const ac = new AbortController(); ac.abort(new RangeError('mine')); return ac.signal.reason; });
check('throwIfAborted', () => AbortSignal.abort('why').throwIfAborted());
check('AbortSignal.any', () => [AbortSignal.any([AbortSignal.abort(1)]).reason, AbortSignal.any([new AbortController().signal]).aborted]);
check('AbortSignal constructor', () => new AbortSignal());
check('DOMException', () => {
  const d = new DOMException('m', 'NotFoundError');
  return [d.name, d.code, d.message, d instanceof Error, DOMException.NOT_FOUND_ERR, new DOMException().name, Object.prototype.toString.call(d)];
});
check('structuredClone', () => {
  const src = { a: 1, list: [1, , 3], date: new Date(0), re: /x/g, map: new Map([[1, { b: 2 }]]), set: new Set(['s']),
    err: new RangeError('r'), bytes: new Uint8Array([1, 2]), big: 5n, str: Object('boxed'), nested: { deep: { x: null } } };
  const c = structuredClone(src);
  return [c, c.err instanceof RangeError, c.map !== src.map, c.bytes.buffer !== src.bytes.buffer];
});
check('structuredClone keeps cycles', () => { const o = { x: 1 }; o.me = o; const c = structuredClone(o); return [c.me === c, c !== o]; });
check('structuredClone of a function', () => structuredClone(() => 1));
check('structuredClone of a symbol', () => structuredClone({ s: Symbol('x') }));
check('structuredClone drops prototypes', () => { class K { constructor() { this.v = 1; } } const c = structuredClone(new K()); return [c, c instanceof K]; });
check('TextEncoder/TextDecoder globals', () => [new TextEncoder().encode('hé'), new TextDecoder().decode(new Uint8Array([104, 195, 169]))]);
check('atob/btoa', () => [btoa('hello'), atob('aGVsbG8='), atob(' aGVs bG8= ')]);
check('atob bad input', () => atob('%%%'));
check('performance', () => {
  const t0 = performance.now();
  const m = performance.mark('start');
  const meas = performance.measure('span', 'start');
  return [typeof t0, t0 >= 0, performance.now() >= t0, typeof performance.timeOrigin, m.entryType, m.name, meas.entryType, meas.duration >= 0];
});
(async () => {
  await checkAsync('queueMicrotask order', () => new Promise((resolve) => {
    const order = [];
    queueMicrotask(() => order.push('micro'));
    Promise.resolve().then(() => order.push('promise'));
    setTimeout(() => resolve(order), 0);
    order.push('sync');
  }));
  await checkAsync('AbortSignal.timeout (kept alive by another timer)', () => new Promise((resolve) => {
    const s = AbortSignal.timeout(5);
    const keepAlive = setTimeout(() => resolve('not aborted in time'), 1000);
    s.addEventListener('abort', () => {
      clearTimeout(keepAlive);
      resolve([s.aborted, s.reason.name, s.reason.message, s.reason.code]);
    });
  }));
})();
