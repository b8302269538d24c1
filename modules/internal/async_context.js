// What node:async_hooks and node:domain stand on: the current async context, the ids of the
// callback that runs, and the hooks createHook() enabled.
//
// The context is a Map (store key -> value) or undefined, kept in the engine's slot (QuickJS
// patch 034) so promise jobs capture it when then()/await registers them and run in it. The
// loop's own queues (ticks, timers, immediates) and AsyncResource capture and restore it here.
// Until a store is first used (`tracking`), nothing is captured: the slot stays undefined and
// the queues pay one boolean test.
import { getAsyncContext, setAsyncContext, enqueueJob } from 'qjsw:binding/module';
import * as promiseHooks from 'qjsw:internal/promise_hooks';

export let tracking = false;
export function startTracking() {
  tracking = true;
}
export const currentContext = () => (tracking ? getAsyncContext() : undefined);
export const setContext = setAsyncContext;

// The context with `key` set to `value` (or without it when `value` is undefined and `remove`).
export function contextWith(key, value, remove = false) {
  startTracking();
  const current = getAsyncContext();
  const next = current === undefined ? new Map() : new Map(current);
  if (remove) next.delete(key);
  else next.set(key, value);
  return next;
}

// ---- ids ----------------------------------------------------------------------------------
// Node's async ids: 1 is the main script, 0 what runs outside any callback (promise jobs when no
// hook follows promises). Every timer, immediate, tick and AsyncResource gets one.
let lastId = 1;
export const newAsyncId = () => ++lastId;
export const topLevelResource = {};
let execId = 0;
let triggerId = 0;
let execResource = topLevelResource;
export const executionAsyncId = () => execId;
export const triggerAsyncId = () => triggerId;
export const executionAsyncResource = () => execResource;
// The id a new resource names as its trigger: the callback running now.
export const defaultTriggerAsyncId = () => execId;

// ---- hooks --------------------------------------------------------------------------------
// Enabled AsyncHooks, each { init, before, after, destroy, promiseResolve } (functions or
// undefined). `hooksOn` is the fast test the queues make.
export const hooks = [];
export let hooksOn = false;
export function setHooks() {
  hooksOn = hooks.length > 0;
}

// A hook that throws ends the process in Node (async_hooks' fatalError): its stack printed
// straight to stderr, exit code 1, no 'uncaughtException'.
function fatalError(e) {
  const process = globalThis.process;
  if (typeof e?.stack === 'string') {
    process._rawDebug(e.stack);
  } else {
    // (V8 writes a Symbol message as its description, Symbol(foo))
    const o = { message: typeof e === 'symbol' ? String(e) : e };
    Error.captureStackTrace(o, fatalError);
    process._rawDebug(o.stack);
  }
  process.exit(1);
}
function call(kind, args) {
  for (const hook of hooks.slice()) {
    const fn = hook[kind];
    if (typeof fn !== 'function') continue;
    try {
      Reflect.apply(fn, hook, args);
    } catch (e) {
      fatalError(e);
    }
  }
}
export const hasHooks = (kind) => hooks.some((h) => typeof h[kind] === 'function');
export function emitInit(id, type, trigger, resource) {
  if (hooksOn) call('init', [id, type, trigger, resource]);
}
// Node queues destroys and emits them later (its check phase, before the immediates): the
// loop calls flushDestroys there.
let destroyed = [];
export function emitDestroy(id) {
  if (hooksOn && hasHooks('destroy')) destroyed.push(id);
}
// What the collector took: a FinalizationRegistry's callback (a job of its own) queues the
// resource's destroy (held: its id, or a box { id, destroyed } an AsyncResource's
// emitDestroy() marks so the destroy comes once).
const collected = new FinalizationRegistry((held) => {
  if (typeof held === 'number') emitDestroy(held);
  else if (!held.destroyed) {
    held.destroyed = true;
    emitDestroy(held.id);
  }
});
export function destroyOnCollect(resource, held) {
  collected.register(resource, held);
}

// ---- PROMISE resources (V8's PromiseHook, through qjsw:internal/promise_hooks) ---------
// Node's trackPromise: a promise's id and trigger, given when a hook first sees it (its
// parent's id as trigger, else the current default).
const promiseIds = new WeakMap();
function trackPromise(promise, parent) {
  let ids = promiseIds.get(promise);
  if (ids === undefined) {
    const trigger = parent !== undefined ? trackPromise(parent)[0] : defaultTriggerAsyncId();
    ids = [newAsyncId(), trigger];
    promiseIds.set(promise, ids);
  }
  return ids;
}
function promiseInit(promise, parent) {
  const [id, trigger] = trackPromise(promise, parent);
  emitInit(id, 'PROMISE', trigger, promise);
}
function promiseInitWithDestroy(promise, parent) {
  promiseInit(promise, parent);
  destroyTracking(promise, parent);
}
function destroyTracking(promise, parent) {
  destroyOnCollect(promise, trackPromise(promise, parent)[0]);
}
// The job's scope: its ids and the promise as resource (the engine carries the context).
function promiseBefore(promise) {
  const [id, trigger] = trackPromise(promise);
  stack.push(execId, triggerId, execResource, kPromiseScope);
  execId = id;
  triggerId = trigger;
  execResource = promise;
  if (hooksOn) call('before', [id]);
}
function promiseAfter(promise) {
  const [id] = trackPromise(promise);
  if (hooksOn && hasHooks('after')) call('after', [id]);
  // (a hook enabled during the job saw no before: nothing to leave)
  if (id === execId && stack[stack.length - 1] === kPromiseScope) unwind();
}
function promiseResolve(promise) {
  const [id] = trackPromise(promise);
  if (hooksOn) call('promiseResolve', [id]);
}
const kPromiseScope = Symbol('promise scope');

// Node's updatePromiseHookMode, on each enable(): the promise hook follows what the enabled
// hooks want; disableHooks() stops it a microtask later, as Node (a job may be between its
// before and after).
let stopPromiseHook = null;
let wantPromiseHook = false;
export function updatePromiseHookMode() {
  wantPromiseHook = true;
  let init;
  if (hasHooks('init')) init = hasHooks('destroy') ? promiseInitWithDestroy : promiseInit;
  else if (hasHooks('destroy')) init = destroyTracking;
  stopPromiseHook?.();
  stopPromiseHook = promiseHooks.createHook({
    init,
    before: promiseBefore,
    after: promiseAfter,
    settled: hasHooks('promiseResolve') ? promiseResolve : undefined,
  });
}
export function disableHooks() {
  wantPromiseHook = false;
  enqueueJob(() => {
    if (!wantPromiseHook && stopPromiseHook !== null) {
      stopPromiseHook();
      stopPromiseHook = null;
    }
  });
}
export const pendingDestroys = () => destroyed.length > 0;
export function flushDestroys() {
  while (destroyed.length > 0) {
    const ids = destroyed;
    destroyed = [];
    for (const id of ids) call('destroy', [id]);
  }
}

// Entering and leaving a callback's scope: its ids, its resource and its context. The saved
// state is a flat stack, so the common case allocates nothing.
const stack = [];
export function enter(id, trigger, resource, context) {
  stack.push(execId, triggerId, execResource, tracking ? getAsyncContext() : undefined);
  execId = id;
  triggerId = trigger;
  execResource = resource;
  if (tracking) setAsyncContext(context);
  if (hooksOn) {
    try {
      call('before', [id]);
    } catch (err) {
      unwind();
      throw err;
    }
  }
}
export function leave(id) {
  try {
    if (hooksOn) call('after', [id]);
  } finally {
    unwind();
  }
}
// Leaving a callback that threw: Node calls no 'after' hook then (what its 'before' entered, a
// domain, stays entered for the uncaught error's handler).
export function unwind() {
  const context = stack.pop();
  execResource = stack.pop();
  triggerId = stack.pop();
  execId = stack.pop();
  if (tracking && context !== kPromiseScope) setAsyncContext(context);
}

// Runs `fn` as a callback of resource `id` (the main script: id 1, trigger 0).
export function runAs(id, trigger, resource, context, fn, thisArg, args) {
  enter(id, trigger, resource, context);
  let threw = true;
  try {
    const result = Reflect.apply(fn, thisArg, args);
    threw = false;
    return result;
  } finally {
    if (threw) unwind();
    else leave(id);
  }
}

// A new run starts as a new process: no context, no hooks, ids from the start.
export function resetRun() {
  stack.length = 0;
  destroyed = [];
  hooks.length = 0;
  hooksOn = false;
  stopPromiseHook = null;
  wantPromiseHook = false;
  promiseHooks.resetRun();
  lastId = 1;
  execId = 0;
  triggerId = 0;
  execResource = topLevelResource;
  for (const key of Object.keys(topLevelResource)) delete topLevelResource[key];
  for (const key of Object.getOwnPropertySymbols(topLevelResource)) delete topLevelResource[key];
  setAsyncContext(undefined);
}

// The main script runs as Node's: execution id 1, trigger 0.
export function asMain(fn, ...args) {
  const id = execId;
  const trigger = triggerId;
  execId = 1;
  triggerId = 0;
  try {
    return fn(...args);
  } finally {
    execId = id;
    triggerId = trigger;
  }
}
