'use strict';
// Delays are whole milliseconds to Node's timer lists (1.8 waits as long as 1, in the order set),
// and timers/promises' scheduler is a Scheduler that cannot be made again.
const { scheduler } = require('timers/promises');

const order = [];
setTimeout(() => order.push(1), 1);
setTimeout(() => order.push(2), 1.8);
setTimeout(() => order.push(3), 1.1);
setTimeout(() => order.push(4), 1);
setTimeout(() => console.log('order', order.join()), 2);

for (const fn of [() => new scheduler.constructor(), () => scheduler.wait.call({}, 1), () => scheduler.yield.call(new Date())]) {
  try {
    fn();
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
console.log(scheduler.constructor.name, typeof scheduler.wait, Object.keys(scheduler));
// (the 5 ms wait ends after the 2 ms timer above, whenever the yield comes)
Promise.all([scheduler.wait(5), scheduler.yield()]).then(() => console.log('waited and yielded'));
