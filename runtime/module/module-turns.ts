// What the host does around guest code of a module's Node contexts (runtime/module/node-context.ts),
// which the embedder enters whenever it likes: the OPFS host starts a turn before (its caches
// live one turn), and after, the host's watchers hear what the guest wrote and loops waiting for
// fs.watch events look at the journal. WasmFS (runtime/module/wasmfs.ts) adds its parts here.
import type { QuickJSWASMModule } from "quickjs-emscripten-core"
import { emscriptenModuleOf } from "./guest-calls"

export interface ModuleTurns {
  before: Set<() => void>
  after: Set<() => void>
  /** Contexts whose loops wait for fs.watch events: told after every change. */
  waiting: Set<() => void>
  /** Guest code must be entered through promising exports (OPFS through JSPI). */
  suspending: boolean
}

const turns = new WeakMap<object, ModuleTurns>()

export function moduleTurns(module: QuickJSWASMModule): ModuleTurns {
  const key = emscriptenModuleOf(module)
  let t = turns.get(key)
  if (!t) turns.set(key, (t = { before: new Set(), after: new Set(), waiting: new Set(), suspending: false }))
  return t
}

/** Runs the `after` hooks, then wakes the loops that wait for events. */
export function afterTurn(t: ModuleTurns): void {
  for (const hook of [...t.after]) hook()
  for (const wake of [...t.waiting]) wake()
}
