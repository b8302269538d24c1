// process.setUncaughtExceptionCaptureCallback(): a function that takes uncaught errors instead
// of 'uncaughtException' listeners (node:domain sets one while a domain with 'error' listeners
// is entered). One per run: a new run starts without it.
import { invalidArgType, nodeError } from 'qjsw:internal/errors';
import { onRunReset } from 'qjsw:internal/loop';

let captureFn = null;
onRunReset(() => {
  captureFn = null;
});

export function setUncaughtExceptionCaptureCallback(fn) {
  if (fn === null) {
    captureFn = null;
    return;
  }
  if (typeof fn !== 'function') throw invalidArgType('fn', ['Function', 'null'], fn);
  if (captureFn !== null) {
    throw nodeError(Error, 'ERR_UNCAUGHT_EXCEPTION_CAPTURE_ALREADY_SET',
      '`process.setupUncaughtExceptionCapture()` was called while a capture callback was already active');
  }
  captureFn = fn;
}

export const hasUncaughtExceptionCaptureCallback = () => captureFn !== null;
export const captureCallback = () => captureFn;

// What loading node:domain throws while a capture callback is set.
export const domainNotAvailable = () =>
  nodeError(Error, 'ERR_DOMAIN_CALLBACK_NOT_AVAILABLE',
    'A callback was registered through process.setUncaughtExceptionCaptureCallback(), which is mutually exclusive with using the `domain` module');
