import type { QuickJSWASMModule } from "quickjs-emscripten-core"

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
  return Array.isArray(mounts)
    ? mounts
    : Object.entries(mounts).map(([guestPath, hostPath]) => ({ hostPath, guestPath }))
}

type MountFFI = {
  qjsw_mount?: (host: string, guest: string, readonly: number) => number
  qjsw_errno_name?: (errno: number) => string
}

const isNode = typeof process === "object" && typeof process.versions?.node === "string"

/**
 * Mounts host directories into the module's WasmFS tree: guest reads and writes go to the host
 * directory itself (no copy), and nothing outside it is reachable. Node only.
 */
export function mountHostDirectories(module: QuickJSWASMModule, mounts: Mount[]): void {
  if (mounts.length === 0) return
  if (!isNode) throw new Error("quickjs-wasmfs: `mounts` needs Node (host directories are reached through node:fs)")
  // The host side joins and checks POSIX paths (realpath equality, O_NOFOLLOW).
  if (process.platform === "win32") throw new Error("quickjs-wasmfs: `mounts` needs a POSIX host (Linux, macOS)")
  const ffi = module.getFFI() as MountFFI
  if (typeof ffi.qjsw_mount !== "function") {
    throw new Error("quickjs-wasmfs: this module cannot mount host directories (not a quickjs-wasmfs module)")
  }
  for (const m of mounts) {
    if (typeof m.hostPath !== "string" || typeof m.guestPath !== "string" || !m.guestPath.startsWith("/")) {
      throw new TypeError(`quickjs-wasmfs: a mount needs a hostPath and an absolute guestPath, got ${JSON.stringify(m)}`)
    }
    // the host side resolves hostPath (realpath, against the host's cwd)
    const host = m.hostPath
    const guest = normalizeGuest(m.guestPath)
    const r = ffi.qjsw_mount(host, guest, m.readonly ? 1 : 0)
    if (r < 0) {
      const code = ffi.qjsw_errno_name?.(-r) ?? `errno ${-r}`
      throw Object.assign(new Error(`quickjs-wasmfs: cannot mount ${host} at ${guest}: ${code}`), { code })
    }
  }
}

// "/a/./b/../c/" -> "/a/c" (POSIX, absolute; ".." stops at the root).
function normalizeGuest(path: string): string {
  const out: string[] = []
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue
    if (part === "..") out.pop()
    else out.push(part)
  }
  return "/" + out.join("/")
}
