// TLS sockets and servers: nothing here speaks TLS, so they fail to connect (refused) or
// listen (EACCES), as on a host without the capability.
import { Socket, Server as NetServer } from 'node:net';
import { refusedConnect, refusedListen } from 'qjsw:internal/unavailable';

export class TLSSocket extends Socket {
  constructor(socket, options) {
    super(options);
    this.encrypted = true;
    this.authorized = false;
    this.authorizationError = null;
    this.alpnProtocol = false;
  }
  getPeerCertificate() { return {}; }
  getCipher() { return null; }
  getProtocol() { return null; }
  getSession() { return undefined; }
}
export class Server extends NetServer {
  listen(...args) { return refusedListen(this, args); }
}
export function createServer(options, listener) { return new Server(options, listener); }
export function connect(...args) {
  let options = {};
  if (args[0] !== null && typeof args[0] === 'object') options = args[0];
  else {
    options.port = args[0];
    if (typeof args[1] === 'string') options.host = args[1];
  }
  const cb = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
  const socket = new TLSSocket(null, options);
  if (cb) socket.once('secureConnect', cb);
  return refusedConnect(socket, { host: options.host ?? options.servername, port: options.port, path: options.path });
}

export default { TLSSocket, Server, createServer, connect };
