// require('internal/worker') under --expose-internals (see ../node_internals.js): the
// environment-data helpers Node's worker bootstrap uses, over node:worker_threads.
import { Worker, isMainThread, threadId, SHARE_ENV, resourceLimits, setEnvironmentData, getEnvironmentData } from 'node:worker_threads';

// the entries of `data` (a Map, as a worker inherits it) into this thread's environment data
export function assignEnvironmentData(data) {
  if (data === undefined) return;
  data.forEach((value, key) => setEnvironmentData(key, value));
}

export default {
  Worker, isMainThread, threadId, SHARE_ENV, resourceLimits, setEnvironmentData, getEnvironmentData, assignEnvironmentData,
};
