'use strict';
// A FileHandle in a transfer list moves to the receiver: the sender's handle reads fd -1,
// closes without a 'close' event, and the receiver reads and closes the file. One in use (a
// stream over it, a pending close) cannot be transferred, nor one left out of the list.
const common = require('../common');
const fs = require('fs');
const fsp = require('fs/promises');
const { Worker, isMainThread, parentPort, workerData, MessageChannel, receiveMessageOnPort } = require('worker_threads');

if (!isMainThread) {
  const { handle, label } = workerData;
  handle.on('close', () => parentPort.postMessage(`${label}: worker handle closed`));
  handle.readFile('utf8').then(async (text) => {
    parentPort.postMessage(`${label}: worker read ${JSON.stringify(text)} ${handle.constructor.name}`);
    await handle.close();
    parentPort.postMessage(`${label}: fd after close ${handle.fd}`);
  });
  return;
}

const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const file = tmpdir.resolve('data.txt');
fs.writeFileSync(file, 'hello world');
const describe = (err) => `${err.name} ${err.code} ${err.message}`;

(async () => {
  const handle = await fsp.open(file, 'r');
  handle.on('close', common.mustNotCall());
  const worker = new Worker(__filename, { workerData: { handle, label: 'one' }, transferList: [handle] });
  console.log('sender fd after transfer', handle.fd);
  await handle.close();
  console.log('sender close resolved', handle.fd);
  await handle.stat().catch((err) => console.log('sender stat', err.code, err.syscall));
  const messages = [];
  worker.on('message', (m) => messages.push(m));
  await new Promise((resolve) => worker.on('exit', resolve));
  console.log(messages.sort());

  const busy = await fsp.open(file, 'r');
  const stream = fs.createReadStream(null, { fd: busy });
  try {
    new Worker(__filename, { workerData: { handle: busy }, transferList: [busy] });
  } catch (err) {
    console.log('with a stream', describe(err));
  }
  stream.resume();
  await busy.close();
  console.log('busy closed', busy.fd);

  const closing = await fsp.open(file, 'r');
  const closed = closing.close();
  const { port1, port2 } = new MessageChannel();
  try {
    port1.postMessage(closing, [closing]);
  } catch (err) {
    console.log('while closing', describe(err));
  }
  await closed;

  const unlisted = await fsp.open(file, 'r');
  try {
    port1.postMessage({ unlisted });
  } catch (err) {
    console.log('not listed', describe(err));
  }
  // within one thread, over a MessageChannel
  port1.postMessage({ unlisted }, [unlisted]);
  const moved = receiveMessageOnPort(port2).message.unlisted;
  console.log('moved', unlisted.fd, moved !== unlisted, moved instanceof unlisted.constructor);
  console.log('moved reads', await moved.readFile('utf8'));
  await moved.close();
  port1.close();
})().then(common.mustCall());
