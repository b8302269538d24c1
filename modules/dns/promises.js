// node:dns/promises without a network (see qjsw:internal/dns).
import { constants, lookupAnswer, methodOf, queryError, queryMethods } from 'qjsw:internal/dns';

export async function lookup(hostname, options) {
  const r = lookupAnswer(hostname, options);
  if (r.error) throw r.error;
  return r.value;
}
export async function lookupService(address) {
  const err = new Error(`getnameinfo ENOTFOUND ${address}`);
  throw Object.assign(err, { code: 'ENOTFOUND', syscall: 'getnameinfo', hostname: address });
}
const queries = Object.fromEntries(queryMethods.map((m) => [m, async (hostname) => { throw queryError(m, hostname); }]));
export const {
  resolve4, resolve6, resolveAny, resolveCaa, resolveCname, resolveMx, resolveNaptr, resolveNs, resolvePtr, resolveSoa,
  resolveSrv, resolveTxt, reverse,
} = queries;
export async function resolve(hostname, rrtype = 'A') {
  return queries[methodOf(rrtype)](hostname);
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
  NODATA, FORMERR, SERVFAIL, NOTFOUND, NOTIMP, REFUSED, BADQUERY, BADNAME, BADFAMILY, BADRESP, CONNREFUSED, TIMEOUT, EOF,
  FILE, NOMEM, DESTRUCTION, BADSTR, BADFLAGS, NONAME, BADHINTS, NOTINITIALIZED, LOADIPHLPAPI, ADDRGETNETWORKPARAMS, CANCELLED,
} = constants;

// As every builtin of Node's: import's default is what require() gives, an object of the exports.
import * as self from 'node:dns/promises';
export default Object.fromEntries(Reflect.ownKeys(self).filter((k) => typeof k === 'string' && k !== 'default').map((k) => [k, self[k]]));
