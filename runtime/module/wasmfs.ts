// The host's view of a module's file tree, with no guest JS: `new WasmFS(QuickJS.module)`.
// Its calls go to the same native fs binding the guest's `fs` uses, from a private context of
// the module whose only code is that binding (qjsw:binding/fs and /uv, imported through the boot
// window), so they see and change exactly the tree guest code sees, mounts and /opfs included.
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten-core"
import { withBootWindow } from "./boot-window"
import { contextPointer, valuePointer } from "./pointers"
import { emscriptenModuleOf, wasmfsFFI } from "./guest-calls"
import { CHANGE_TYPES, type ChangeType } from "../generated/native"
import type { DirectoryHandle, Encoding, HostBuffer } from "./host-types"
import { afterTurn, moduleTurns, type ModuleTurns } from "./module-turns"
import { MountWatcher, mountHostDirectories, normalizeGuest, type Mount } from "../mounts/mounts"
import { prepareOpfs, type OpfsMount } from "../opfs/opfs"
import type { QuickJSEmscriptenModule } from "@jitl/quickjs-ffi-types"
import { SandboxFs, SandboxFsError, type BindingName, type SandboxDirent, type SandboxStats } from "../sandbox/sandbox-fs"
import { HostWatchers, type SandboxChange, type WatchOptions, type Watcher } from "../sandbox/watch"

export interface WasmFSOptions {
  /** Where guest code sees the mount (default "/opfs"). */
  mountPoint?: string
  /** Node: the host directory to show there (read and written in place), instead of OPFS. */
  hostPath?: string
  /** With `hostPath`: every change below the mount point fails with EROFS. */
  readonly?: boolean
  /** Browsers: the OPFS directory to show (default: the origin's OPFS root). */
  root?: DirectoryHandle
  /**
   * Browsers: how guest code waits for OPFS. "auto" (default): through the bridge to an OPFS
   * worker on cross-origin-isolated pages, where a synchronous `evalCode` can wait; else through
   * JSPI, where only `evalCodeAsync` can (a synchronous call fails with EAGAIN where OPFS must
   * be asked). "jspi" prefers JSPI where both work.
   */
  wait?: "auto" | "jspi"
  /** How the page's and other tabs' OPFS changes reach watchers (as createSandbox's `opfs.changes`). */
  changes?: "auto" | "polling" | "none"
  /** Polling: ms between looks (default 1000). */
  pollInterval?: number
  /** Told about degraded setups (no OPFS here: an in-memory directory). Default: console.warn. */
  onWarning?: (message: string) => void
}

/** A mount made by WasmFS.mount(). */
export interface WasmFSMount {
  mountPoint: string
  /** "host": a host directory (Node). "jspi", "bridge": OPFS itself. "memory": an in-memory directory instead of OPFS. */
  backend: "host" | "jspi" | "bridge" | "memory"
  /** Why OPFS could not be mounted ("memory"). */
  reason?: string
}

const modules = new WeakMap<object, QuickJSWASMModule>()

/** Registers a module newQuickJSWASMModuleWithWasmFS() made, under its `module` handle. */
export function registerWasmFSModule(module: QuickJSWASMModule): void {
  modules.set(emscriptenModuleOf(module), module)
}

function moduleFrom(arg: unknown): QuickJSWASMModule {
  if (arg !== null && typeof arg === "object") {
    const known = modules.get(arg)
    if (known) return known
    const maybe = arg as Partial<QuickJSWASMModule>
    if (typeof maybe.getFFI === "function" && typeof maybe.newRuntime === "function" && "qjsw_mount" in (maybe.getFFI() as object)) {
      return arg as QuickJSWASMModule
    }
  }
  throw new TypeError("quickjs-wasmfs: new WasmFS(module) needs `QuickJS.module` of a module from newQuickJSWASMModuleWithWasmFS()")
}

interface Mounted extends WasmFSMount {
  opfs?: OpfsMount
  watcher?: MountWatcher
}

export class WasmFS {
  readonly #module: QuickJSWASMModule
  readonly #runtime: QuickJSRuntime
  readonly #context: QuickJSContext
  readonly #api: QuickJSHandle
  readonly #bindings = new Map<string, QuickJSHandle>()
  readonly #fs: SandboxFs
  readonly #watchers: HostWatchers
  readonly #turns: ModuleTurns
  readonly #mounts = new Map<string, Mounted>()
  #disposed = false
  readonly #before = () => {
    for (const m of this.#mounts.values()) m.opfs?.host?.newTurn()
  }
  readonly #after = () => {
    this.#watchers.drain()
    this.#followOthers()
    for (const m of this.#mounts.values()) m.opfs?.host?.idle()
  }

  constructor(module: QuickJSEmscriptenModule | QuickJSWASMModule) {
    this.#module = moduleFrom(module)
    const ffi = wasmfsFFI(this.#module)
    this.#runtime = this.#module.newRuntime()
    this.#context = this.#runtime.newContext()
    const ctx = this.#context
    const source = `import * as fs from 'qjsw:binding/fs'; import * as uv from 'qjsw:binding/uv'; export { fs, uv };`
    this.#api = ctx.unwrapResult(withBootWindow(ctx, () => ctx.evalCode(source, "qjsw:wasmfs", { type: "module" })))
    const ctxPtr = contextPointer(ctx)
    this.#turns = moduleTurns(this.#module)
    const heapOf = emscriptenModuleOf(this.#module)
    this.#watchers = new HostWatchers(ffi, () => heapOf.HEAPU8)
    this.#fs = new SandboxFs(
      ctx,
      {
        binding: (name) => this.#binding(name),
        kind: (h) => ffi.qjsw_value_kind(ctxPtr, valuePointer(h)),
        call: (fn, args) => ctx.callFunction(fn, ctx.undefined, args),
      },
      (run) => {
        if (this.#disposed) throw new Error("WasmFS is disposed")
        this.#before()
        try {
          return run()
        } finally {
          afterTurn(this.#turns)
        }
      },
    )
    this.#turns.before.add(this.#before)
    this.#turns.after.add(this.#after)
  }

  #binding(name: BindingName): QuickJSHandle {
    let fn = this.#bindings.get(name)
    if (!fn) {
      const [ns, key] = name.split(".")
      fn = this.#context.getProp(this.#api, ns!).consume((h) => this.#context.getProp(h, key!))
      if (this.#context.typeof(fn) !== "function") throw new Error(`quickjs-wasmfs: no native ${name}`)
      this.#bindings.set(name, fn)
    }
    return fn
  }

  /** The mounts this WasmFS made, by mount point. */
  get mounts(): WasmFSMount[] {
    return [...this.#mounts.values()].map(({ mountPoint, backend, reason }) => ({
      mountPoint,
      backend,
      ...(reason !== undefined && { reason }),
    }))
  }

  /**
   * Mounts at `mountPoint` (default "/opfs"): a host directory in Node (`hostPath`); in a
   * browser's dedicated Worker the Origin Private File System; elsewhere, or where no way for
   * guest code to wait for OPFS exists, an in-memory directory, and `onWarning` says why.
   */
  async mount(options: WasmFSOptions = {}): Promise<WasmFSMount> {
    if (this.#disposed) throw new Error("WasmFS is disposed")
    const mountPoint = normalizeGuest(options.mountPoint ?? "/opfs")
    if (this.#mounts.has(mountPoint)) throw this.#error(-16, "mount", mountPoint) // EBUSY
    if (options.hostPath !== undefined) {
      const mount: Mount = { hostPath: options.hostPath, guestPath: mountPoint, readonly: options.readonly === true }
      mountHostDirectories(this.#module, [mount])
      const watcher = new MountWatcher(this.#module, [mount], (c) => this.#external(c))
      this.#mounts.set(mountPoint, { mountPoint, backend: "host", watcher })
      return { mountPoint, backend: "host" }
    }
    const opfs = await prepareOpfs(
      this.#module,
      { path: mountPoint, root: options.root, changes: options.changes, pollInterval: options.pollInterval },
      options.onWarning,
      options.wait === "jspi" ? "jspi" : "bridge",
    )
    const { backend, reason } = opfs.status
    if (backend === "memory") this.#fs.mkdirSync(mountPoint, { recursive: true })
    opfs.onExternal = (c) => this.#external(c)
    if (opfs.suspending) this.#turns.suspending = true
    this.#mounts.set(mountPoint, { mountPoint, backend, reason, opfs })
    return { mountPoint, backend, ...(reason !== undefined && { reason }) }
  }

  /**
   * Takes the mount at `mountPoint` (default "/opfs") out of the tree, as umount does: EBUSY
   * while the working directory is inside it. An in-memory stand-in is removed with its files.
   */
  async unmount(mountPoint = "/opfs"): Promise<void> {
    const point = normalizeGuest(mountPoint)
    const m = this.#mounts.get(point)
    if (!m) throw this.#error(-22, "umount", point) // EINVAL: not mounted by this WasmFS
    if (m.backend === "memory") this.#fs.rmSync(point, { recursive: true, force: true })
    else {
      const r = wasmfsFFI(this.#module).qjsw_unmount(point)
      if (r < 0) throw this.#error(wasmfsFFI(this.#module).qjsw_uv_errno(-r), "umount", point)
    }
    this.#mounts.delete(point)
    m.watcher?.stop()
    m.opfs?.dispose()
    if (m.opfs?.suspending && ![...this.#mounts.values()].some((o) => o.opfs?.suspending)) this.#turns.suspending = false
  }

  readFile(path: string): HostBuffer
  readFile(path: string, encoding: Encoding | { encoding: Encoding }): string
  readFile(path: string, encoding?: Encoding | { encoding?: Encoding }): HostBuffer | string {
    return this.#fs.readFileSync(path, encoding as Encoding)
  }

  /** Creates or replaces the file (its directory must exist, as in Node). */
  writeFile(path: string, data: string | Uint8Array, options?: Encoding | { encoding?: Encoding; mode?: number; flag?: string }): void {
    this.#fs.writeFileSync(path, data, options)
  }

  appendFile(path: string, data: string | Uint8Array, options?: Encoding | { encoding?: Encoding; mode?: number }): void {
    this.#fs.appendFileSync(path, data, options)
  }

  /** Node's fs.Stats of `path` (symlinks followed), or null when nothing is there. */
  stat(path: string): SandboxStats | null {
    return this.#orNull(() => this.#fs.statSync(path))
  }

  /** As stat, of a symlink itself. */
  lstat(path: string): SandboxStats | null {
    return this.#orNull(() => this.#fs.lstatSync(path))
  }

  exists(path: string): boolean {
    return this.#fs.existsSync(path)
  }

  readdir(path: string): string[]
  readdir(path: string, options: { withFileTypes: true }): SandboxDirent[]
  readdir(path: string, options?: { withFileTypes?: boolean }): string[] | SandboxDirent[] {
    return options?.withFileTypes ? this.#fs.readdirSync(path, { withFileTypes: true }) : this.#fs.readdirSync(path)
  }

  /** Returns, with `recursive`, the first directory it created (as Node). */
  mkdir(path: string, options?: { recursive?: boolean; mode?: number }): string | undefined {
    return this.#fs.mkdirSync(path, options)
  }

  unlink(path: string): void {
    this.#fs.unlinkSync(path)
  }

  rmdir(path: string): void {
    this.#fs.rmdirSync(path)
  }

  rename(from: string, to: string): void {
    this.#fs.renameSync(from, to)
  }

  rm(path: string, options?: { recursive?: boolean; force?: boolean }): void {
    this.#fs.rmSync(path, options)
  }

  symlink(target: string, path: string): void {
    this.#fs.symlinkSync(target, path)
  }

  readlink(path: string): string {
    return this.#fs.readlinkSync(path)
  }

  /**
   * Calls `listener` with each change below `path` (its entries; `recursive`: everything below)
   * made by guest code of the module's contexts, through this WasmFS, or (mounts) from outside:
   * other processes in a host directory, the page or other tabs on /opfs.
   */
  watch(path: string, listener: (change: SandboxChange) => void): Watcher
  watch(path: string, options: WatchOptions, listener: (change: SandboxChange) => void): Watcher
  watch(path: string, options: WatchOptions | ((change: SandboxChange) => void), listener?: (change: SandboxChange) => void): Watcher {
    const watcher =
      typeof options === "function" ? this.#watchers.add(path, {}, options) : this.#watchers.add(path, options ?? {}, listener!)
    this.#followOthers()
    const close = () => {
      watcher.close()
      this.#followOthers()
    }
    return { close, [Symbol.dispose]: close }
  }

  /** Frees the private context; the mounts stay (they belong to the module). */
  dispose(): void {
    if (this.#disposed) return
    this.#disposed = true
    this.#turns.before.delete(this.#before)
    this.#turns.after.delete(this.#after)
    for (const m of this.#mounts.values()) m.watcher?.stop()
    for (const fn of this.#bindings.values()) fn.dispose()
    this.#api.dispose()
    this.#context.dispose()
    this.#runtime.dispose()
  }

  [Symbol.dispose](): void {
    this.dispose()
  }

  // Host directories: other processes' changes are watched while the journal has readers.
  #followOthers(): void {
    const active = wasmfsFFI(this.#module).qjsw_journal_active() === 1
    for (const m of this.#mounts.values()) {
      if (!m.watcher) continue
      if (active && !m.watcher.running) void m.watcher.start()
      else if (!active && m.watcher.running) m.watcher.stop()
    }
  }

  // A change someone else made (another process, the page, another tab): into the journal,
  // for the host's and the guest's watchers.
  #external(change: { type: ChangeType; path: string; oldPath?: string }): void {
    if (this.#disposed) return
    const code = CHANGE_TYPES[change.type]
    wasmfsFFI(this.#module).qjsw_journal_record(code, change.path, change.oldPath ?? null)
    afterTurn(this.#turns)
  }

  #orNull<T>(run: () => T): T | null {
    try {
      return run()
    } catch (e) {
      if (e instanceof SandboxFsError && (e.code === "ENOENT" || e.code === "ENOTDIR")) return null
      throw e
    }
  }

  // `errno`: libuv's, as Node reports it
  #error(errno: number, syscall: string, path: string): SandboxFsError {
    return this.#fs.systemError(errno, syscall, path)
  }
}
