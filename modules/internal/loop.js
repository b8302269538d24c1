// The guest half of the event loop: timers, immediates and the nextTick queue live here. The
// sandbox's turn() (qjsw:internal/sandbox) drains ticks and promise jobs as Node does after
// every callback (runTicks, then the jobs, until both are empty), then calls runDue(now) for
// the next one; the host (runtime/sandbox/sandbox.ts) enters one turn per callback.
import { LOOP_READY, LOOP_EMPTY, LOOP_RAN_LAST, LOOP_WAITING } from 'qjsw:internal/loop_states';
import { dispose as disposeSymbol } from 'qjsw:internal/symbols';
import * as ac from 'qjsw:internal/async_context';
import { enqueueJob } from 'qjsw:binding/module';

let nextId = 1;
const timers = new Map(); // id -> armed Timeout
const immediates = [];
let refCount = 0;
// Handles that keep the loop alive waiting for events from outside its own timers (fs.watch
// watchers): with only those left the loop waits (-3) until the host wakes it.
let waiting = 0;
export function refWaiting(delta) {
  waiting += delta;
}
// Open handles of the guest's own sockets and servers (node:net over the sandbox's loopback):
// each is in process._getActiveHandles() while referenced, and keeps the loop waiting, as a
// socket waiting for its peer does in Node.
const handles = new Map(); // handle -> { type, refed }
export function handleOpened(handle, type, refed = true) {
  if (handles.has(handle)) return;
  handles.set(handle, { type, refed });
  if (refed) waiting++;
}
export function handleRef(handle, refed) {
  const entry = handles.get(handle);
  if (!entry || entry.refed === refed) return;
  entry.refed = refed;
  waiting += refed ? 1 : -1;
}
export function handleClosed(handle) {
  const entry = handles.get(handle);
  if (!entry) return;
  handles.delete(handle);
  if (entry.refed) waiting--;
}
export function activeHandles() {
  return [...handles].filter(([, entry]) => entry.refed).map(([handle]) => handle);
}
// Node's poll phase: sources of callbacks for events that came in (fs.watch's journal, child
// processes and the IPC channel), each { pending(), take() }.
const polls = [];
export function addPollSource(source) {
  polls.push(source);
}
// Callbacks of fs requests that completed (their work is done at once, synchronously): they
// run in the poll phase as in Node, after due timers and before immediates, never as promise
// jobs, which would run before the promise jobs queued after the request and starve timers.
// One the poll phase queues waits for the next iteration. The request keeps the loop alive.
// In a context no host loop drives (node:fs imported from a plain context), a job of the
// engine's queue.
let completions = [];
export function queueCompletion(fn) {
  if (!hostRunsTicks && !onQueued) {
    enqueueJob(fn);
    return;
  }
  completions.push(fn);
  onQueued?.();
}

// What a callback of the poll phase (an fs request's, a socket's) throws is an uncaught
// exception in Node, not a rejection of the promise job that may run it here: it is thrown
// again from a tick queued in the callback's own context (its domain, its async resource),
// where the host meets it as uncaught.
export function guarded(fn) {
  try {
    fn();
  } catch (err) {
    nextTick(rethrow, [err]);
  }
}
function rethrow(err) {
  throw err;
}

// Told when a timer or an immediate is queued, in a context whose host runs the loop only
// when there is something to run (runtime/module/node-context.ts). Sandboxes leave it unset.
let onQueued = null;
export function setQueuedHook(fn) {
  onQueued = fn;
}

const kRefed = Symbol('refed');
const kAt = Symbol('at');
const kId = Symbol('id');
// node:async_hooks: each timer, immediate and tick is an async resource with an id, the id of
// the callback that made it, and the async context it was made in (ALS stores, the domain).
const kAsyncId = Symbol('asyncId');
const kTrigger = Symbol('triggerAsyncId');
const kContext = Symbol('asyncContext');
export function initResource(resource, type, hookResource = resource) {
  resource[kAsyncId] = ac.newAsyncId();
  resource[kTrigger] = ac.defaultTriggerAsyncId();
  resource[kContext] = ac.currentContext();
  if (ac.hooksOn) ac.emitInit(resource[kAsyncId], type, resource[kTrigger], hookResource);
  return resource[kAsyncId];
}
// A handle used again (an agent's kept-alive socket): Node's AsyncReset, a destroy for its old
// id, then a new id, made in the current context, whose init hook gets `hookResource`.
export function resetResource(resource, type, hookResource) {
  destroyResource(resource);
  return initResource(resource, type, hookResource);
}
// Node's public copy of a socket's async id (internal/async_hooks' symbols.async_id_symbol):
// an agent sets it to -1 while the socket is free, and to the new id when it is reused.
export const asyncIdSymbol = Symbol('async_id_symbol');
// Runs a resource's callback in its scope; what enterWith() left there stays the resource's
// (a repeating interval sees it next time, as in Node).
function runInScope(resource, fn, thisArg, args) {
  const id = resource[kAsyncId];
  ac.enter(id, resource[kTrigger], resource, resource[kContext]);
  let threw = true;
  try {
    const result = args === undefined ? Reflect.apply(fn, thisArg, []) : Reflect.apply(fn, thisArg, args);
    threw = false;
    return result;
  } finally {
    if (ac.tracking) resource[kContext] = ac.currentContext();
    if (threw) ac.unwind();
    else ac.leave(id);
  }
}
// Node's frames where its loop calls a callback, for stacks: functions of our internals do not
// show in them, but for one whose name is a whole V8 frame, which shows as that frame (QuickJS
// patch 045). Node's stacks end with these (tools that match stacks rely on them, as Node's own
// tests match /at process\.processTicksAndRejections/); ours end there too.
const nodeFrames = {
  ['process.processImmediate (node:internal/timers:483:21)'](immediate) {
    return runInScope(immediate, immediate._onImmediate, immediate, immediate._argv);
  },
  ['listOnTimeout (node:internal/timers:581:17)'](t) {
    return runInScope(t, t._onTimeout, t, t._timerArgs);
  },
  ['process.processTimers (node:internal/timers:519:7)'](t) {
    return listOnTimeout(t);
  },
};
// Node calls a tick's callback from one of several lines, by the number of its arguments.
const tickFrames = ['77:11', '81:21', '82:21', '83:21', '84:21', '85:22'].map((at) => {
  const name = `process.processTicksAndRejections (node:internal/process/task_queues:${at})`;
  return { [name](tick) { return runTick(tick); } }[name];
});
const processImmediate = nodeFrames['process.processImmediate (node:internal/timers:483:21)'];
const listOnTimeout = nodeFrames['listOnTimeout (node:internal/timers:581:17)'];
const processTimers = nodeFrames['process.processTimers (node:internal/timers:519:7)'];
const processTicksAndRejections = (tick) => tickFrames[Math.min(tick.args.length, 5)](tick);

export function destroyResource(resource) {
  if (ac.hooksOn && resource[kAsyncId] !== undefined) ac.emitDestroy(resource[kAsyncId]);
}

// Runs fn in a later poll phase as a callback of `resource` (an initResource'd handle: a
// socket, a server), in the async context it was made in; what it throws is uncaught.
export function deliver(resource, fn) {
  queueCompletion(() => ac.runAs(resource[kAsyncId], resource[kTrigger], resource, resource[kContext], guarded, undefined, [fn]));
}

// Node's Timeout: its callback runs with the Timeout as `this`; refresh() re-arms it (also
// from its own callback, or after it ran); cleared, it is _destroyed with _idleTimeout -1.
export class Timeout {
  constructor(fn, delay, args, repeat) {
    this._idleTimeout = delay;
    this._onTimeout = fn;
    this._timerArgs = args.length ? args : undefined;
    this._repeat = repeat ? delay : null;
    this._destroyed = false;
    this[kRefed] = true;
    this[kId] = nextId++;
    // as Node's insert(): whole milliseconds (1.8 waits as long as 1, in the order set)
    this[kAt] = Date.now() + Math.trunc(delay);
    initResource(this, 'Timeout');
  }
  ref() {
    if (!this[kRefed]) {
      this[kRefed] = true;
      if (timers.has(this[kId])) refCount++;
      onQueued?.();
    }
    return this;
  }
  unref() {
    if (this[kRefed]) {
      this[kRefed] = false;
      if (timers.has(this[kId])) refCount--;
    }
    return this;
  }
  hasRef() { return this[kRefed]; }
  refresh() {
    if (this._idleTimeout < 0) return this;
    // as Node, it goes to the end of the timers due at its time (re-armed: last in `timers`)
    disarm(this);
    this[kAt] = Date.now() + Math.trunc(this._idleTimeout);
    arm(this);
    return this;
  }
  close() {
    clear(this);
    return this;
  }
  [Symbol.toPrimitive]() { return this[kId]; }
  [disposeSymbol]() { clear(this); }
}

function arm(t) {
  if (timers.has(t[kId])) return;
  timers.set(t[kId], t);
  if (t[kRefed]) refCount++;
  t._destroyed = false;
  onQueued?.();
}

function disarm(t) {
  if (!timers.delete(t[kId])) return;
  if (t[kRefed]) refCount--;
}

function schedule(fn, delay, args, repeat) {
  if (typeof fn !== 'function') {
    const err = new TypeError(`The "callback" argument must be of type function. Received ${typeof fn}`);
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  delay = Number(delay);
  if (!(delay >= 1 && delay <= 2147483647)) {
    if (delay > 2147483647) {
      globalThis.process?.emitWarning(`${delay} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.`,
        'TimeoutOverflowWarning');
    }
    delay = 1;
  }
  const t = new Timeout(fn, delay, args, repeat);
  arm(t);
  return t;
}

export const setTimeout = (fn, delay, ...args) => schedule(fn, delay, args, false);
export const setInterval = (fn, delay, ...args) => schedule(fn, delay, args, true);

function clear(handle) {
  // as Node's clearTimeout: anything with an _onTimeout (a Timeout, or an enrolled object)
  const t = handle?._onTimeout ? handle : typeof handle === 'number' || typeof handle === 'string' ? timers.get(Number(handle)) : undefined;
  if (!t) return;
  t._onTimeout = null;
  unenroll(t);
}

// Node's unenroll: stops `item` for good (an active() later does not restart it).
export function unenroll(item) {
  if (item._destroyed) return;
  if (item instanceof Timeout) destroyResource(item);
  item._destroyed = true;
  if (item[kId] !== undefined) disarm(item);
  if (!(item instanceof Timeout)) item._idleNext = item._idlePrev = null;
  item._idleTimeout = -1;
}

const loopStart = Date.now();

// timers.active() and _unrefActive(): (re)starts `item`, an object given _idleTimeout (by
// timers.enroll()) and _onTimeout, to call item._onTimeout() once after that many ms.
export function activate(item, refed) {
  const msecs = item._idleTimeout;
  if (msecs < 0 || msecs === undefined) return;
  if (item[kId] === undefined) {
    // (hidden from deepStrictEqual and keys, as Node's own fields on the item are not)
    Object.defineProperty(item, kId, { __proto__: null, value: nextId++ });
    Object.defineProperty(item, kRefed, { __proto__: null, value: refed, writable: true });
    Object.defineProperty(item, kAt, { __proto__: null, value: 0, writable: true });
  }
  disarm(item);
  item[kRefed] = refed;
  const now = Date.now();
  item._idleStart = now - loopStart;
  item[kAt] = now + Math.trunc(msecs);
  // (Node links it into a list of timers of that duration)
  if (!(item instanceof Timeout)) item._idleNext = item._idlePrev = item;
  arm(item);
}
export const clearTimeout = clear;
export const clearInterval = clear;

// Node's Immediate: an unref'd one runs while the loop is alive but does not keep it so.
let refImmediates = 0;
export class Immediate {
  constructor(fn, args) {
    this._onImmediate = fn;
    this._argv = args.length ? args : undefined;
    this._destroyed = false;
    this[kRefed] = true;
    initResource(this, 'Immediate');
  }
  ref() {
    if (!this[kRefed] && !this._destroyed) {
      this[kRefed] = true;
      refImmediates++;
      onQueued?.();
    }
    return this;
  }
  unref() {
    if (this[kRefed] && !this._destroyed) {
      this[kRefed] = false;
      refImmediates--;
    }
    return this;
  }
  hasRef() { return !!this[kRefed]; }
  [disposeSymbol]() { clearImmediate(this); }
}

export function setImmediate(fn, ...args) {
  if (typeof fn !== 'function') {
    const err = new TypeError(`The "callback" argument must be of type function. Received ${typeof fn}`);
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  const immediate = new Immediate(fn, args);
  immediates.push(immediate);
  refImmediates++;
  onQueued?.();
  return immediate;
}

// (done: it leaves the counts)
function retire(immediate) {
  if (immediate._destroyed) return false;
  immediate._destroyed = true;
  if (immediate[kRefed]) refImmediates--;
  immediate[kRefed] = null;
  return true;
}

export function clearImmediate(handle) {
  if (handle instanceof Immediate && retire(handle)) destroyResource(handle);
}

// The callbacks of the current loop iteration: the timers due when it started (earliest
// first), then CHECK, which becomes the immediates queued by the time it is reached (Node's
// timers and check phases).
let iteration = [];
const CHECK = { check: true };
// Whether a callback of the current iteration ran (its end then answers LOOP_RAN_LAST, not
// LOOP_EMPTY).
let ranThisIteration = false;

// Runs one callback of the iteration, so the host can run microtasks after each, as Node
// does. Returns the time of the next referenced timer, or a state of loop_states.js.

export function runDue(now) {
  if (iteration.length === 0) {
    // A new iteration starts only while something referenced keeps the loop alive: unref'd
    // timers that are due do not run on their own (Node exits first).
    if (refCount <= 0 && waiting <= 0 && refImmediates <= 0 && completions.length === 0) {
      // queued destroys are still emitted (the host asks once more after -2)
      if (ac.pendingDestroys()) {
        ac.flushDestroys();
        return LOOP_RAN_LAST;
      }
      return LOOP_EMPTY;
    }
    // timers due at the same time run in the order they were (re-)armed, as in Node's lists
    const due = [...timers].filter(([, t]) => t[kAt] <= now).sort((a, b) => a[1][kAt] - b[1][kAt]);
    for (const [id] of due) iteration.push({ timer: id });
    if (completions.length) for (const fn of completions.splice(0)) iteration.push({ poll: fn });
    for (const source of polls) for (const fn of source.take()) iteration.push({ poll: fn });
    iteration.push(CHECK);
    ranThisIteration = false;
  }
  let next = iteration.shift();
  if (next === CHECK) {
    // async_hooks' destroys queued before (Node emits them from a native immediate)
    ac.flushDestroys();
    // Node's check phase: the immediates queued by now, those the timers above queued included
    // (a setImmediate in a timer callback runs before a nested setTimeout(0), however slow the
    // timers were); immediates queued from here on wait for the next iteration.
    // (unref'd ones only while something keeps the loop alive: else Node exits first)
    if (refImmediates > 0 || refCount > 0 || waiting > 0) iteration.unshift(...immediates.splice(0).map((immediate) => ({ immediate })));
    next = iteration.shift();
  }
  if (next !== undefined) ranThisIteration = true;
  if (next?.timer !== undefined) {
    const t = timers.get(next.timer);
    if (t && !t._onTimeout) {
      // (an enrolled object without a callback, or one cleared by clearTimeout: done)
      disarm(t);
      t._destroyed = true;
    } else if (t) {
      disarm(t);
      running = t;
      try {
        processTimers(t);
      } finally {
        running = null;
        // Node decides after the callback: it may have cleared the interval, set _idleTimeout
        // to -1, or made a timeout repeat (_repeat)
        if (t._repeat && t._idleTimeout !== -1 && !t._destroyed) {
          t._idleTimeout = t._repeat;
          if (!timers.has(t[kId])) t[kAt] = now + Math.trunc(t._repeat);
          arm(t);
        } else if (!timers.has(t[kId])) {
          // not re-armed by its callback (refresh): done
          if (!t._destroyed) destroyResource(t);
          t._destroyed = true;
        }
      }
    }
  } else if (next?.poll) {
    next.poll();
  } else if (next?.immediate && retire(next.immediate)) {
    const immediate = next.immediate;
    try {
      processImmediate(immediate);
    } finally {
      destroyResource(immediate);
    }
  }
  if (iteration.length > 0) return LOOP_READY;
  // the loop waits now: Node's poll phase, then a check phase that emits queued destroys
  if (nextDeadline() !== 0) ac.flushDestroys();
  const deadline = nextDeadline();
  // a callback ran and nothing is left; the host asks once more (its ticks and jobs first)
  // before it calls the loop empty, so a 'beforeExit' after this work is not skipped.
  return ranThisIteration && deadline === LOOP_EMPTY ? LOOP_RAN_LAST : deadline;
}

// process.nextTick's queue, a ring of TickObjects read from `tickHead`.
let ticks = [];
let tickHead = 0;

// Set by a sandbox's boot: its host loop calls runTicks. In a context no sandbox drives
// (node:process imported from a plain context), ticks run as promise jobs instead.
let hostRunsTicks = false;
export function takeOverTicks() {
  hostRunsTicks = true;
}

// Node's TickObject: the resource async_hooks see for a tick.
class TickObject {
  constructor(callback, args) {
    this.callback = callback;
    this.args = args;
    initResource(this, 'TickObject');
  }
}

export function nextTick(fn, args) {
  const tick = new TickObject(fn, args);
  if (hostRunsTicks) ticks.push(tick);
  else Promise.resolve().then(() => runTick(tick));
}

function runTick(tick) {
  try {
    runInScope(tick, tick.callback, undefined, tick.args.length === 0 ? undefined : tick.args);
  } finally {
    destroyResource(tick);
  }
}

// Node's processTicksAndRejections, the tick half: every queued tick, including those the
// ticks queue, in order. Returns how many ran; a throwing tick ends the run (the host reports
// it as uncaught) and leaves the rest queued.
export function runTicks() {
  let ran = 0;
  while (tickHead < ticks.length) {
    const tick = ticks[tickHead];
    ticks[tickHead] = undefined;
    tickHead += 1;
    ran++;
    if (tickHead > 1024 && tickHead * 2 > ticks.length) {
      ticks = ticks.slice(tickHead);
      tickHead = 0;
    }
    processTicksAndRejections(tick);
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
  requests.clear();
  handles.clear();
  completions = [];
  timers.clear();
  immediates.length = 0;
  refImmediates = 0;
  iteration = [];
  ranThisIteration = false;
  refCount = 0;
  waiting = 0;
  ticks = [];
  tickHead = 0;
  ac.resetRun();
}

// The timer whose callback runs now: Node counts it as active until its callback returns.
let running = null;

// fs requests whose callbacks are still to come (process._getActiveRequests())
const requests = new Set();
export function requestStarted(req) {
  requests.add(req);
}
export function requestDone(req) {
  requests.delete(req);
}
export function activeRequests() {
  return [...requests];
}

// process.getActiveResourcesInfo()'s timers and immediates: one entry per referenced one.
export function activeResources() {
  const timeouts = refCount + (running && running[kRefed] && !running._destroyed && !timers.has(running[kId]) ? 1 : 0);
  const open = [...handles.values()].filter((entry) => entry.refed).map((entry) => entry.type);
  return [...open, ...Array(timeouts).fill('Timeout'), ...Array(Math.max(refImmediates, 0)).fill('Immediate')];
}

export function nextDeadline() {
  if (refImmediates > 0 || tickHead < ticks.length || completions.length > 0 || polls.some((source) => source.pending())) return LOOP_READY;
  let next = Infinity;
  // while something keeps the loop alive, unref'd timers fire on time too
  if (refCount > 0 || waiting > 0) for (const t of timers.values()) if (t[kAt] < next) next = t[kAt];
  // unref'd immediates run while something else keeps the loop alive
  if (next === Infinity && waiting <= 0) return LOOP_EMPTY;
  if (immediates.length) return LOOP_READY;
  return next !== Infinity ? next : LOOP_WAITING;
}
