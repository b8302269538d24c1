// Promises rejected with no handler, as Node 20's lib/internal/process/promises.js treats them:
// QuickJS's rejection tracker reports each rejection without a handler and each handler added
// to such a promise later; at the end of a turn (after ticks and promise jobs) the pending ones
// are processed in the mode of --unhandled-rejections (default `throw`):
//   throw   'unhandledRejection' listeners, else an uncaught exception (origin
//           'unhandledRejection'; a reason that is not error-like wrapped in
//           UnhandledPromiseRejection)
//   strict  an uncaught exception first, then 'unhandledRejection', else a warning
//   warn    'unhandledRejection' and a warning
//   warn-with-error-code  'unhandledRejection', else a warning and exit code 1
//   none    'unhandledRejection' only
// A rejection handled after it was processed emits 'rejectionHandled' (or, with no listener, a
// PromiseRejectionHandledWarning). The uncaught exception itself is the host's to raise (it
// runs 'uncaughtException' listeners or ends the run): takeRejectionFailure returns it.
import process from 'qjsw:internal/process_object';
import { getOptionValue } from 'qjsw:internal/options';
import { onRunReset } from 'qjsw:internal/loop';

let pending = new Map();
let processed = new WeakMap();
let asyncHandled = [];
let lastId = 0;
let mode;
// strict mode: what follows the uncaught exception, once the host has raised it
let strictFollowUp = null;

export function trackRejection(promise, reason, kind) {
  if (kind === 2 || kind === 3) resolveError(kind === 2 ? 'resolve' : 'reject', promise, reason);
  else if (kind) handledRejection(promise);
  else {
    // process.domain is an accessor once node:domain is loaded: read only when it is
    pending.set(promise, { reason, uid: ++lastId, warned: false, domain: process.domain ?? null });
  }
}

// A promise resolved or rejected after it was resolved: 'multipleResolves', in a tick of its own
// (else the error could be caught by the promise being run), deprecated once it reached a
// listener (DEP0160), as Node 20's resolveError. No listener, no tick.
let multipleResolvesWarned = false;
// once per process, and a run starts as a new process would
onRunReset(() => { multipleResolvesWarned = false; });
function resolveError(type, promise, reason) {
  if (process.listenerCount('multipleResolves') === 0) return;
  process.nextTick(() => {
    if (process.emit('multipleResolves', type, promise, reason) && !multipleResolvesWarned) {
      multipleResolvesWarned = true;
      process.emitWarning('The multipleResolves event has been deprecated.', 'DeprecationWarning', 'DEP0160');
    }
  });
}

function handledRejection(promise) {
  if (pending.delete(promise)) return;
  const info = processed.get(promise);
  if (info === undefined) return;
  processed.delete(promise);
  if (info.warned) asyncHandled.push({ promise, warning: handledWarning(info.uid) });
}

function handledWarning(uid) {
  const warning = new Error(`Promise rejection was handled asynchronously (rejection id: ${uid})`);
  warning.name = 'PromiseRejectionHandledWarning';
  warning.id = uid;
  return warning;
}

// V8's NoSideEffectsToString, near enough: primitives as String() has them, objects by kind,
// never by running the guest's toString (a Proxy's traps still may throw: then its class).
function noSideEffectsToString(value) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return String(value);
  try {
    if (value instanceof Error) return Error.prototype.toString.call(value);
    if (typeof value === 'function') return Function.prototype.toString.call(value);
    return `#<${value.constructor?.name || 'Object'}>`;
  } catch {
    return '#<Object>';
  }
}

function isErrorLike(value) {
  return typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, 'stack');
}

// The error stands for Node's, made in the same role: its stack shows Node's frame (our own
// frames are hidden from stacks; a function named as a whole V8 frame prints as that frame).
const nodeFrames = {
  ['throwUnhandledRejectionsMode (node:internal/process/promises:389:7)'](reason) {
    return newUnhandledError(reason);
  },
};
const unhandledError = (reason) =>
  isErrorLike(reason) ? reason : nodeFrames['throwUnhandledRejectionsMode (node:internal/process/promises:389:7)'](reason);

function newUnhandledError(reason) {
  const err = new Error('This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "' +
    `${noSideEffectsToString(reason)}".`);
  err.code = 'ERR_UNHANDLED_REJECTION';
  err.name = 'UnhandledPromiseRejection';
  return err;
}

function emitUnhandled(promise, info) {
  return info.domain ? info.domain.emit('error', info.reason) : process.emit('unhandledRejection', info.reason, promise);
}

function warnUnhandled(info) {
  const message = 'Unhandled promise rejection. This error originated either by throwing inside of an async function without a catch block, ' +
    'or by rejecting a promise which was not handled with .catch(). To terminate the node process on unhandled promise rejection, ' +
    'use the CLI flag `--unhandled-rejections=strict` (see https://nodejs.org/api/cli.html#cli_unhandled_rejections_mode). ' +
    `(rejection id: ${info.uid})`;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const warning = new Error(message);
  Error.stackTraceLimit = limit;
  warning.name = 'UnhandledPromiseRejectionWarning';
  const { reason } = info;
  try {
    if (isErrorLike(reason)) {
      warning.stack = reason.stack;
      process.emitWarning(reason.stack, 'UnhandledPromiseRejectionWarning');
    } else {
      process.emitWarning(noSideEffectsToString(reason), 'UnhandledPromiseRejectionWarning');
    }
  } catch {
    try {
      process.emitWarning(noSideEffectsToString(reason), 'UnhandledPromiseRejectionWarning');
    } catch {}
  }
  process.emitWarning(warning);
}

function modeOf(option) {
  switch (option) {
    case 'none': case 'warn': case 'strict': case 'warn-with-error-code': return option;
    default: return 'throw';
  }
}

// Processes what the last turn left: undefined when nothing ends it, or the { error } to raise
// as an uncaught exception from 'unhandledRejection'. The rest waits for the next call, which
// the host makes after the ticks and jobs that raising it may have queued. A rejection whose
// reason is `skip` (a failed ES main module's, which the host reports itself) is dropped.
export function takeRejectionFailure(skip) {
  mode ??= modeOf(getOptionValue('--unhandled-rejections'));
  if (strictFollowUp !== null) {
    const { promise, info } = strictFollowUp;
    strictFollowUp = null;
    if (!emitUnhandled(promise, info)) warnUnhandled(info);
  }
  while (asyncHandled.length !== 0) {
    const { promise, warning } = asyncHandled.shift();
    if (!process.emit('rejectionHandled', promise)) process.emitWarning(warning);
  }
  // rejections during this processing (in listeners) wait for the next turn, as in Node
  const batch = [...pending];
  pending = new Map();
  for (let i = 0; i < batch.length; i++) {
    const [promise, info] = batch[i];
    if (skip !== undefined && info.reason === skip) continue;
    processed.set(promise, info);
    info.warned = true;
    let failure;
    try {
      failure = processOne(promise, info);
    } catch (err) {
      // a listener threw: the host raises that; the rest waits
      pending = new Map([...batch.slice(i + 1), ...pending]);
      throw err;
    }
    if (failure !== undefined) {
      // the rest of the batch first, then what came meanwhile
      pending = new Map([...batch.slice(i + 1), ...pending]);
      return failure;
    }
  }
  return undefined;
}

function processOne(promise, info) {
  switch (mode) {
    case 'none':
      emitUnhandled(promise, info);
      return undefined;
    case 'warn':
      emitUnhandled(promise, info);
      warnUnhandled(info);
      return undefined;
    case 'warn-with-error-code':
      if (!emitUnhandled(promise, info)) {
        warnUnhandled(info);
        process.exitCode = 1;
      }
      return undefined;
    case 'strict':
      strictFollowUp = { promise, info };
      return { error: unhandledError(info.reason) };
    default:
      return emitUnhandled(promise, info) ? undefined : { error: unhandledError(info.reason) };
  }
}

// A new run is a new process: nothing pending, the mode read again.
export function resetRejections() {
  pending = new Map();
  processed = new WeakMap();
  asyncHandled = [];
  lastId = 0;
  mode = undefined;
  strictFollowUp = null;
}
