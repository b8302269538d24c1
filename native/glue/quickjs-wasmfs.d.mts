// Types of the Emscripten loader (build/wasm/quickjs-wasmfs.mjs); copied next to it by the build.
import type { EmscriptenModuleLoader, QuickJSEmscriptenModule } from "@jitl/quickjs-ffi-types"

declare const createQuickJSWasmFS: EmscriptenModuleLoader<QuickJSEmscriptenModule>
export default createQuickJSWasmFS
