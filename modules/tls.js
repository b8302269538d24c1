// node:tls without a network or OpenSSL: sockets fail to connect, servers to listen, secure
// contexts to be made; there are no ciphers and no root certificates.
import { SecureContext, createSecureContext } from 'node:_tls_common';
import { TLSSocket, Server, createServer, connect } from 'node:_tls_wrap';
import { unavailableFunction } from 'qjsw:internal/unavailable';

export { SecureContext, createSecureContext, TLSSocket, Server, createServer, connect };
export const CLIENT_RENEG_LIMIT = 3;
export const CLIENT_RENEG_WINDOW = 600;
export const DEFAULT_CIPHERS = '';
export const DEFAULT_ECDH_CURVE = 'auto';
export const DEFAULT_MIN_VERSION = 'TLSv1.2';
export const DEFAULT_MAX_VERSION = 'TLSv1.3';
export const getCiphers = () => [];
export const rootCertificates = Object.freeze([]);
export function convertALPNProtocols(protocols, out) {
  const list = Array.isArray(protocols) ? protocols : [];
  const bytes = [];
  for (const p of list) {
    const b = new TextEncoder().encode(String(p));
    bytes.push(b.length, ...b);
  }
  out.ALPNProtocols = new Uint8Array(bytes);
}
export const checkServerIdentity = unavailableFunction('checkServerIdentity', 'tls.checkServerIdentity');
export const createSecurePair = unavailableFunction('createSecurePair', 'tls.createSecurePair (no OpenSSL)');

export default {
  CLIENT_RENEG_LIMIT, CLIENT_RENEG_WINDOW, DEFAULT_CIPHERS, DEFAULT_ECDH_CURVE, DEFAULT_MIN_VERSION, DEFAULT_MAX_VERSION,
  getCiphers, rootCertificates, convertALPNProtocols, checkServerIdentity, createSecureContext, SecureContext, TLSSocket,
  Server, createServer, connect, createSecurePair,
};
