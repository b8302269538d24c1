'use strict';
// node:timers' deprecated object timers (enroll, active, _unrefActive, unenroll), what a timer
// callback may change about its own repetition, TimeoutOverflowWarning, timers.promises, and
// unref'd timers firing on time while something else keeps the loop alive.
const common = require('../common');
const timers = require('timers');

process.on('warning', (w) => console.log('warning', w.name, w.code, w.message.replace(/\n/g, ' | ')));
console.log(timers.promises === require('timers/promises'), Object.keys(timers).join());

const obj = { _onTimeout: common.mustCall(() => console.log('object timer fired'), 1) };
timers.enroll(obj, 5);
console.log(obj._idleTimeout, obj._idleNext === obj, obj._idlePrev === obj);
timers.active(obj);
console.log(Number.isInteger(obj._idleStart), Boolean(obj._idleNext), Object.keys(obj).sort().join());

const bogus = { _idleTimeout: -1 };
timers.active(bogus);
console.log(JSON.stringify(bogus));

for (const bad of [-1, Infinity, 'x', NaN]) {
  try { timers.enroll({}, bad); } catch (e) { console.log(String(bad), e.name, e.code, e.message); }
}
const big = { _onTimeout() { console.log('never'); } };
timers.enroll(big, 2 ** 31);
console.log(big._idleTimeout);
timers.active(big);
timers.unenroll(big);
console.log(big._idleTimeout, big._idleNext, big._destroyed);
clearTimeout(setTimeout(() => console.log('never'), 2 ** 31));

let n = 0;
const unrefd = {};
timers.enroll(unrefd, 1);
unrefd._onTimeout = () => {
  n++;
  if (n === 5) timers.unenroll(unrefd);
  timers._unrefActive(unrefd);
};
timers._unrefActive(unrefd);

const order = [];
const toInterval = setTimeout(common.mustCall(() => {
  order.push(`timeout->interval ${toInterval._repeat}`);
  if (toInterval._repeat) clearInterval(toInterval);
  toInterval._repeat = 1;
}, 2), 1);
const stopped = setInterval(common.mustCall(() => { order.push('idleTimeout -1'); stopped._idleTimeout = -1; }), 1);
const nulled = setInterval(common.mustCall(() => { order.push('onTimeout null'); nulled._onTimeout = null; }), 1);

setTimeout(() => {
  console.log('unref object fired', n);
  console.log(order.sort().join(', '));
}, 200);
