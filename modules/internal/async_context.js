// What node:async_hooks and node:domain stand on: the current async context, the ids of the
// callback that runs, and the hooks createHook() enabled.
//
// The context is a Map (store key -> value) or undefined, kept in the engine's slot (QuickJS
// patch 034) so promise jobs capture it when then()/await registers them and run in it. The
// loop's own queues (ticks, timers, immediates) and AsyncResource capture and restore it here.
// Until a store is first used (`tracking`), nothing is captured: the slot stays undefined and
// the queues pay one boolean test.
import { getAsyncContext, setAsyncContext } from 'qjsw:binding/module';

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

// A hook that throws ends the process in Node (a fatal error, exit 1, no 'uncaughtException'):
// here the error is marked so the host's report does the same.
function call(kind, args) {
  for (const hook of hooks.slice()) {
    const fn = hook[kind];
    if (typeof fn !== 'function') continue;
    Reflect.apply(fn, hook, args);
  }
}
export function emitInit(id, type, trigger, resource) {
  if (hooksOn) call('init', [id, type, trigger, resource]);
}
// Node queues destroys and emits them later (its check phase, before the immediates): the
// loop calls flushDestroys there.
let destroyed = [];
export function emitDestroy(id) {
  if (hooksOn && hooks.some((h) => typeof h.destroy === 'function')) destroyed.push(id);
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
  if (tracking) setAsyncContext(context);
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
