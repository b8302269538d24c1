// diagnostics_channel: tracingChannel's argument checks, bound stores under traceSync,
// traceCallback and tracePromise, a throwing transform, and channels going inactive.
const dc = require('diagnostics_channel');
const { AsyncLocalStorage } = require('async_hooks');

const show = (label, fn) => {
  try {
    fn();
    console.log(label, 'ok');
  } catch (err) {
    console.log(label, err.name, err.code, err.message);
  }
};
show('number', () => dc.tracingChannel(0));
show('bad start', () => dc.tracingChannel({ start: '' }));
show('empty object', () => dc.tracingChannel({}));
show('channel name', () => dc.channel(1));
console.log('instanceof', dc.channel('x') instanceof dc.Channel, {} instanceof dc.Channel);

const tc = dc.tracingChannel('demo');
const store = new AsyncLocalStorage();
tc.start.bindStore(store, (ctx) => ({ phase: 'start', n: ctx.n }));
tc.asyncStart.bindStore(store, (ctx) => ({ phase: 'asyncStart', n: ctx.n }));
const events = [];
tc.subscribe({
  start: (ctx) => events.push(`start ${ctx.n}`),
  end: (ctx) => events.push(`end ${ctx.n}`),
  asyncStart: (ctx) => events.push(`asyncStart ${ctx.n} ${ctx.error ? 'error' : ctx.result}`),
  asyncEnd: (ctx) => events.push(`asyncEnd ${ctx.n}`),
  error: (ctx) => events.push(`error ${ctx.n} ${ctx.error.message}`),
});
console.log('sync', tc.traceSync(() => store.getStore(), { n: 1 }));
tc.traceCallback((cb) => {
  events.push(`in fn ${JSON.stringify(store.getStore())}`);
  setImmediate(cb, null, 'done');
}, 0, { n: 2 }, null, (err, res) => {
  events.push(`callback ${res} ${JSON.stringify(store.getStore())}`);
  setImmediate(finish);
});
tc.tracePromise(async () => {
  throw new Error('nope');
}, { n: 3 }).catch((err) => events.push(`caught ${err.message}`)).then(finish);
show('traceCallback without callback', () => tc.traceCallback(() => {}, 0, {}, null, 'x'));
console.log('outside', store.getStore());

// once the callback and the promise are both done
let pending = 2;
function finish() {
  if (--pending > 0) return;
  console.log(events.join('\n'));
  // a transform that throws: the run goes on without that store, the error is uncaught later
  const ch = dc.channel('transform');
  const s2 = new AsyncLocalStorage();
  ch.bindStore(s2, () => { throw new Error('transform failed'); });
  process.once('uncaughtException', (err) => console.log('uncaught', err.message));
  ch.runStores({}, () => console.log('ran with', s2.getStore()));
  console.log('unbind', ch.unbindStore(s2), ch.unbindStore(s2), ch.hasSubscribers);
}
