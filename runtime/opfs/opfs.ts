// `createSandbox({ opfs })`: the Origin Private File System mounted in the sandbox's tree
// (runtime/opfs/opfs-host.ts does the file work), or, where the browser cannot give it to a
// synchronous guest, an in-memory directory at the same path and a clear warning.
//
// Two ways to give it: with JSPI (Chromium 137+) the guest's Wasm stack waits for the browser
// in this worker ("jspi"); without JSPI, on a cross-origin-isolated page, an OpfsHost runs in a
// second worker and the guest waits for it through shared memory ("bridge",
// runtime/opfs/opfs-bridge.ts). JSPI is preferred where both work: it needs no second thread.
import type { QuickJSWASMModule } from "quickjs-emscripten-core"
import type { DirectoryHandle } from "../module/host-types"
import { canSuspend, emscriptenModuleOf, wasmfsFFI } from "../module/guest-calls"
import { addMountHost, removeMountHost } from "../mounts/mount-host"
import { bridgeUnavailable, startOpfsBridge, type BridgeHost } from "./opfs-bridge"
import { OpfsHost, type ChangeSource, type ExternalChange } from "./opfs-host"

export type OpfsOption =
  | boolean
  | {
      /** Guest path of the mount (default "/opfs"). */
      path?: string
      /** The directory to show there (default: the origin's OPFS root). */
      root?: DirectoryHandle
      /** Sync access handles kept open across the guest's open/close (default 256). */
      maxHandles?: number
      /**
       * Ms the guest must be idle (run ended, or sleeping) before the handles it does not use
       * are closed, letting the page and other tabs write those files (default 100).
       */
      releaseAfter?: number
      /**
       * How the page's and other tabs' changes reach watchers (fs.watch, sandbox.watch):
       * "auto" (FileSystemObserver where the browser has it, else polling), "polling", or
       * "none". Default "auto".
       */
      changes?: "auto" | "polling" | "none"
      /** Polling: ms between looks at the directories the sandbox has listed (default 1000). */
      pollInterval?: number
      /**
       * The bridge only (no JSPI, cross-origin-isolated page): where the OPFS worker's script is,
       * as a URL string (default: opfs-worker.mjs next to the module that creates the sandbox,
       * dist/opfs-worker.mjs). For bundlers that move files.
       */
      workerUrl?: string
    }

export interface OpfsStatus {
  /**
   * "jspi": OPFS itself, the guest waiting for it through JSPI. "bridge": OPFS itself, the guest
   * waiting for an OPFS worker through a SharedArrayBuffer (engines without JSPI, on
   * cross-origin-isolated pages). "memory": the fallback.
   */
  backend: "jspi" | "bridge" | "memory"
  path: string
  /** Why the fallback was taken. */
  reason?: string
  /** Where others' changes come from: "observer" (FileSystemObserver), "polling" or "none". */
  changes?: ChangeSource
}

/** What the sandbox tells the host behind /opfs (an OpfsHost, or the bridge to one). */
export interface OpfsHostControl {
  /** The guest is entered from the event loop. */
  newTurn(): void
  /** The guest is idle (a run ended, or it sleeps). */
  idle(): void
  dispose(): void
}

export interface OpfsMount {
  status: OpfsStatus
  /** Present when guest code must be entered through promising exports. */
  suspending: boolean
  host: OpfsHostControl | undefined
  /** Set by the sandbox: a change someone else made below the mount point (guest paths). */
  onExternal?: (change: ExternalChange) => void
  dispose(): void
}

type Choice =
  | { backend: "jspi"; reason?: undefined }
  | { backend: "bridge"; reason?: undefined; noJspi: string | undefined }
  | { backend: "memory"; reason: string }

/** Which way guest code waits for OPFS where both work ("jspi" by default: no second thread). */
export type OpfsPreference = "jspi" | "bridge"

// What can back /opfs here: JSPI, else the bridge, else memory (with why neither works).
function chooseBackend(module: QuickJSWASMModule, prefer: OpfsPreference = "jspi"): Choice {
  const storage = (globalThis as { navigator?: { storage?: { getDirectory?: unknown } } }).navigator?.storage
  if (typeof storage?.getDirectory !== "function") {
    return { backend: "memory", reason: "this context has no Origin Private File System (navigator.storage.getDirectory)" }
  }
  const FileHandle = (globalThis as { FileSystemFileHandle?: { prototype: object } }).FileSystemFileHandle
  if (!FileHandle || !("createSyncAccessHandle" in FileHandle.prototype)) {
    return {
      backend: "memory",
      reason: "OPFS sync access handles exist only in dedicated Workers: create the sandbox in a Worker (quickjs-wasmfs/browser does)",
    }
  }
  const noJspi =
    typeof WebAssembly === "undefined" || typeof (WebAssembly as { Suspending?: unknown }).Suspending !== "function"
      ? "this engine has no JSPI (WebAssembly.Suspending)"
      : !canSuspend(module)
        ? "this Wasm module was loaded without JSPI support"
        : undefined
  const noBridge = bridgeUnavailable()
  if (!noJspi && (prefer === "jspi" || noBridge)) return { backend: "jspi" }
  if (!noBridge) return { backend: "bridge", noJspi }
  return { backend: "memory", reason: `${noJspi}, and ${noBridge}; so guest code cannot wait for OPFS` }
}

/** Why OPFS cannot back a synchronous guest here (neither through JSPI nor through the bridge), or undefined when it can. */
export function opfsUnavailable(module: QuickJSWASMModule): string | undefined {
  return chooseBackend(module).reason
}

export async function prepareOpfs(
  module: QuickJSWASMModule,
  option: OpfsOption,
  onWarning: (message: string) => void = (m) => console.warn(m),
  prefer?: OpfsPreference,
): Promise<OpfsMount> {
  const opts = typeof option === "object" ? option : {}
  const path = opts.path ?? "/opfs"
  if (!path.startsWith("/") || path === "/")
    throw new TypeError(`quickjs-wasmfs: opfs.path must be an absolute path below /, got ${JSON.stringify(path)}`)
  const memory = (reason: string): OpfsMount => {
    onWarning(`quickjs-wasmfs: ${path} is an in-memory directory, not OPFS: ${reason}`)
    return { status: { backend: "memory", path, reason }, suspending: false, host: undefined, dispose() {} }
  }
  const choice = chooseBackend(module, prefer)
  if (choice.backend === "memory") return memory(choice.reason)
  const em = emscriptenModuleOf(module)
  let host: OpfsHost | BridgeHost
  if (choice.backend === "bridge") {
    try {
      host = await startOpfsBridge({
        root: opts.root,
        maxHandles: opts.maxHandles,
        releaseAfter: opts.releaseAfter,
        workerUrl: opts.workerUrl,
      })
    } catch (e) {
      const failed = `the bridge to an OPFS worker could not start: ${(e as Error)?.message ?? e}`
      if (choice.noJspi === undefined) {
        onWarning(
          `quickjs-wasmfs: ${path} is reached through JSPI instead (${failed}): synchronous guest calls fail with EAGAIN where OPFS must be asked`,
        )
        return prepareOpfs(module, option, onWarning, "jspi")
      }
      return memory(`${choice.noJspi}, and ${failed}`)
    }
  } else {
    let root = opts.root
    if (!root) {
      try {
        root = await navigator.storage.getDirectory()
      } catch (e) {
        return memory(`navigator.storage.getDirectory() failed: ${(e as Error)?.message ?? e}`)
      }
    }
    host = new OpfsHost({ root, canSuspend: () => em.qjswActive === true, maxHandles: opts.maxHandles, releaseAfter: opts.releaseAfter })
  }
  const id = addMountHost(module, host)
  const ffi = wasmfsFFI(module)
  const r = ffi.qjsw_mount(id, "", path, 0)
  if (r < 0) {
    removeMountHost(module, id)
    host.dispose()
    const code = ffi.qjsw_errno_name(-r)
    throw Object.assign(new Error(`quickjs-wasmfs: cannot mount OPFS at ${path}: ${code}`), { code })
  }
  const mount: OpfsMount = {
    status: { backend: choice.backend, path },
    // the bridge answers synchronously: the guest is entered through the plain exports
    suspending: choice.backend === "jspi",
    host,
    dispose: () => host.dispose(),
  }
  const toGuest = (p: string) => (p === "/" ? path : path + p)
  mount.status.changes =
    opts.changes === "none"
      ? "none"
      : await host.watchOthers(
          (c) => mount.onExternal?.({ ...c, path: toGuest(c.path), ...(c.oldPath !== undefined && { oldPath: toGuest(c.oldPath) }) }),
          { polling: opts.changes === "polling", interval: opts.pollInterval, wanted: () => ffi.qjsw_journal_active() === 1 },
        )
  return mount
}
