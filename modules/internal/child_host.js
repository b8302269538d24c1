// The host's child-process functions (runtime/child-processes.ts), handed over by the boot: a
// capability of the builtins, held here and never reachable by an id a guest can import.
// Events for this sandbox (its children's output, exit and messages; its own stdin and its
// parent's messages) come in on the loop's poll phase, one callback each, as Node's do.
import { addPollSource, nextTick } from 'qjsw:internal/loop';
import { invalidArgType, nodeError } from 'qjsw:internal/errors';

let host = null;
const handlers = new Map();
let polling = false;

export function setHost(functions) {
  host = functions;
}

export function hostFunctions() {
  return host;
}

// This runtime as a worker_threads Worker ({ threadId, name, resourceLimits }), or null.
let worker = null;
export function setWorkerInfo(info) {
  worker = info;
}
export function workerInfo() {
  return worker;
}

function dispatch(event) {
  const [kind, ...rest] = event;
  for (const fn of handlers.get(kind) ?? []) fn(...rest);
}

/**
 * `fn` gets each event of this kind: data, exit, message, disconnect (the first argument is
 * the child's id, 0 for this process's parent), stdin.
 */
export function onHostEvent(kind, fn) {
  if (!handlers.has(kind)) handlers.set(kind, []);
  handlers.get(kind).push(fn);
  if (polling || host === null) return;
  polling = true;
  addPollSource({
    pending: () => host.pending(),
    take: () => (host.take() ?? []).map((event) => () => dispatch(event)),
  });
}

// Both ends of a fork's IPC channel, as Node's setupChannel gives them to the ChildProcess and
// to the child's process: send(message, [handle], [options], [callback]) over the host's JSON
// messages to channel `id` (a child's id, or 0 for this process's parent).
export function ipcSend(end, id, connected, message, handle, options, callback) {
  if (typeof handle === 'function') {
    callback = handle;
    options = undefined;
  } else if (typeof options === 'function') {
    callback = options;
    options = undefined;
  } else if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    throw invalidArgType('options', 'Object', options);
  }
  if (message === undefined) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "message" argument must be specified');
  if (!connected) {
    const ex = nodeError(Error, 'ERR_IPC_CHANNEL_CLOSED', 'Channel closed');
    if (typeof callback === 'function') nextTick(callback, [ex]);
    else nextTick(() => end.emit('error', ex), []);
    return false;
  }
  host.send(id, JSON.stringify(message));
  if (typeof callback === 'function') nextTick(callback, [null]);
  return true;
}

export function ipcDisconnect(end, id, connected) {
  if (!connected) {
    end.emit('error', nodeError(Error, 'ERR_IPC_DISCONNECTED', 'IPC channel is already disconnected'));
    return;
  }
  host.disconnect(id);
}

// A message from the host's channel: emitted as 'message' on `end`; text that is not JSON
// (nothing the host sends) is dropped.
export function ipcReceive(end, json) {
  let message;
  try {
    message = JSON.parse(json);
  } catch {
    return;
  }
  end.emit('message', message, undefined);
}
