// The guest half of the event loop: timers, immediates and the nextTick queue live here. The
// host (runtime/sandbox.ts) drains ticks and promise jobs as Node does after every callback
// (runTicks, then the jobs, until both are empty), then calls runDue(now) for the next one.
let nextId = 1;
const timers = new Map(); // id -> { at, fn, args, repeat }
const immediates = [];
let refCount = 0;
// Handles that keep the loop alive waiting for events from outside its own timers (fs.watch
// watchers): with only those left the loop waits (-3) until the host wakes it.
let waiting = 0;
export function refWaiting(delta) {
  waiting += delta;
}
// Node's poll phase: a source of callbacks for events that came in (fs.watch's journal).
let poll = null;
export function setPollSource(source) {
  poll = source;
}

// Told when a timer or an immediate is queued, in a context whose host runs the loop only
// when there is something to run (runtime/node-context.ts). Sandboxes leave it unset.
let onQueued = null;
export function setQueuedHook(fn) {
  onQueued = fn;
}

export class Timeout {
  constructor(id) {
    this._id = id;
  }
  ref() { const t = timers.get(this._id); if (t && !t.ref) { t.ref = true; refCount++; onQueued?.(); } return this; }
  unref() { const t = timers.get(this._id); if (t && t.ref) { t.ref = false; refCount--; } return this; }
  hasRef() { return timers.get(this._id)?.ref ?? false; }
  refresh() { const t = timers.get(this._id); if (t) t.at = Date.now() + t.delay; return this; }
  [Symbol.toPrimitive]() { return this._id; }
}

function schedule(fn, delay, args, repeat) {
  if (typeof fn !== 'function') {
    const err = new TypeError(`The "callback" argument must be of type function. Received ${typeof fn}`);
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  delay = Number(delay);
  if (!(delay >= 1 && delay <= 2147483647)) delay = 1;
  const id = nextId++;
  timers.set(id, { at: Date.now() + delay, delay, fn, args, repeat, ref: true });
  refCount++;
  onQueued?.();
  return new Timeout(id);
}

export const setTimeout = (fn, delay, ...args) => schedule(fn, delay, args, false);
export const setInterval = (fn, delay, ...args) => schedule(fn, delay, args, true);

function clear(handle) {
  const id = handle instanceof Timeout ? handle._id : Number(handle);
  const t = timers.get(id);
  if (t) {
    if (t.ref) refCount--;
    timers.delete(id);
  }
}
export const clearTimeout = clear;
export const clearInterval = clear;

export class Immediate {
  constructor(entry) { this._entry = entry; }
  ref() { return this; }
  unref() { return this; }
  hasRef() { return true; }
}

export function setImmediate(fn, ...args) {
  if (typeof fn !== 'function') {
    const err = new TypeError(`The "callback" argument must be of type function. Received ${typeof fn}`);
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  const entry = { fn, args, cleared: false };
  immediates.push(entry);
  onQueued?.();
  return new Immediate(entry);
}

export function clearImmediate(handle) {
  if (handle instanceof Immediate) handle._entry.cleared = true;
}

// The callbacks of the current loop iteration: the timers due when it started (earliest
// first), then CHECK, which becomes the immediates queued by the time it is reached (Node's
// timers and check phases).
let iteration = [];
const CHECK = { check: true };
// Whether a callback of the current iteration ran (its end then answers -2, not -1).
let ranThisIteration = false;

// Runs one callback of the iteration, so the host can run microtasks after each, as Node
// does. Returns 0 when more work is ready now, else the time of the next referenced timer, -2
// when the callback it ran was the last thing, -3 when only watchers keep the loop alive (it
// waits for the host to wake it), or -1 when nothing does.

export function runDue(now) {
  if (iteration.length === 0) {
    // A new iteration starts only while something referenced keeps the loop alive: unref'd
    // timers that are due do not run on their own (Node exits first).
    if (refCount <= 0 && waiting <= 0 && immediates.length === 0) return -1;
    const due = [...timers].filter(([, t]) => t.at <= now).sort((a, b) => a[1].at - b[1].at || a[0] - b[0]);
    for (const [id] of due) iteration.push({ timer: id });
    if (poll) for (const fn of poll.take()) iteration.push({ poll: fn });
    iteration.push(CHECK);
    ranThisIteration = false;
  }
  let next = iteration.shift();
  if (next === CHECK) {
    // Node's check phase: the immediates queued by now, those the timers above queued included
    // (a setImmediate in a timer callback runs before a nested setTimeout(0), however slow the
    // timers were); immediates queued from here on wait for the next iteration.
    iteration.unshift(...immediates.splice(0).map((entry) => ({ immediate: entry })));
    next = iteration.shift();
  }
  if (next !== undefined) ranThisIteration = true;
  if (next?.timer !== undefined) {
    const t = timers.get(next.timer);
    if (t) {
      if (t.repeat) t.at = now + t.delay;
      else {
        timers.delete(next.timer);
        if (t.ref) refCount--;
      }
      t.fn(...t.args);
    }
  } else if (next?.poll) {
    next.poll();
  } else if (next?.immediate && !next.immediate.cleared) {
    next.immediate.fn(...next.immediate.args);
  }
  if (iteration.length > 0) return 0;
  const deadline = nextDeadline();
  // -2: a callback ran and nothing is left; the host asks once more (its ticks and jobs first)
  // before it calls the loop empty, so a 'beforeExit' after this work is not skipped.
  return ranThisIteration && deadline === -1 ? -2 : deadline;
}

// process.nextTick's queue, a ring of [fn, args] read from `tickHead`.
let ticks = [];
let tickHead = 0;

// Set by a sandbox's boot: its host loop calls runTicks. In a context no sandbox drives
// (node:process imported from a plain context), ticks run as promise jobs instead.
let hostRunsTicks = false;
export function takeOverTicks() {
  hostRunsTicks = true;
}

export function nextTick(fn, args) {
  if (hostRunsTicks) ticks.push(fn, args);
  else Promise.resolve().then(() => fn(...args));
}

// Node's processTicksAndRejections, the tick half: every queued tick, including those the
// ticks queue, in order. Returns how many ran; a throwing tick ends the run (the host reports
// it as uncaught) and leaves the rest queued.
export function runTicks() {
  let ran = 0;
  while (tickHead < ticks.length) {
    const fn = ticks[tickHead];
    const args = ticks[tickHead + 1];
    ticks[tickHead] = ticks[tickHead + 1] = undefined;
    tickHead += 2;
    ran++;
    if (tickHead > 1024 && tickHead * 2 > ticks.length) {
      ticks = ticks.slice(tickHead);
      tickHead = 0;
    }
    if (args.length === 0) fn();
    else fn(...args);
  }
  ticks.length = tickHead = 0;
  return ran;
}

// A run starts as a new process would: without the timers, immediates, ticks and watchers
// an earlier run left (ended by process.exit, an uncaught error or the timeout). Modules
// holding other handles register what closes them (fs.watch).
const runResets = [];
export function onRunReset(fn) {
  runResets.push(fn);
}
export function resetRun() {
  for (const fn of runResets) fn();
  timers.clear();
  immediates.length = 0;
  iteration = [];
  ranThisIteration = false;
  refCount = 0;
  waiting = 0;
  ticks = [];
  tickHead = 0;
}

export function nextDeadline() {
  if (immediates.length || tickHead < ticks.length || poll?.pending()) return 0;
  let next = Infinity;
  if (refCount > 0) for (const t of timers.values()) if (t.ref && t.at < next) next = t.at;
  return next !== Infinity ? next : waiting > 0 ? -3 : -1;
}
