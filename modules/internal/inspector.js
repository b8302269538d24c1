// node:inspector in a build without one: what Node itself does then (ERR_INSPECTOR_NOT_AVAILABLE).
import { EventEmitter } from 'node:events';
import { nodeError } from 'qjsw:internal/errors';

const notAvailable = () => nodeError(Error, 'ERR_INSPECTOR_NOT_AVAILABLE', 'Inspector is not available');
export function open() { throw notAvailable(); }
export function close() {}
export function url() { return undefined; }
export function waitForDebugger() { throw nodeError(Error, 'ERR_INSPECTOR_NOT_ACTIVE', 'Inspector is not active'); }
export const console = globalThis.console;
export class Session extends EventEmitter {
  connect() { throw notAvailable(); }
  connectToMainThread() { throw notAvailable(); }
  post() { throw nodeError(Error, 'ERR_INSPECTOR_NOT_CONNECTED', 'Session is not connected'); }
  disconnect() {}
}
export const Network = { requestWillBeSent() {}, responseReceived() {}, loadingFinished() {}, loadingFailed() {} };
