// worker_threads.postMessageToThread (Node 20.19): a message to any thread of this process, by
// its thread id, delivered as a 'workerMessage' event of the target's process. Node routes it
// through its main thread with a SharedArrayBuffer for the answer; here the host routes it
// within this sandbox's thread group (runtime/sandbox/thread-channels.ts) and sends the answer back as
// an event, with the same three outcomes: delivered, no listener, a listener threw.
import process from 'qjsw:internal/process_object';
import { nodeError, invalidArgType, outOfRange } from 'qjsw:internal/errors';
import { hostFunctions, onHostEvent, workerInfo } from 'qjsw:internal/child_host';
import { setTimeout, clearTimeout, onRunReset } from 'qjsw:internal/loop';
import { importBuiltin } from 'qjsw:binding/module';

const DELIVERED = 0;
const NO_LISTENERS = 1;
const LISTENER_ERROR = 2;

// node:worker_threads' port codec: { encode(value, transferList) -> [bytes, ends, forward],
// decode(bytes, ends) }, set when it loads (a MessagePort in the value needs its ports).
let codec = null;
export function setThreadCodec(c) {
  codec = c;
}

const pending = new Map(); // request id -> { resolve, reject, timer }
let listening = false;
// a new run starts as a new process: no answer of the last one's threads is awaited
onRunReset(() => pending.clear());

// Called by node:worker_threads in any thread, and by a worker's boot: a thread that never
// loaded node:worker_threads still gets 'workerMessage'.
export function listenThreadMessages() {
  if (listening || hostFunctions() === null) return;
  listening = true;
  onHostEvent('tmessage', receive);
  onHostEvent('treply', (id, result) => {
    const request = pending.get(id);
    if (!request) return;
    pending.delete(id);
    if (request.timer) clearTimeout(request.timer);
    if (result === DELIVERED) request.resolve();
    else if (result === LISTENER_ERROR) request.reject(nodeError(Error, 'ERR_WORKER_MESSAGING_ERRORED', 'The destination thread threw an error while processing the message'));
    else request.reject(failed());
  });
}

const failed = () => nodeError(Error, 'ERR_WORKER_MESSAGING_FAILED', 'Cannot find the destination thread or listener');

function receive(id, source, bytes, ends) {
  if (codec === null) importBuiltin('node:worker_threads');
  let result = NO_LISTENERS;
  try {
    const value = codec.decode(bytes, ends);
    // as Node's receiveMessageFromWorker: a listener's exception is the sender's error only
    if (process.emit('workerMessage', value, source)) result = DELIVERED;
  } catch {
    result = LISTENER_ERROR;
  }
  hostFunctions().threadReply(id, result);
}

export async function postMessageToThread(threadId, value, transferList, timeout) {
  if (typeof transferList === 'number' && typeof timeout === 'undefined') {
    timeout = transferList;
    transferList = [];
  }
  if (typeof timeout !== 'undefined') {
    if (typeof timeout !== 'number') throw invalidArgType('timeout', 'number', timeout);
    if (timeout < 0 || Number.isNaN(timeout)) throw outOfRange('timeout', '>= 0', timeout);
  }
  const info = workerInfo();
  if (threadId === (info === null ? 0 : info.threadId)) {
    throw nodeError(Error, 'ERR_WORKER_MESSAGING_SAME_THREAD', 'Cannot sent a message to the same thread');
  }
  if (codec === null) importBuiltin('node:worker_threads');
  listenThreadMessages();
  const host = hostFunctions();
  // thread ids are numbers: any other value names no thread (Node looks it up in a Map)
  const target = typeof threadId === 'number' ? threadId : -1;
  // the main thread looks the destination up before it clones the message, as Node's does (a
  // worker sends it to the main thread first, cloned)
  if (info === null && (host === null || !host.hasThread(target))) throw failed();
  const [bytes, ends, forward] = codec.encode(value, transferList);
  const id = host === null ? 0 : host.postToThread(target, bytes, ends);
  forward();
  if (id === 0) throw failed();
  return new Promise((resolve, reject) => {
    const request = { resolve, reject, timer: null };
    if (timeout !== undefined) {
      // as V8's Atomics.waitAsync timeout: it does not keep the loop alive
      request.timer = setTimeout(() => {
        pending.delete(id);
        reject(nodeError(Error, 'ERR_WORKER_MESSAGING_TIMEOUT', 'Sending a message to another thread timed out'));
      }, timeout);
      request.timer.unref();
    }
    pending.set(id, request);
  });
}
