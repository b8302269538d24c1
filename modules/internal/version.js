// The Node release the sandbox behaves as (Debian 13's nodejs): process.version, process.versions,
// the footer of an uncaught error and the host CLI's --version all read it from here.
export const NODE_VERSION = '20.19.2';
// Node 20's module ABI and its bundled libuv (20.x stays on 1.46.0).
export const NODE_MODULES_ABI = '115';
export const NODE_UV_VERSION = '1.46.0';
export const QUICKJS_VERSION = '2025-04-26';
