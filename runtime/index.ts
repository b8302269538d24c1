import { newQuickJSWASMModuleFromVariant, newVariant, type CustomizeVariantOptions } from "quickjs-emscripten-core"
import { installFreshHeapViews } from "./module/heap-views"
import type { NodeGlobalsOptions } from "./module/node-context"
import { QuickJSWasmFSVariant } from "./module/variant"
import { registerWasmFSModule } from "./module/wasmfs"
import { QuickJSWasmFSModule } from "./module/module-type"
import { processCompileCache, setCompileCache, type CompileCacheStore } from "./module/compile-cache"

export { QuickJSWasmFSVariant }
export { createSandbox, Sandbox, type SandboxOptions, type RunResult } from "./sandbox/sandbox"
export { SandboxFs, SandboxFsError, type SandboxStats, type SandboxDirent } from "./sandbox/sandbox-fs"
export { mountHostDirectories, type Mount, type MountsOption } from "./mounts/mounts"
export { setStorageLimit, storageUsage, DEFAULT_STORAGE_LIMIT } from "./module/storage"
export { opfsUnavailable, type OpfsOption, type OpfsStatus } from "./opfs/opfs"
export { WasmFS, type WasmFSOptions, type WasmFSMount } from "./module/wasmfs"
export { evalCodeAsync, type NodeGlobalsOptions } from "./module/node-context"
export type { SandboxChange, WatchOptions, Watcher } from "./sandbox/watch"
export type { StdinOption } from "./module/host-types"
export { QuickJSWasmFSModule } from "./module/module-type"
export { MemoryCompileCache, setCompileCache, type CompileCacheStore } from "./module/compile-cache"

export interface WasmFSModuleOptions extends CustomizeVariantOptions {
  /**
   * Node's globals in each context `newContext()` makes: `require` (Node's builtins and the
   * tree's CommonJS files), `module`, `exports`, `console`, `process`, `Buffer`, timers, as
   * `node -e` has them; the options say where console output goes and what process.env is.
   * Default: on. `false`: bare contexts, as the stock variant makes.
   */
  nodeGlobals?: boolean | NodeGlobalsOptions
  /**
   * Where the module's contexts keep the bytecode of the files they compile (CommonJS files and
   * ES modules), so a file compiled once is read back instead of parsed: see compile-cache.ts.
   * Default: one in-memory store the process shares (64 MiB at most); `false`: none.
   */
  compileCache?: CompileCacheStore | false
}

/**
 * A new QuickJS Wasm instance whose guests reach its in-memory WasmFS (and its mounts) from
 * inside the module: `require('fs')` in a context from its `newContext()`, `import fs from
 * 'node:fs'` in any. Each call instantiates its own module (and so its own file tree); share the
 * returned module to share files between contexts.
 */
export async function newQuickJSWASMModuleWithWasmFS(options: WasmFSModuleOptions = {}): Promise<QuickJSWasmFSModule> {
  const { nodeGlobals = true, compileCache = processCompileCache, ...variantOptions } = options
  const variant = Object.keys(variantOptions).length > 0 ? newVariant(QuickJSWasmFSVariant, variantOptions) : QuickJSWasmFSVariant
  const module = await newQuickJSWASMModuleFromVariant(variant)
  // before any context of the module exists (see heap-views.ts)
  const probe = module.newRuntime()
  installFreshHeapViews(probe)
  probe.dispose()
  registerWasmFSModule(module)
  setCompileCache(module, compileCache || undefined)
  return QuickJSWasmFSModule.adopt(module, nodeGlobals === false ? undefined : nodeGlobals === true ? {} : nodeGlobals)
}
