// require('internal/timers') under --expose-internals (see ../node_internals.js): what Node's
// tests call of lib/internal/timers.js, over node:timers.
import { setTimeout } from 'node:timers';
import { invalidArgType } from 'qjsw:internal/errors';

// a Timeout that does not keep the loop alive (Node's own internal timeouts)
export function setUnrefTimeout(callback, after) {
  if (typeof callback !== 'function') throw invalidArgType('callback', 'Function', callback);
  return setTimeout(callback, after).unref();
}

export default { setUnrefTimeout };
