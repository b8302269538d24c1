'use strict';
// postMessageToThread (Node 20.19): a grandchild thread reaches the main thread and its
// sibling's child by thread id, with a MessagePort moved along; the errors for its own id, an
// unknown id, a thread without a 'workerMessage' listener and one whose listener throws, and
// the validation of the timeout.
const {
  Worker, isMainThread, parentPort, workerData, threadId, postMessageToThread, MessageChannel,
} = require('worker_threads');

const codeOf = (p) => p.then(() => 'delivered', (e) => `${e.name} ${e.code}: ${e.message}`);

if (!isMainThread) {
  if (workerData.role === 'silent') {
    parentPort.postMessage('ready');
    parentPort.once('message', () => {});
  } else if (workerData.role === 'throws') {
    process.on('workerMessage', () => { throw new Error('listener failed'); });
    parentPort.postMessage('ready');
    parentPort.once('message', () => {});
  } else if (workerData.role === 'middle') {
    // a child of its own, which talks to the main thread
    const w = new Worker(__filename, { workerData: { role: 'leaf' } });
    w.on('message', (m) => parentPort.postMessage(m));
  } else if (workerData.role === 'leaf') {
    // port1 stays open until the post has settled too: in Node a pending post does not keep
    // a thread alive, and the leaf could exit before reporting it
    const { port1, port2 } = new MessageChannel();
    const answered = new Promise((resolve) => port1.on('message', (m) => {
      parentPort.postMessage(`leaf got ${JSON.stringify(m)}`);
      resolve();
    }));
    const posted = codeOf(postMessageToThread(0, { from: threadId, port: port2 }, [port2]))
      .then((r) => parentPort.postMessage(`leaf's post: ${r}`));
    Promise.all([answered, posted]).then(() => port1.close());
  }
  return;
}

(async () => {
  process.on('workerMessage', (value, source) => {
    console.log('main got', Object.keys(value), 'from', source === value.from ? 'the sender' : source);
    value.port.postMessage({ hello: source });
    value.port.close();
  });
  const middle = new Worker(__filename, { workerData: { role: 'middle' } });
  const got = [];
  await new Promise((resolve) => middle.on('message', (m) => got.push(m) === 2 && resolve()));
  console.log(got.sort());
  await middle.terminate();

  console.log(await codeOf(postMessageToThread(threadId, 1)));
  console.log(await codeOf(postMessageToThread(1e6, 1)));
  console.log(await codeOf(postMessageToThread('1', 1)));
  for (const timeout of [-1, '5', NaN]) console.log(await codeOf(postMessageToThread(1, 1, [], timeout)));
  for (const role of ['silent', 'throws']) {
    const w = new Worker(__filename, { workerData: { role } });
    await new Promise((r) => w.once('message', r));
    console.log(role, await codeOf(postMessageToThread(w.threadId, { x: 1 })));
    w.postMessage('done');
    console.log(role, 'exit', await new Promise((r) => w.once('exit', r)));
  }
  // the main thread looks the destination up before it clones (an id no thread ever had: whether
  // an exited worker's id is still known is a race in Node)
  console.log(await codeOf(postMessageToThread(1e6, () => {})));
})();
