// A child process's own side (node:child_process in its parent started it): its pid, its
// stdin pipe, and for fork() the IPC channel to its parent (process.send, 'message',
// disconnect), JSON-serialized as Node's default 'json' serialization.
import process, { setStdinWaiter } from 'node:process';
import { refWaiting } from 'qjsw:internal/loop';
import { hostFunctions, onHostEvent } from 'qjsw:internal/child_host';
import { nodeError } from 'qjsw:internal/errors';

export function setupChild(child) {
  process.pid = child.pid;
  process.ppid = child.ppid;
  process.execArgv = child.execArgv.slice();
  process.argv0 = child.argv0;
  if (child.stdinPipe) pipeStdin();
  if (child.ipc) openChannel();
}

// A read that found the pipe empty waits for the parent's next write or end, and keeps the
// loop alive meanwhile (as a reading process.stdin does in Node).
function pipeStdin() {
  let retry = null;
  setStdinWaiter((fn) => {
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
  const host = hostFunctions();
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
  process.send = function send(message, handle, options, callback) {
    if (typeof handle === 'function') {
      callback = handle;
      handle = undefined;
      options = undefined;
    } else if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    if (message === undefined) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "message" argument must be specified');
    if (!connected) {
      const ex = nodeError(Error, 'ERR_IPC_CHANNEL_CLOSED', 'Channel closed');
      if (typeof callback === 'function') process.nextTick(callback, ex);
      else process.nextTick(() => process.emit('error', ex));
      return false;
    }
    host.send(0, JSON.stringify(message));
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  };
  process.disconnect = function disconnect() {
    if (!connected) {
      process.emit('error', nodeError(Error, 'ERR_IPC_DISCONNECTED', 'IPC channel is already disconnected'));
      return;
    }
    host.disconnect(0);
  };
  onHostEvent('message', (id, json) => {
    if (id !== 0) return;
    let message;
    try {
      message = JSON.parse(json);
    } catch {
      return;
    }
    process.emit('message', message, undefined);
  });
  onHostEvent('disconnect', (id) => {
    if (id !== 0 || !connected) return;
    connected = false;
    process.connected = false;
    hold();
    process.nextTick(() => process.emit('disconnect'));
  });
}
