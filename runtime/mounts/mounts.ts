import type { QuickJSWASMModule } from "quickjs-emscripten-core"
import { existingNodeMountHost, nodeMountHostOf } from "./node-mount-host"
import { OwnChanges } from "./own-changes"
import { wasmfsFFI } from "../module/guest-calls"

/** A host directory shown inside the sandbox. */
export interface Mount {
  /** The host directory (resolved against the host's cwd; symlinks in it are resolved once, now). */
  hostPath: string
  /** Where the guest sees it (absolute). Missing parents are created; an existing empty directory gives way. */
  guestPath: string
  /** Every change the guest tries below guestPath fails with EROFS. */
  readonly?: boolean
}

/** `mounts` as an array, or a record guest path -> host path (read-write). */
export type MountsOption = Mount[] | Record<string, string>

export function normalizeMounts(mounts: MountsOption): Mount[] {
  if (Array.isArray(mounts)) return mounts
  if (typeof mounts !== "object" || mounts === null) {
    throw new TypeError(
      `quickjs-wasmfs: mounts must be an array of mounts or a record guest path -> host path, got ${mounts === null ? "null" : typeof mounts}`,
    )
  }
  return Object.entries(mounts).map(([guestPath, hostPath]) => ({ hostPath, guestPath }))
}

const isNode = typeof process === "object" && typeof process.versions?.node === "string"

/**
 * Mounts host directories into the module's WasmFS tree: guest reads and writes go to the host
 * directory itself (no copy), and nothing outside it is reachable. Node only. `mounts` as
 * createSandbox takes them: an array of Mount, or a record guest path -> host path (read-write).
 */
export function mountHostDirectories(module: QuickJSWASMModule, option: MountsOption): void {
  const mounts = normalizeMounts(option)
  if (mounts.length === 0) return
  if (!isNode) throw new Error("quickjs-wasmfs: `mounts` needs Node (host directories are reached through node:fs)")
  // The host side joins and checks POSIX paths (realpath equality, O_NOFOLLOW).
  if (process.platform === "win32") throw new Error("quickjs-wasmfs: `mounts` needs a POSIX host (Linux, macOS)")
  const ffi = wasmfsFFI(module)
  if (typeof ffi.qjsw_mount !== "function") {
    throw new Error("quickjs-wasmfs: this module cannot mount host directories (not a quickjs-wasmfs module)")
  }
  const { id } = nodeMountHostOf(module)
  for (const m of mounts) {
    if (typeof m.hostPath !== "string" || typeof m.guestPath !== "string" || !m.guestPath.startsWith("/")) {
      throw new TypeError(`quickjs-wasmfs: a mount needs a hostPath and an absolute guestPath, got ${JSON.stringify(m)}`)
    }
    // the host side resolves hostPath (realpath, against the host's cwd)
    const host = m.hostPath
    const guest = normalizeGuest(m.guestPath)
    const r = ffi.qjsw_mount(id, host, guest, m.readonly ? 1 : 0)
    if (r < 0) {
      const code = ffi.qjsw_errno_name(-r)
      throw Object.assign(new Error(`quickjs-wasmfs: cannot mount ${host} at ${guest}: ${code}`), { code })
    }
  }
}

/** Closes the host directory fds the mounts' Node host keeps proven (node-mount-host.ts). */
export function releaseHostDirectories(module: QuickJSWASMModule): void {
  existingNodeMountHost(module)?.releaseDirectories()
}

// "/a/./b/../c/" -> "/a/c" (POSIX, absolute; ".." stops at the root).
export function normalizeGuest(path: string): string {
  const out: string[] = []
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue
    if (part === "..") out.pop()
    else out.push(part)
  }
  return "/" + out.join("/")
}

/** A change someone else made in a mounted host directory, as guest paths. */
export type MountChange = { type: "create" | "change" | "delete"; path: string }

/**
 * Watches the mounts' host directories for changes other processes make (Node's recursive
 * fs.watch), while `start`ed: the sandbox starts it when someone watches its journal.
 */
export class MountWatcher {
  private watchers: { close(): void }[] = []
  /** marked by the Node host (node-mount-host.ts): the host's fs events for them are echoes of ours */
  private readonly own = new OwnChanges()

  constructor(
    private readonly module: QuickJSWASMModule,
    private readonly mounts: Mount[],
    private readonly onChange: (change: MountChange) => void,
  ) {}

  get hasMounts(): boolean {
    return this.mounts.length > 0
  }

  get running(): boolean {
    return this.watchers.length > 0
  }

  async start(): Promise<void> {
    if (this.running || this.mounts.length === 0) return
    nodeMountHostOf(this.module).host.ownChanges = this.own
    const fs = await import("node:fs")
    const { join, relative } = await import("node:path")
    for (const m of this.mounts) {
      const root = fs.realpathSync.native(m.hostPath)
      const guest = normalizeGuest(m.guestPath)
      try {
        const w = fs.watch(root, { recursive: true, persistent: false }, (eventType, name) => {
          if (typeof name !== "string") return
          const host = join(root, name)
          if (this.own.isOwn(host)) return
          const rel = relative(root, host)
          const path = guest === "/" ? "/" + rel : guest + "/" + rel
          const type = eventType === "change" ? "change" : fs.existsSync(host) ? "create" : "delete"
          this.onChange({ type, path })
        })
        this.watchers.push(w)
      } catch {
        // a mount whose directory cannot be watched: its outside changes go unreported
      }
    }
  }

  stop(): void {
    for (const w of this.watchers.splice(0)) w.close()
    const host = existingNodeMountHost(this.module)
    if (host) host.ownChanges = undefined
    this.own.clear()
  }
}
