// Node's http.Server, which cannot listen here (EACCES), and its ServerResponse.
import { Server as NetServer } from 'node:net';
import { OutgoingMessage } from 'node:_http_outgoing';
import { STATUS_CODES } from 'node:_http_common';

export { STATUS_CODES };
export const kServerResponse = Symbol('ServerResponse');
export const kConnectionsCheckingInterval = Symbol('http.server.connectionsCheckingInterval');

export class ServerResponse extends OutgoingMessage {
  constructor(req) {
    super();
    this.req = req;
    this.statusCode = 200;
    this.statusMessage = undefined;
    this.sendDate = true;
  }
  writeHead(statusCode, reason, headers) {
    if (typeof reason !== 'string') {
      headers = reason;
      reason = undefined;
    }
    this.statusCode = statusCode;
    this.statusMessage = reason ?? STATUS_CODES[statusCode] ?? 'unknown';
    if (headers) for (const [k, v] of Object.entries(headers)) this.setHeader(k, v);
    return this;
  }
  writeContinue() {}
  writeProcessing() {}
  writeEarlyHints() {}
}

export class Server extends NetServer {
  constructor(options, requestListener) {
    if (typeof options === 'function') {
      requestListener = options;
      options = {};
    }
    super(options);
    if (requestListener) this.on('request', requestListener);
    this.timeout = 0;
    this.keepAliveTimeout = 5000;
    this.maxHeadersCount = null;
    this.headersTimeout = 60000;
    this.requestTimeout = 300000;
    this.maxRequestsPerSocket = 0;
  }
  setTimeout(ms, cb) {
    this.timeout = ms;
    if (cb) this.on('timeout', cb);
    return this;
  }
  closeAllConnections() {}
  closeIdleConnections() {}
}

export function setupConnectionsTracking() {}
export function storeHTTPOptions() {}
export function _connectionListener() {}
export function httpServerPreClose() {}

export default {
  STATUS_CODES, Server, ServerResponse, setupConnectionsTracking, storeHTTPOptions, _connectionListener, kServerResponse,
  httpServerPreClose, kConnectionsCheckingInterval,
};
