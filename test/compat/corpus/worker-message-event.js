'use strict';
// MessageEvent (a global) and what ports and BroadcastChannels deliver: the event's fields,
// its checks, the order in which channels of one name get what waits for them, brand checks
// and inspect of a BroadcastChannel, receiveMessageOnPort on one.
const { MessageChannel, BroadcastChannel, receiveMessageOnPort } = require('worker_threads');
const util = require('util');

const { port1 } = new MessageChannel();
const show = (e) => [e.type, e.data, e.origin, e.lastEventId, e.source === port1, e.ports.length];
console.log(show(new MessageEvent('message')));
console.log(show(new MessageEvent('messageerror', { data: 2, origin: 1, lastEventId: 0, source: port1, ports: [port1] })));
console.log(new MessageEvent('x') instanceof Event, Object.keys(MessageEvent.prototype));
for (const init of [{ source: 1 }, { ports: 0 }, { ports: [null] }, { ports: 'ab' }]) {
  try {
    new MessageEvent('message', init);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
try {
  Reflect.get(MessageEvent.prototype, 'data', {});
} catch (e) {
  console.log(e.code, e.message);
}
port1.close();

const c1 = new BroadcastChannel('order');
const c2 = new BroadcastChannel('order');
const c3 = new BroadcastChannel('order');
const seen = [];
for (const [name, c] of [['c1', c1], ['c2', c2], ['c3', c3]]) {
  c.onmessage = (e) => {
    seen.push(`${name} ${e.data} ${e instanceof MessageEvent} ${e.target === c}`);
    if (seen.length === 6) {
      console.log(seen);
      for (const x of [c1, c2, c3]) x.close();
      console.log(util.inspect(c1));
    }
  };
}
c1.postMessage('from c1');
c3.postMessage('from c3');
c2.postMessage('done');
console.log(util.inspect(c1), c1.name);
for (const m of ['close', 'postMessage', 'ref', 'unref']) {
  try {
    BroadcastChannel.prototype[m].call({});
  } catch (e) {
    console.log(m, e.code);
  }
}
const a = new BroadcastChannel('sync');
const b = new BroadcastChannel('sync');
a.postMessage({ n: 1 });
console.log(receiveMessageOnPort(b), receiveMessageOnPort(b));
try {
  a.postMessage(new MessageChannel());
} catch (e) {
  console.log(e.code, e.message);
}
a.close();
b.close();
