// The host's child-process functions (runtime/child-processes.ts), handed over by the boot: a
// capability of the builtins, held here and never reachable by an id a guest can import.
// Events for this sandbox (its children's output, exit and messages; its own stdin and its
// parent's messages) come in on the loop's poll phase, one callback each, as Node's do.
import { addPollSource } from 'qjsw:internal/loop';

let host = null;
const handlers = new Map();
let polling = false;

export function setHost(functions) {
  host = functions;
}

export function hostFunctions() {
  return host;
}

function dispatch(event) {
  const [kind, ...rest] = event;
  for (const fn of handlers.get(kind) ?? []) fn(...rest);
}

/**
 * `fn` gets each event of this kind: data, exit, message, disconnect (the first argument is
 * the child's id, 0 for this process's parent), stdin.
 */
export function onHostEvent(kind, fn) {
  if (!handlers.has(kind)) handlers.set(kind, []);
  handlers.get(kind).push(fn);
  if (polling || host === null) return;
  polling = true;
  addPollSource({
    pending: () => host.pending(),
    take: () => (host.take() ?? []).map((event) => () => dispatch(event)),
  });
}
