// Node's http.Server over node:net (the sandbox's loopback): each connection's requests are
// parsed as they arrive (qjsw:internal/http_parser), answered in order by ServerResponses
// (pipelined ones wait their turn for the socket), and the connection kept alive between them
// for keepAliveTimeout; close() ends the idle connections, as Node 19+.
import { Server as NetServer } from 'node:net';
import { OutgoingMessage, kOutHeaders } from 'node:_http_outgoing';
import { IncomingMessage } from 'node:_http_incoming';
import { STATUS_CODES, chunkExpression, continueExpression, validateHeaderName, validateHeaderValue } from 'node:_http_common';
import { channel } from 'node:diagnostics_channel';
import { invalidArgType, nodeError } from 'qjsw:internal/errors';
import { nextTick } from 'qjsw:internal/loop';
import { HTTPParser, REQUEST, fromHead } from 'qjsw:internal/http_parser';
import { callable } from 'qjsw:internal/util/callable';

export { STATUS_CODES };
export const kServerResponse = Symbol('ServerResponse');
export const kConnectionsCheckingInterval = Symbol('http.server.connectionsCheckingInterval');
const kConnections = Symbol('connections');
const kState = Symbol('connectionState');

const requestStartChannel = channel('http.server.request.start');
const responseFinishChannel = channel('http.server.response.finish');

const badRequestResponse = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n';
const headersTooLargeResponse = 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n';

export function ServerResponse(req, options) {
  if (!(this instanceof ServerResponse)) return new ServerResponse(req, options);
  OutgoingMessage.call(this, options);
  if (req.method === 'HEAD') this._hasBody = false;
  this.req = req;
  this.sendDate = true;
  this._sent100 = false;
  this._expect_continue = false;
  this.statusCode = 200;
  this.statusMessage = undefined;
  if (req.httpVersionMajor < 1 || req.httpVersionMinor < 1) {
    this.useChunkedEncodingByDefault = chunkExpression.test(req.headers.te ?? '');
    this.shouldKeepAlive = false;
  }
}
Object.setPrototypeOf(ServerResponse.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ServerResponse, OutgoingMessage);

ServerResponse.prototype._finish = function _finish() {
  if (responseFinishChannel.hasSubscribers) {
    responseFinishChannel.publish({ request: this.req, response: this, socket: this.socket, server: this.socket?.server });
  }
  OutgoingMessage.prototype._finish.call(this);
};

ServerResponse.prototype.assignSocket = function assignSocket(socket) {
  if (socket._httpMessage) throw nodeError(Error, 'ERR_HTTP_SOCKET_ASSIGNED', 'ServerResponse has an already assigned socket');
  socket._httpMessage = this;
  socket.on('close', onServerResponseClose);
  this.socket = socket;
  this.emit('socket', socket);
  this._flushOutput(socket);
};

ServerResponse.prototype.detachSocket = function detachSocket(socket) {
  socket.removeListener('close', onServerResponseClose);
  socket._httpMessage = null;
  this.socket = null;
};

function onServerResponseClose() {
  this._httpMessage?.emit('close');
}

ServerResponse.prototype.writeContinue = function writeContinue(cb) {
  this._writeRaw('HTTP/1.1 100 Continue\r\n\r\n', 'ascii', cb);
  this._sent100 = true;
};
ServerResponse.prototype.writeProcessing = function writeProcessing(cb) {
  this._writeRaw('HTTP/1.1 102 Processing\r\n\r\n', 'ascii', cb);
};
ServerResponse.prototype.writeEarlyHints = function writeEarlyHints(hints, cb) {
  let head = 'HTTP/1.1 103 Early Hints\r\n';
  for (const key of Object.keys(hints)) {
    const value = hints[key];
    validateHeaderName(key);
    validateHeaderValue(key, value);
    for (const v of [].concat(value)) head += `${key}: ${v}\r\n`;
  }
  this._writeRaw(`${head}\r\n`, 'ascii', cb);
};

ServerResponse.prototype._implicitHeader = function _implicitHeader() {
  this.writeHead(this.statusCode);
};

ServerResponse.prototype.writeHead = function writeHead(statusCode, reason, obj) {
  if (this._header) throw nodeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot write headers after they are sent to the client');
  const originalStatusCode = statusCode;
  statusCode |= 0;
  if (statusCode < 100 || statusCode > 999) {
    throw nodeError(RangeError, 'ERR_HTTP_INVALID_STATUS_CODE', `Invalid status code: ${originalStatusCode}`);
  }
  if (typeof reason === 'string') {
    this.statusMessage = reason;
  } else {
    this.statusMessage ||= STATUS_CODES[statusCode] || 'unknown';
    obj ??= reason;
  }
  this.statusCode = statusCode;
  let headers;
  if (this[kOutHeaders]) {
    if (Array.isArray(obj)) {
      if (obj.length && Array.isArray(obj[0])) for (const [k, v] of obj) this.appendHeader(k, v);
      else {
        if (obj.length % 2 !== 0) throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'headers' is invalid. Received ${obj}`);
        for (let n = 0; n < obj.length; n += 2) this.appendHeader(obj[n], obj[n + 1]);
      }
    } else if (obj) {
      for (const k of Object.keys(obj)) if (k) this.setHeader(k, obj[k]);
    }
    headers = this[kOutHeaders];
  } else {
    headers = obj;
  }
  if (/[^\t\x20-\x7e\x80-\xff]/.test(this.statusMessage)) {
    throw nodeError(TypeError, 'ERR_INVALID_CHAR', 'Invalid character in statusMessage');
  }
  const statusLine = `HTTP/1.1 ${statusCode} ${this.statusMessage}\r\n`;
  if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) this._hasBody = false;
  if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;
  this._storeHeader(statusLine, headers);
  return this;
};
ServerResponse.prototype.writeHeader = ServerResponse.prototype.writeHead;

function connectionState(server, socket) {
  return {
    server,
    socket,
    incoming: [], // requests whose responses have not finished, in order
    outgoing: [], // responses waiting for the socket
    keepAliveTimeoutSet: false,
    requestsCount: 0,
    parser: null,
  };
}

function isIdle(state) {
  return state.incoming.length === 0 && (!state.parser || state.parser.state === 'head') && !state.parser?.pending;
}

export function _connectionListener(socket) {
  const server = this;
  const state = connectionState(server, socket);
  socket[kState] = state;
  server[kConnections]?.add(socket);
  socket.on('close', () => server[kConnections]?.delete(socket));
  if (server.timeout && typeof socket.setTimeout === 'function') socket.setTimeout(server.timeout);
  socket.on('timeout', socketOnTimeout);
  let current = null;
  const parser = new HTTPParser(REQUEST, {
    onHeaders(info) {
      const IncomingMessageClass = server[kIncomingMessage] ?? IncomingMessage;
      const req = new IncomingMessageClass(socket);
      req.joinDuplicateHeaders = server.joinDuplicateHeaders ?? false;
      fromHead(req, info);
      req.method = info.method;
      req.url = info.url;
      req.upgrade = info.upgrade;
      current = req;
      if (info.upgrade) return false;
      onIncoming(state, req, info.shouldKeepAlive);
      return false;
    },
    onBody(chunk) {
      if (current && !current._dumped) current.push(chunk);
    },
    onComplete(rawTrailers, upgrade) {
      const req = current;
      current = null;
      if (!req) return;
      if (upgrade) {
        onUpgrade(state, req);
        return;
      }
      req.rawTrailers = rawTrailers;
      req.complete = true;
      req.push(null);
    },
  }, { maxHeaderSize: server.maxHeaderSize ?? 16384, lenient: server.insecureHTTPParser === true });
  state.parser = parser;
  parser.socket = socket;
  socket.parser = parser;
  const onData = (chunk) => {
    if (parser.upgraded) return;
    const err = parser.execute(chunk);
    if (err) socketOnError.call(socket, err);
    else if (parser.upgraded && current) {
      const req = current;
      current = null;
      onUpgrade(state, req);
    }
  };
  socket.on('data', onData);
  socket.on('end', () => {
    const err = parser.finish();
    if (err) {
      socketOnError.call(socket, err);
      return;
    }
    if (!server.httpAllowHalfOpen) {
      abortRequests(state);
      if (socket.writable) socket.end();
    } else if (state.outgoing.length) {
      state.outgoing[state.outgoing.length - 1]._last = true;
    } else if (socket._httpMessage) {
      socket._httpMessage._last = true;
    } else if (socket.writable) {
      socket.end();
    }
  });
  socket.on('close', () => abortIncoming(state));
  socket.on('error', socketOnError);
  if (socket._paused) socket.resume();
}

function onUpgrade(state, req) {
  const { server, socket } = state;
  const event = req.method === 'CONNECT' ? 'connect' : 'upgrade';
  socket.removeAllListeners('data');
  socket.removeAllListeners('end');
  socket.removeListener('timeout', socketOnTimeout);
  const head = state.parser.upgradeHead ?? Buffer.alloc(0);
  if (server.listenerCount(event) > 0) {
    socket.pause();
    server.emit(event, req, socket, head);
  } else {
    socket.destroy();
  }
}

const kIncomingMessage = Symbol('IncomingMessage');

function onIncoming(state, req, keepAlive) {
  const { server, socket } = state;
  if (state.keepAliveTimeoutSet) {
    socket.setTimeout(0);
    state.keepAliveTimeoutSet = false;
  }
  state.requestsCount++;
  state.incoming.push(req);
  const ServerResponseClass = server[kServerResponse] ?? ServerResponse;
  const res = new ServerResponseClass(req, { highWaterMark: socket.writableHighWaterMark });
  res._keepAliveTimeout = server.keepAliveTimeout;
  res._onPendingData = () => {};
  res.shouldKeepAlive = keepAlive && res.shouldKeepAlive !== false;
  if (server.maxRequestsPerSocket && state.requestsCount >= server.maxRequestsPerSocket) res.maxRequestsOnConnectionReached = true;
  if (requestStartChannel.hasSubscribers) requestStartChannel.publish({ request: req, response: res, socket, server });
  if (socket._httpMessage) state.outgoing.push(res);
  else res.assignSocket(socket);
  res.on('finish', () => resOnFinish(state, req, res));
  if (req.headers.expect !== undefined && req.httpVersionMajor === 1 && req.httpVersionMinor === 1) {
    if (continueExpression.test(req.headers.expect)) {
      res._expect_continue = true;
      if (server.listenerCount('checkContinue') > 0) server.emit('checkContinue', req, res);
      else {
        res.writeContinue();
        server.emit('request', req, res);
      }
    } else if (server.listenerCount('checkExpectation') > 0) {
      server.emit('checkExpectation', req, res);
    } else {
      res.writeHead(417);
      res.end();
    }
  } else {
    server.emit('request', req, res);
  }
}

function resOnFinish(state, req, res) {
  const { socket, server } = state;
  const i = state.incoming.indexOf(req);
  if (i >= 0) state.incoming.splice(i, 1);
  // the body nobody read is read and dropped, so the next request on the connection is parsed
  if (!req._consuming && !req._readableState.resumeScheduled) req._dump();
  res.detachSocket(socket);
  nextTick(() => {
    if (!res._closed) {
      res.destroyed = true;
      res._closed = true;
      res.emit('close');
    }
  }, []);
  if (res._last) {
    if (typeof socket.destroySoon === 'function') socket.destroySoon();
    else socket.end();
  } else if (state.outgoing.length === 0) {
    if (server.keepAliveTimeout && typeof socket.setTimeout === 'function') {
      socket.setTimeout(server.keepAliveTimeout);
      state.keepAliveTimeoutSet = true;
    }
  } else {
    state.outgoing.shift().assignSocket(socket);
  }
}

function abortRequests(state) {
  while (state.incoming.length) state.incoming.shift().destroy(connResetError('aborted'));
}

function abortIncoming(state) {
  abortRequests(state);
  while (state.outgoing.length) {
    const res = state.outgoing.shift();
    if (!res._closed) {
      res._closed = true;
      res.destroyed = true;
      res.emit('close');
    }
  }
}

function connResetError(message) {
  const err = new Error(message);
  err.code = 'ECONNRESET';
  return err;
}

function socketOnTimeout() {
  const state = this[kState];
  const req = this.parser && state?.incoming[0];
  const reqTimeout = req && !req.complete && req.emit('timeout', this);
  const res = this._httpMessage;
  const resTimeout = res && res.emit('timeout', this);
  const serverTimeout = state?.server.emit('timeout', this);
  if (!reqTimeout && !resTimeout && !serverTimeout) this.destroy();
}

function socketOnError(e) {
  this.removeListener('error', socketOnError);
  if (this.timeout) this.setTimeout(0);
  const server = this[kState]?.server;
  if (!server?.emit('clientError', e, this)) {
    if (this.writable && this.bytesWritten === 0) {
      this.write(e.code === 'HPE_HEADER_OVERFLOW' ? headersTooLargeResponse : badRequestResponse);
    }
    this.destroy(e);
  }
}

function storeHTTPOptionsOn(server, options) {
  server[kIncomingMessage] = options.IncomingMessage || IncomingMessage;
  server[kServerResponse] = options.ServerResponse || ServerResponse;
  const { maxHeaderSize, requestTimeout, headersTimeout, connectionsCheckingInterval, insecureHTTPParser } = options;
  if (maxHeaderSize !== undefined && (typeof maxHeaderSize !== 'number' || maxHeaderSize < 0)) {
    throw invalidArgType('maxHeaderSize', 'number', maxHeaderSize);
  }
  server.maxHeaderSize = maxHeaderSize;
  server.insecureHTTPParser = insecureHTTPParser;
  server.requestTimeout = requestTimeout ?? 300000;
  server.headersTimeout = headersTimeout ?? 60000;
  server.connectionsCheckingInterval = connectionsCheckingInterval ?? 30000;
  server.joinDuplicateHeaders = options.joinDuplicateHeaders;
  server.rejectNonStandardBodyWrites = options.rejectNonStandardBodyWrites ?? false;
}
export function storeHTTPOptions(options) {
  storeHTTPOptionsOn(this, options);
}

class Server extends NetServer {
  constructor(options, requestListener) {
    if (typeof options === 'function') {
      requestListener = options;
      options = {};
    } else if (options == null) {
      options = {};
    } else if (typeof options !== 'object') {
      throw invalidArgType('options', 'object', options);
    }
    super({ allowHalfOpen: true, noDelay: options.noDelay ?? true, keepAlive: options.keepAlive,
      keepAliveInitialDelay: options.keepAliveInitialDelay, highWaterMark: options.highWaterMark });
    storeHTTPOptionsOn(this, options);
    if (requestListener) this.on('request', requestListener);
    this.httpAllowHalfOpen = false;
    this.on('connection', _connectionListener);
    this.timeout = 0;
    this.maxHeadersCount = null;
    this.maxRequestsPerSocket = 0;
    this.keepAliveTimeout = 5000;
    this[kConnections] = new Set();
  }
  close(...args) {
    httpServerPreClose(this);
    return super.close(...args);
  }
  closeAllConnections() {
    for (const socket of this[kConnections]) socket.destroy();
  }
  closeIdleConnections() {
    for (const socket of this[kConnections]) {
      const state = socket[kState];
      if (state && isIdle(state)) socket.destroy();
    }
  }
  setTimeout(msecs, callback) {
    this.timeout = msecs;
    if (callback) this.on('timeout', callback);
    return this;
  }
  [Symbol.asyncDispose]() {
    return new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
  }
}

const ServerConstructor = callable(Server);
export { ServerConstructor as Server };

export function setupConnectionsTracking() {}
export function httpServerPreClose(server) {
  server.closeIdleConnections();
}

export default {
  STATUS_CODES, Server: ServerConstructor, ServerResponse, setupConnectionsTracking, storeHTTPOptions, _connectionListener, kServerResponse,
  httpServerPreClose, kConnectionsCheckingInterval,
};
