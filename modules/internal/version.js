// The Node release the sandbox behaves as (Debian 13's nodejs): process.version, process.versions,
// the footer of an uncaught error and the host CLI's --version all read it from here.
export const NODE_VERSION = '20.19.2';
// Node 20's module ABI and its bundled libuv (20.x stays on 1.46.0).
export const NODE_MODULES_ABI = '115';
export const NODE_UV_VERSION = '1.46.0';
// The OpenSSL release Node 20.19.2 bundles. No OpenSSL is linked here: node:crypto's digests,
// KDFs and random bytes are the sandbox's own (native/bindings/digest.c, native/bindings/kdf.c), and they take
// the names, limits and error texts of this release, so process.versions.openssl says which
// behaviour they follow. Node's tests and many packages read it as "crypto is available",
// which it is, but for ciphers and public keys (ERR_NOT_AVAILABLE_IN_SANDBOX).
export const NODE_OPENSSL_VERSION = '3.0.15+quic';
export const QUICKJS_VERSION = '2025-04-26';
