'use strict';
// A worker is a thread of its parent's process: it keeps the process's clock, so its
// performance.timeOrigin is the parent's and its performance.now() and process.uptime() count
// from the process's start, not its own.
const common = require('../common');
const { Worker } = require('worker_threads');

setTimeout(() => {
  const before = performance.now();
  const w = new Worker(
    `const { parentPort } = require('worker_threads');
     parentPort.postMessage([performance.timeOrigin, performance.now(), process.uptime()]);`,
    { eval: true },
  );
  w.on('message', common.mustCall(([timeOrigin, now, uptime]) => {
    console.log('same timeOrigin:', timeOrigin === performance.timeOrigin);
    console.log('now() between the parent\'s before and after:', now >= before && now <= performance.now());
    console.log('uptime() near the parent\'s:', Math.abs(uptime - process.uptime()) < 0.5);
  }));
}, 50);
