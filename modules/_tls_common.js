// TLS contexts need OpenSSL, which the sandbox does not have: made when asked, they fail.
import { unavailableClass, unavailableFunction } from 'qjsw:internal/unavailable';

export const SecureContext = unavailableClass('SecureContext', 'tls.SecureContext (no OpenSSL)');
export const createSecureContext = unavailableFunction('createSecureContext', 'tls.createSecureContext (no OpenSSL)');
export function translatePeerCertificate(c) { return c; }

export default { SecureContext, createSecureContext, translatePeerCertificate };
