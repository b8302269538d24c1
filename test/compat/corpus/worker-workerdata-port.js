'use strict';
// A MessagePort in workerData, moved by its transferList: the worker answers through it, and
// the port closes when the worker ends; a port left out of the transferList is an error.
const { Worker, MessageChannel, isMainThread, workerData } = require('worker_threads');

if (!isMainThread) {
  workerData.port.postMessage(`hello ${workerData.n}`);
  workerData.port.on('message', (m) => {
    workerData.port.postMessage(m * 2);
    workerData.port.close();
  });
  return;
}

const { port1, port2 } = new MessageChannel();
port1.postMessage(21);
const w = new Worker(__filename, { workerData: { port: port2, n: 1 }, transferList: [port2] });
const got = [];
port1.on('message', (m) => got.push(m));
const closed = new Promise((r) => port1.on('close', r));
Promise.all([closed, new Promise((r) => w.on('exit', r))]).then(([, code]) => console.log(got, 'exit', code));
try {
  const c = new MessageChannel();
  new Worker(__filename, { workerData: { port: c.port1 }, transferList: [] });
} catch (e) {
  console.log(e.code, e.message);
}
