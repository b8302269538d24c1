// node:https without a network (see node:http): port 443 by default, the same failures.
import { Agent as HttpAgent } from 'node:_http_agent';
import { ClientRequest } from 'node:_http_client';
import { Server as HttpServer } from 'node:_http_server';

export class Agent extends HttpAgent {
  constructor(options) {
    super(options);
    this.defaultPort = 443;
    this.protocol = 'https:';
  }
}
export const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });
export class Server extends HttpServer {}
export function createServer(options, listener) { return new Server(options, listener); }
export function request(url, options, cb) {
  return new ClientRequest(url, options, cb, { protocol: 'https:', port: 443, agent: globalAgent });
}
export function get(url, options, cb) {
  const req = request(url, options, cb);
  req.end();
  return req;
}

export default { Agent, globalAgent, Server, createServer, get, request };
