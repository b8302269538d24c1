// node:timers, on the guest event loop (qjsw:internal/loop), with Node's deprecated ways to
// make any object a timer (enroll, active, _unrefActive, unenroll) and timers.promises.
import {
  setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate, activate, unenroll as unenrollItem,
} from 'qjsw:internal/loop';
import timersPromises from 'node:timers/promises';
import { deprecate } from 'node:util';
import { invalidArgType, outOfRange } from 'qjsw:internal/errors';

const TIMEOUT_MAX = 2 ** 31 - 1;

// Node's getTimerDuration
function timerDuration(msecs, name) {
  if (typeof msecs !== 'number') throw invalidArgType(name, 'number', msecs);
  if (msecs < 0 || !Number.isFinite(msecs)) throw outOfRange(name, 'a non-negative finite number', msecs);
  if (msecs > TIMEOUT_MAX) {
    process.emitWarning(`${msecs} does not fit into a 32-bit signed integer.\nTimer duration was truncated to ${TIMEOUT_MAX}.`,
      'TimeoutOverflowWarning');
    return TIMEOUT_MAX;
  }
  return msecs;
}

function enrollItem(item, msecs) {
  msecs = timerDuration(msecs, 'msecs');
  if (item._idleNext) unenrollItem(item);
  item._idleNext = item._idlePrev = item;
  item._idleTimeout = msecs;
}

const _unrefActive = deprecate(function unrefActive(item) { activate(item, false); },
  'timers._unrefActive() is deprecated. Please use timeout.refresh() instead.', 'DEP0127');
const active = deprecate(function active(item) { activate(item, true); },
  'timers.active() is deprecated. Please use timeout.refresh() instead.', 'DEP0126');
const unenroll = deprecate(function unenroll(item) { unenrollItem(item); },
  'timers.unenroll() is deprecated. Please use clearTimeout instead.', 'DEP0096');
const enroll = deprecate(function enroll(item, msecs) { enrollItem(item, msecs); },
  'timers.enroll() is deprecated. Please use setTimeout instead.', 'DEP0095');

const timers = {
  setTimeout, clearTimeout, setImmediate, clearImmediate, setInterval, clearInterval, _unrefActive, active, unenroll, enroll,
};
Object.defineProperty(timers, 'promises', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() {
    return timersPromises;
  },
});
export const promises = timersPromises;

export { setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate, _unrefActive, active, unenroll, enroll };
export default timers;
