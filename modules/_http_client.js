// Node's ClientRequest without a network: the request is built as Node builds it, then fails
// to connect ('error': ECONNREFUSED on localhost and IP literals, EAI_AGAIN for other hosts).
import { OutgoingMessage } from 'node:_http_outgoing';
import { globalAgent } from 'node:_http_agent';
import { nodeError } from 'qjsw:internal/errors';
import { connectError } from 'qjsw:internal/unavailable';

export class ClientRequest extends OutgoingMessage {
  constructor(input, options, cb, defaults = { protocol: 'http:', port: 80, agent: globalAgent }) {
    super();
    if (typeof input === 'string') input = new URL(input);
    if (input instanceof URL) {
      input = {
        protocol: input.protocol, hostname: input.hostname.replace(/^\[|\]$/g, ''), port: input.port,
        path: input.pathname + input.search, auth: input.username ? `${input.username}:${input.password}` : undefined,
      };
    }
    if (typeof options === 'function') {
      cb = options;
      options = undefined;
    }
    const opts = { ...input, ...options };
    if (opts.protocol !== undefined && opts.protocol !== defaults.protocol) {
      throw nodeError(TypeError, 'ERR_INVALID_PROTOCOL', `Protocol "${opts.protocol}" not supported. Expected "${defaults.protocol}"`);
    }
    this.agent = opts.agent === undefined ? defaults.agent : opts.agent;
    this.method = (opts.method || 'GET').toUpperCase();
    this.path = opts.path || '/';
    this.host = opts.hostname || opts.host || 'localhost';
    this.protocol = defaults.protocol;
    this.port = Number(opts.port) || defaults.port;
    this.aborted = false;
    this.reusedSocket = false;
    this.maxHeadersCount = null;
    if (opts.headers) for (const [k, v] of Object.entries(opts.headers)) this.setHeader(k, v);
    if (cb) this.once('response', cb);
    const err = connectError(this.host, this.port);
    setTimeout(() => this.destroy(err), 0);
  }
  abort() {
    if (this.aborted) return;
    this.aborted = true;
    setTimeout(() => this.emit('abort'), 0);
    this.destroy();
  }
  setNoDelay() {}
  setSocketKeepAlive() {}
}

export default { ClientRequest };
