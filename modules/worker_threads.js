// node:worker_threads from the main thread of a sandbox that cannot start threads: Worker
// fails when made (ERR_WORKER_INIT_FAILED); message ports work within the sandbox, messages
// cloned with structuredClone and delivered on a later turn, as Node delivers them.
import { EventEmitter } from 'node:events';
import { nodeError } from 'qjsw:internal/errors';

export const isMainThread = true;
export const threadId = 0;
export const parentPort = null;
export const workerData = null;
export const resourceLimits = {};
export const SHARE_ENV = Symbol.for('nodejs.worker_threads.SHARE_ENV');

const kOther = Symbol('other');
const kQueue = Symbol('queue');
const kClosed = Symbol('closed');

export class MessagePort extends EventEmitter {
  constructor() {
    super();
    this[kQueue] = [];
    this[kClosed] = false;
    this[kOther] = null;
    this.onmessage = null;
  }
  postMessage(value) {
    const other = this[kOther];
    if (this[kClosed] || !other || other[kClosed]) return;
    other[kQueue].push(structuredClone(value));
    setImmediate(() => other.drain());
  }
  drain() {
    while (this[kQueue].length && !this[kClosed]) {
      const data = this[kQueue].shift();
      if (typeof this.onmessage === 'function') this.onmessage({ data, target: this, type: 'message' });
      this.emit('message', data);
    }
  }
  start() {}
  ref() { return this; }
  unref() { return this; }
  hasRef() { return false; }
  close() {
    if (this[kClosed]) return;
    this[kClosed] = true;
    const other = this[kOther];
    setImmediate(() => this.emit('close'));
    if (other && !other[kClosed]) other.close();
  }
}

export class MessageChannel {
  constructor() {
    this.port1 = new MessagePort();
    this.port2 = new MessagePort();
    this.port1[kOther] = this.port2;
    this.port2[kOther] = this.port1;
  }
}

export function receiveMessageOnPort(port) {
  if (!(port instanceof MessagePort)) throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "port" argument must be a MessagePort instance');
  return port[kQueue].length ? { message: port[kQueue].shift() } : undefined;
}

const channels = new Map();
export class BroadcastChannel extends EventEmitter {
  constructor(name) {
    super();
    this.name = String(name);
    this.onmessage = null;
    if (!channels.has(this.name)) channels.set(this.name, new Set());
    channels.get(this.name).add(this);
  }
  postMessage(message) {
    for (const other of channels.get(this.name) ?? []) {
      if (other === this) continue;
      const data = structuredClone(message);
      setImmediate(() => {
        if (typeof other.onmessage === 'function') other.onmessage({ data, target: other, type: 'message' });
        other.emit('message', data);
      });
    }
  }
  close() { channels.get(this.name)?.delete(this); }
  ref() { return this; }
  unref() { return this; }
}

export class Worker extends EventEmitter {
  constructor() {
    super();
    throw nodeError(Error, 'ERR_WORKER_INIT_FAILED', 'Worker initialization failure: threads are not available in the quickjs-wasmfs sandbox');
  }
}

const environmentData = new Map();
export const setEnvironmentData = (key, value) => (value === undefined ? environmentData.delete(key) : environmentData.set(key, value));
export const getEnvironmentData = (key) => environmentData.get(key);
export function markAsUntransferable() {}
export function moveMessagePortToContext(port) { return port; }
export function postMessageToThread() {
  return Promise.reject(nodeError(Error, 'ERR_WORKER_MESSAGING_FAILED', 'Cannot find the destination thread or listener'));
}

export default {
  isMainThread, MessagePort, MessageChannel, markAsUntransferable, moveMessagePortToContext, receiveMessageOnPort,
  resourceLimits, threadId, SHARE_ENV, Worker, parentPort, workerData, BroadcastChannel, setEnvironmentData,
  getEnvironmentData,
};
