// node:dns and node:dns/promises without a network: lookup() knows localhost and IP literals
// (as /etc/hosts and getaddrinfo would), every query fails as c-ares does with no server to ask
// (ECONNREFUSED).
import { invalidArgType } from 'qjsw:internal/errors';
import { lookupError, resolveLocal } from 'qjsw:internal/unavailable';

export const constants = {"ADDRCONFIG":32,"ALL":16,"V4MAPPED":8,"NODATA":"ENODATA","FORMERR":"EFORMERR","SERVFAIL":"ESERVFAIL","NOTFOUND":"ENOTFOUND","NOTIMP":"ENOTIMP","REFUSED":"EREFUSED","BADQUERY":"EBADQUERY","BADNAME":"EBADNAME","BADFAMILY":"EBADFAMILY","BADRESP":"EBADRESP","CONNREFUSED":"ECONNREFUSED","TIMEOUT":"ETIMEOUT","EOF":"EOF","FILE":"EFILE","NOMEM":"ENOMEM","DESTRUCTION":"EDESTRUCTION","BADSTR":"EBADSTR","BADFLAGS":"EBADFLAGS","NONAME":"ENONAME","BADHINTS":"EBADHINTS","NOTINITIALIZED":"ENOTINITIALIZED","LOADIPHLPAPI":"ELOADIPHLPAPI","ADDRGETNETWORKPARAMS":"EADDRGETNETWORKPARAMS","CANCELLED":"ECANCELLED"};

const QUERY = {
  resolve4: 'queryA', resolve6: 'queryAaaa', resolveAny: 'queryAny', resolveCaa: 'queryCaa', resolveCname: 'queryCname',
  resolveMx: 'queryMx', resolveNaptr: 'queryNaptr', resolveNs: 'queryNs', resolvePtr: 'queryPtr', resolveSoa: 'querySoa',
  resolveSrv: 'querySrv', resolveTxt: 'queryTxt', reverse: 'getHostByAddr',
};
const RRTYPE = { A: 'resolve4', AAAA: 'resolve6', ANY: 'resolveAny', CAA: 'resolveCaa', CNAME: 'resolveCname', MX: 'resolveMx',
  NAPTR: 'resolveNaptr', NS: 'resolveNs', PTR: 'resolvePtr', SOA: 'resolveSoa', SRV: 'resolveSrv', TXT: 'resolveTxt' };

export function queryError(method, hostname) {
  const syscall = QUERY[method];
  const err = new Error(`${syscall} ECONNREFUSED ${hostname}`);
  err.errno = undefined;
  err.code = 'ECONNREFUSED';
  err.syscall = syscall;
  err.hostname = hostname;
  return err;
}

export function methodOf(rrtype = 'A') {
  const method = RRTYPE[rrtype];
  if (!method) throw invalidArgType('rrtype', 'one of A, AAAA, ANY, CAA, CNAME, MX, NAPTR, NS, PTR, SOA, SRV, TXT', rrtype);
  return method;
}

/** lookup()'s answer: [address, family] or [{ address, family }] with all, or the error. */
export function lookupAnswer(hostname, options) {
  if (hostname !== undefined && hostname !== null && typeof hostname !== 'string') throw invalidArgType('hostname', 'string', hostname);
  const opts = typeof options === 'number' ? { family: options } : (options ?? {});
  const found = resolveLocal(hostname);
  if (!found || (opts.family && Number(String(opts.family).replace('IPv', '')) !== found.family)) return { error: lookupError(hostname) };
  return { value: opts.all ? [found] : found };
}

export const queryMethods = Object.keys(QUERY);
export const RRTYPES = RRTYPE;
