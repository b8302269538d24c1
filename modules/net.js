// node:net over the sandbox's loopback (qjsw:internal/loopback): servers listen on the guest's
// own ports and sockets connect to them, with Node's events, errors and handle accounting;
// a connection to any other address is refused (localhost and IP literals) or its name does
// not resolve (EAI_AGAIN), as on a host without a network. Unix-domain servers cannot listen
// (EACCES). Bytes cross in the poll phase of a later loop iteration, as they do through a
// kernel: never inside the write() that sent them.
import 'qjsw:internal/symbols';
import { EventEmitter } from 'node:events';
import { Duplex } from 'node:stream';
import { channel, tracingChannel } from 'node:diagnostics_channel';
import { abortError, describeReceived, invalidArgType, invalidArgValue, nodeError } from 'qjsw:internal/errors';
import { asyncIdSymbol, deliver, destroyResource, handleClosed, handleOpened, handleRef, initResource, nextTick, onRunReset, queueCompletion } from 'qjsw:internal/loop';
import { callable } from 'qjsw:internal/util/callable';
import { bind, clientPort, isLoopback, lookupBinding, releasePort, unbind } from 'qjsw:internal/loopback';
import { hostPortError, isIP, isIPv4, isIPv6, listenError, lookupError, resolveLocal, unavailableClass, uvHostPortError } from 'qjsw:internal/unavailable';

export { isIP, isIPv4, isIPv6 };

const clientSocketChannel = channel('net.client.socket');
const serverSocketChannel = channel('net.server.socket');
const listenChannel = tracingChannel('net.server.listen');

const kPeer = Symbol('peer');
const kLocal = Symbol('local');
const kRemote = Symbol('remote');
const kOpen = Symbol('open');
const kUnref = Symbol('unref');
const kIdle = Symbol('idleTimer');
const kReceive = Symbol('receive');
const kEof = Symbol('eof');
const kGotEof = Symbol('gotEof');
const kBinding = Symbol('binding');
const kConnectTo = Symbol('connectTo');
const kInbox = Symbol('inbox');

const toNumber = (x) => ((x = Number(x)) >= 0 ? x : false);
const isPipeName = (s) => typeof s === 'string' && toNumber(s) === false;

// [options, callback] from connect()'s and listen()'s forms: (options[, cb]),
// (port[, host][, cb]), (path[, cb])
export function _normalizeArgs(args) {
  if (args.length === 0) return [{}, null];
  const [first] = args;
  let options = {};
  if (first !== null && typeof first === 'object') options = first;
  else if (isPipeName(first)) options.path = first;
  else {
    options.port = first;
    if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
  }
  const cb = args[args.length - 1];
  return [options, typeof cb === 'function' ? cb : null];
}

function validatePort(port, name = 'Port') {
  if ((typeof port !== 'number' && typeof port !== 'string') || (typeof port === 'string' && port.trim().length === 0) ||
      +port !== (+port >>> 0) || port > 0xFFFF) {
    throw nodeError(RangeError, 'ERR_SOCKET_BAD_PORT', `${name} should be >= 0 and < 65536.${describeReceived(port)}.`);
  }
  return port | 0;
}

// Node's getTimerDuration, for socket.setTimeout()
function timeoutDuration(msecs) {
  if (typeof msecs !== 'number') throw invalidArgType('msecs', 'number', msecs);
  if (msecs < 0 || !Number.isFinite(msecs)) {
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "msecs" is out of range. It must be a non-negative finite number. Received ${msecs}`);
  }
  return msecs;
}

const familyOf = (address) => (isIP(address) === 6 ? 'IPv6' : 'IPv4');
// The address a socket of a server bound to `bound` sees for a loopback `address`: an IPv6
// socket names an IPv4 peer ::ffff:a.b.c.d
const asSeenBy = (bound, address) => (bound.includes(':') && isIP(address) === 4 ? `::ffff:${address}` : address);

// Each socket and server is an async resource (Node's TCPWRAP, TCPSERVERWRAP): what arrives
// for it runs as its callback (deliver), in the async context it was made in (AsyncLocalStorage
// stores follow a connection). What such a callback throws is uncaught, as in Node.

// A run starts as a new process would: the sockets and servers an earlier run left open are
// closed, silently (the events they would emit are dropped with that run's queues), so no
// callback of that run answers anything in this one (a kept-alive agent socket included).
const liveHandles = new Set();
onRunReset(() => {
  for (const handle of liveHandles) {
    if (handle instanceof Server) {
      handle[kBinding] = null;
    } else {
      handle[kPeer] = null;
      handle.destroy();
    }
  }
  liveHandles.clear();
});

// uv_close(): the handle is gone, but its close callback keeps the loop alive for one more
// iteration (Node emits 'beforeExit' again only after it)
function closeHandle(handle) {
  liveHandles.delete(handle);
  handleClosed(handle);
  destroyResource(handle);
  queueCompletion(() => {});
}

function socketClosedError() {
  return nodeError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed');
}

class Socket extends Duplex {
  constructor(options) {
    if (typeof options === 'number') options = { fd: options };
    else options = { ...options };
    options.allowHalfOpen = Boolean(options.allowHalfOpen);
    // as Node's: strings reach _write with their encoding, and 'close' comes from the handle
    options.decodeStrings = false;
    options.emitClose = false;
    options.autoDestroy = true;
    super(options);
    this.connecting = false;
    this._hadError = false;
    this._host = null;
    this.bytesRead = 0;
    this._bytesDispatched = 0;
    this.server = null;
    this._server = null;
    this[kPeer] = null;
    this[kOpen] = false;
    this[kUnref] = false;
    this[kIdle] = null;
    this[kGotEof] = false;
    this[kInbox] = [];
    this[kLocal] = null;
    this[kRemote] = null;
    this.timeout = 0;
    this[asyncIdSymbol] = initResource(this, 'TCPWRAP');
    if (options.signal) {
      const { signal } = options;
      if (signal.aborted) nextTick(() => this.destroy(abortError(signal)), []);
      else signal.addEventListener('abort', () => this.destroy(abortError(signal)), { once: true });
    }
  }

  get bytesWritten() {
    return this._bytesDispatched;
  }
  get pending() {
    return !this[kOpen] || this.connecting;
  }
  get readyState() {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable && !this.writable) return 'readOnly';
    if (!this.readable && this.writable) return 'writeOnly';
    return 'closed';
  }
  get localAddress() { return this[kLocal]?.address; }
  get localPort() { return this[kLocal]?.port; }
  get localFamily() { return this[kLocal] ? familyOf(this[kLocal].address) : undefined; }
  get remoteAddress() { return this[kRemote]?.address; }
  get remotePort() { return this[kRemote]?.port; }
  get remoteFamily() { return this[kRemote] ? familyOf(this[kRemote].address) : undefined; }
  get _handle() { return this[kOpen] ? this : null; }

  address() {
    const local = this[kLocal];
    return local ? { address: local.address, family: familyOf(local.address), port: local.port } : {};
  }

  connect(...args) {
    // (already normalized [options, cb] normalizes to itself)
    const [options, cb] = _normalizeArgs(args);
    if (this.write !== Socket.prototype.write) this.write = Socket.prototype.write;
    if (this.destroyed) {
      // a destroyed socket connects anew, as Node's
      this._undestroy();
      this[kGotEof] = false;
    }
    if (options.port === undefined && options.path == null) {
      throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "options" or "port" or "path" argument must be specified');
    }
    if (cb) this.once('connect', cb);
    this.connecting = true;
    if (clientSocketChannel.hasSubscribers) clientSocketChannel.publish({ socket: this });
    if (options.path != null) {
      const err = hostPortError('ENOENT', 'connect', options.path);
      nextTick(() => this[kConnectTo](err), []);
      return this;
    }
    const { port, localAddress, localPort } = options;
    if (localAddress && !isIP(localAddress)) {
      throw nodeError(TypeError, 'ERR_INVALID_IP_ADDRESS', `Invalid IP address: ${localAddress}`);
    }
    if (localPort) {
      if (typeof localPort !== 'number') throw invalidArgType('options.localPort', 'number', localPort);
    }
    if (port !== undefined) {
      if (typeof port !== 'number' && typeof port !== 'string') throw invalidArgType('options.port', ['number', 'string'], port);
      validatePort(port);
    }
    const target = port | 0;
    const host = options.host || 'localhost';
    this._host = host;
    const local = resolveLocal(host);
    if (isIP(host)) nextTick(() => this[kConnectTo](local.address, target), []);
    // a name resolves through getaddrinfo: its answer comes in the poll phase
    else if (local) {
      deliver(this, () => {
        this.emit('lookup', null, local.address, local.family, host);
        this[kConnectTo](local.address, target);
      });
    }
    else deliver(this, () => {
      const err = lookupError(host);
      this.emit('lookup', err, undefined, undefined, host);
      this[kConnectTo](err);
    });
    return this;
  }

  // Connects to address:port of the loopback (or fails with `address` when it is an error).
  [kConnectTo](address, port) {
    if (!this.connecting || this.destroyed) return;
    if (address instanceof Error) {
      this.connecting = false;
      this.destroy(address);
      return;
    }
    const binding = isLoopback(address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address)
      ? lookupBinding(address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address, port) : undefined;
    const refused = () => {
      this.connecting = false;
      this.destroy(hostPortError('ECONNREFUSED', 'connect', address, port));
    };
    if (!binding || binding.server[kBinding] !== binding) {
      deliver(this, refused);
      return;
    }
    const server = binding.server;
    const localPort = clientPort();
    if (localPort === 0) { // every ephemeral port taken, as Linux's connect()
      deliver(this, () => {
        this.connecting = false;
        this.destroy(uvHostPortError('EADDRNOTAVAIL', 'connect', address, port));
      });
      return;
    }
    const target = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
    this[kLocal] = { address: target, port: localPort };
    this[kRemote] = { address: target, port };
    this[kOpen] = true;
    liveHandles.add(this);
    handleOpened(this, 'TCPSocketWrap', !this[kUnref]);
    // the server accepts in one poll phase, the client learns it is connected in the next
    deliver(server, () => {
      if (this.destroyed || !this.connecting) return;
      if (server[kBinding] !== binding) {
        this._releaseHandle();
        refused();
        return;
      }
      const accepted = new Socket({ allowHalfOpen: server.allowHalfOpen, pauseOnCreate: server.pauseOnConnect });
      const seen = binding.address;
      accepted[kLocal] = { address: asSeenBy(seen, target), port };
      accepted[kRemote] = { address: asSeenBy(seen, target), port: localPort };
      if (server.maxConnections !== undefined && server._connections >= server.maxConnections) {
        server.emit('drop', {
          localAddress: accepted.localAddress, localPort: port, localFamily: accepted.localFamily,
          remoteAddress: accepted.remoteAddress, remotePort: localPort, remoteFamily: accepted.remoteFamily,
        });
        deliver(this, () => this[kEof]());
      } else {
        accepted[kOpen] = true;
        liveHandles.add(accepted);
        accepted[kPeer] = this;
        this[kPeer] = accepted;
        accepted.server = accepted._server = server;
        handleOpened(accepted, 'TCPSocketWrap', true);
        server._connections++;
        if (server.pauseOnConnect) accepted.pause();
        if (serverSocketChannel.hasSubscribers) serverSocketChannel.publish({ socket: accepted });
        server.emit('connection', accepted);
      }
      deliver(this, () => {
        if (this.destroyed || !this.connecting) return;
        this.connecting = false;
        this.emit('connect');
        this.emit('ready');
        if (this.writableEnded && !this.writableFinished) this._writableState.needDrain = false;
      });
    });
  }

  _read() {}

  _write(data, encoding, cb) {
    if (this.connecting) {
      this.once('connect', () => this._write(data, encoding, cb));
      return;
    }
    if (!this[kOpen]) {
      cb(socketClosedError());
      return;
    }
    let bytes;
    if (typeof data === 'string') {
      if (encoding === 'buffer') throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Second argument must be a buffer');
      bytes = Buffer.from(data, encoding);
    } else bytes = Buffer.from(data.buffer ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data);
    const peer = this[kPeer];
    if (!peer || peer.destroyed) {
      cb(uvHostPortError('EPIPE', 'write'));
      return;
    }
    this._bytesDispatched += bytes.length;
    this._touch();
    peer[kReceive](bytes);
    cb();
  }

  _writev(chunks, cb) {
    const parts = chunks.map(({ chunk, encoding }) => (typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk));
    this._write(Buffer.concat(parts), 'buffer', cb);
  }

  _final(cb) {
    if (this.connecting) {
      this.once('connect', () => this._final(cb));
      return;
    }
    if (!this[kOpen]) {
      cb();
      return;
    }
    const peer = this[kPeer];
    // the shutdown completes in a later poll phase, after the bytes written before it; the peer
    // reads the end in the one after
    deliver(this, () => {
      if (peer) deliver(peer, () => peer[kEof]());
      cb();
    });
  }

  // Bytes that arrive before the reader's next poll phase are read as one chunk, as from a
  // kernel's receive buffer.
  [kReceive](bytes) {
    const inbox = this[kInbox];
    inbox.push(bytes);
    if (inbox.length > 1) return;
    deliver(this, () => {
      const chunk = inbox.length === 1 ? inbox[0] : Buffer.concat(inbox);
      inbox.length = 0;
      if (this.destroyed || this[kGotEof]) return;
      this.bytesRead += chunk.length;
      this._touch();
      this.push(chunk);
    });
  }

  [kEof]() {
    if (this.destroyed || this[kGotEof]) return;
    this[kGotEof] = true;
    this.push(null);
    // as Node's onStreamRead: with nothing left unread, 'end' comes though nobody reads
    this.read(0);
    // as Node's onReadableStreamEnd: without allowHalfOpen, writing after the peer's FIN fails
    if (!this.allowHalfOpen) {
      this.write = function writeAfterFIN(chunk, encoding, cb) {
        if (typeof encoding === 'function') cb = encoding;
        const err = nodeError(Error, 'EPIPE', 'This socket has been ended by the other party');
        if (typeof cb === 'function') nextTick(cb, [err]);
        this.destroy(err);
        return false;
      };
    }
  }

  _releaseHandle() {
    if (!this[kOpen]) return;
    this[kOpen] = false;
    closeHandle(this);
    if (this[kLocal] && !this.server) releasePort(this[kLocal].port);
    if (this[kIdle]) {
      clearTimeout(this[kIdle]);
      this[kIdle] = null;
    }
  }

  _destroy(err, cb) {
    this.connecting = false;
    const wasOpen = this[kOpen];
    this._releaseHandle();
    const peer = this[kPeer];
    this[kPeer] = null;
    // the peer reads what was sent before, then the end (a close is a FIN here)
    if (peer) deliver(peer, () => peer[kEof]());
    const hadError = Boolean(err);
    cb(err);
    const server = this._server;
    if (server && wasOpen) {
      server._connections--;
      server._emitCloseIfDrained();
    }
    // as the handle's close callback: 'close' after 'error', before the next poll phase
    nextTick(() => this.emit('close', hadError), []);
  }

  resetAndDestroy() {
    const peer = this[kPeer];
    if (peer) {
      this[kPeer] = null;
      deliver(peer, () => peer.destroy(uvHostPortError('ECONNRESET', 'read')));
    }
    return this.destroy();
  }

  destroySoon() {
    if (this.writable) this.end();
    if (this.writableFinished) this.destroy();
    else this.once('finish', this.destroy);
  }

  // the idle timer (socket.setTimeout): any byte in or out re-arms it
  _touch() {
    this[kIdle]?.refresh();
  }

  setTimeout(msecs, callback) {
    if (this.destroyed) return this;
    this.timeout = msecs = timeoutDuration(msecs);
    if (callback !== undefined && typeof callback !== 'function') throw invalidArgType('callback', 'Function', callback);
    if (this[kIdle]) {
      clearTimeout(this[kIdle]);
      this[kIdle] = null;
    }
    if (msecs === 0) {
      if (callback !== undefined) this.removeListener('timeout', callback);
    } else {
      this[kIdle] = setTimeout(() => this.emit('timeout'), msecs);
      this[kIdle].unref();
      if (callback !== undefined) this.once('timeout', callback);
    }
    return this;
  }

  setNoDelay() { return this; }
  setKeepAlive() { return this; }

  ref() {
    this[kUnref] = false;
    handleRef(this, true);
    return this;
  }
  unref() {
    this[kUnref] = true;
    handleRef(this, false);
    return this;
  }
}
const SocketConstructor = callable(Socket);
export { SocketConstructor as Socket, SocketConstructor as Stream };

export function connect(...args) {
  const normalized = _normalizeArgs(args);
  const [options] = normalized;
  const socket = new Socket(options);
  if (options.timeout) socket.setTimeout(options.timeout);
  return socket.connect(...normalized);
}
export const createConnection = connect;

class Server extends EventEmitter {
  constructor(options, connectionListener) {
    super();
    if (typeof options === 'function') {
      connectionListener = options;
      options = {};
    } else if (options == null || typeof options === 'object') {
      options = { ...options };
    } else {
      throw invalidArgType('options', 'Object', options);
    }
    if (typeof connectionListener === 'function') this.on('connection', connectionListener);
    this._connections = 0;
    this._usingWorkers = false;
    this._workers = [];
    this._unref = false;
    this._pipeName = undefined;
    this.allowHalfOpen = options.allowHalfOpen || false;
    this.pauseOnConnect = !!options.pauseOnConnect;
    this.noDelay = Boolean(options.noDelay);
    this.keepAlive = Boolean(options.keepAlive);
    this.keepAliveInitialDelay = ~~(options.keepAliveInitialDelay / 1000);
    this.highWaterMark = options.highWaterMark;
    this.maxConnections = undefined;
    this[kBinding] = null;
    initResource(this, 'TCPSERVERWRAP');
  }

  get _handle() { return this[kBinding] ? this : null; }
  get listening() { return this[kBinding] !== null; }

  listen(...args) {
    const [options0, cb] = _normalizeArgs(args);
    let options = options0;
    if (this[kBinding]) throw nodeError(Error, 'ERR_SERVER_ALREADY_LISTEN', 'Listen method has been called more than once without closing.');
    if (listenChannel.asyncStart.hasSubscribers) listenChannel.asyncStart.publish({ server: this, options });
    if (cb !== null) this.once('listening', cb);
    const backlogFromArgs = typeof args[1] === 'number' ? args[1] : typeof args[2] === 'number' ? args[2] : undefined;
    options = options._handle || options.handle || options;
    if (args.length === 0 || typeof args[0] === 'function' || (typeof options.port === 'undefined' && 'port' in options) || options.port === null) {
      options.port = 0;
    }
    if (typeof options.port === 'number' || typeof options.port === 'string') {
      validatePort(options.port, 'options.port');
      this._backlog = options.backlog || backlogFromArgs;
      const port = options.port | 0;
      const v6only = options.ipv6Only === true;
      if (options.host) {
        const local = resolveLocal(options.host);
        const done = () => {
          if (!local) {
            this._listenFailed(lookupError(options.host), false);
            return;
          }
          this._listenOn(local.address, port, v6only);
        };
        if (isIP(options.host)) nextTick(done, []);
        else deliver(this, done);
      } else {
        this._listenOn(null, port, v6only);
      }
      return this;
    }
    if (options.path && isPipeName(options.path)) {
      this._pipeName = options.path;
      this._listenFailed(listenError(options.path), true);
      return this;
    }
    if (!('port' in options) && !('path' in options)) {
      throw invalidArgValue('options', options, 'must have the property "port" or "path"');
    }
    throw invalidArgValue('options', options);
  }

  _listenOn(address, port, v6only) {
    const result = bind(this, address ?? '::', port, v6only);
    if (result instanceof Error) {
      this._listenFailed(result, true);
      return;
    }
    this[kBinding] = result;
    liveHandles.add(this);
    handleOpened(this, 'TCPServerWrap', !this._unref);
    nextTick(() => {
      if (this[kBinding] !== result) return;
      if (listenChannel.asyncEnd.hasSubscribers) listenChannel.asyncEnd.publish({ server: this });
      this.emit('listening');
    }, []);
  }

  _listenFailed(err, later) {
    if (listenChannel.error.hasSubscribers) listenChannel.error.publish({ server: this, error: err });
    if (later) nextTick(() => this.emit('error', err), []);
    else this.emit('error', err);
  }

  address() {
    const binding = this[kBinding];
    if (binding) return { address: binding.address, family: binding.family, port: binding.port };
    if (this._pipeName) return this._pipeName;
    return null;
  }

  close(cb) {
    if (typeof cb === 'function') {
      if (!this[kBinding]) {
        this.once('close', function close() {
          cb(nodeError(Error, 'ERR_SERVER_NOT_RUNNING', 'Server is not running.'));
        });
      } else {
        this.once('close', cb);
      }
    }
    if (this[kBinding]) {
      unbind(this[kBinding]);
      this[kBinding] = null;
      closeHandle(this);
    }
    this._emitCloseIfDrained();
    return this;
  }

  _emitCloseIfDrained() {
    if (this[kBinding] || this._connections) return;
    nextTick(() => this.emit('close'), []);
  }

  getConnections(cb) {
    nextTick(cb, [null, this._connections]);
    return this;
  }

  ref() {
    this._unref = false;
    handleRef(this, true);
    return this;
  }
  unref() {
    this._unref = true;
    handleRef(this, false);
    return this;
  }

  [Symbol.asyncDispose]() {
    if (!this[kBinding]) return Promise.resolve();
    return new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
  }
}

const ServerConstructor = callable(Server);
export { ServerConstructor as Server };

export function createServer(options, connectionListener) {
  return new Server(options, connectionListener);
}

export class SocketAddress {
  constructor(options = {}) {
    this.address = options.address ?? (options.family === 'ipv6' ? '::' : '127.0.0.1');
    this.port = options.port ?? 0;
    this.family = options.family ?? 'ipv4';
    this.flowlabel = options.flowlabel ?? 0;
  }
}

export const BlockList = unavailableClass('BlockList', 'net.BlockList');

let autoSelectFamily = true;
let autoSelectFamilyTimeout = 250;
export const getDefaultAutoSelectFamily = () => autoSelectFamily;
export const setDefaultAutoSelectFamily = (value) => { autoSelectFamily = !!value; };
export const getDefaultAutoSelectFamilyAttemptTimeout = () => autoSelectFamilyTimeout;
export const setDefaultAutoSelectFamilyAttemptTimeout = (value) => { autoSelectFamilyTimeout = Math.max(10, Number(value)); };
export function _createServerHandle() { return -13; }
export function _setSimultaneousAccepts() {}

export default {
  _createServerHandle, _normalizeArgs, _setSimultaneousAccepts, BlockList, SocketAddress, connect, createConnection,
  createServer, isIP, isIPv4, isIPv6, Server: ServerConstructor, Socket: SocketConstructor, Stream: SocketConstructor, getDefaultAutoSelectFamily, setDefaultAutoSelectFamily,
  getDefaultAutoSelectFamilyAttemptTimeout, setDefaultAutoSelectFamilyAttemptTimeout,
};
