// Node's http.Agent: a pool of sockets per host:port:localAddress. Requests take a free socket
// (the last freed first, 'lifo') or a new one while under maxSockets, else wait for one; a
// socket whose response ended goes back to the pool (unreferenced, with the agent's timeout)
// when the agent keeps sockets alive, else it is closed.
import { EventEmitter } from 'node:events';
import { connect, Socket } from 'node:net';
import { invalidArgValue } from 'qjsw:internal/errors';
import { asyncIdSymbol, resetResource } from 'qjsw:internal/loop';
import { asyncWrapProviders } from 'node:async_hooks';

const kOnKeylog = Symbol('onkeylog');

export class Agent extends EventEmitter {
  constructor(options) {
    super();
    this.defaultPort = 80;
    this.protocol = 'http:';
    this.options = { __proto__: null, ...options };
    if (this.options.noDelay === undefined) this.options.noDelay = true;
    this.options.path = null;
    this.requests = { __proto__: null };
    this.sockets = { __proto__: null };
    this.freeSockets = { __proto__: null };
    this.keepAliveMsecs = this.options.keepAliveMsecs || 1000;
    this.keepAlive = this.options.keepAlive || false;
    this.maxSockets = this.options.maxSockets || Agent.defaultMaxSockets;
    this.maxFreeSockets = this.options.maxFreeSockets || 256;
    this.scheduling = this.options.scheduling || 'lifo';
    this.maxTotalSockets = this.options.maxTotalSockets;
    this.totalSocketCount = 0;
    if (this.scheduling !== 'fifo' && this.scheduling !== 'lifo') {
      throw invalidArgValue('scheduling', this.scheduling, "must be one of: 'fifo', 'lifo'");
    }
    if (this.maxTotalSockets === undefined) this.maxTotalSockets = Infinity;
    this.on('free', (socket, opts) => this._onFree(socket, opts));
    this[kOnKeylog] = null;
  }

  _onFree(socket, options) {
    const name = this.getName(options);
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const requests = this.requests[name];
    if (requests?.length) {
      const req = requests.shift();
      if (!requests.length) delete this.requests[name];
      asyncResetHandle(socket);
      this.reuseSocket(socket, req);
      setRequestSocket(this, req, socket);
      return;
    }
    const req = socket._httpMessage;
    if (!req || !req.shouldKeepAlive || !this.keepAlive) {
      socket.destroy();
      return;
    }
    const freeSockets = this.freeSockets[name] ?? [];
    const freeLen = freeSockets.length;
    let count = freeLen;
    if (this.sockets[name]) count += this.sockets[name].length;
    if (this.totalSocketCount > this.maxTotalSockets || count > this.maxSockets || freeLen >= this.maxFreeSockets ||
        !this.keepSocketAlive(socket)) {
      socket.destroy();
      return;
    }
    this.freeSockets[name] = freeSockets;
    socket[asyncIdSymbol] = -1;
    socket._httpMessage = null;
    this.removeSocket(socket, options);
    socket.once('error', freeSocketErrorListener);
    freeSockets.push(socket);
  }

  createConnection(...args) {
    return connect(...args);
  }

  getName(options = {}) {
    let name = options.host || 'localhost';
    name += ':';
    if (options.port) name += options.port;
    name += ':';
    if (options.localAddress) name += options.localAddress;
    if (options.family === 4 || options.family === 6) name += `:${options.family}`;
    if (options.socketPath) name += `:${options.socketPath}`;
    return name;
  }

  addRequest(req, options, port, localAddress) {
    if (typeof options === 'string') options = { __proto__: null, host: options, port, localAddress };
    options = { __proto__: null, ...options, ...this.options };
    if (options.socketPath) options.path = options.socketPath;
    normalizeServerName(options, req);
    const name = this.getName(options);
    this.sockets[name] ??= [];
    const freeSockets = this.freeSockets[name];
    let socket;
    if (freeSockets) {
      // a socket closed while free (its server went away, or a run ended) is not reused
      for (let i = freeSockets.length - 1; i >= 0; i--) if (freeSockets[i].destroyed) freeSockets.splice(i, 1);
      socket = this.scheduling === 'fifo' ? freeSockets.shift() : freeSockets.pop();
      if (!freeSockets.length) delete this.freeSockets[name];
    }
    const freeLen = freeSockets ? freeSockets.length : 0;
    const sockLen = freeLen + this.sockets[name].length;
    if (socket) {
      asyncResetHandle(socket);
      this.reuseSocket(socket, req);
      setRequestSocket(this, req, socket);
      this.sockets[name].push(socket);
    } else if (sockLen < this.maxSockets && this.totalSocketCount < this.maxTotalSockets) {
      this.createSocket(req, options, (err, newSocket) => {
        if (err) req.onSocket(newSocket, err);
        else setRequestSocket(this, req, newSocket);
      });
    } else {
      (this.requests[name] ??= []).push(req);
    }
  }

  createSocket(req, options, cb) {
    options = { __proto__: null, ...options, ...this.options };
    if (options.socketPath) options.path = options.socketPath;
    normalizeServerName(options, req);
    const name = this.getName(options);
    options._agentKey = name;
    options.encoding = null;
    let called = false;
    const oncreate = (err, s) => {
      if (called) return;
      called = true;
      if (err) return cb(err);
      this.sockets[name] ??= [];
      this.sockets[name].push(s);
      this.totalSocketCount++;
      installListeners(this, s, options);
      cb(null, s);
    };
    const newSocket = this.createConnection(options, oncreate);
    if (newSocket) oncreate(null, newSocket);
  }

  removeSocket(s, options) {
    const name = this.getName(options);
    for (const sockets of [this.sockets, this.freeSockets]) {
      const list = sockets[name];
      if (!list) continue;
      const index = list.indexOf(s);
      if (index !== -1) {
        list.splice(index, 1);
        if (list.length === 0) delete sockets[name];
      }
    }
    // a request waiting for a socket gets a new one once this one is gone
    const requests = this.requests[name];
    if (requests?.length && s.destroyed) {
      const req = requests.shift();
      if (!requests.length) delete this.requests[name];
      this.createSocket(req, options, (err, socket) => {
        if (err) req.onSocket(socket, err);
        else socket.emit('free');
      });
    }
  }

  keepSocketAlive(socket) {
    socket.setKeepAlive(true, this.keepAliveMsecs);
    socket.unref();
    let agentTimeout = this.options.timeout || 0;
    let canKeepSocketAlive = true;
    const res = socket._httpMessage?.res;
    if (res) {
      const keepAliveHint = res.headers['keep-alive'];
      if (keepAliveHint) {
        const hint = /^timeout=(\d+)/.exec(keepAliveHint)?.[1];
        if (hint) {
          const serverHintTimeout = Number(hint) * 1000 - 1000;
          if (serverHintTimeout < 0) canKeepSocketAlive = false;
          else if (serverHintTimeout < agentTimeout) agentTimeout = serverHintTimeout;
        }
      }
    }
    if (socket.timeout !== agentTimeout) socket.setTimeout(agentTimeout);
    return canKeepSocketAlive;
  }

  reuseSocket(socket, req) {
    socket.removeListener('error', freeSocketErrorListener);
    req.reusedSocket = true;
    socket.ref();
  }

  destroy() {
    for (const set of [this.freeSockets, this.sockets]) {
      for (const key of Object.keys(set)) for (const socket of [...set[key]]) socket.destroy();
    }
  }
}
Agent.defaultMaxSockets = Infinity;

function normalizeServerName(options, req) {
  if (!options.servername && options.servername !== '') options.servername = req?.getHeader?.('host')?.replace?.(/:.*$/, '') ?? options.host;
}

// The init hook's resource for a reused socket, as Node's (its type is the provider's number).
class ReusedHandle {
  constructor(type, handle) {
    this.type = type;
    this.handle = handle;
  }
}

// A reused socket starts a new async life, as a new one would (not one a user's createConnection
// made of something else).
function asyncResetHandle(socket) {
  if (!(socket instanceof Socket)) return;
  socket[asyncIdSymbol] = resetResource(socket, 'TCPWRAP', new ReusedHandle(asyncWrapProviders.TCPWRAP, socket));
}

function freeSocketErrorListener(err) {
  this.destroy();
  this.emit('agentRemove');
  void err;
}

function installListeners(agent, s, options) {
  function onFree() {
    agent.emit('free', s, options);
  }
  s.on('free', onFree);
  function onClose() {
    agent.totalSocketCount--;
    agent.removeSocket(s, options);
  }
  s.on('close', onClose);
  function onTimeout() {
    const sockets = agent.freeSockets;
    if (Object.keys(sockets).some((name) => sockets[name].includes(s))) s.destroy();
  }
  s.on('timeout', onTimeout);
  function onRemove() {
    agent.totalSocketCount--;
    agent.removeSocket(s, options);
    s.removeListener('close', onClose);
    s.removeListener('free', onFree);
    s.removeListener('timeout', onTimeout);
    s.removeListener('agentRemove', onRemove);
  }
  s.on('agentRemove', onRemove);
}

function setRequestSocket(agent, req, socket) {
  req.onSocket(socket);
  const agentTimeout = agent.options.timeout || 0;
  if (req.timeout === undefined || req.timeout === agentTimeout) return;
  socket.setTimeout(req.timeout);
}

export const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

export default { Agent, globalAgent };
