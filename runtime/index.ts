import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type CustomizeVariantOptions,
  type QuickJSWASMModule,
} from "quickjs-emscripten-core"
import { installFreshHeapViews } from "./heap-views"
import { QuickJSWasmFSVariant } from "./variant"

export { QuickJSWasmFSVariant }
export { createSandbox, Sandbox, type SandboxOptions, type RunResult } from "./sandbox"
export { SandboxFs, SandboxFsError, type SandboxStats, type SandboxDirent } from "./sandbox-fs"
export { mountHostDirectories, type Mount, type MountsOption } from "./mounts"
export { setStorageLimit, storageUsage, DEFAULT_STORAGE_LIMIT } from "./storage"
export { opfsUnavailable, type OpfsOption, type OpfsStatus } from "./opfs"
export type { SandboxChange, WatchOptions, Watcher } from "./watch"

/**
 * A new QuickJS Wasm instance whose guests can `import fs from 'node:fs'` and reach its
 * in-memory WasmFS without calling back into the host. Each call instantiates its own module
 * (and so its own file tree); share the returned module to share files between contexts.
 */
export async function newQuickJSWASMModuleWithWasmFS(
  options?: CustomizeVariantOptions,
): Promise<QuickJSWASMModule> {
  const variant = options ? newVariant(QuickJSWasmFSVariant, options) : QuickJSWasmFSVariant
  const module = await newQuickJSWASMModuleFromVariant(variant)
  // before any context of the module exists (see heap-views.ts)
  const probe = module.newRuntime()
  installFreshHeapViews(probe)
  probe.dispose()
  return module
}
