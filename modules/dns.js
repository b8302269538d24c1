// node:dns without a network (see qjsw:internal/dns).
import { constants, lookupAnswer, methodOf, queryError, queryMethods } from 'qjsw:internal/dns';
import { invalidArgType } from 'qjsw:internal/errors';
import * as promises from 'node:dns/promises';

const later = (fn) => setTimeout(fn, 0);

export function lookup(hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (typeof callback !== 'function') throw invalidArgType('callback', 'Function', callback);
  const r = lookupAnswer(hostname, options);
  later(() => (r.error ? callback(r.error) : Array.isArray(r.value) ? callback(null, r.value) : callback(null, r.value.address, r.value.family)));
  return {};
}

export function lookupService(address, port, callback) {
  const err = new Error(`getnameinfo ENOTFOUND ${address}`);
  Object.assign(err, { code: 'ENOTFOUND', syscall: 'getnameinfo', hostname: address });
  later(() => callback(err));
}

function query(method) {
  return function (hostname, options, callback) {
    if (typeof options === 'function') callback = options;
    if (typeof callback !== 'function') throw invalidArgType('callback', 'Function', callback);
    later(() => callback(queryError(method, hostname)));
    return {};
  };
}
const queries = Object.fromEntries(queryMethods.map((m) => [m, query(m)]));
export const {
  resolve4, resolve6, resolveAny, resolveCaa, resolveCname, resolveMx, resolveNaptr, resolveNs, resolvePtr, resolveSoa,
  resolveSrv, resolveTxt, reverse,
} = queries;
export function resolve(hostname, rrtype, callback) {
  if (typeof rrtype === 'function') {
    callback = rrtype;
    rrtype = 'A';
  }
  return queries[methodOf(rrtype)](hostname, callback);
}

let servers = [];
let order = 'verbatim';
export const getServers = () => servers.slice();
export const setServers = (list) => { servers = [...list]; };
export const getDefaultResultOrder = () => order;
export const setDefaultResultOrder = (value) => { order = value; };

export class Resolver {
  constructor() { this._servers = []; }
  cancel() {}
  getServers() { return this._servers.slice(); }
  setServers(list) { this._servers = [...list]; }
  setLocalAddress() {}
}
for (const m of [...queryMethods, 'resolve']) Resolver.prototype[m] = m === 'resolve' ? resolve : queries[m];

export const {
  ADDRCONFIG, ALL, V4MAPPED, NODATA, FORMERR, SERVFAIL, NOTFOUND, NOTIMP, REFUSED, BADQUERY, BADNAME, BADFAMILY, BADRESP,
  CONNREFUSED, TIMEOUT, EOF, FILE, NOMEM, DESTRUCTION, BADSTR, BADFLAGS, NONAME, BADHINTS, NOTINITIALIZED, LOADIPHLPAPI,
  ADDRGETNETWORKPARAMS, CANCELLED,
} = constants;
export { promises };

export default {
  lookup, lookupService, Resolver, getDefaultResultOrder, setDefaultResultOrder, setServers, ...constants, getServers,
  resolve, ...queries, promises,
};
