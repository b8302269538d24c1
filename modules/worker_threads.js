// node:worker_threads. A Worker is a child sandbox of the same Wasm module (the host's child
// machinery, runtime/sandbox/child-processes.ts, as for child_process), with a message channel to its
// parent instead of an IPC pipe. Workers run interleaved with their parent on the host's event
// loop, not in parallel. Messages cross runtimes as bytes (qjsw:internal/worker/message_codec);
// ports of a MessageChannel made here talk within this sandbox, cloned as Node clones them.
import { EventEmitter } from 'node:events';
import { Readable, Writable } from 'node:stream';
import path from 'node:path';
import { nodeError, invalidArgType, invalidArgValue } from 'qjsw:internal/errors';
import { hostFunctions, onHostEvent, workerInfo } from 'qjsw:internal/child_host';
import { refWaiting, onRunReset, nextTick } from 'qjsw:internal/loop';
import {
  encodeMessage, decodeMessage, decodeError, markAsUntransferable as mark, setChannelFactory,
} from 'qjsw:internal/worker/message_codec';
import { importBuiltin } from 'qjsw:binding/module';
import { processInternals } from 'qjsw:internal/process_internals';
import * as ac from 'qjsw:internal/async_context';
import { messageEvent } from 'qjsw:internal/worker/message_event';
import { postMessageToThread, setThreadCodec, listenThreadMessages } from 'qjsw:internal/worker/messaging';

const info = workerInfo();
export const SHARE_ENV = Symbol.for('nodejs.worker_threads.SHARE_ENV');
export const isMainThread = info === null;
export const threadId = info === null ? 0 : info.threadId;
export const resourceLimits = info === null ? {} : { ...info.resourceLimits };

const kOther = Symbol('other');
const kQueue = Symbol('queue');
const kClosed = Symbol('closed');
const kChannel = Symbol('channel');
const kRefed = Symbol('refed');
const kHeld = Symbol('held');
const kStarted = Symbol('started');
const kGone = Symbol('gone');
// a port whose other end is in another thread: [host channel, end]
const kEnd = Symbol('end');
const hostPorts = new Map(); // `${channel}:${end}` -> MessagePort

const isPort = (v) => v instanceof Port;
// a closed (or closing) port, or one already transferred: not transferable again
isPort.detached = (port) => port[kClosed];

// What keeps the loop alive: `want` for `owner` now (1 or 0), counted once.
function hold(owner, want) {
  want = want ? 1 : 0;
  if (owner[kHeld] === want) return;
  refWaiting(want - (owner[kHeld] ?? 0));
  owner[kHeld] = want;
}
// a new run starts with no loop counts held (the host ended the last run's workers)
const holders = new Set();
function untilDashes(argv) {
  const end = argv.indexOf('--');
  return end < 0 ? argv : argv.slice(0, end);
}

onRunReset(() => {
  // (the last run's immediate that would have delivered them is gone)
  draining = false;
  for (const ch of openChannels) ch._queue = [];
  for (const h of holders) h[kHeld] = 0;
  holders.clear();
  hostPorts.clear();
  workers.clear();
});


// Node's ports and channels are NodeEventTargets: EventEmitter's on() gets the data, and
// addEventListener() an event ({ data } for messages, { detail } for anything else emitted).
const kWrapped = Symbol('wrapped');
let receivingPorts;
function addEventTargetMethods(Class) {
  Object.assign(Class.prototype, {
    addEventListener(type, listener, options) {
      if (typeof listener !== 'function' && typeof listener?.handleEvent !== 'function') return;
      this[kWrapped] ??= new Map();
      const key = `${type}`;
      if (this[kWrapped].has(listener)) return;
      const once = options !== null && typeof options === 'object' && options.once === true;
      const wrapper = (arg) => {
        if (once) this.removeEventListener(key, listener);
        const event = key === 'message' || key === 'messageerror' ? messageEvent(this, arg, key, receivingPorts ?? []) : { type: key, detail: arg, target: this };
        if (typeof listener === 'function') listener.call(this, event);
        else listener.handleEvent(event);
      };
      this[kWrapped].set(listener, [key, wrapper]);
      this.on(key, wrapper);
    },
    removeEventListener(type, listener) {
      const entry = this[kWrapped]?.get(listener);
      if (!entry || entry[0] !== `${type}`) return;
      this[kWrapped].delete(listener);
      this.removeListener(entry[0], entry[1]);
    },
    dispatchEvent(event) {
      this.emit(event.type, event.type === 'message' ? event.data : event.detail);
      return true;
    },
  });
}

// A pipe that adds no max-listeners warning to either end, as Node's for a worker's stdio.
function pipeWithoutWarning(source, dest) {
  const sourceMax = source._maxListeners;
  const destMax = dest._maxListeners;
  source.setMaxListeners(Infinity);
  dest.setMaxListeners(Infinity);
  source.pipe(dest);
  source._maxListeners = sourceMax;
  dest._maxListeners = destMax;
}

// only this module makes ports, as only Node's internals do
const kCreate = Symbol('create');
const realPorts = new WeakSet();

// Node's MessagePort cannot be constructed nor called (ERR_CONSTRUCT_CALL_INVALID); ports are
// made by the class behind it, whose prototype is MessagePort.prototype.
// Node's ports are NodeEventTargets: addEventListener and the rest come from the prototype
// above MessagePort.prototype, which holds only Node's names.
class PortTarget extends EventEmitter {}
addEventTargetMethods(PortTarget);
const kOnMessage = Symbol('onmessage');
const kOnMessageError = Symbol('onmessageerror');

class Port extends PortTarget {
  constructor(token) {
    if (token !== kCreate) throw nodeError(TypeError, 'ERR_CONSTRUCT_CALL_INVALID', 'Constructor cannot be called');
    super();
    realPorts.add(this);
    this[kQueue] = [];
    this[kClosed] = false;
    this[kOther] = null;
    // the host channel of a port to another runtime: 0 for a worker's parentPort
    this[kChannel] = undefined;
    this[kRefed] = true;
    this[kStarted] = false;
    this[kOnMessage] = null;
    this[kOnMessageError] = null;
    this.on('newListener', (name) => {
      if (name !== 'message') return;
      // Node's port starts (and delivers what waited) once someone listens
      this.start();
      Promise.resolve().then(() => holdPort(this));
    });
    this.on('removeListener', (name) => {
      if (name !== 'message') return;
      stopIfUnheard(this);
      holdPort(this);
    });
  }

  get onmessage() {
    return this[kOnMessage];
  }

  set onmessage(fn) {
    this[kOnMessage] = fn;
    if (typeof fn === 'function') this.start();
    else stopIfUnheard(this);
    holdPort(this);
  }

  get onmessageerror() {
    return this[kOnMessageError];
  }

  set onmessageerror(fn) {
    this[kOnMessageError] = fn;
  }

  // as Node's: whether the port is open, and if so whether it holds the loop
  [Symbol.for('nodejs.util.inspect.custom')]() {
    if (!realPorts.has(this)) return this;
    // (a closing port is active until its 'close', as Node's handle)
    const state = this[kGone] ? { active: false } : { active: true, refed: this.hasRef() };
    return Object.assign({ __proto__: MessagePort.prototype }, state, this);
  }

  postMessage(value, transferList) {
    if (this[kChannel] !== undefined || this[kEnd] !== undefined) {
      const ports = [];
      const bytes = encodeMessage(value, transferList, isPort, ports, this);
      if (this[kClosed]) return;
      const [ends, forward] = toEnds(ports);
      if (this[kChannel] !== undefined) hostFunctions().post(this[kChannel], bytes, ends);
      else hostFunctions().portPost(this[kEnd][0], this[kEnd][1], bytes, ends);
      forward();
      return;
    }
    // within this runtime: the same clone, ports of the transfer list passed as they are
    const ports = [];
    const bytes = encodeMessage(value, transferList, isPort, ports, this);
    const other = this[kOther];
    if (other && ports.includes(other)) {
      // the message would travel inside itself: Node drops it and the channel with it (what
      // the transfer list held is transferred all the same)
      process.emitWarning('The target port was posted to itself, and the communication channel was lost');
      // (in Node's order of 'close' events: each transferred port's peer first)
      for (const port of ports) if (port !== other) (port[kOther] ?? port).close();
      this.close();
      return;
    }
    const moved = ports.map(movePort);
    if (this[kClosed] || !other || other[kClosed]) return;
    other[kQueue].push([decodeMessage(bytes, moved), moved]);
    setImmediate(() => drainPort(other));
  }

  start() {
    if (this[kStarted]) return;
    this[kStarted] = true;
    if (this[kQueue].length) setImmediate(() => drainPort(this));
  }

  ref() {
    this[kRefed] = true;
    holdPort(this);
    return this;
  }

  unref() {
    this[kRefed] = false;
    holdPort(this);
    return this;
  }

  hasRef() {
    return this[kHeld] === 1;
  }

  close(callback) {
    if (typeof callback === 'function') this.once('close', callback);
    if (this[kClosed]) return;
    this[kClosed] = true;
    holdPort(this);
    if (this[kEnd] !== undefined) {
      const [c, e] = this[kEnd];
      hostPorts.delete(`${c}:${e}`);
      hostFunctions().portClose(c, e);
    }
    const other = this[kOther];
    setImmediate(() => {
      this[kGone] = true;
      this.emit('close');
    });
    if (other && !other[kClosed]) {
      // what this port sent before closing still reaches the other end, then it closes too
      this[kOther] = null;
      other[kOther] = null;
      setImmediate(() => {
        drainPort(other);
        other.close();
      });
    }
  }
}

// With no listener left a port stops, as Node's: what comes meanwhile waits for the next one.
function stopIfUnheard(port) {
  if (port.listenerCount('message') === 0 && typeof port.onmessage !== 'function') port[kStarted] = false;
}

// A message from the other end (the host's, already decoded) with the ports it carried.
function receivePort(port, data, moved) {
  if (port[kClosed]) return;
  port[kQueue].push([data, moved]);
  if (port[kStarted]) drainPort(port);
}

// Delivers what waits. A port closed by a listener still delivers what was already there when
// this began, as Node's receiving loop does before the close takes effect.
function drainPort(port) {
  const queue = port[kQueue];
  let n = queue.length;
  while (n-- > 0 && queue.length && port[kQueue] === queue && port[kStarted]) {
    const [data, moved] = queue.shift();
    if (typeof port.onmessage === 'function') port.onmessage(messageEvent(port, data, 'message', moved));
    // (addEventListener's listeners get them in their event, as Node's kCurrentlyReceivingPorts)
    receivingPorts = moved;
    try {
      port.emit('message', data);
    } finally {
      receivingPorts = undefined;
    }
  }
  if (queue.length && port[kQueue] === queue && !port[kClosed] && port[kStarted]) setImmediate(() => drainPort(port));
}

// A message that could not be decoded.
function portMessageError(port, err) {
  if (typeof port.onmessageerror === 'function') port.onmessageerror(messageEvent(port, err, 'messageerror'));
  port.emit('messageerror', err);
}

// A host port keeps its runtime alive while it listens, unless unref'd.
function holdPort(port) {
  if (port[kChannel] === undefined && port[kEnd] === undefined) return;
  holders.add(port);
  hold(port, !port[kClosed] && port[kRefed] && (port.listenerCount('message') > 0 || typeof port.onmessage === 'function'));
}

// The other end closed (or its thread ended).
function peerClosed(port) {
  if (port[kClosed]) return;
  port[kClosed] = true;
  hostPorts.delete(`${port[kEnd][0]}:${port[kEnd][1]}`);
  holdPort(port);
  setImmediate(() => {
    port[kGone] = true;
    port.emit('close');
  });
}

function hostPort(end) {
  const port = new Port(kCreate);
  port[kEnd] = end;
  hostPorts.set(`${end[0]}:${end[1]}`, port);
  listen();
  return port;
}

// Ports a message to another thread moves: each becomes a host channel's end (a local pair is
// split, its other port now talking through the host), detached here. Returns the ends as the
// host takes them, and what forwards the messages that waited on the moved ports.
function toEnds(ports) {
  const queued = [];
  const ends = ports.map((port) => {
    let end = port[kEnd];
    if (end !== undefined) hostPorts.delete(`${end[0]}:${end[1]}`);
    else {
      const c = hostFunctions().openChannel();
      const other = port[kOther];
      end = [c, 1];
      if (other && !other[kClosed]) {
        other[kOther] = null;
        other[kEnd] = [c, 0];
        hostPorts.set(`${c}:0`, other);
        listen();
        holdPort(other);
        if (port[kQueue].length) queued.push([c, port[kQueue]]);
      } else {
        hostFunctions().portClose(c, 0);
      }
    }
    port[kQueue] = [];
    port[kOther] = null;
    port[kClosed] = true;
    holdPort(port);
    return end;
  });
  const forward = () => {
    for (const [c, messages] of queued) {
      for (const [m] of messages) hostFunctions().portPost(c, 0, encodeMessage(m), '[]');
    }
  };
  return [JSON.stringify(ends), forward];
}

const portsOf = (json) => (json ? JSON.parse(json).map(hostPort) : []);

// postMessageToThread's messages: to any thread of this process, ports moved as to a Worker
setThreadCodec({
  encode(value, transferList) {
    const ports = [];
    const bytes = encodeMessage(value, transferList, isPort, ports);
    return [bytes, ...toEnds(ports)];
  },
  decode: (bytes, ends) => decodeMessage(bytes, portsOf(ends)),
});
export { postMessageToThread };

// A transferred port: a new object takes over its end of the channel and what waited on it;
// the old one is left detached, as Node leaves it.
function movePort(old) {
  const port = new Port(kCreate);
  const other = old[kOther];
  port[kOther] = other;
  if (other) other[kOther] = port;
  port[kQueue] = old[kQueue];
  old[kQueue] = [];
  old[kOther] = null;
  old[kClosed] = true;
  return port;
}


export function MessagePort() {
  throw nodeError(TypeError, 'ERR_CONSTRUCT_CALL_INVALID', 'Constructor cannot be called');
}
Object.defineProperty(MessagePort, 'prototype', { value: Port.prototype, writable: false });
Object.defineProperty(Port.prototype, 'constructor', { value: MessagePort, writable: true, configurable: true, enumerable: false });
Object.setPrototypeOf(MessagePort, EventEmitter);

export function MessageChannel() {
  if (new.target === undefined) throw nodeError(TypeError, 'ERR_CONSTRUCT_CALL_REQUIRED', 'Cannot call constructor without `new`');
  this.port1 = new Port(kCreate);
  this.port2 = new Port(kCreate);
  this.port1[kOther] = this.port2;
  this.port2[kOther] = this.port1;
}
setChannelFactory(() => new MessageChannel());

export function receiveMessageOnPort(port) {
  if (port instanceof BroadcastChannel) return port._queue.length ? { message: port._queue.shift() } : undefined;
  if (!(port instanceof Port)) throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "port" argument must be a MessagePort instance');
  if (port[kQueue].length) return { message: port[kQueue].shift()[0] };
  if ((port[kChannel] !== undefined || port[kEnd] !== undefined) && !port[kClosed]) {
    // one the host holds for this runtime's loop, taken now
    const taken = port[kChannel] !== undefined
      ? hostFunctions().takeMessage(port[kChannel], 0, 0)
      : hostFunctions().takeMessage(-1, port[kEnd][0], port[kEnd][1]);
    if (taken !== undefined) return { message: decodeMessage(taken[0], portsOf(taken[1])) };
  }
  return undefined;
}

// ---- messages from the host ---------------------------------------------------------------

const workers = new Map(); // host id -> Worker
let parentPortObject = null;
let listening = false;
function listen() {
  if (listening) return;
  listening = true;
  listenThreadMessages();
  onHostEvent('wmessage', (id, bytes, ends) => {
    const target = id === 0 ? parentPortObject : workers.get(id);
    if (!target) return;
    let data;
    let ports;
    try {
      ports = portsOf(ends);
      data = decodeMessage(bytes, ports);
    } catch (err) {
      if (id === 0) portMessageError(target, err);
      else target.emit('messageerror', err);
      return;
    }
    if (id === 0) receivePort(target, data, ports);
    else target._message(data);
  });
  onHostEvent('pmessage', (c, e, bytes, ends) => {
    const port = hostPorts.get(`${c}:${e}`);
    if (!port) return;
    let data;
    let ports;
    try {
      ports = portsOf(ends);
      data = decodeMessage(bytes, ports);
    } catch (err) {
      portMessageError(port, err);
      return;
    }
    receivePort(port, data, ports);
  });
  onHostEvent('pclose', (c, e) => {
    const port = hostPorts.get(`${c}:${e}`);
    if (port) peerClosed(port);
  });
  onHostEvent('werror', (id, bytes) => workers.get(id)?._error(bytes));
  onHostEvent('online', (id) => workers.get(id)?._online());
  onHostEvent('data', (id, fd, bytes) => workers.get(id)?._data(fd, bytes));
  onHostEvent('exit', (id, status, signal) => workers.get(id)?._exit(status, signal));
  onHostEvent('bcast', (name, bytes) => {
    let data;
    try {
      data = decodeMessage(bytes);
    } catch {
      return;
    }
    for (const ch of channels.get(name) ?? []) queueBroadcast(ch, data);
  });
}

// ---- this runtime as a worker -------------------------------------------------------------

const environmentData = new Map();
let initial = null;
if (info !== null) {
  const got = hostFunctions().workerInit();
  initial = got === undefined ? { workerData: undefined, environmentData: [] } : decodeMessage(got[0], portsOf(got[1]));
  for (const [k, v] of initial.environmentData) environmentData.set(k, v);
  parentPortObject = new Port(kCreate);
  parentPortObject[kChannel] = 0;
  listen();
}
export const parentPort = parentPortObject;
export const workerData = info === null ? null : initial.workerData;

// ---- Worker --------------------------------------------------------------------------------

const kId = Symbol('id');
const kExited = Symbol('exited');
const kStdio = Symbol('stdio');

function limitsOf(limits) {
  if (limits === undefined) return {};
  if (limits === null || typeof limits !== 'object') throw invalidArgType('options.resourceLimits', 'Object', limits);
  const out = {};
  for (const key of ['maxYoungGenerationSizeMb', 'maxOldGenerationSizeMb', 'codeRangeSizeMb', 'stackSizeMb']) {
    const v = limits[key];
    if (typeof v === 'number' && v > 0 && Number.isFinite(v)) out[key] = v;
  }
  return out;
}

// What async_hooks sees of a Worker, as in Node: its handle (type WORKER) and two
// MESSAGEPORTs, the internal one (never ref'd) and the public one, ref'd while the Worker has
// 'message' listeners or after ref(). Each resource's hasRef() is undefined once closed.
const kResources = Symbol('resources');
function workerResources(worker) {
  const r = { handleClosed: false, portsClosed: false, publicRefed: false, handleId: 0, portIds: [] };
  worker.on('newListener', (name) => {
    if (name === 'message') r.publicRefed = true;
  });
  worker.on('removeListener', (name) => {
    if (name === 'message' && worker.listenerCount('message') === 0) r.publicRefed = false;
  });
  if (!ac.hooksOn) return r;
  const trigger = ac.defaultTriggerAsyncId();
  const handle = { hasRef: () => (r.handleClosed ? undefined : worker[kRefed]) };
  r.handleId = ac.newAsyncId();
  ac.emitInit(r.handleId, 'WORKER', trigger, handle);
  for (const refed of [() => false, () => r.publicRefed]) {
    const id = ac.newAsyncId();
    r.portIds.push(id);
    ac.emitInit(id, 'MESSAGEPORT', trigger, { hasRef: () => (r.portsClosed ? undefined : refed()) });
  }
  return r;
}

export class Worker extends EventEmitter {
  constructor(filename, options = {}) {
    super();
    if (options === null || typeof options !== 'object') options = {};
    if (options.execArgv !== undefined && !Array.isArray(options.execArgv)) throw invalidArgType('options.execArgv', 'Array', options.execArgv);
    let argv = [];
    if (options.argv) {
      if (!Array.isArray(options.argv)) throw invalidArgType('options.argv', 'Array', options.argv);
      argv = options.argv.map(String);
    }
    let mode = 'file';
    let file;
    if (options.eval) {
      if (typeof filename !== 'string') {
        throw invalidArgValue('options.eval', options.eval, 'must be false when \'filename\' is not a string');
      }
      mode = 'eval';
      file = filename;
    } else if (filename instanceof URL || (filename !== null && typeof filename === 'object' && typeof filename.href === 'string' && typeof filename.protocol === 'string')) {
      // (a data: URL is the worker's main ES module: runMain in qjsw:internal/sandbox)
      file = filename.protocol === 'data:' ? `${filename.href}` : importBuiltin('node:url').fileURLToPath(filename);
    } else if (typeof filename !== 'string') {
      throw invalidArgType('filename', ['string', 'URL'], filename);
    } else if (path.isAbsolute(filename) || /^\.\.?[\\/]/.test(filename)) {
      file = path.resolve(filename);
    } else {
      throw nodeError(TypeError, 'ERR_WORKER_PATH',
        'The worker script or module filename must be an absolute path or a relative path starting with \'./\' or \'../\'.' +
        (filename.startsWith('file://') ? ' Wrap file:// URLs with `new URL`.' : filename.startsWith('data:text/javascript') ? ' Wrap data: URLs with `new URL`.' : '') +
        ` Received "${filename}"`);
    }
    let env;
    if (options.env === SHARE_ENV) {
      // no memory is shared between sandboxes: a copy, as for the default (README, limits)
      env = { ...process.env };
    } else if (typeof options.env === 'object' && options.env !== null) {
      env = {};
      for (const [k, v] of Object.entries(options.env)) env[k] = `${v}`;
    } else if (options.env == null) {
      env = { ...process.env };
    } else {
      throw invalidArgType('options.env', ['object', 'undefined', 'null', 'worker_threads.SHARE_ENV'], options.env);
    }
    let name = '';
    if (options.name) {
      if (typeof options.name !== 'string') throw invalidArgType('options.name', 'string', options.name);
      name = options.name.trim();
    }
    const limits = limitsOf(options.resourceLimits);
    const initPorts = [];
    const init = encodeMessage({ workerData: options.workerData, environmentData: [...environmentData] }, options.transferList, isPort, initPorts);
    const request = {
      mode,
      file,
      args: argv,
      // (a '--' ends the options, as on node's command line)
      execArgv: untilDashes((options.execArgv ?? process.execArgv).map(String)),
      argv0: process.argv0,
      cwd: process.cwd(),
      env,
      // output always comes here, in order with the worker's messages; unless asked for as
      // worker.stdout/stderr it goes on to this thread's own, as Node pipes it
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      ipc: false,
      worker: { name, resourceLimits: limits, clock: processInternals.processClock() },
    };
    const host = hostFunctions();
    // workerData's ports go with the worker (a local pair split as for postMessage)
    const [initEnds, forwardInit] = host && initPorts.length ? toEnds(initPorts) : ['[]', () => {}];
    const started = host ? host.spawn(JSON.stringify(request), init, initEnds) : 'ENOSYS';
    if (typeof started === 'string') {
      throw nodeError(Error, 'ERR_WORKER_INIT_FAILED', `Worker initialization failure: ${started === 'EAGAIN' ? 'too many threads' : started}`);
    }
    listen();
    forwardInit();
    this[kId] = started[0];
    this[kExited] = false;
    this[kRefed] = true;
    this[kHeld] = 0;
    this._threadId = started[2];
    this._limits = { maxYoungGenerationSizeMb: 0, maxOldGenerationSizeMb: 0, codeRangeSizeMb: 0, stackSizeMb: 4, ...limits };
    workers.set(this[kId], this);
    holders.add(this);
    const stdin = options.stdin ? this._stdinStream() : null;
    const readable = () => new Readable({ read() {} });
    this[kStdio] = { stdin, stdout: readable(), stderr: readable() };
    // unless asked for, what the worker prints goes on to this thread's own streams, as Node
    // pipes it (its stream still has it: a 'data' listener sees it too)
    if (!options.stdout) pipeWithoutWarning(this[kStdio].stdout, process.stdout);
    if (!options.stderr) pipeWithoutWarning(this[kStdio].stderr, process.stderr);
    this.performance = { eventLoopUtilization: () => ({ idle: 0, active: 0, utilization: 0 }) };
    this._hold();
    this[kResources] = workerResources(this);
    nextTick(() => process.emit('worker', this), []);
    const dc = importBuiltin('node:diagnostics_channel');
    if (dc.hasSubscribers('worker_threads')) dc.channel('worker_threads').publish({ worker: this });
  }

  _stdinStream() {
    const id = this[kId];
    return new Writable({
      write: (chunk, encoding, cb) => {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
        if (!this[kExited]) hostFunctions().write(id, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
        cb();
      },
      final: (cb) => {
        if (!this[kExited]) hostFunctions().end(id);
        cb();
      },
    });
  }

  _hold() {
    hold(this, !this[kExited] && this[kRefed]);
  }

  _online() {
    this.emit('online');
  }

  _message(data) {
    this.emit('message', data);
  }

  _error(bytes) {
    let error;
    try {
      // no bytes: the engine's "out of memory" ended the worker (reportUncaught), where Node's
      // worker is stopped at its heap limit (uncatchably there, catchably here)
      error = bytes.byteLength === 0
        ? nodeError(Error, 'ERR_WORKER_OUT_OF_MEMORY', 'Worker terminated due to reaching memory limit: JS heap out of memory')
        : decodeError(decodeMessage(bytes));
    } catch {
      error = nodeError(Error, 'ERR_WORKER_UNSERIALIZABLE_ERROR', 'Serializing an uncaught exception failed');
    }
    this.emit('error', error);
  }

  _data(fd, bytes) {
    const stream = fd === 2 ? this[kStdio].stderr : this[kStdio].stdout;
    if (!stream.destroyed) stream.push(Buffer.from(bytes));
  }

  _exit(status, signal) {
    if (this[kExited]) return;
    this[kExited] = true;
    workers.delete(this[kId]);
    this._hold();
    for (const s of [this[kStdio].stdout, this[kStdio].stderr]) if (!s.readableEnded) s.push(null);
    // terminate() and a child killed otherwise: Node's exit code of a stopped thread
    const code = signal !== null && signal !== undefined ? 1 : status;
    this.removeAllListeners('message');
    // its ports close before 'exit', its handle after (async_hooks' view, as Node's)
    const r = this[kResources];
    r.portsClosed = true;
    for (const id of r.portIds) ac.emitDestroy(id);
    try {
      this.emit('exit', code);
    } finally {
      r.handleClosed = true;
      if (r.handleId !== 0) ac.emitDestroy(r.handleId);
    }
    this.removeAllListeners();
  }

  postMessage(value, transferList) {
    if (this[kExited]) return;
    const ports = [];
    const bytes = encodeMessage(value, transferList, isPort, ports);
    const [ends, forward] = toEnds(ports);
    hostFunctions().post(this[kId], bytes, ends);
    forward();
  }

  terminate(callback) {
    if (typeof callback === 'function') {
      process.emitWarning('Passing a callback to worker.terminate() is deprecated. It returns a Promise instead.', 'DeprecationWarning', 'DEP0132');
      if (this[kExited]) return Promise.resolve();
      this.once('exit', (code) => callback(null, code));
    }
    if (this[kExited]) return Promise.resolve();
    this.ref();
    const done = new Promise((resolve) => this.once('exit', resolve));
    hostFunctions().kill(this[kId], 'SIGTERM');
    return done;
  }

  ref() {
    this[kRefed] = true;
    this[kResources].publicRefed = true;
    this._hold();
  }

  unref() {
    this[kRefed] = false;
    this[kResources].publicRefed = false;
    this._hold();
  }

  get threadId() {
    return this[kExited] ? -1 : this._threadId;
  }

  get stdin() {
    return this[kStdio].stdin;
  }

  get stdout() {
    return this[kStdio].stdout;
  }

  get stderr() {
    return this[kStdio].stderr;
  }

  get resourceLimits() {
    return this[kExited] ? {} : { ...this._limits };
  }

  getHeapSnapshot() {
    if (this[kExited]) return Promise.reject(nodeError(Error, 'ERR_WORKER_NOT_RUNNING', 'Worker instance not running'));
    return Promise.reject(nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The getHeapSnapshot() method is not implemented'));
  }
}

// ---- BroadcastChannel ---------------------------------------------------------------------

const channels = new Map(); // name -> the open channels of that name
// every open channel, in creation order: Node delivers what waits for each channel in turn,
// the first made first (test-worker-broadcastchannel-wpt.js, "port creation order")
const openChannels = new Set();
let draining = false;

function drainBroadcasts() {
  draining = false;
  for (const ch of [...openChannels]) {
    while (ch._queue.length && !ch._closed) deliverBroadcast(ch, ch._queue.shift());
  }
}

function queueBroadcast(ch, data) {
  ch._queue.push(data);
  if (!draining) {
    draining = true;
    setImmediate(drainBroadcasts);
  }
}

function deliverBroadcast(ch, data) {
  if (ch._closed) return;
  if (typeof ch.onmessage === 'function') ch.onmessage(messageEvent(ch, data));
  ch.emit('message', data);
}

const kName = Symbol('kName');
const channelBrand = new WeakSet();
function checkChannel(self) {
  if (!channelBrand.has(self)) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type BroadcastChannel');
  return self;
}

export class BroadcastChannel extends EventEmitter {
  constructor(name) {
    if (arguments.length === 0) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "name" argument must be specified');
    if (typeof name === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    super();
    channelBrand.add(this);
    this[kName] = `${name}`;
    this._closed = false;
    this._queue = [];
    this[kRefed] = true;
    this[kHeld] = 0;
    this.onmessage = null;
    if (!channels.has(this[kName])) channels.set(this[kName], new Set());
    channels.get(this[kName]).add(this);
    openChannels.add(this);
    listen();
    this._hold();
  }

  get name() {
    return checkChannel(this, 'name')[kName];
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
    checkChannel(this);
    if (depth < 0) return 'BroadcastChannel';
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `BroadcastChannel ${importBuiltin('node:util').inspect({ name: this[kName], active: !this._closed }, opts)}`;
  }

  // an open channel keeps the thread alive until it is closed or unref'd, as Node's (its
  // handle listens from the start)
  _hold() {
    holders.add(this);
    hold(this, !this._closed && this[kRefed]);
  }

  postMessage(message) {
    checkChannel(this);
    if (arguments.length === 0) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "message" argument must be specified');
    if (this._closed) throw new (importBuiltin('qjsw:internal/dom_exception').DOMException)('BroadcastChannel is closed.', 'InvalidStateError');
    // (no transfer list: a port in the message is one that needed transferring)
    const bytes = encodeMessage(message, undefined, isPort, []);
    for (const other of channels.get(this[kName]) ?? []) {
      if (other !== this) queueBroadcast(other, decodeMessage(bytes));
    }
    hostFunctions()?.broadcast(this[kName], bytes);
  }

  close() {
    checkChannel(this);
    if (this._closed) return;
    this._closed = true;
    this._queue = [];
    channels.get(this[kName])?.delete(this);
    openChannels.delete(this);
    this._hold();
  }

  ref() {
    checkChannel(this);
    this[kRefed] = true;
    this._hold();
    return this;
  }

  unref() {
    checkChannel(this);
    this[kRefed] = false;
    this._hold();
    return this;
  }
}

addEventTargetMethods(BroadcastChannel);

// ---- environment data, transfer marks ------------------------------------------------------

export function setEnvironmentData(key, value) {
  if (value === undefined) environmentData.delete(key);
  else environmentData.set(key, value);
}
export const getEnvironmentData = (key) => environmentData.get(key);
export function markAsUntransferable(object) {
  mark(object);
}
export function moveMessagePortToContext(port, contextifiedSandbox) {
  if (!(port instanceof Port)) throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "port" argument must be a MessagePort instance');
  if (port[kClosed]) throw nodeError(Error, 'ERR_CLOSED_MESSAGE_PORT', 'Cannot send data on closed MessagePort');
  if (contextifiedSandbox === null || typeof contextifiedSandbox !== 'object' || !importBuiltin('node:vm').isContext(contextifiedSandbox)) {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Invalid context argument');
  }
  return port;
}

export default {
  isMainThread, MessagePort, MessageChannel, markAsUntransferable, moveMessagePortToContext, receiveMessageOnPort,
  resourceLimits, postMessageToThread, threadId, SHARE_ENV, Worker, parentPort, workerData, BroadcastChannel, setEnvironmentData,
  getEnvironmentData,
};
