import type { QuickJSSyncVariant } from "@jitl/quickjs-ffi-types"
import { withNodeWasmFile } from "./wasm-file"

/**
 * The sync build of QuickJS with Emscripten's WasmFS and the native `fs` binding, as a
 * quickjs-emscripten-core variant: `newQuickJSWASMModuleFromVariant(QuickJSWasmFSVariant)`.
 * One variant serves Node and browsers; each instance has its own in-memory WasmFS root.
 */
export const QuickJSWasmFSVariant: QuickJSSyncVariant = {
  type: "sync",
  importFFI: () => import("../generated/ffi").then((m) => m.QuickJSFFI),
  importModuleLoader: () => import("../../build/wasm/quickjs-wasmfs.mjs").then((m) => withNodeWasmFile(m.default)),
}
