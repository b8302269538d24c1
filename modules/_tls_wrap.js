// TLS sockets and servers without a network: they fail to connect or listen as net's do.
import { Socket, Server as NetServer } from 'node:net';

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
export class Server extends NetServer {}
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
  return socket.connect({ port: options.port, host: options.host ?? options.servername ?? 'localhost', path: options.path });
}

export default { TLSSocket, Server, createServer, connect };
