// Node's http.Agent: its options and pools, which stay empty (no socket ever connects).
import { EventEmitter } from 'node:events';
import { connect } from 'node:net';

export class Agent extends EventEmitter {
  constructor(options = {}) {
    super();
    this.defaultPort = 80;
    this.protocol = 'http:';
    this.options = { __proto__: null, ...options, path: null };
    this.requests = Object.create(null);
    this.sockets = Object.create(null);
    this.freeSockets = Object.create(null);
    this.keepAliveMsecs = options.keepAliveMsecs || 1000;
    this.keepAlive = options.keepAlive || false;
    this.maxSockets = options.maxSockets || Infinity;
    this.maxFreeSockets = options.maxFreeSockets || 256;
    this.scheduling = options.scheduling || 'lifo';
    this.maxTotalSockets = options.maxTotalSockets || Infinity;
    this.totalSocketCount = 0;
  }
  createConnection(...args) { return connect(...args); }
  getName(options = {}) {
    let name = options.host || 'localhost';
    name += ':';
    if (options.port) name += options.port;
    name += ':';
    if (options.localAddress) name += options.localAddress;
    if (options.family === 4 || options.family === 6) name += `:${options.family}`;
    return name;
  }
  keepSocketAlive() { return false; }
  reuseSocket() {}
  destroy() {}
}
export const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

export default { Agent, globalAgent };
