// Callback forms of the fs API over the synchronous implementations. Node validates arguments
// synchronously (ERR_* errors throw) and reports system errors to the callback, never calling
// it before the call returns; the callback here runs from a promise job.
import { validateFunction } from 'qjsw:internal/fs/utils';

const later = (fn) => {
  Promise.resolve().then(fn);
};

export function callbackify(syncFn, callbackOptional = false) {
  const name = syncFn.name.replace(/Sync$/, '');
  const wrapper = {
    [name](...args) {
      let callback = args.length > 0 ? args[args.length - 1] : undefined;
      if (typeof callback === 'function') args.pop();
      else if (callbackOptional) callback = () => {};
      else validateFunction(callback, 'cb');
      let result;
      try {
        result = syncFn(...args);
      } catch (err) {
        if (isArgumentError(err)) throw err;
        later(() => callback(err));
        return;
      }
      later(() => callback(null, result));
    },
  }[name];
  return wrapper;
}

// ERR_INVALID_ARG_TYPE and friends throw synchronously; system errors go to the callback.
function isArgumentError(err) {
  return err != null && typeof err.code === 'string' && err.code.startsWith('ERR_') && !err.code.startsWith('ERR_FS_');
}
