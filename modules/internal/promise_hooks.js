// V8's PromiseHook as Node's lib/internal/promise_hooks.js shares it between v8.promiseHooks
// and node:async_hooks (PROMISE resources): lists of init, before, after and settled hooks, and
// the engine's one hook (QuickJS patch 056) set only while some list is not empty, so promises
// cost nothing more while no hook follows them.
import { setPromiseHook, importBuiltin } from 'qjsw:binding/module';
import { invalidArgType } from 'qjsw:internal/errors';

const lists = [[], [], [], []]; // the engine's types: 0 init, 1 before, 2 after, 3 settled
const names = ['init', 'before', 'after', 'settled'];

// An exception from a hook goes to the process as uncaught once every hook of the event ran,
// as Node's triggerUncaughtException: 'uncaughtException' listeners may take it, else the
// process prints it and ends with code 1.
function triggerUncaught(err) {
  const boot = importBuiltin('qjsw:internal/sandbox');
  if (boot.handleUncaught(err, 'uncaughtException')) return;
  boot.reportUncaught(err, 'uncaughtException');
  importBuiltin('qjsw:internal/process_object').default.reallyExit(boot.emitExitOnError());
}

function dispatch(type, promise, parent) {
  const list = lists[type];
  if (list.length === 0) return;
  if (list.length === 1) {
    // (the common case, async_hooks' own hook: no copy of the list)
    try {
      if (type === 0) list[0](promise, parent);
      else list[0](promise);
    } catch (err) {
      triggerUncaught(err);
    }
    return;
  }
  const hooks = list.slice();
  let errors;
  for (let i = 0; i < hooks.length; i++) {
    try {
      if (type === 0) hooks[i](promise, parent);
      else hooks[i](promise);
    } catch (err) {
      (errors ??= []).push(err);
    }
  }
  if (errors !== undefined) for (const err of errors) triggerUncaught(err);
}

function update() {
  setPromiseHook(lists.some((list) => list.length > 0) ? dispatch : undefined);
}

// Node's validatePlainFunction: async functions (and async generators) are refused too.
function validatePlainFunction(fn, name) {
  if (typeof fn !== 'function' || importBuiltin('node:util').types.isAsyncFunction(fn)) {
    throw invalidArgType(name, 'Function', fn);
  }
}

function use(type, hook) {
  validatePlainFunction(hook, `${names[type]}Hook`);
  const list = lists[type];
  list.push(hook);
  update();
  return () => {
    const i = list.indexOf(hook);
    if (i !== -1) {
      list.splice(i, 1);
      update();
    }
  };
}

export const onInit = (hook) => use(0, hook);
export const onBefore = (hook) => use(1, hook);
export const onAfter = (hook) => use(2, hook);
export const onSettled = (hook) => use(3, hook);

export function createHook({ init, before, after, settled } = {}) {
  const stops = [];
  if (init) stops.push(onInit(init));
  if (before) stops.push(onBefore(before));
  if (after) stops.push(onAfter(after));
  if (settled) stops.push(onSettled(settled));
  return () => {
    for (const stop of stops) stop();
  };
}

// A new run starts as a new process: no hooks.
export function resetRun() {
  for (const list of lists) list.length = 0;
  setPromiseHook(undefined);
}
