// What the sandbox cannot do (network, processes, threads), shaped as
// Node shapes it on a system without the capability: the module loads with Node's names, and
// a call fails then, with the error Node gives there (a refused connection, an unresolvable
// name, a missing binary), asynchronously where Node reports asynchronously.
import { EventEmitter } from 'node:events';
import { nodeError } from 'qjsw:internal/errors';

export function notAvailable(what) {
  return nodeError(Error, 'ERR_NOT_AVAILABLE_IN_SANDBOX', `${what} is not available in the quickjs-wasmfs sandbox`);
}

/** A function named `name` that throws notAvailable(`what`) when called. */
export function unavailableFunction(name, what = name) {
  return { [name]() { throw notAvailable(what); } }[name];
}

/** A class named `name` whose constructor throws notAvailable(`what`). */
export function unavailableClass(name, what = name, Base = Object) {
  return { [name]: class extends Base { constructor() { throw notAvailable(what); } } }[name];
}

const ERRNO = {
  ECONNREFUSED: -111, EACCES: -13, ENOENT: -2, EAI_AGAIN: -3001, EADDRINUSE: -98, EADDRNOTAVAIL: -99,
  ECONNRESET: -104, EPIPE: -32,
};
const UV_TEXT = {
  EADDRINUSE: 'address already in use', EADDRNOTAVAIL: 'address not available', ECONNRESET: 'connection reset by peer',
  EPIPE: 'broken pipe',
};

function withHostPort(message, code, syscall, address, port, caller) {
  const err = new Error(message);
  err.errno = ERRNO[code] ?? -1;
  err.code = code;
  err.syscall = syscall;
  if (address !== undefined) err.address = address;
  if (port) err.port = port;
  Error.captureStackTrace(err, caller);
  return err;
}
const where = (address, port) => (port ? ` ${address}:${port}` : address ? ` ${address}` : '');

// `connect ECONNREFUSED 127.0.0.1:80`, as Node's exceptionWithHostPort.
export function hostPortError(code, syscall, address, port) {
  return withHostPort(`${syscall} ${code}${where(address, port)}`, code, syscall, address, port, hostPortError);
}

// `listen EADDRINUSE: address already in use :::8080`, as Node's UVExceptionWithHostPort.
export function uvHostPortError(code, syscall, address, port) {
  return withHostPort(`${syscall} ${code}: ${UV_TEXT[code]}${where(address, port)}`, code, syscall, address, port, uvHostPortError);
}

// `getaddrinfo EAI_AGAIN example.com`: no name resolves here but localhost and IP literals.
export function lookupError(hostname, syscall = 'getaddrinfo') {
  const err = new Error(`${syscall} EAI_AGAIN ${hostname}`);
  err.errno = ERRNO.EAI_AGAIN;
  err.code = 'EAI_AGAIN';
  err.syscall = syscall;
  err.hostname = hostname;
  Error.captureStackTrace(err, lookupError);
  return err;
}

export function isIPv4(s) {
  return typeof s === 'string' && /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s);
}
export function isIPv6(s) {
  if (typeof s !== 'string' || !s.includes(':')) return false;
  const [addr] = s.split('%');
  if (!/^[0-9a-fA-F:.]+$/.test(addr) || (addr.match(/::/g) ?? []).length > 1) return false;
  const parts = addr.split(':');
  const v4 = parts.at(-1).includes('.');
  if (v4 && !isIPv4(parts.pop())) return false;
  const groups = parts.filter((p) => p !== '');
  if (!groups.every((p) => p.length <= 4)) return false;
  const max = v4 ? 6 : 8;
  return addr.includes('::') ? groups.length < max : groups.length === max;
}
export function isIP(s) {
  return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0;
}

/** Where `hostname` resolves here: localhost and IP literals, nothing else. */
export function resolveLocal(hostname) {
  if (hostname === undefined || hostname === null || hostname === '' || hostname === 'localhost') return { address: '127.0.0.1', family: 4 };
  const family = isIP(hostname);
  return family ? { address: hostname, family } : undefined;
}

// The error of connecting to host:port here.
export function connectError(host, port) {
  const local = resolveLocal(host);
  return local ? hostPortError('ECONNREFUSED', 'connect', local.address, port) : lookupError(host);
}

// The error of listening on host:port here.
export function listenError(host, port) {
  const err = new Error(`listen EACCES: permission denied ${host ?? '0.0.0.0'}:${port ?? 0}`);
  err.errno = ERRNO.EACCES;
  err.code = 'EACCES';
  err.syscall = 'listen';
  err.address = host ?? '0.0.0.0';
  err.port = port ?? 0;
  Error.captureStackTrace(err, listenError);
  return err;
}

// listen() of a server whose protocol the sandbox cannot serve (TLS, HTTP/2): the loopback
// would take the port, so these fail as a server without the capability: EACCES, later.
export function refusedListen(server, args) {
  const cb = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
  const [options] = args;
  const object = options !== null && typeof options === 'object';
  const port = object ? options.port : options;
  const host = object ? options.host : args[1];
  if (cb) server.once('listening', cb);
  const err = listenError(typeof host === 'string' ? host : undefined, Number(port ?? 0));
  setTimeout(() => server.emit('error', err), 0);
  return server;
}

// connect() of a TLS socket: nothing here speaks TLS, so no server accepts it (ECONNREFUSED on
// localhost and IP literals, EAI_AGAIN for other names), later, through 'error' and 'close'.
export function refusedConnect(socket, { host, port, path }) {
  const err = path !== undefined ? hostPortError('ENOENT', 'connect', path) : connectError(host ?? 'localhost', Number(port));
  socket.connecting = true;
  setTimeout(() => {
    socket.connecting = false;
    socket.destroy(err);
  }, 0);
  return socket;
}
