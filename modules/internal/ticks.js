// process.nextTick's queue. Node runs it before promise jobs: the host's loop calls runTicks()
// (through qjsw:internal/bootstrap) and then the promise jobs, again and again until neither
// has work, which is the order of Node's processTicksAndRejections. Ticks queued by a tick run
// in the same drain.
const ticks = [];
let head = 0;

export function queueTick(fn, args) {
  ticks.push({ fn, args });
}

export function hasTicks() {
  return head < ticks.length;
}

// Runs every queued tick; returns how many ran. A tick that throws ends the run (the host
// reports it as uncaught), leaving the rest queued.
export function runTicks() {
  let ran = 0;
  try {
    while (head < ticks.length) {
      const { fn, args } = ticks[head];
      ticks[head++] = undefined;
      ran++;
      fn(...args);
    }
  } finally {
    if (head >= ticks.length) {
      ticks.length = 0;
      head = 0;
    }
  }
  return ran;
}
