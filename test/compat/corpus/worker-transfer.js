'use strict';
// Transfer lists: an ArrayBuffer sent to a worker is detached in the sender (its views too);
// markAsUntransferable makes it a copy; a port of a MessageChannel moves within a thread.
const { Worker, isMainThread, parentPort, MessageChannel, markAsUntransferable, receiveMessageOnPort } = require('worker_threads');

if (!isMainThread) {
  parentPort.on('message', (m) => {
    parentPort.postMessage({ len: m.byteLength ?? m.length, first: new Uint8Array(m.buffer ?? m)[0] });
    parentPort.close();
  });
  return;
}

const ab = new ArrayBuffer(16);
const view = new Uint8Array(ab);
view[0] = 42;
const worker = new Worker(__filename);
worker.postMessage(ab, [ab]);
console.log('after transfer', ab.byteLength, view.length, view.byteLength);
worker.on('message', (m) => console.log('worker saw', m));
worker.on('exit', (code) => {
  console.log('exit', code);
  const kept = new ArrayBuffer(4);
  markAsUntransferable(kept);
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(kept, [kept]);
  console.log('untransferable kept', kept.byteLength);
  const got = receiveMessageOnPort(port2);
  console.log('received', got.message.byteLength, receiveMessageOnPort(port2));
  // a port moves to its new owner within this thread
  const inner = new MessageChannel();
  port1.postMessage({ port: inner.port2 }, [inner.port2]);
  const moved = receiveMessageOnPort(port2).message.port;
  console.log('moved port', moved === inner.port2);
  try {
    port1.postMessage({ port: inner.port1 });
  } catch (e) {
    console.log(e.name, e.message);
  }
  try {
    port1.postMessage(kept, [kept, kept]);
  } catch (e) {
    console.log(e.name, e.message);
  }
  port1.close();
  inner.port1.close();
});
