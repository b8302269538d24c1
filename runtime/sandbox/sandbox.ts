import {
  shouldInterruptAfterDeadline,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from "quickjs-emscripten-core"
import { emscriptenModuleOf, suspendingGuestCalls, syncGuestCalls, wasmfsFFI, type GuestCalls, type Outcome } from "../module/guest-calls"
import { CHANGE_TYPES, type ChangeType } from "../generated/native"
import { installFreshHeapViews } from "../module/heap-views"
import { newQuickJSWASMModuleWithWasmFS } from "../index"
import { existingNodeMountHost } from "../mounts/node-mount-host"
import { MountWatcher, mountHostDirectories, releaseHostDirectories, normalizeGuest, normalizeMounts, type MountsOption } from "../mounts/mounts"
import { prepareOpfs, type OpfsMount, type OpfsOption, type OpfsStatus } from "../opfs/opfs"
import { SandboxFs, type BindingName } from "./sandbox-fs"
import { hostError } from "./guest-error"
import { contextPointer, withBootWindow } from "../module/boot-window"
import { setStorageLimit } from "../module/storage"
import { HostWatchers, type SandboxChange, type WatchOptions, type Watcher } from "./watch"
import { GuestStdio, readStdin, type StdinOption } from "./stdio"
import { ChildProcesses, MIN_CHILD_STACK, childKilled, type ChildLink, type ChildSandbox } from "./child-processes"
import { MAX_MEMORY_LIMIT } from "../module/memory-limit"
import type { ChildStdio } from "./child-stdio"
import { GuestWebAssembly } from "../webassembly/webassembly"
import { setCompileCache, type CompileCacheStore } from "../module/compile-cache"
import { LOOP_EMPTY, LOOP_RAN_LAST, LOOP_READY, LOOP_WAITING } from "../../modules/internal/loop_states.js"

export interface SandboxOptions {
  /** Files to create before anything runs: guest path -> contents. */
  files?: Record<string, string | Uint8Array>
  /**
   * Host directories shown in the guest's tree (Node only), before `files` are written:
   * `[{ hostPath, guestPath, readonly? }]`, or `{ [guestPath]: hostPath }` (read-write).
   * The guest reads and writes the host directory itself and reaches nothing outside it.
   * Mounts belong to the Wasm module: with a shared `module`, every sandbox in it sees them.
   */
  mounts?: MountsOption
  /** Working directory (created if missing). Default "/". */
  cwd?: string
  env?: Record<string, string>
  /** process.argv after the script name. */
  argv?: string[]
  /**
   * Receives what the guest writes to stdout / stderr (process.stdout, fd 1, /dev/stdout...), as
   * UTF-8 text. Default, when neither this nor the bytes form is given: the host's streams.
   */
  stdout?: (text: string) => void
  stderr?: (text: string) => void
  /** The same output as the exact bytes the guest wrote (both forms may be given). */
  stdoutBytes?: (bytes: Uint8Array) => void
  stderrBytes?: (bytes: Uint8Array) => void
  /**
   * What the guest reads on stdin (process.stdin, fd 0, /dev/stdin): text, bytes, or an (async)
   * iterable of chunks, read to its end before the first run. Every run reads it from the start
   * (`run(code, { stdin })` gives one run its own). Default: empty, so reads see end of file.
   * Never the host process's stdin.
   */
  stdin?: StdinOption
  /**
   * Bytes the JS heap may use (what the boot left, about 650 KB, included), at most 2^32 - 1;
   * -1 for none. Applied once the boot is done: a smaller limit than what it left is refused.
   */
  memoryLimit?: number
  /**
   * Bytes the in-memory file tree may hold (default 256 MiB); beyond it writes fail with
   * ENOSPC. The tree belongs to the Wasm module: with a shared `module`, this sets the bound
   * of all its sandboxes (see setStorageLimit). Mounts and /opfs are not counted.
   */
  storageLimit?: number
  /**
   * Bytes of Wasm stack the guest's JS may use before a "stack overflow" error; default 384 KiB,
   * at most 448 KiB (beyond that, deep recursion through native code can exhaust the host
   * engine's own stack first).
   */
  stackSize?: number
  /** CPU budget in ms for each run (an interrupt stops the guest). */
  timeout?: number
  /** A loaded module to create the sandbox in (its file tree is then shared). */
  module?: QuickJSWASMModule
  /**
   * Browsers, in a dedicated Worker: the Origin Private File System at `/opfs` (or `path`),
   * its files ordinary OPFS files (`root`: another directory handle to show there). Needs
   * JSPI (`WebAssembly.Suspending`), or else a cross-origin-isolated page (COOP/COEP: the
   * guest then waits for a second worker that owns OPFS, through a SharedArrayBuffer); without
   * either, or without OPFS, `path` is an in-memory directory instead, `sandbox.opfs` says why
   * and `onWarning` is told. createSandbox only.
   */
  opfs?: OpfsOption
  /** Told about degraded setups (the OPFS fallback). Default: console.warn. */
  onWarning?: (message: string) => void
  /**
   * Gives the guest a `WebAssembly` namespace run by the host engine's WebAssembly (default
   * false: there is no `WebAssembly` global). Host memories count against `memoryLimit`; a
   * call into Wasm runs to its end whatever `timeout` says (the deadline is checked whenever
   * the Wasm calls a guest import). Child processes get it too.
   */
  webAssembly?: boolean
  /**
   * Node's `--expose-internals` (default false): `require('internal/errors')` and the other
   * `internal/...` ids Node's own tests use give Node-shaped modules over the sandbox's own
   * (modules/internal/node_internals.js lists them), from `require`, `import` and `import()`;
   * the guest's `process.execArgv` shows the flag. Without it those ids are not found, as in
   * Node. A child process or Worker the guest starts has them only when this sandbox has them
   * and its own command line (`execArgv`, which a Worker and `fork()` inherit) has the flag:
   * a guest cannot grant them to itself by starting `node --expose-internals`.
   */
  exposeInternals?: boolean
  /**
   * Where compiled files' bytecode is kept, so a file compiled before (by any sandbox sharing
   * the store) is read back instead of parsed: a `CompileCacheStore` (`MemoryCompileCache`, or
   * the CLI's directory store), or `false` for none. Default: a process-wide in-memory store.
   * With `module`, the store is set for that whole module.
   */
  compileCache?: CompileCacheStore | false
}

export interface RunResult {
  exitCode: number
  /** The uncaught exception, when the run ended with one (runtime/sandbox/guest-error.ts): a guest Error
   *  as a host Error of its class, with its stack and fields; any other thrown value as `cause`. */
  error?: Error
}

const BOOT_NAME = "qjsw:sandbox"

/** What a run asks of its driver (Sandbox.drive, or a child process's synchronous scheduler). */
export type LoopStep =
  | { kind: "enter"; name: string; args: (string | number | QuickJSHandle)[] }
  // until the time (Infinity: until woken); an event from outside ends it early
  | { kind: "sleep"; until: number }
export type Loop<T> = Generator<LoopStep, T, any> // eslint-disable-line @typescript-eslint/no-explicit-any

// The bytes of `view` as an ArrayBuffer of their own (the view's, when it spans all of it; a
// copy otherwise, made by Uint8Array: a Buffer's slice() is a view of its pool).
function wholeBuffer(view: Uint8Array): ArrayBuffer {
  if (view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && view.buffer instanceof ArrayBuffer) return view.buffer
  return new Uint8Array(view).buffer
}

const MAX_STACK_SIZE = 448 * 1024

// `done` once `run` is over: at once when it returns or throws, or when its promise settles.
function finallyDo<T>(run: () => T, done: () => void): T {
  let result: T
  try {
    result = run()
  } catch (e) {
    done()
    throw e
  }
  if (result instanceof Promise) return result.finally(done) as T
  done()
  return result
}

/**
 * A Node-like sandbox: CommonJS modules, process, console, Buffer and timers, with the file tree
 * inside the Wasm module. `run`/`runFile` resolve when the guest's event loop is empty.
 */
export class Sandbox implements ChildSandbox {
  readonly module: QuickJSWASMModule
  private readonly runtime: QuickJSRuntime
  private readonly context: QuickJSContext
  private api: QuickJSHandle
  private readonly apiFunctions = new Map<string, QuickJSHandle>()
  private readonly options: SandboxOptions
  private disposed = false
  // dispose() inside a guest call (a stdout callback, say) waits for the run to end: freeing
  // the runtime under the running guest aborts the instance.
  private freed = false
  private guestDepth = 0
  private runs = 0
  private readonly ownsModule: boolean
  private broken: Error | undefined
  private readonly stdio: GuestStdio | ChildStdio
  // set when this sandbox is a child process of another (runtime/sandbox/child-processes.ts)
  private readonly link: ChildLink | undefined
  /** @internal The guest's child processes, and the events its loop takes. */
  readonly children: ChildProcesses
  // the current run's deadline (ms since the epoch), shared with the children it starts
  private deadline: number | undefined
  // the run loop waits in a sleep step: no guest values are held, so it may be freed at once
  private parked = false
  private stdinBytes: Promise<Uint8Array> | undefined
  /** The sandbox's file tree, from the host: the guest's own fs, called synchronously. */
  readonly fs: SandboxFs
  /** The OPFS mount's state, when `opfs` was asked for. */
  readonly opfs: OpfsStatus | undefined
  /**
   * Where changes made outside the sandbox come from, per mount point: "fs.watch" (a host
   * directory, Node's recursive watcher, started while someone watches), "observer" or
   * "polling" (/opfs), or "none". Watchers hear of them as of the sandbox's own.
   */
  readonly externalChanges: Record<string, "fs.watch" | "observer" | "polling" | "none">
  private readonly opfsMount: OpfsMount | undefined
  private readonly guest: GuestCalls
  private bootSource = ""
  private readonly watchers: HostWatchers
  private entering: Promise<unknown> = Promise.resolve()
  private readonly mountWatcher: MountWatcher
  // Resolves a loop that waits for outside events (only fs.watch watchers keep it alive).
  private wakeLoop: (() => void) | undefined
  private wokenEarly = false
  // the guest's WebAssembly, when asked for, and the heap limit its memories leave
  private readonly wasm: GuestWebAssembly | undefined
  private heapLimit: number | undefined
  private wasmFailure: Error | undefined

  constructor(module: QuickJSWASMModule, options: SandboxOptions = {}, opfs?: OpfsMount, ownsModule = false, link?: ChildLink) {
    if (options.stackSize !== undefined && !(Number.isInteger(options.stackSize) && options.stackSize >= 16384 && options.stackSize <= MAX_STACK_SIZE)) {
      throw new RangeError(`stackSize must be an integer from 16384 to ${MAX_STACK_SIZE}, got ${options.stackSize}`)
    }
    if (options.memoryLimit !== undefined && options.memoryLimit !== -1 &&
        !(Number.isInteger(options.memoryLimit) && options.memoryLimit >= 0 && options.memoryLimit <= MAX_MEMORY_LIMIT)) {
      throw new RangeError(`memoryLimit must be -1 (none) or an integer from 0 to ${MAX_MEMORY_LIMIT}, got ${options.memoryLimit}`)
    }
    if (options.opfs && !opfs) throw new Error("quickjs-wasmfs: `opfs` needs createSandbox() (its setup is asynchronous)")
    this.module = module
    this.ownsModule = ownsModule
    this.options = options
    if (options.storageLimit !== undefined) setStorageLimit(module, options.storageLimit)
    const mounts = normalizeMounts(options.mounts ?? [])
    mountHostDirectories(module, mounts)
    this.mountWatcher = new MountWatcher(module, mounts, (c) => this.noteExternalChange(c))
    this.opfsMount = opfs
    this.opfs = opfs?.status
    this.externalChanges = Object.fromEntries([
      ...mounts.map((m) => [normalizeGuest(m.guestPath), "fs.watch"] as const),
      ...(opfs ? [[opfs.status.path, opfs.status.backend === "memory" ? "none" : (opfs.status.changes ?? "none")] as const] : []),
    ])
    if (opfs) opfs.onExternal = (c) => this.noteExternalChange(c)
    this.runtime = module.newRuntime()
    installFreshHeapViews(this.runtime) // a module the host made from the variant itself
    this.link = link
    if (link) {
      const ffi = wasmfsFFI(module)
      const rt = (r: QuickJSRuntime) => (r as unknown as { rt: { value: number } }).rt.value
      const shared = ffi.qjsw_runtime_share_stack(rt(this.runtime), rt(link.parentRuntime), MIN_CHILD_STACK)
      if (shared < 0) {
        this.runtime.dispose()
        throw new Error("quickjs-wasmfs: no stack left for a child process")
      }
      // a worker's stackSizeMb: less than its parent has left, never more
      if (link.stackSize !== undefined && (shared === 0 || link.stackSize < shared)) this.runtime.setMaxStackSize(link.stackSize)
    } else if (options.stackSize !== undefined) this.runtime.setMaxStackSize(options.stackSize)
    // The limit bounds the guest, so it comes after the boot (limitMemory): under a limit too
    // small for it, making the context failed half way and the next call used it anyway (a
    // wild pointer in the Wasm heap).
    this.context = this.runtime.newContext()
    this.heapLimit = options.memoryLimit
    const ctx = this.context
    this.stdio = link?.stdio ?? new GuestStdio(options)
    this.claimStdio()
    // process.stdout/stderr: a string as it is, bytes copied out of the guest's memory
    const write = ctx.newFunction("write", (fd, data) => {
      // after a dispose() from a callback the guest only winds down: nothing more is its output
      if (this.disposed) return
      const chunk = ctx.typeof(data) === "string" ? ctx.getString(data) : ctx.getArrayBuffer(data).consume((b) => b.value.slice())
      this.stdio.write(ctx.getNumber(fd), chunk)
    })
    const host = ctx.newObject()
    ctx.setProp(host, "write", write)
    write.dispose()
    // Node's --expose-internals: the host's grant for a main sandbox; a child's parent must have
    // it and the child's own command line ask for it (execArgv, checked before the script name)
    // (Node reads `_` in an option's name as `-`)
    const exposeInternals = options.exposeInternals === true &&
      (!link || link.boot.execArgv.some((a) => a.replace(/_/g, "-") === "--expose-internals"))
    this.children = new ChildProcesses({
      module,
      runtime: this.runtime,
      memoryLimit: options.memoryLimit,
      link,
      deadline: () => this.deadline,
      stdio: this.stdio,
      wake: () => this.wake(),
      makeChild: (childOptions, childLink) => {
        try {
          return new Sandbox(module, { ...childOptions, webAssembly: options.webAssembly, exposeInternals }, undefined, false, childLink)
        } finally {
          // the new child's boot took fds 0-2; its own steps take them again, and until then
          // the rest of this guest's turn (a write to fd 1 after spawn()) is this sandbox's
          this.claimStdio()
        }
      },
    })
    const classFfi = wasmfsFFI(module)
    this.children.install(ctx, host, (h) => classFfi.qjsw_value_kind(contextPointer(ctx), h.value as unknown as number))
    if (options.webAssembly) {
      this.wasm = new GuestWebAssembly(module, this.runtime, ctx, {
        memoryLimit: options.memoryLimit,
        setHeapLimit: (bytes) => {
          this.heapLimit = bytes
          if (!this.disposed) this.runtime.setMemoryLimit(bytes)
        },
        deadline: () => this.deadline,
        fatal: (error) => {
          this.wasmFailure ??= error
          this.runtime.setInterruptHandler(() => true)
        },
      })
      this.wasm.install(host)
    }
    // `files` as guest ArrayBuffers (text as UTF-8, as the guest would write it), not in the
    // boot's source: nothing to parse or decode, whatever their size or content
    const utf8 = new TextEncoder()
    ctx.newArray().consume((list) => {
      Object.entries(options.files ?? {}).forEach(([name, data], i) => {
        ctx.newArray().consume((pair) => {
          // (a C string on its way in: a NUL would cut the name short)
          if (name.includes("\0")) throw new TypeError(`quickjs-wasmfs: files: a path must not contain NUL bytes: ${JSON.stringify(name)}`)
          ctx.newString(name).consume((h) => ctx.setProp(pair, 0, h))
          ctx.newArrayBuffer(wholeBuffer(typeof data === "string" ? utf8.encode(data) : data)).consume((h) => ctx.setProp(pair, 1, h))
          ctx.setProp(list, i, pair)
        })
      })
      ctx.setProp(host, "files", list)
    })
    ctx.setProp(ctx.global, "__qjswHost", host)
    host.dispose()
    const boot = {
      argv: options.argv ?? [],
      env: options.env ?? {},
      cwd: options.cwd ?? "/",
      child: link?.boot,
      exposeInternals,
    }
    // Internal modules are importable only in the boot window (boot-window.ts), before any guest
    // code exists. The host keeps the native bindings it imports here for sandbox.fs.
    const source = `import * as api from 'qjsw:internal/sandbox';
         import * as fs from 'qjsw:binding/fs';
         import * as uv from 'qjsw:binding/uv';
         api.boot({ ...${JSON.stringify(boot)}, host: globalThis.__qjswHost });
         delete globalThis.__qjswHost;
         export { api, fs, uv };`
    if (opfs?.suspending) {
      // the boot may touch /opfs (files, cwd): it runs in createSandbox, where it may wait
      this.guest = suspendingGuestCalls(module, this.runtime, ctx)
      this.bootSource = source
      this.api = ctx.undefined
    } else {
      this.guest = syncGuestCalls(this.runtime, ctx)
      this.api = ctx.unwrapResult(withBootWindow(ctx, () => ctx.evalCode(source, BOOT_NAME, { type: "module" })))
    }
    const ffi = wasmfsFFI(module)
    this.watchers = new HostWatchers(ffi, () => emscriptenModuleOf(module).HEAPU8)
    const ctxPtr = (ctx as unknown as { ctx: { value: number } }).ctx.value
    this.fs = new SandboxFs(
      ctx,
      {
        binding: (name) => this.binding(name),
        kind: (h) => ffi.qjsw_value_kind(ctxPtr, h.value as unknown as number),
        call: (fn, args) => ctx.callFunction(fn, ctx.undefined, args),
      },
      (run) => {
        if (this.disposed) throw new Error("Sandbox is disposed")
        try {
          return this.hostFsTurn(run)
        } finally {
          this.afterHostChange()
        }
      },
    )
    if (!this.bootSource) this.limitMemory()
  }

  // Native binding functions the boot module imported, held by the host only: sandbox.fs calls
  // them with primitive arguments, never the guest's mutable fs module.
  private readonly bindings = new Map<string, QuickJSHandle>()
  private binding(name: BindingName): QuickJSHandle {
    let fn = this.bindings.get(name)
    if (!fn) {
      const [module, key] = name.split(".")
      const ns = this.context.getProp(this.api, module)
      fn = this.context.getProp(ns, key)
      ns.dispose()
      if (this.context.typeof(fn) !== "function") throw new Error(`quickjs-wasmfs: no native ${name}`)
      this.bindings.set(name, fn)
    }
    return fn
  }

  // A sandbox.fs call runs whatever the guest's state: with the heap limit lifted, so that a
  // guest that filled its heap cannot make the host's read fail. (Only C runs meanwhile, which
  // polls no interrupt handler.)
  private hostFsTurn<T>(run: () => T): T {
    this.claimStdio()
    const limit = this.options.memoryLimit
    if (limit === undefined) return run()
    const restore = () => void (!this.disposed && this.runtime.setMemoryLimit(this.heapLimit ?? limit))
    this.runtime.setMemoryLimit(-1)
    return finallyDo(run, restore)
  }

  /**
   * Calls `listener` with each change below guest path `path` (the path itself and its entries;
   * `recursive`: everything below) made through the guest's fs: by guest code, or through
   * `sandbox.fs`. Changes are taken after each guest turn (and each sandbox.fs call), repeats
   * merged; when more changed than the journal holds, one `overflow` change says to rescan.
   */
  watch(path: string, listener: (change: SandboxChange) => void): Watcher
  watch(path: string, options: WatchOptions, listener: (change: SandboxChange) => void): Watcher
  watch(path: string, options: WatchOptions | ((change: SandboxChange) => void), listener?: (change: SandboxChange) => void): Watcher {
    const watcher = typeof options === "function" ? this.watchers.add(path, {}, options) : this.watchers.add(path, options ?? {}, listener!)
    this.followOthers()
    const close = () => {
      watcher.close()
      this.followOthers()
    }
    return { close, [Symbol.dispose]: close }
  }

  // Host directory mounts: other processes' changes are watched while the journal has readers.
  private followOthers(): void {
    if (!this.mountWatcher.hasMounts) return
    const ffi = wasmfsFFI(this.module)
    const active = ffi.qjsw_journal_active() === 1
    if (active && !this.mountWatcher.running) void this.mountWatcher.start()
    else if (!active && this.mountWatcher.running) this.mountWatcher.stop()
  }

  // A change someone else made (the page or another tab, on /opfs): into the journal, for
  // both the host's and the guest's watchers.
  private noteExternalChange(change: { type: ChangeType; path: string; oldPath?: string }): void {
    if (this.disposed) return
    const code = CHANGE_TYPES[change.type]
    const ffi = wasmfsFFI(this.module)
    ffi.qjsw_journal_record(code, change.path, change.oldPath ?? null)
    this.afterHostChange()
  }

  // A change from the host side (sandbox.fs): host listeners hear of it now, and a guest loop
  // waiting for events (fs.watch) looks at the journal.
  private afterHostChange(): void {
    this.watchers.drain()
    const wake = this.wakeLoop
    this.wakeLoop = undefined
    wake?.()
  }

  /**
   * `fs.<method>(...args)` in the guest, like `sandbox.fs`, but entered as the event loop enters
   * the guest: with OPFS, a call that must wait for the browser waits instead of failing (EAGAIN).
   */
  async fsCall(method: string, args: unknown[], data?: Uint8Array): Promise<unknown> {
    if (this.disposed) throw new Error("Sandbox is disposed")
    try {
      return await this.exclusive(() => this.hostFsTurn(() =>
        this.fs.callAsync((fn, a) => {
          this.opfsMount?.host?.newTurn()
          return this.guest.call(fn, this.context.undefined, a)
        }, method, args, data)))
    } finally {
      this.afterHostChange()
    }
  }

  // fds 0-2 and /dev/std* belong to the module: they reach this sandbox's stdio while it runs
  private claimStdio(): void {
    // a disposed sandbox winding down its run keeps off the module's fds 0-2
    if (this.disposed) return
    emscriptenModuleOf(this.module).qjswStdio = this.stdio
  }

  /** The boot deferred by the constructor (OPFS through JSPI). */
  async ready(): Promise<void> {
    if (!this.bootSource) return
    this.claimStdio()
    const source = this.bootSource
    this.bootSource = ""
    this.opfsMount?.host?.newTurn()
    const booted = await withBootWindow(this.context, () => this.guest.evalModule(source, BOOT_NAME))
    this.api = this.context.unwrapResult(booted as never)
    this.limitMemory()
    this.opfsMount?.host?.idle()
  }

  // memoryLimit, once the boot is done: a limit below what the booted sandbox holds would fail
  // every allocation of the guest, so it is refused instead. A child's (a Worker's
  // resourceLimits) becomes what its boot holds: its first allocation fails, and the worker
  // ends with Node's ERR_WORKER_OUT_OF_MEMORY.
  private limitMemory(): void {
    const limit = this.options.memoryLimit
    if (limit === undefined || limit === -1) return
    const ffi = wasmfsFFI(this.module)
    const held = ffi.qjsw_runtime_malloc_size((this.runtime as unknown as { rt: { value: number } }).rt.value)
    if (held > limit && this.link) {
      this.heapLimit = held
      this.runtime.setMemoryLimit(held)
      return
    }
    if (held > limit) {
      this.dispose()
      throw new RangeError(`quickjs-wasmfs: memoryLimit ${limit} is below what the sandbox holds once started (${held} bytes)`)
    }
    this.runtime.setMemoryLimit(limit)
  }

  /** Runs `code` as the main CommonJS module `filename`; `stdin`: this run's, instead of the sandbox's. */
  run(code: string, options: { filename?: string; stdin?: StdinOption } = {}): Promise<RunResult> {
    return this.start("runSource", [code, options.filename ?? "/main.js"], options.stdin)
  }

  /** Runs the file at guest path `path` as the main module. */
  runFile(path: string, options: { stdin?: StdinOption } = {}): Promise<RunResult> {
    return this.start("runMain", [path], options.stdin)
  }

  /** Imports the file at guest path `path` as an ES module and runs the loop to its end. */
  import(path: string, options: { stdin?: StdinOption } = {}): Promise<RunResult> {
    return this.start("importMain", [path], options.stdin)
  }

  // Calls a function of qjsw:internal/sandbox with strings, numbers or guest values: `call`
  // from the host's synchronous API, `enter` from the event loop (the guest may wait there).
  private call(name: string, args: (string | number | QuickJSHandle)[]): { value?: QuickJSHandle; error?: QuickJSHandle } {
    this.guestDepth++
    try {
      return this.withApi(name, args, (fn, handles) => this.context.callFunction(fn, this.context.undefined, handles))
    } finally {
      this.guestDepth--
    }
  }

  private async inGuest<T>(fn: () => Promise<T>): Promise<T> {
    this.guestDepth++
    try {
      return await fn()
    } finally {
      this.guestDepth--
    }
  }

  private enter(name: string, args: (string | number | QuickJSHandle)[]): Promise<Outcome<QuickJSHandle>> {
    return this.exclusive(() => this.enterNow(name, args))
  }

  private enterNow(name: string, args: (string | number | QuickJSHandle)[]): Promise<Outcome<QuickJSHandle>> {
    this.opfsMount?.host?.newTurn()
    return this.withApi(name, args, (fn, handles) => this.guest.call(fn, this.context.undefined, handles))
  }

  // One entry into the guest at a time: a guest waiting for the browser (JSPI) must not be
  // entered again. A run holds this only while it runs guest code, not while its loop sleeps,
  // so fsCall and watchers work while a run waits for timers or events.
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.entering.then(() => this.inGuest(fn))
    this.entering = result.catch(() => {})
    return result
  }

  // The bootstrap's exported functions, looked up once: a module's bindings never change.
  private apiFunction(name: string): QuickJSHandle {
    let fn = this.apiFunctions.get(name)
    if (!fn) {
      fn = this.context.getProp(this.api, "api").consume((api) => this.context.getProp(api, name))
      this.apiFunctions.set(name, fn)
    }
    return fn
  }

  private withApi<R>(name: string, args: (string | number | QuickJSHandle)[], run: (fn: QuickJSHandle, handles: QuickJSHandle[]) => R): R {
    this.claimStdio()
    const ctx = this.context
    const fn = this.apiFunction(name)
    const made = args.map((a) =>
      typeof a === "string" ? ctx.newString(a) : typeof a === "number" ? ctx.newNumber(a) : undefined,
    )
    const handles = args.map((a, i) => made[i] ?? (a as QuickJSHandle))
    const release = () => {
      made.forEach((h) => h?.dispose())
    }
    return finallyDo(() => run(fn, handles), release)
  }

  // Ends a run on an error: process.exit's uncatchable signal, or an uncaught exception (from
  // `origin`, as Node names it: the report places a rejection where the error was made).
  private *finishWithError(error: QuickJSHandle, origin = "uncaughtException"): Loop<RunResult> {
    const ctx = this.context
    // Anything can be thrown, null included: only an object can carry process.exit's code.
    const isObject = ctx.typeof(error) === "object" && !ctx.sameValue(error, ctx.null)
    const exit = isObject ? ctx.getProp(error, "qjswExitCode") : ctx.undefined
    const isExit = ctx.typeof(exit) === "number"
    const code = isExit ? ctx.getNumber(exit) : 1
    exit.dispose()
    if (isExit) {
      error.dispose()
      return { exitCode: code }
    }
    const dumped = ctx.dump(error)
    const reported = yield* this.enterStep("reportUncaught", [error, origin])
    reported.value?.dispose()
    reported.error?.dispose()
    error.dispose()
    // 'exit' listeners see exitCode 1 and may change it, as in Node
    const exited = yield* this.enterStep("emitExitOnError", [])
    const after = exited.value && this.context.typeof(exited.value) === "number" ? this.context.getNumber(exited.value) : 1
    exited.value?.dispose()
    exited.error?.dispose()
    return { exitCode: after, error: hostError(dumped) }
  }

  // An 'uncaughtException' listener threw: Node reports that error and exits with 7, without
  // 'exit' (a worker's thread stops with 1, the error going to its parent's 'error' event).
  private *listenerThrew(thrown: QuickJSHandle): Loop<RunResult> {
    const dumped = this.context.dump(thrown)
    const reported = yield* this.enterStep("reportUncaught", [thrown])
    reported.value?.dispose()
    reported.error?.dispose()
    thrown.dispose()
    return { exitCode: this.link?.boot.worker ? 1 : 7, error: hostError(dumped) }
  }

  // A host exception out of the Wasm module (V8's own stack overflow, from recursion QuickJS's
  // stack check cannot see) leaves the instance in an unknown state: the run ends with it as
  // the error and the sandbox refuses further use instead of running on a corrupt heap.
  private async start(entry: string, args: string[], stdin?: StdinOption): Promise<RunResult> {
    if (this.broken) throw new Error(`Sandbox is unusable after a host error: ${this.broken.message}`)
    await this.beginStdio(stdin)
    return await this.drive(this.runSteps(entry, args))
  }

  // A run as the steps its driver performs: drive() on the host's event loop, or a child
  // process's synchronous scheduler (runtime/sandbox/child-processes.ts), which needs no await.
  private *runSteps(entry: string, args: (string | number)[]): Loop<RunResult> {
    this.runs++
    try {
      const result = yield* this.runLoop(entry, args)
      if (this.disposed) throw new Error("Sandbox is disposed")
      if (this.wasmFailure) throw this.wasmFailure
      return result
    } catch (err) {
      if (this.disposed) throw err
      this.broken = err instanceof Error ? err : new Error(String(err))
      this.stdio.write(2, `${this.broken.name}: ${this.broken.message} (the sandbox cannot continue)\n`)
      return { exitCode: 1, error: this.broken }
    } finally {
      // the deadline was this run's: calls between runs (sandbox.fs) and the next run's own
      // budget do not inherit it
      if ((this.deadline !== undefined || this.link) && !this.disposed && !this.broken) this.runtime.removeInterruptHandler()
      // soon the page and other tabs may write the guest's OPFS files again
      this.opfsMount?.host?.idle()
      this.children.endRun()
      this.runs--
      // the run loop has let go of its handles: a dispose() from inside the run frees now
      if (this.disposed && this.runs === 0 && this.guestDepth === 0) this.free()
    }
  }

  private *sleep(until: number): Loop<void> {
    this.parked = true
    try {
      yield { kind: "sleep", until }
    } finally {
      this.parked = false
    }
  }

  /** @internal Wakes a loop that sleeps (an event for it came in). */
  wake(): void {
    const wake = this.wakeLoop
    this.wakeLoop = undefined
    // an event that comes between the loop's last look and its sleep (from a child that runs
    // on the host's event loop meanwhile) must not be slept through
    if (!wake) this.wokenEarly = true
    wake?.()
  }

  /** @internal A child process's run: its stdio as at the start, then the run's steps. */
  *childSteps(entry: string, args: (string | number)[]): Loop<RunResult> {
    wasmfsFFI(this.module).qjsw_stdio_reset()
    const reset = yield* this.enterStep("resetStdin", [])
    reset.value?.dispose()
    reset.error?.dispose()
    return yield* this.runSteps(entry, args)
  }

  /** @internal A guest step performed at once (a child process's synchronous scheduler). */
  performNow(step: LoopStep): unknown {
    if (step.kind === "enter") return this.call(step.name, step.args)
    throw new Error("quickjs-wasmfs: a sleep is the scheduler's")
  }

  /** @internal Runs `steps` on the host's event loop. */
  driveSteps<T>(steps: Loop<T>): Promise<T> {
    return this.drive(steps)
  }

  /** @internal Who wakes the loop when it sleeps in a synchronous scheduler. */
  setWake(wake: (() => void) | undefined): void {
    this.wakeLoop = wake
  }

  private *enterStep(name: string, args: (string | number | QuickJSHandle)[]): Loop<Outcome<QuickJSHandle>> {
    return yield { kind: "enter", name, args }
  }

  private async drive<T>(steps: Loop<T>): Promise<T> {
    let next = steps.next()
    while (!next.done) {
      let input: unknown
      try {
        input = await this.perform(next.value)
      } catch (err) {
        next = steps.throw(err)
        continue
      }
      next = steps.next(input)
    }
    return next.value
  }

  private perform(step: LoopStep): Promise<unknown> {
    if (step.kind === "enter") return this.enter(step.name, step.args)
    // other contexts may write the guest's OPFS files while it sleeps
    this.opfsMount?.host?.idle()
    if (this.wokenEarly) {
      this.wokenEarly = false
      return Promise.resolve()
    }
    return new Promise<void>((resolve) => {
      const timer = step.until === Infinity ? undefined : setTimeout(resolve, Math.max(0, step.until - Date.now()))
      this.wakeLoop = () => {
        clearTimeout(timer)
        resolve()
      }
    }).finally(() => (this.wakeLoop = undefined))
  }

  // Each run: stdin from its start (the sandbox's, read once, or this run's), fds 0-2 and
  // /dev/std* as at first whatever the last run closed, and a new process.stdin.
  private async beginStdio(stdin: StdinOption | undefined): Promise<void> {
    const input = stdin !== undefined ? await readStdin(stdin) : await (this.stdinBytes ??= readStdin(this.options.stdin))
    if (this.disposed) throw new Error("Sandbox is disposed")
    this.stdio.begin(input)
    wasmfsFFI(this.module).qjsw_stdio_reset()
    const reset = this.call("resetStdin", [])
    reset.value?.dispose()
    reset.error?.dispose()
  }

  private *runLoop(entry: string, args: (string | number)[]): Loop<RunResult> {
    if (this.disposed) throw new Error("Sandbox is disposed")
    // Once the deadline has interrupted the guest, the run is over even if the guest never saw
    // the error (QuickJS drops it when a rejection tracker or finalizer is interrupted).
    let interrupted = false
    this.deadline = this.link ? this.link.deadline : this.options.timeout !== undefined ? Date.now() + this.options.timeout : undefined
    if (this.deadline !== undefined || this.link) {
      const link = this.link
      const expired = this.deadline !== undefined ? shouldInterruptAfterDeadline(this.deadline) : () => false
      this.runtime.setInterruptHandler((rt) => (interrupted ||= (link !== undefined && childKilled(link)) || expired(rt) === true))
    }
    // A run starts as a new process: nothing of the loop or exit state of earlier runs
    const reset = yield* this.enterStep("resetRun", [])
    if (reset.error) return yield* this.finishWithError(reset.error)
    reset.value?.dispose()
    // process.exit() and the timeout's interrupt end the run whatever the guest listens to.
    const unstoppable = (error: QuickJSHandle) => {
      // (anything can be thrown: null and undefined have no properties to read)
      if (this.context.typeof(error) !== "object" || this.context.sameValue(error, this.context.null)) return false
      const code = this.context.getProp(error, "qjswExitCode")
      const isExit = this.context.typeof(code) !== "undefined"
      code.dispose()
      if (isExit) return true
      const { name, message } = this.context.dump(error) ?? {}
      return name === "InternalError" && message === "interrupted"
    }
    // Any other error nothing caught ends the run, unless 'uncaughtException' listeners take it.
    const self = this
    const uncaught = function* (error: QuickJSHandle, origin: string): Loop<RunResult | undefined> {
      if (unstoppable(error)) return yield* self.finishWithError(error, origin)
      const handled = yield* self.enterStep("handleUncaught", [error, origin])
      if (handled.error) {
        error.dispose()
        if (unstoppable(handled.error)) return yield* self.finishWithError(handled.error)
        return yield* self.listenerThrew(handled.error)
      }
      const taken = self.context.dump(handled.value!) === true
      handled.value!.dispose()
      if (!taken) return yield* self.finishWithError(error, origin)
      error.dispose()
      return undefined
    }
    const started = yield* this.enterStep(entry, args)
    if (started.error) {
      const end = yield* uncaught(started.error, "uncaughtException")
      if (end) return end
    }
    started.value?.dispose()
    // The event loop: each turn is one guest entry (the guest's turn(): ticks, promise jobs
    // and rejections, then the next due callback), which answers the next deadline or state,
    // or how the run ends; between turns the host sleeps until that deadline or a wake-up.
    let beforeExitDone = false
    for (;;) {
      if (this.disposed) throw new Error("Sandbox is disposed")
      const step = yield* this.enterStep("turn", [Date.now()])
      if (step.error) {
        const end = yield* uncaught(step.error, "uncaughtException")
        if (end) return end
        continue
      }
      const ctx = this.context
      if (ctx.typeof(step.value!) === "object") {
        const thrown = ctx.getProp(step.value!, "thrown")
        const error = ctx.getProp(step.value!, "error")
        const originHandle = ctx.getProp(step.value!, "origin")
        const origin = ctx.typeof(originHandle) === "string" ? ctx.getString(originHandle) : "uncaughtException"
        originHandle.dispose()
        const listener = ctx.typeof(thrown) !== "undefined"
        step.value!.dispose()
        if (listener) {
          error.dispose()
          return yield* this.listenerThrew(thrown)
        }
        thrown.dispose()
        return yield* this.finishWithError(error, origin)
      }
      const next = ctx.getNumber(step.value!)
      step.value!.dispose()
      this.watchers.drain()
      this.followOthers()
      if (next === LOOP_READY || this.runtime.hasPendingJob()) continue
      if (next === LOOP_WAITING) {
        // only fs.watch watchers (or child processes) keep the loop alive: wait for a change
        // from outside
        yield* this.sleep(Infinity)
        if (this.disposed) throw new Error("Sandbox is disposed")
        continue
      }
      if (next === LOOP_RAN_LAST) {
        // the last callback ran: work happened since any 'beforeExit', which may come again
        beforeExitDone = false
        continue
      }
      if (next === LOOP_EMPTY) {
        // the loop is empty: 'beforeExit' once, and again only after it scheduled timers
        if (beforeExitDone) break
        beforeExitDone = true
        const before = yield* this.enterStep("emitBeforeExit", [])
        if (before.error) {
          const end = yield* uncaught(before.error, "uncaughtException")
          if (end) return end
        } else before.value?.dispose()
        continue
      }
      beforeExitDone = false
      const wait = next - Date.now()
      if (wait > 0) {
        // a change from outside ends the sleep early (fs.watch events, child processes)
        yield* this.sleep(next)
        if (this.disposed) throw new Error("Sandbox is disposed")
      }
    }
    this.watchers.drain()
    if (interrupted) return yield* this.finishWithError(this.context.newError({ name: "InternalError", message: "interrupted" }))
    const codeHandle = this.call("exitCode", [])
    const exitCode = codeHandle.value ? this.context.getNumber(codeHandle.value) : 0
    codeHandle.value?.dispose()
    const exited = yield* this.enterStep("emitExit", [exitCode])
    if (exited.error) return yield* this.finishWithError(exited.error)
    exited.value?.dispose()
    const final = this.call("exitCode", [])
    const code = final.value ? this.context.getNumber(final.value) : exitCode
    final.value?.dispose()
    return { exitCode: code }
  }

  /**
   * Frees the sandbox. Called from inside guest code (a stdout/stderr callback during a run),
   * it ends the run instead: the guest is interrupted, the run rejects with "Sandbox is
   * disposed", and the instance is freed once the guest has returned. Inside a guest call
   * outside any run (a `sandbox.fs` call) it throws and leaves the sandbox as it was.
   */
  dispose(): void {
    if (this.disposed) return
    if (this.guestDepth > 0 && this.runs === 0) {
      throw new Error("Sandbox.dispose() inside a sandbox.fs call: call it after the call returns")
    }
    this.disposed = true
    this.children.endRun()
    this.mountWatcher.stop()
    // the module's mounts serve its other sandboxes still
    if (!this.link) releaseHostDirectories(this.module)
    // the module's fds 0-2 no longer reach this sandbox's callbacks (a bare use reads EOF)
    const stdioOf = emscriptenModuleOf(this.module)
    if (stdioOf.qjswStdio === this.stdio) delete stdioOf.qjswStdio
    // A run between two steps may hold guest values: it winds down (every guest call
    // interrupted) and frees at its end. One parked in a sleep holds none.
    if (this.guestDepth > 0 || (this.runs > 0 && !this.parked)) {
      this.runtime.setInterruptHandler(() => true)
      this.wake()
      return
    }
    this.free()
    this.wake()
  }

  private free(): void {
    if (this.freed) return
    this.freed = true
    // Host files the guest left open: closed now rather than when the instance is garbage.
    if (this.ownsModule) existingNodeMountHost(this.module)?.retire()
    // Freeing walks a heap that may be inconsistent: leave it to the garbage collector.
    this.opfsMount?.dispose()
    if (this.broken) return
    this.wasm?.dispose()
    for (const fn of this.bindings.values()) fn.dispose()
    for (const fn of this.apiFunctions.values()) fn.dispose()
    this.api.dispose()
    this.context.dispose()
    this.runtime.dispose()
  }
}

/** A new sandbox, in a new Wasm instance unless `options.module` is given. */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const module = options.module ?? (await newQuickJSWASMModuleWithWasmFS({ nodeGlobals: false, compileCache: options.compileCache }))
  if (options.module && options.compileCache !== undefined) setCompileCache(module, options.compileCache || undefined)
  const opfs = options.opfs ? await prepareOpfs(module, options.opfs, options.onWarning) : undefined
  const sandbox = new Sandbox(module, options, opfs, !options.module)
  await sandbox.ready()
  if (opfs?.status.backend === "memory") sandbox.fs.mkdirSync(opfs.status.path, { recursive: true })
  return sandbox
}
