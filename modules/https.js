// node:https without TLS: port 443 by default; requests fail to connect (ECONNREFUSED on
// localhost and IP literals, EAI_AGAIN for other names) and servers cannot listen (EACCES).
import { Agent as HttpAgent } from 'node:_http_agent';
import { ClientRequest } from 'node:_http_client';
import { Server as HttpServer } from 'node:_http_server';
import { refusedListen } from 'qjsw:internal/unavailable';

export class Agent extends HttpAgent {
  constructor(options) {
    super(options);
    this.defaultPort = 443;
    this.protocol = 'https:';
  }
}
export const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });
export class Server extends HttpServer {
  listen(...args) { return refusedListen(this, args); }
}
export function createServer(options, listener) { return new Server(options, listener); }
export function request(...args) {
  const url = typeof args[0] === 'string' || args[0] instanceof URL ? args.shift() : null;
  const options = { ...(args[0] && typeof args[0] !== 'function' ? args.shift() : {}), _defaultAgent: globalAgent };
  return url === null ? new ClientRequest(options, args[0]) : new ClientRequest(url, options, args[0]);
}
export function get(url, options, cb) {
  const req = request(url, options, cb);
  req.end();
  return req;
}

export default { Agent, globalAgent, Server, createServer, get, request };
