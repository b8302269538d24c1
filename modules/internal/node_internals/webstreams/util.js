// require('internal/webstreams/util') under --expose-internals (see ../../node_internals.js):
// kState (a stream's or controller's internal slots, as the sandbox keeps them with Node's field
// names) and the helpers of Node's lib/internal/webstreams/util.js the sandbox has.
import {
  kState, kType, dequeueValue, enqueueValueWithSize, resetQueue, extractHighWaterMark, extractSizeAlgorithm,
  setPromiseHandled, transferArrayBuffer, cloneAsUint8Array,
} from 'qjsw:internal/webstreams/util';
import { promiseState } from 'qjsw:binding/util';
import { isPromise } from 'node:util/types';

export function isPromisePending(promise) {
  return isPromise(promise) && promiseState(promise)[0] === 0;
}

export default {
  kState, kType, isPromisePending, dequeueValue, enqueueValueWithSize, resetQueue, extractHighWaterMark,
  extractSizeAlgorithm, setPromiseHandled, transferArrayBuffer, cloneAsUint8Array,
};
