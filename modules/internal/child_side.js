// A child process's own side (node:child_process in its parent started it): its pid, its
// stdin pipe, and for fork() the IPC channel to its parent (process.send, 'message',
// disconnect), JSON-serialized as Node's default 'json' serialization.
import process from 'qjsw:internal/process_object';
import { processInternals } from 'qjsw:internal/process_internals';
import { refWaiting } from 'qjsw:internal/loop';
import { importBuiltin } from 'qjsw:binding/module';
import { onHostEvent, ipcSend, ipcDisconnect, ipcReceive, setWorkerInfo } from 'qjsw:internal/child_host';
import { listenThreadMessages } from 'qjsw:internal/worker/messaging';

export function setupChild(child) {
  process.pid = child.pid;
  process.ppid = child.ppid;
  process.execArgv = child.execArgv.slice();
  process.argv0 = child.argv0;
  // a worker thread: node:worker_threads reads it (its parentPort, workerData, threadId)
  if (child.worker) {
    if (child.worker.clock) processInternals.setProcessClock(child.worker.clock);
    setWorkerInfo(child.worker);
    processInternals.disownProcessState();
    // postMessageToThread reaches every thread, whether or not it loads node:worker_threads
    listenThreadMessages();
  }
  if (child.stdinPipe) pipeStdin();
  if (child.ipc) openChannel();
}

// A read that found the pipe empty waits for the parent's next write or end, and keeps the
// loop alive meanwhile (as a reading process.stdin does in Node).
function pipeStdin() {
  let retry = null;
  processInternals.setStdinWaiter((fn) => {
    if (!retry) refWaiting(1);
    retry = fn;
  });
  onHostEvent('stdin', () => {
    const fn = retry;
    if (!fn) return;
    retry = null;
    refWaiting(-1);
    fn();
  });
}

function openChannel() {
  // as Node's child bootstrap: the parent's spawn() named the channel's serialization in the
  // environment, which the child reads and takes out
  const serialization = process.env.NODE_CHANNEL_SERIALIZATION_MODE === 'advanced' ? 'advanced' : 'json';
  delete process.env.NODE_CHANNEL_FD;
  delete process.env.NODE_CHANNEL_SERIALIZATION_MODE;
  let connected = true;
  // the channel keeps the child alive while someone listens for messages, as in Node
  let held = 0;
  const hold = () => {
    const want = connected && process.listenerCount('message') + process.listenerCount('disconnect') > 0 ? 1 : 0;
    if (want !== held) refWaiting(want - held);
    held = want;
  };
  process.on('newListener', (name) => {
    if (name === 'message' || name === 'disconnect') Promise.resolve().then(hold);
  });
  process.on('removeListener', (name) => {
    if (name === 'message' || name === 'disconnect') hold();
  });
  process.connected = true;
  process.channel = { ref() {}, unref() {} };
  importBuiltin('qjsw:internal/child_process').defineDeprecatedChannel(process);
  process.send = function send(message, handle, options, callback) {
    return ipcSend(process, 0, connected, message, handle, options, callback, serialization);
  };
  process.disconnect = function disconnect() {
    ipcDisconnect(process, 0, connected);
  };
  onHostEvent('message', (id, data) => {
    if (id === 0) ipcReceive(process, data);
  });
  onHostEvent('disconnect', (id) => {
    if (id !== 0 || !connected) return;
    connected = false;
    process.connected = false;
    hold();
    process.nextTick(() => process.emit('disconnect'));
  });
}
