// `createSandbox({ opfs })`: the Origin Private File System mounted in the sandbox's tree
// (runtime/opfs-host.ts does the file work), or, where the browser cannot give it to a
// synchronous guest, an in-memory directory at the same path and a clear warning.
import type { QuickJSWASMModule } from "quickjs-emscripten-core"
import { canSuspend, emscriptenModuleOf } from "./guest-calls"
import { OpfsHost, type ChangeSource, type ExternalChange } from "./opfs-host"

export type OpfsOption =
  | boolean
  | {
      /** Guest path of the mount (default "/opfs"). */
      path?: string
      /** The directory to show there (default: the origin's OPFS root). */
      root?: FileSystemDirectoryHandle
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
    }

export interface OpfsStatus {
  /** "jspi": OPFS itself, the guest waiting for it through JSPI. "memory": the fallback. */
  backend: "jspi" | "memory"
  path: string
  /** Why the fallback was taken. */
  reason?: string
  /** Where others' changes come from: "observer" (FileSystemObserver), "polling" or "none". */
  changes?: ChangeSource
}

export interface OpfsMount {
  status: OpfsStatus
  /** Present when guest code must be entered through promising exports. */
  suspending: boolean
  host: OpfsHost | undefined
  /** Set by the sandbox: a change someone else made below the mount point (guest paths). */
  onExternal?: (change: ExternalChange) => void
  dispose(): void
}

type MountFFI = {
  qjsw_mount?: (host: string, guest: string, readonly: number) => number
  qjsw_errno_name?: (errno: number) => string
}

/** Why OPFS cannot back a synchronous guest here, or undefined when it can. */
export function opfsUnavailable(module: QuickJSWASMModule): string | undefined {
  if (typeof WebAssembly === "undefined" || typeof (WebAssembly as { Suspending?: unknown }).Suspending !== "function") {
    return "this engine has no JSPI (WebAssembly.Suspending): guest code cannot wait for OPFS"
  }
  if (!canSuspend(module)) return "this Wasm module was loaded without JSPI support"
  const storage = (globalThis as { navigator?: { storage?: { getDirectory?: unknown } } }).navigator?.storage
  if (typeof storage?.getDirectory !== "function") return "this context has no Origin Private File System (navigator.storage.getDirectory)"
  const FileHandle = (globalThis as { FileSystemFileHandle?: { prototype: object } }).FileSystemFileHandle
  if (!FileHandle || !("createSyncAccessHandle" in FileHandle.prototype)) {
    return "OPFS sync access handles exist only in dedicated Workers: create the sandbox in a Worker (quickjs-wasmfs/browser does)"
  }
  return undefined
}

export async function prepareOpfs(
  module: QuickJSWASMModule,
  option: OpfsOption,
  onWarning: (message: string) => void = (m) => console.warn(m),
): Promise<OpfsMount> {
  const opts = option === true ? {} : option === false ? {} : option
  const path = opts.path ?? "/opfs"
  if (!path.startsWith("/") || path === "/") throw new TypeError(`quickjs-wasmfs: opfs.path must be an absolute path below /, got ${JSON.stringify(path)}`)
  const reason = opfsUnavailable(module)
  if (reason) {
    onWarning(`quickjs-wasmfs: ${path} is an in-memory directory, not OPFS: ${reason}`)
    return { status: { backend: "memory", path, reason }, suspending: false, host: undefined, dispose() {} }
  }
  const em = emscriptenModuleOf(module)
  if (em.qjswVirtualHost) throw new Error("quickjs-wasmfs: this Wasm module already has an OPFS mount (one per module)")
  let root = opts.root
  if (!root) {
    try {
      root = await navigator.storage.getDirectory()
    } catch (e) {
      const why = `navigator.storage.getDirectory() failed: ${(e as Error)?.message ?? e}`
      onWarning(`quickjs-wasmfs: ${path} is an in-memory directory, not OPFS: ${why}`)
      return { status: { backend: "memory", path, reason: why }, suspending: false, host: undefined, dispose() {} }
    }
  }
  const host = new OpfsHost({ root, canSuspend: () => em.qjswActive === true, maxHandles: opts.maxHandles, releaseAfter: opts.releaseAfter })
  em.qjswVirtualHost = host
  const ffi = module.getFFI() as MountFFI
  const r = ffi.qjsw_mount!(host.prefix, path, 0)
  if (r < 0) {
    em.qjswVirtualHost = undefined
    const code = ffi.qjsw_errno_name?.(-r) ?? `errno ${-r}`
    throw Object.assign(new Error(`quickjs-wasmfs: cannot mount OPFS at ${path}: ${code}`), { code })
  }
  const mount: OpfsMount = {
    status: { backend: "jspi", path },
    suspending: true,
    host,
    dispose: () => host.dispose(),
  }
  const journal = ffi as { qjsw_journal_active?: () => number }
  const toGuest = (p: string) => (p === "/" ? path : path + p)
  mount.status.changes =
    opts.changes === "none"
      ? "none"
      : await host.watchOthers(
          (c) => mount.onExternal?.({ ...c, path: toGuest(c.path), ...(c.oldPath !== undefined && { oldPath: toGuest(c.oldPath) }) }),
          { polling: opts.changes === "polling", interval: opts.pollInterval, wanted: () => journal.qjsw_journal_active?.() === 1 },
        )
  return mount
}
