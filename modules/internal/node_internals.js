// Node's --expose-internals: `require('internal/errors')` and the other ids of Node's lib/internal
// that its own tests use. The host grants it (createSandbox's exposeInternals, the CLI's
// --expose-internals); the boot records the grant in the context's C state, where no guest code
// can set it (qjsw:binding/module's exposeNodeInternals works only in the boot window).
//
// Each id is an adapter below modules/internal/node_internals/, named as the id is in Node's
// lib/ ('internal/fs/utils' is node_internals/fs/utils.js): Node's names and shapes over the
// sandbox's own implementations. The table below is the allowlist: nothing else is reachable by
// these ids, and never the sandbox's host glue (bootstrap, loop, process_internals, child_host,
// ...), which is not Node's and would let a guest reconfigure its sandbox.
import { importBuiltin, nodeInternalsExposed } from 'qjsw:binding/module';

// Node id -> adapter (a null-prototype literal: no inherited name answers, and nothing a guest
// patches is consulted on the way to importBuiltin)
const ADAPTERS = {
  __proto__: null,
  'internal/errors': 'qjsw:internal/node_internals/errors',
  'internal/util': 'qjsw:internal/node_internals/util',
  'internal/test/binding': 'qjsw:internal/node_internals/test/binding',
  'internal/event_target': 'qjsw:internal/node_internals/event_target',
  'internal/fs/utils': 'qjsw:internal/node_internals/fs/utils',
  'internal/util/inspect': 'qjsw:internal/node_internals/util/inspect',
  'internal/readline/utils': 'qjsw:internal/node_internals/readline/utils',
  'internal/webstreams/adapters': 'qjsw:internal/node_internals/webstreams/adapters',
  'internal/webstreams/util': 'qjsw:internal/node_internals/webstreams/util',
  'internal/webstreams/readablestream': 'qjsw:internal/node_internals/webstreams/readablestream',
  'internal/fs/promises': 'qjsw:internal/node_internals/fs/promises',
  'internal/console/constructor': 'qjsw:internal/node_internals/console/constructor',
  'internal/linkedlist': 'qjsw:internal/node_internals/linkedlist',
  'internal/url': 'qjsw:internal/node_internals/url',
  'internal/streams/add-abort-signal': 'qjsw:internal/node_internals/streams/add-abort-signal',
  'internal/timers': 'qjsw:internal/node_internals/timers',
  'internal/worker': 'qjsw:internal/node_internals/worker',
  'internal/worker/js_transferable': 'qjsw:internal/node_internals/worker/js_transferable',
  'internal/child_process': 'qjsw:internal/node_internals/child_process',
  'internal/async_hooks': 'qjsw:internal/node_internals/async_hooks',
};

// The Node id `request` names ('internal/x' or 'node:internal/x') when internals are exposed and
// the sandbox has it, else undefined.
export function exposedInternal(request) {
  if (typeof request !== 'string') return undefined;
  const id = request.startsWith('node:') ? request.slice(5) : request;
  if (!id.startsWith('internal/') || typeof ADAPTERS[id] !== 'string') return undefined;
  return nodeInternalsExposed() ? id : undefined;
}

// module.exports of Node id `id` (one exposedInternal() gave).
export function loadInternal(id) {
  const target = ADAPTERS[id];
  if (typeof target !== 'string' || !nodeInternalsExposed()) throw new TypeError(`not an exposed internal: ${id}`);
  return importBuiltin(target).default;
}
