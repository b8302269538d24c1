// node:dgram without a network: a socket binds or sends with EACCES, reported as Node reports
// those failures ('error', or the send callback).
import { EventEmitter } from 'node:events';
import { invalidArgValue } from 'qjsw:internal/errors';
import { UV_EACCES, UV_EBADF } from 'qjsw:binding/uv';
import { channel } from 'node:diagnostics_channel';

const udpSocketChannel = channel('udp.socket');

function socketError(syscall, address, port) {
  const err = new Error(`${syscall} EACCES${address ? ` ${address}${port !== undefined ? `:${port}` : ''}` : ''}`);
  return Object.assign(err, { errno: UV_EACCES, code: 'EACCES', syscall, address, port });
}

export class Socket extends EventEmitter {
  constructor(type, listener) {
    super();
    const t = typeof type === 'object' && type !== null ? type.type : type;
    if (t !== 'udp4' && t !== 'udp6') throw invalidArgValue('options.type', t, "must be one of: 'udp4', 'udp6'");
    this.type = t;
    if (listener) this.on('message', listener);
    if (udpSocketChannel.hasSubscribers) udpSocketChannel.publish({ socket: this });
  }
  bind(port, address, cb) {
    if (typeof port === 'object' && port !== null) ({ port, address } = port);
    if (typeof address === 'function') cb = address;
    const err = socketError('bind', typeof address === 'string' ? address : this.type === 'udp4' ? '0.0.0.0' : '::', port ?? 0);
    setTimeout(() => this.emit('error', err), 0);
    return this;
  }
  send(msg, ...args) {
    const cb = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
    const err = socketError('send');
    setTimeout(() => (cb ? cb(err) : this.emit('error', err)), 0);
  }
  connect(port, address, cb) {
    if (typeof address === 'function') cb = address;
    const err = socketError('connect', typeof address === 'string' ? address : '127.0.0.1', port);
    setTimeout(() => (cb ? cb(err) : this.emit('error', err)), 0);
  }
  close(cb) {
    if (typeof cb === 'function') this.once('close', cb);
    setTimeout(() => this.emit('close'), 0);
    return this;
  }
  address() {
    const err = new Error('getsockname EBADF');
    throw Object.assign(err, { errno: UV_EBADF, code: 'EBADF', syscall: 'getsockname' });
  }
  disconnect() {}
  ref() { return this; }
  unref() { return this; }
  setBroadcast() {}
  setTTL(ttl) { return ttl; }
  setMulticastTTL(ttl) { return ttl; }
  setMulticastLoopback(flag) { return flag; }
  setMulticastInterface() {}
  addMembership() {}
  dropMembership() {}
  setRecvBufferSize() {}
  setSendBufferSize() {}
  getRecvBufferSize() { return 0; }
  getSendBufferSize() { return 0; }
}
export function createSocket(type, listener) { return new Socket(type, listener); }
export function _createSocketHandle() { return -13; }

export default { _createSocketHandle, createSocket, Socket };
