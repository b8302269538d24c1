// The host's one window for qjsw: imports in a context (native/loader/module_loader.c): open while
// the host evaluates its boot module, when no guest code exists there yet, then closed for good.
// Internals are reached by holding what that module exported, never by a name.
import type { QuickJSContext } from "quickjs-emscripten-core"
import { finallyDo } from "./finally-do"
import { contextPointer } from "./pointers"

type BootFFI = { qjsw_internals_boot(ctx: number, open: number): number }

export function withBootWindow<T>(context: QuickJSContext, run: () => T): T {
  const ffi = (context as unknown as { ffi: BootFFI }).ffi
  const ctx = contextPointer(context)
  if (ffi.qjsw_internals_boot(ctx, 1) !== 0) {
    throw new Error("quickjs-wasmfs: this context was booted already")
  }
  return finallyDo(run, () => ffi.qjsw_internals_boot(ctx, 0))
}
