// Node's ClientRequest over node:net (the sandbox's loopback): the request is written as Node
// writes it, its socket comes from the agent's pool (or createConnection), and the response is
// parsed from the socket (qjsw:internal/http_parser) into an IncomingMessage. Other hosts are
// refused or do not resolve, as node:net's. https has no TLS here: its requests fail to connect.
import { OutgoingMessage, kOutHeaders } from 'node:_http_outgoing';
import { IncomingMessage } from 'node:_http_incoming';
import { globalAgent } from 'node:_http_agent';
import { _checkIsHttpToken } from 'node:_http_common';
import { createConnection } from 'node:net';
import { finished } from 'node:stream';
import { channel } from 'node:diagnostics_channel';
import { invalidArgType, nodeError } from 'qjsw:internal/errors';
import { nextTick } from 'qjsw:internal/loop';
import { connectError } from 'qjsw:internal/unavailable';
import { HTTPParser, RESPONSE, fromHead } from 'qjsw:internal/http_parser';

const INVALID_PATH_REGEX = /[^\u0021-\u00ff]/;
const kError = Symbol('kError');
const requestStartChannel = channel('http.client.request.start');
const responseFinishChannel = channel('http.client.response.finish');
const requestErrorChannel = channel('http.client.request.error');

function emitErrorEvent(request, error) {
  if (requestErrorChannel.hasSubscribers) requestErrorChannel.publish({ request, error });
  request.emit('error', error);
}

function connResetError(message) {
  const err = new Error(message);
  err.code = 'ECONNRESET';
  return err;
}

function timerDuration(msecs, name) {
  if (typeof msecs !== 'number') throw invalidArgType(name, 'number', msecs);
  if (msecs < 0 || !Number.isFinite(msecs)) {
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be a non-negative finite number. Received ${msecs}`);
  }
  return msecs;
}

function urlToHttpOptions(url) {
  const options = {
    protocol: url.protocol,
    hostname: typeof url.hostname === 'string' && url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: `${url.pathname || ''}${url.search || ''}`,
    href: url.href,
  };
  if (url.port !== '') options.port = Number(url.port);
  if (url.username || url.password) options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return options;
}

function validateHost(host, name) {
  if (host !== null && host !== undefined && typeof host !== 'string') {
    throw invalidArgType(`options.${name}`, ['string', 'undefined', 'null'], host);
  }
  return host;
}

export function ClientRequest(input, options, cb) {
  if (!(this instanceof ClientRequest)) return new ClientRequest(input, options, cb);
  OutgoingMessage.call(this);
  if (typeof input === 'string') input = urlToHttpOptions(new URL(input));
  else if (input instanceof URL) input = urlToHttpOptions(input);
  else {
    cb = options;
    options = input;
    input = null;
  }
  if (typeof options === 'function') {
    cb = options;
    options = input || {};
  } else {
    options = Object.assign(input || {}, options);
  }
  let agent = options.agent;
  const defaultAgent = options._defaultAgent || globalAgent;
  if (agent === false) agent = new defaultAgent.constructor();
  else if (agent === null || agent === undefined) {
    if (typeof options.createConnection !== 'function') agent = defaultAgent;
    options.defaultPort = options.defaultPort || agent?.defaultPort;
  }
  this.agent = agent;
  const protocol = options.protocol || defaultAgent.protocol;
  const expectedProtocol = this.agent?.protocol || defaultAgent.protocol;
  if (options.path) {
    const path = String(options.path);
    if (INVALID_PATH_REGEX.test(path)) throw nodeError(TypeError, 'ERR_UNESCAPED_CHARACTERS', 'Request path contains unescaped characters');
  }
  if (protocol !== expectedProtocol) {
    throw nodeError(TypeError, 'ERR_INVALID_PROTOCOL', `Protocol "${protocol}" not supported. Expected "${expectedProtocol}"`);
  }
  const defaultPort = options.defaultPort || this.agent?.defaultPort;
  const opts = { __proto__: null, ...options };
  const port = opts.port = options.port || defaultPort || 80;
  const host = opts.host = validateHost(options.hostname, 'hostname') || validateHost(options.host, 'host') || 'localhost';
  const setHost = options.setHost === undefined || Boolean(options.setHost);
  this.socketPath = options.socketPath;
  if (options.timeout !== undefined) this.timeout = timerDuration(options.timeout, 'timeout');
  const { signal } = options;
  if (signal) {
    const onAbort = () => this.destroy(Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR', cause: signal.reason }));
    if (signal.aborted) nextTick(onAbort, []);
    else {
      signal.addEventListener('abort', onAbort, { once: true });
      this.once('close', () => signal.removeEventListener('abort', onAbort));
    }
  }
  let { method } = options;
  if (method !== null && method !== undefined && typeof method !== 'string') throw invalidArgType('options.method', 'string', method);
  if (method) {
    if (!_checkIsHttpToken(method)) throw nodeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', `Method must be a valid HTTP token ["${method}"]`);
    method = this.method = method.toUpperCase();
  } else {
    method = this.method = 'GET';
  }
  this.maxHeaderSize = options.maxHeaderSize;
  this.insecureHTTPParser = options.insecureHTTPParser;
  this.joinDuplicateHeaders = options.joinDuplicateHeaders;
  this.path = options.path || '/';
  if (cb) this.once('response', cb);
  this.useChunkedEncodingByDefault = !['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'].includes(method);
  this._ended = false;
  this.res = null;
  this.aborted = false;
  this.timeoutCb = null;
  this.upgradeOrConnect = false;
  this.parser = null;
  this.maxHeadersCount = null;
  this.reusedSocket = false;
  this.host = host;
  this.protocol = protocol;
  if (this.agent) {
    if (!this.agent.keepAlive && !Number.isFinite(this.agent.maxSockets)) {
      this._last = true;
      this.shouldKeepAlive = false;
    } else {
      this._last = false;
      this.shouldKeepAlive = true;
    }
  }
  if (!Array.isArray(options.headers)) {
    if (options.headers) for (const key of Object.keys(options.headers)) this.setHeader(key, options.headers[key]);
    if (host && !this.getHeader('host') && setHost) {
      let hostHeader = host;
      const colon = hostHeader.indexOf(':');
      if (colon !== -1 && hostHeader.includes(':', colon + 1) && hostHeader[0] !== '[') hostHeader = `[${hostHeader}]`;
      if (port && +port !== defaultPort) hostHeader += `:${port}`;
      this.setHeader('Host', hostHeader);
    }
    if (options.auth && !this.getHeader('Authorization')) {
      this.setHeader('Authorization', `Basic ${Buffer.from(options.auth).toString('base64')}`);
    }
    if (this.getHeader('expect')) {
      this._storeHeader(`${this.method} ${this.path} HTTP/1.1\r\n`, this[kOutHeaders]);
    }
  } else {
    this._storeHeader(`${this.method} ${this.path} HTTP/1.1\r\n`, options.headers);
  }
  if (requestStartChannel.hasSubscribers) requestStartChannel.publish({ request: this });
  // no TLS here: an https request fails as one to a host that refuses it
  if (protocol === 'https:') {
    this.onSocket(null, connectError(host, port));
    return;
  }
  if (this.agent) {
    this.agent.addRequest(this, opts);
    return;
  }
  this._last = true;
  this.shouldKeepAlive = false;
  const connectOptions = { ...opts };
  if (connectOptions.socketPath) connectOptions.path = connectOptions.socketPath;
  else if (connectOptions.path) connectOptions.path = undefined;
  if (typeof connectOptions.createConnection === 'function') {
    let called = false;
    const oncreate = (err, socket) => {
      if (called) return;
      called = true;
      if (err) nextTick(() => emitErrorEvent(this, err), []);
      else this.onSocket(socket);
    };
    try {
      const socket = connectOptions.createConnection(connectOptions, oncreate);
      if (socket) oncreate(null, socket);
    } catch (err) {
      oncreate(err);
    }
  } else {
    this.onSocket(createConnection(connectOptions));
  }
}
Object.setPrototypeOf(ClientRequest.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ClientRequest, OutgoingMessage);

ClientRequest.prototype._finish = function _finish() {
  OutgoingMessage.prototype._finish.call(this);
};

ClientRequest.prototype._implicitHeader = function _implicitHeader() {
  if (this._header) throw nodeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot render headers after they are sent to the client');
  this._storeHeader(`${this.method} ${this.path} HTTP/1.1\r\n`, this[kOutHeaders]);
};

ClientRequest.prototype.abort = function abort() {
  if (this.aborted) return;
  this.aborted = true;
  nextTick(() => this.emit('abort'), []);
  this.destroy();
};

ClientRequest.prototype.destroy = function destroy(err) {
  if (this.destroyed) return this;
  this.destroyed = true;
  if (this.res) this.res._dump();
  this[kError] = err;
  this.socket?.destroy(err);
  return this;
};

ClientRequest.prototype.onSocket = function onSocket(socket, err) {
  nextTick(() => onSocketNT(this, socket, err), []);
};

function onSocketNT(req, socket, err) {
  if (req.destroyed || err) {
    req.destroyed = true;
    const destroyed = (error) => {
      if (!req.aborted && !error) error = connResetError('socket hang up');
      if (error) emitErrorEvent(req, error);
      req._closed = true;
      req.emit('close');
    };
    if (socket) {
      if (!err && req.agent && !socket.destroyed) {
        socket.emit('free');
      } else {
        finished(socket.destroy(err || req[kError]), (er) => {
          if (er?.code === 'ERR_STREAM_PREMATURE_CLOSE') er = null;
          destroyed(er || err);
        });
        return;
      }
    }
    destroyed(err || req[kError]);
    return;
  }
  tickOnSocket(req, socket);
  req._flushOutput(socket);
}

function tickOnSocket(req, socket) {
  let current = null;
  let informational = false;
  const parser = new HTTPParser(RESPONSE, {
    onHeaders(info) {
      const res = new IncomingMessage(socket);
      res.joinDuplicateHeaders = req.joinDuplicateHeaders ?? false;
      fromHead(res, info);
      res.statusCode = info.statusCode;
      res.statusMessage = info.statusMessage;
      res.upgrade = info.upgrade && info.statusCode === 101;
      informational = false;
      if (req.res) {
        socket.destroy();
        return true;
      }
      if (res.upgrade || req.method === 'CONNECT') {
        res.upgrade = true;
        req.res = res;
        current = res;
        return true;
      }
      if (info.statusCode >= 100 && info.statusCode < 200) {
        informational = true;
        if (info.statusCode === 100) req.emit('continue');
        req.emit('information', {
          statusCode: res.statusCode, statusMessage: res.statusMessage, httpVersion: res.httpVersion,
          httpVersionMajor: res.httpVersionMajor, httpVersionMinor: res.httpVersionMinor,
          headers: res.headers, rawHeaders: res.rawHeaders,
        });
        return true;
      }
      if (req.shouldKeepAlive && !info.shouldKeepAlive && !req.upgradeOrConnect) req.shouldKeepAlive = false;
      req.res = res;
      res.req = req;
      current = res;
      if (responseFinishChannel.hasSubscribers) responseFinishChannel.publish({ request: req, response: res });
      res.on('end', responseOnEnd);
      req.on('finish', requestOnFinish);
      socket.on('timeout', responseOnTimeout);
      if (req.aborted || !req.emit('response', res)) res._dump();
      if (req.method === 'HEAD') return true;
      if (res.statusCode === 304) {
        res.complete = true;
        return true;
      }
      return false;
    },
    onBody(chunk) {
      if (current && !current._dumped) current.push(chunk);
    },
    onComplete(rawTrailers) {
      if (informational) {
        informational = false;
        return;
      }
      const res = current;
      current = null;
      if (!res || res.upgrade) return;
      res.rawTrailers = rawTrailers;
      res.complete = true;
      res.push(null);
    },
  }, { maxHeaderSize: req.maxHeaderSize ?? 16384, lenient: req.insecureHTTPParser === true });
  req.socket = socket;
  req.parser = parser;
  socket.parser = parser;
  socket._httpMessage = req;
  const onData = (d) => {
    const err = parser.execute(d);
    if (err) {
      socket.removeListener('data', onData);
      socket.removeListener('end', socketOnEnd);
      socket.destroy();
      req.socket._hadError = true;
      emitErrorEvent(req, err);
      return;
    }
    if (parser.upgraded && req.res?.upgrade) {
      socket.removeListener('data', onData);
      socket.removeListener('end', socketOnEnd);
      socket.removeListener('close', socketCloseListener);
      socket.removeListener('error', socketErrorListener);
      const event = req.method === 'CONNECT' ? 'connect' : 'upgrade';
      req.upgradeOrConnect = true;
      if (req.listenerCount(event) > 0) {
        socket._httpMessage = null;
        req.emit(event, req.res, socket, parser.upgradeHead ?? Buffer.alloc(0));
        req.destroyed = true;
        req._closed = true;
        req.emit('close');
      } else {
        socket.destroy();
      }
    }
  };
  socket.on('data', onData);
  socket.on('end', socketOnEnd);
  socket.on('close', socketCloseListener);
  socket.on('error', socketErrorListener);
  socket.on('drain', onDrain);
  socket._httpOnData = onData;
  if (req.timeout !== undefined || req.agent?.options?.timeout) listenSocketTimeout(req);
  req.emit('socket', socket);
}

function onDrain() {
  const msg = this._httpMessage;
  if (msg && !msg.finished && msg.writableNeedDrain !== undefined) {
    msg.emit('drain');
  }
}

function socketErrorListener(err) {
  const req = this._httpMessage;
  if (req) {
    this._hadError = true;
    emitErrorEvent(req, err);
  }
  this.removeListener('data', this._httpOnData);
  this.removeListener('end', socketOnEnd);
  this.destroy();
}

function socketOnEnd() {
  const req = this._httpMessage;
  if (req && !req.res && !this._hadError) {
    this._hadError = true;
    emitErrorEvent(req, connResetError('socket hang up'));
  }
  this.parser?.finish();
  this.destroy();
}

function socketCloseListener() {
  const req = this._httpMessage;
  if (!req) return;
  const { res } = req;
  req.destroyed = true;
  if (res) {
    if (!res.complete) res.destroy(connResetError('aborted'));
    req._closed = true;
    req.emit('close');
    if (!res.aborted && res.readable) res.push(null);
  } else {
    if (!this._hadError) {
      this._hadError = true;
      emitErrorEvent(req, connResetError('socket hang up'));
    }
    req._closed = true;
    req.emit('close');
  }
  if (req.outputData) req.outputData.length = 0;
}

function responseOnEnd() {
  const req = this.req;
  const { socket } = req;
  if (socket) {
    socket.removeListener('timeout', responseOnTimeout);
  }
  req._ended = true;
  if (!req.shouldKeepAlive) {
    if (socket?.writable) {
      if (typeof socket.destroySoon === 'function') socket.destroySoon();
      else socket.end();
    }
  } else if (req.writableFinished && !this.aborted) {
    responseKeepAlive(req);
  }
}

function requestOnFinish() {
  if (this.shouldKeepAlive && this._ended) responseKeepAlive(this);
}

function responseOnTimeout() {
  const req = this._httpMessage;
  req?.res?.emit('timeout');
}

function responseKeepAlive(req) {
  const { socket } = req;
  socket.removeListener('close', socketCloseListener);
  socket.removeListener('error', socketErrorListener);
  socket.removeListener('data', socket._httpOnData);
  socket.removeListener('end', socketOnEnd);
  socket.removeListener('drain', onDrain);
  req.destroyed = true;
  if (req.res) req.res.socket = null;
  nextTick(() => {
    req._closed = true;
    req.emit('close');
    if (req.socket) req.socket.emit('free');
  }, []);
}

function listenSocketTimeout(req) {
  if (req.timeoutCb) return;
  req.timeoutCb = () => req.emit('timeout');
  if (req.socket) req.socket.once('timeout', req.timeoutCb);
  else req.on('socket', (socket) => socket.once('timeout', req.timeoutCb));
}

ClientRequest.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (this._ended) return this;
  listenSocketTimeout(this);
  msecs = timerDuration(msecs, 'msecs');
  if (callback) this.once('timeout', callback);
  if (this.socket) this.socket.setTimeout(msecs);
  else this.once('socket', (sock) => sock.setTimeout(msecs));
  return this;
};

ClientRequest.prototype.setNoDelay = function setNoDelay(noDelay) {
  if (this.socket) this.socket.setNoDelay(noDelay);
  else this.once('socket', (sock) => sock.setNoDelay(noDelay));
};
ClientRequest.prototype.setSocketKeepAlive = function setSocketKeepAlive(enable, initialDelay) {
  if (this.socket) this.socket.setKeepAlive(enable, initialDelay);
  else this.once('socket', (sock) => sock.setKeepAlive(enable, initialDelay));
};
ClientRequest.prototype.clearTimeout = function clearTimeout(cb) {
  this.setTimeout(0, cb);
};

export default { ClientRequest };
