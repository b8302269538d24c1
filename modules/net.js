// node:net without a network: sockets fail to connect (a refused connection on localhost and
// IP literals, no name resolution for other hosts) and servers fail to listen (EACCES), each
// through its 'error' event as Node reports them. Address helpers are real.
import 'qjsw:internal/symbols';
import { EventEmitter } from 'node:events';
import { Duplex } from 'node:stream';
import { nodeError } from 'qjsw:internal/errors';
import { connectError, hostPortError, isIP, isIPv4, isIPv6, listenError, unavailableClass } from 'qjsw:internal/unavailable';

export { isIP, isIPv4, isIPv6 };

// [options, callback] from connect()'s forms: (options[, cb]), (port[, host][, cb]), (path[, cb])
export function _normalizeArgs(args) {
  if (args.length === 0) return [{}, null];
  const [first] = args;
  let options = {};
  if (first !== null && typeof first === 'object') options = first;
  else if (typeof first === 'string' && !/^\d+$/.test(first)) options.path = first;
  else {
    options.port = first;
    if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
  }
  const cb = args[args.length - 1];
  return [options, typeof cb === 'function' ? cb : null];
}

export class Socket extends Duplex {
  constructor(options = {}) {
    super({ ...options, allowHalfOpen: options.allowHalfOpen === true });
    this.connecting = false;
    this.remoteAddress = undefined;
    this.remotePort = undefined;
    this.bytesRead = 0;
    this.bytesWritten = 0;
  }
  _read() {}
  _destroy(err, cb) {
    this._hadError = !!err;
    cb(err);
  }
  // 'close' says whether an error ended the socket
  emit(name, ...args) {
    if (name === 'close' && args.length === 0) return super.emit('close', this._hadError === true);
    return super.emit(name, ...args);
  }
  _write(chunk, encoding, cb) {
    cb(nodeError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed'));
  }
  connect(...args) {
    const [options, cb] = _normalizeArgs(args);
    if (cb) this.once('connect', cb);
    this.connecting = true;
    const err = options.path !== undefined
      ? hostPortError('ENOENT', 'connect', options.path)
      : connectError(options.host ?? 'localhost', Number(options.port));
    setTimeout(() => {
      this.connecting = false;
      this.destroy(err);
    }, 0);
    return this;
  }
  setEncoding(enc) { return super.setEncoding(enc); }
  setTimeout(ms, cb) { if (cb) this.once('timeout', cb); return this; }
  setNoDelay() { return this; }
  setKeepAlive() { return this; }
  address() { return {}; }
  ref() { return this; }
  unref() { return this; }
  get readyState() { return this.connecting ? 'opening' : 'closed'; }
}
export const Stream = Socket;

export function connect(...args) {
  const [options] = _normalizeArgs(args);
  const socket = new Socket(options);
  return socket.connect(...args);
}
export const createConnection = connect;

export class Server extends EventEmitter {
  constructor(options, listener) {
    super();
    if (typeof options === 'function') listener = options;
    if (listener) this.on('connection', listener);
    this.listening = false;
    this.maxConnections = undefined;
  }
  listen(...args) {
    let port;
    let host;
    const cb = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
    if (args[0] !== null && typeof args[0] === 'object') ({ port, host } = args[0]);
    else [port, host] = args;
    if (cb) this.once('listening', cb);
    const err = listenError(typeof host === 'string' ? host : undefined, Number(port ?? 0));
    setTimeout(() => this.emit('error', err), 0);
    return this;
  }
  address() { return null; }
  close(cb) {
    if (typeof cb === 'function') setTimeout(() => cb(nodeError(Error, 'ERR_SERVER_NOT_RUNNING', 'Server is not running.')), 0);
    return this;
  }
  getConnections(cb) { setTimeout(() => cb(null, 0), 0); return this; }
  ref() { return this; }
  unref() { return this; }
  [Symbol.asyncDispose]() { return new Promise((resolve) => this.close(() => resolve())); }
}

export function createServer(options, listener) {
  return new Server(options, listener);
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
  createServer, isIP, isIPv4, isIPv6, Server, Socket, Stream, getDefaultAutoSelectFamily, setDefaultAutoSelectFamily,
  getDefaultAutoSelectFamilyAttemptTimeout, setDefaultAutoSelectFamilyAttemptTimeout,
};
