// node:http over the sandbox's loopback (see node:net): servers the guest listens with answer
// the guest's requests; requests to other hosts fail to connect, as node:net's.
import { METHODS, STATUS_CODES, validateHeaderName, validateHeaderValue } from 'node:_http_common';
import { Agent, globalAgent } from 'node:_http_agent';
import { ClientRequest } from 'node:_http_client';
import { IncomingMessage } from 'node:_http_incoming';
import { OutgoingMessage } from 'node:_http_outgoing';
import { Server, ServerResponse, _connectionListener } from 'node:_http_server';

export { METHODS, STATUS_CODES, Agent, globalAgent, ClientRequest, IncomingMessage, OutgoingMessage, Server, ServerResponse };
export { validateHeaderName, validateHeaderValue, _connectionListener };
export const maxHeaderSize = 16384;
export function createServer(options, listener) { return new Server(options, listener); }
export function request(url, options, cb) { return new ClientRequest(url, options, cb); }
export function get(url, options, cb) {
  const req = request(url, options, cb);
  req.end();
  return req;
}
export function setMaxIdleHTTPParsers() {}

export default {
  _connectionListener, METHODS, STATUS_CODES, Agent, ClientRequest, IncomingMessage, OutgoingMessage, Server, ServerResponse,
  createServer, validateHeaderName, validateHeaderValue, get, request, setMaxIdleHTTPParsers, maxHeaderSize, globalAgent,
};
