'use strict';
// Channels between threads: receiveMessageOnPort on a worker's parentPort, BroadcastChannel
// between the main thread and two workers, environment data a worker inherits, a
// MessageChannel port handed to a worker, and ports as EventTargets.
const {
  Worker, isMainThread, parentPort, workerData, receiveMessageOnPort, BroadcastChannel, MessageChannel,
  setEnvironmentData, getEnvironmentData,
} = require('worker_threads');

if (!isMainThread) {
  if (workerData.role === 'sync') {
    // the parent posts three messages, then 'go' on a BroadcastChannel: by then all three wait
    const bc = new BroadcastChannel('sync');
    bc.onmessage = () => {
      const got = [];
      for (let m; (m = receiveMessageOnPort(parentPort)); ) got.push(m.message);
      parentPort.postMessage({ got, env: getEnvironmentData('config') });
      bc.close();
    };
    parentPort.postMessage('ready');
  } else if (workerData.role === 'echo') {
    const bc = new BroadcastChannel('room');
    bc.addEventListener('message', (e) => {
      if (e.data === 'quit') return bc.close();
      // the other worker's answer: not answered again
      if (e.data.includes('heard')) return;
      bc.postMessage(`${workerData.name} heard ${e.data}`);
    });
    parentPort.postMessage('ready');
  } else if (workerData.role === 'port') {
    parentPort.once('message', ({ port }) => {
      port.addEventListener('message', (e) => {
        port.postMessage(e.data * 2);
        if (e.data === 3) port.close();
      });
      port.start();
    });
  }
  return;
}

const ready = (w) => new Promise((r) => w.once('message', r));
// listened for from the start: a worker that exits while its last message is on the way has
// that message and its 'exit' emitted in one go in Node
const exited = (w) => { w.exited = new Promise((r) => w.once('exit', r)); return w; };

(async () => {
  setEnvironmentData('config', { level: 3 });
  const sync = exited(new Worker(__filename, { workerData: { role: 'sync' } }));
  await ready(sync);
  for (const m of ['a', 'b', 'c']) sync.postMessage(m);
  const go = new BroadcastChannel('sync');
  go.postMessage('go');
  go.close();
  console.log('sync worker', JSON.stringify(await ready(sync)));
  console.log('sync exit', await sync.exited);

  const a = exited(new Worker(__filename, { workerData: { role: 'echo', name: 'A' } }));
  const b = exited(new Worker(__filename, { workerData: { role: 'echo', name: 'B' } }));
  await Promise.all([ready(a), ready(b)]);
  const room = new BroadcastChannel('room');
  const heard = [];
  room.onmessage = (e) => {
    // each worker answers the main thread's 'hello' (its answer reaches the other worker too)
    heard.push(e.data);
    if (heard.length === 2) {
      console.log(heard.sort());
      room.postMessage('quit');
      room.close();
    }
  };
  room.postMessage('hello');
  console.log('echo exits', await Promise.all([a.exited, b.exited]));

  const p = exited(new Worker(__filename, { workerData: { role: 'port' } }));
  const { port1, port2 } = new MessageChannel();
  p.postMessage({ port: port2 }, [port2]);
  const doubled = [];
  port1.on('message', (n) => doubled.push(n));
  // (in Node the port's 'close' and the worker's 'exit' come in either order)
  const closed = new Promise((r) => port1.on('close', r));
  for (const n of [1, 2, 3]) port1.postMessage(n);
  const [code] = await Promise.all([p.exited, closed]);
  console.log('doubled', doubled, 'port closed');
  console.log('port exit', code);
})();
