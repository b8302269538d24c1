// What the guest's event loop tells the host after each step (loop.js's runDue and
// nextDeadline), read by the host loops of runtime/sandbox/sandbox.ts and runtime/module/node-context.ts,
// which import this file too. A positive answer is instead the time (ms since the epoch) of
// the next referenced timer.
// More work is ready now: enter again.
export const LOOP_READY = 0;
// Nothing keeps the loop alive: the run may end ('beforeExit' first).
export const LOOP_EMPTY = -1;
// The step ran the last thing there was: ask once more (work happened since any 'beforeExit').
export const LOOP_RAN_LAST = -2;
// Only watchers or child processes keep the loop alive: wait for the host to wake it.
export const LOOP_WAITING = -3;
