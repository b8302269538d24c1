'use strict';
// MessagePort's rules as Node has them: what its prototype holds, that it cannot be made or
// called, MessageChannel without new, the transfer list's checks in Node's order, a port with
// no listener left keeping what comes for the next one, a port closed by its listener still
// delivering what had arrived, event.ports, and inspect's active/refed.
const { MessageChannel, MessagePort, moveMessagePortToContext } = require('worker_threads');
const util = require('util');

const err = (fn) => {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return `${e.name} ${e.code}: ${e.message}`;
  }
};
console.log(Object.getOwnPropertyNames(MessagePort.prototype).sort());
console.log(err(() => new MessagePort()), '|', err(() => MessagePort()), '|', err(() => MessageChannel()));
const { port1, port2 } = new MessageChannel();
console.log(port1 instanceof MessagePort, port1.constructor === MessagePort);
const other = new MessageChannel();
const buf = new ArrayBuffer(8);
console.log(err(() => port1.postMessage(null, [port1])));
console.log(err(() => port1.postMessage(null, [other.port1, other.port1])));
console.log(err(() => port1.postMessage(null, [buf, buf])), buf.byteLength);
const closed = new MessageChannel();
closed.port1.close();
console.log(err(() => port1.postMessage(null, [buf, closed.port1])), buf.byteLength);
console.log(err(() => moveMessagePortToContext(closed.port1, {})), '|', err(() => moveMessagePortToContext({}, {})));
console.log(util.inspect(port1).includes('active: true'), util.inspect(closed.port1).includes('active: false'));

const dummy = () => console.log('never');
port2.on('message', dummy);
setImmediate(() => {
  port2.off('message', dummy);
  port1.postMessage({ n: 1 });
  setImmediate(() => {
    port2.on('message', (m) => {
      console.log('later listener got', m);
      const c = new MessageChannel();
      c.port2.on('message', (x) => {
        console.log('closing on', x);
        c.port2.close();
      });
      c.port1.postMessage('a');
      c.port1.postMessage('b');
      const d = new MessageChannel();
      const moved = new MessageChannel();
      d.port2.addEventListener('message', (e) => {
        console.log('ports in event', e.ports.length, e.ports[0] instanceof MessagePort, e.data.p === e.ports[0]);
        e.ports[0].close();
        d.port1.close();
        moved.port1.close();
      });
      d.port1.postMessage({ p: moved.port2 }, [moved.port2]);
      port2.close();
      other.port1.close();
    });
  });
});
