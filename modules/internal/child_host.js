// The host's child-process functions (runtime/sandbox/child-processes.ts), handed over by the boot: a
// capability of the builtins, held here and never reachable by an id a guest can import.
// Events for this sandbox (its children's output, exit and messages; its own stdin and its
// parent's messages) come in on the loop's poll phase, one callback each, as Node's do.
import { addPollSource, nextTick } from 'qjsw:internal/loop';
import { invalidArgType, nodeError } from 'qjsw:internal/errors';
import { importBuiltin } from 'qjsw:binding/module';

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
// to the child's process: send(message, [handle], [options], [callback]) over the host's
// messages to channel `id` (a child's id, or 0 for this process's parent), JSON text or, for
// 'advanced' serialization, the bytes of V8's format.
export function ipcSend(end, id, connected, message, handle, options, callback, serialization) {
  if (typeof handle === 'function') {
    callback = handle;
    handle = undefined;
    options = undefined;
  } else if (typeof options === 'function') {
    callback = options;
    options = undefined;
  } else if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    throw invalidArgType('options', 'Object', options);
  }
  if (!connected) {
    const ex = nodeError(Error, 'ERR_IPC_CHANNEL_CLOSED', 'Channel closed');
    if (typeof callback === 'function') nextTick(callback, [ex]);
    else nextTick(() => end.emit('error', ex), []);
    return false;
  }
  if (message === undefined) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "message" argument must be specified');
  if (!['string', 'object', 'number', 'boolean'].includes(typeof message)) {
    throw invalidArgType('message', ['string', 'object', 'number', 'boolean'], message);
  }
  // a handle travels with its message in Node; here no handle can (there are no sockets to
  // pass), so one of the kinds Node sends goes without its message's handle, as before
  if (handle && !sendableHandle(handle)) throw nodeError(TypeError, 'ERR_INVALID_HANDLE_TYPE', 'This handle type cannot be sent');
  host.send(id, serialization === 'advanced' ? serializeAdvanced(message) : JSON.stringify(message));
  if (typeof callback === 'function') nextTick(callback, [null]);
  return true;
}

function sendableHandle(handle) {
  const net = importBuiltin('node:net');
  const dgram = importBuiltin('node:dgram');
  return handle instanceof net.Socket || handle instanceof net.Server || handle instanceof dgram.Socket;
}

// Node's ChildProcessSerializer: V8's format, where a view keeps its type and any other host
// object goes as a plain copy of its properties.
function serializeAdvanced(message) {
  const { DefaultSerializer } = importBuiltin('node:v8');
  const ser = new DefaultSerializer();
  ser._writeHostObject = function writeHostObject(object) {
    if (ArrayBuffer.isView(object)) {
      this.writeUint32(0);
      return DefaultSerializer.prototype._writeHostObject.call(this, object);
    }
    this.writeUint32(1);
    this.writeValue({ ...object });
  };
  ser.writeHeader();
  ser.writeValue(message);
  const buf = ser.releaseBuffer();
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

function deserializeAdvanced(bytes) {
  const { DefaultDeserializer } = importBuiltin('node:v8');
  const der = new DefaultDeserializer(new Uint8Array(bytes));
  der._readHostObject = function readHostObject() {
    if (this.readUint32() === 0) return DefaultDeserializer.prototype._readHostObject.call(this);
    return this.readValue();
  };
  der.readHeader();
  return der.readValue();
}

export function ipcDisconnect(end, id, connected) {
  if (!connected) {
    end.emit('error', nodeError(Error, 'ERR_IPC_DISCONNECTED', 'IPC channel is already disconnected'));
    return;
  }
  host.disconnect(id);
}

// Node's messages whose cmd starts with NODE_ are its own ('internalMessage'), not the user's.
function isInternal(message) {
  return message !== null && typeof message === 'object' && typeof message.cmd === 'string' &&
    message.cmd.length > 5 && message.cmd.startsWith('NODE_');
}

// A message from the host's channel (JSON text, or bytes of 'advanced' serialization):
// emitted on `end` in a tick, as Node's handleMessage does; what does not decode (nothing the
// sandbox's own ends send) is dropped.
export function ipcReceive(end, data) {
  let message;
  try {
    message = typeof data === 'string' ? JSON.parse(data) : deserializeAdvanced(data);
  } catch {
    return;
  }
  nextTick(() => end.emit(isInternal(message) ? 'internalMessage' : 'message', message, undefined), []);
}
