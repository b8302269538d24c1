// Callback forms of the fs API over the synchronous implementations. Node validates arguments
// synchronously (ERR_* errors throw) and reports system errors to the callback, never calling
// it before the call returns; the callback here runs in the loop's poll phase (no promise:
// a promise hook sees only the FSREQCALLBACK, as in Node).
import { validateFunction } from 'qjsw:internal/fs/utils';
import * as ac from 'qjsw:internal/async_context';
import { requestStarted, requestDone, nextTick, queueCompletion, guarded } from 'qjsw:internal/loop';

// Node's request object, the async resource its callback runs in (async_hooks' FSREQCALLBACK).
class FSReqCallback {}

export const later = (fn) => {
  const id = ac.newAsyncId();
  const trigger = ac.defaultTriggerAsyncId();
  const req = new FSReqCallback();
  if (ac.hooksOn) ac.emitInit(id, 'FSREQCALLBACK', trigger, req);
  requestStarted(req);
  const context = ac.currentContext();
  queueCompletion(() => {
    requestDone(req);
    try {
      ac.runAs(id, trigger, req, context, guarded, undefined, [fn]);
    } finally {
      ac.emitDestroy(id);
    }
  });
};


// `required` arguments come first; the callback is the first function after them, at most at
// index `max - 1` (Node's `if (typeof options === 'function')` shuffles). `validate`, when
// given, gets the call's own arguments and checks them before the callback is looked at, for
// the functions where Node does so.
export function callbackify(syncFn, required, max, callbackOptional = false, length = callbackOptional ? max - 1 : max, validate) {
  const name = syncFn.name.replace(/Sync$/, '');
  const fn = {
    [name](...args) {
      let index = -1;
      for (let i = required; i < max && i < args.length; i++) {
        if (typeof args[i] === 'function') {
          index = i;
          break;
        }
      }
      const callArgs = index >= 0 ? args.slice(0, index) : args.slice(0, max - 1);
      if (validate) validate(...args);
      let callback;
      if (index >= 0) callback = args[index];
      else if (callbackOptional && args[max - 1] === undefined) callback = () => {};
      else validateFunction(args[max - 1], 'cb');
      let result;
      try {
        result = syncFn(...callArgs);
      } catch (err) {
        if (isArgumentError(err)) throw err;
        later(() => callback(err));
        return;
      }
      // as Node's FSReqCallback: no result, no second argument ((null), not (null, undefined))
      later(() => (result === undefined ? callback(null) : callback(null, result)));
    },
  }[name];
  Object.defineProperty(fn, 'length', { value: length });
  return fn;
}

// read/write/readv/writev: the callback gets (err, bytes, buffer), bytes 0 on error, as in Node.
export function reportTransfer(callback, buffer, transfer) {
  let bytes;
  try {
    bytes = transfer();
  } catch (err) {
    if (isArgumentError(err)) throw err;
    later(() => callback(err, 0, buffer));
    return;
  }
  later(() => callback(null, bytes, buffer));
}

// ERR_INVALID_ARG_TYPE and friends throw synchronously; system errors go to the callback.
function isArgumentError(err) {
  // a TypeError without a code is V8's own, met while Node looks at the arguments
  if (err instanceof TypeError && err.code === undefined) return true;
  if (err?.code === 'ERR_FS_INVALID_SYMLINK_TYPE') return true; // symlink's type, read in JS
  return err != null && typeof err.code === 'string' && err.code.startsWith('ERR_') && !err.code.startsWith('ERR_FS_');
}
