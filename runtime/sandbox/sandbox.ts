import { shouldInterruptAfterDeadline, type QuickJSContext, type QuickJSRuntime, type QuickJSWASMModule } from "quickjs-emscripten-core"
import { emscriptenModuleOf, suspendingGuestCalls, syncGuestCalls, wasmfsFFI, type GuestCalls } from "../module/guest-calls"
import { CHANGE_TYPES, type ChangeType } from "../generated/native"
import { installFreshHeapViews } from "../module/heap-views"
import { newQuickJSWASMModuleWithWasmFS } from "../index"
import { existingNodeMountHost } from "../mounts/node-mount-host"
import { MountWatcher, mountHostDirectories, releaseHostDirectories, normalizeGuest, normalizeMounts } from "../mounts/mounts"
import { prepareOpfs, type OpfsMount, type OpfsStatus } from "../opfs/opfs"
import { SandboxFs } from "./sandbox-fs"
import { withBootWindow } from "../module/boot-window"
import { contextPointer, runtimePointer, valuePointer } from "../module/pointers"
import { setStorageLimit } from "../module/storage"
import { HostWatchers, type SandboxChange, type WatchOptions, type Watcher } from "./watch"
import { GuestStdio, readStdin, type StdinOption } from "./stdio"
import { ChildProcesses, childKilled, type ChildLink, type ChildSandbox } from "./child-processes"
import type { ChildStdio } from "./child-stdio"
import { GuestWebAssembly } from "../webassembly/webassembly"
import { setCompileCache } from "../module/compile-cache"
import { LOOP_EMPTY, LOOP_RAN_LAST, LOOP_READY, LOOP_WAITING } from "../../modules/internal/loop_states.js"
import { checkSandboxOptions, type RunResult, type SandboxOptions } from "./sandbox-options"
import { BOOT_NAME, bootSource, exposesInternals, newBootHost, setBootFiles, setStackSize } from "./sandbox-boot"
import { LoopSleep, drive, enterStep, type Loop, type LoopStep } from "./run-loop"
import { finishWithError, runStep } from "./uncaught"
import { GuestEntry } from "./guest-entry"
import { finallyDo } from "../module/finally-do"

export { type SandboxOptions, type RunResult } from "./sandbox-options"
export type { Loop, LoopStep } from "./run-loop"

/**
 * A Node-like sandbox: CommonJS modules, process, console, Buffer and timers, with the file tree
 * inside the Wasm module. `run`/`runFile` resolve when the guest's event loop is empty.
 */
export class Sandbox implements ChildSandbox {
  readonly module: QuickJSWASMModule
  private readonly runtime: QuickJSRuntime
  private readonly context: QuickJSContext
  private readonly options: SandboxOptions
  private disposed = false
  // dispose() inside a guest call (a stdout callback, say) waits for the run to end: freeing
  // the runtime under the running guest aborts the instance.
  private freed = false
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
  private readonly entry: GuestEntry
  private bootSource = ""
  private readonly watchers: HostWatchers
  private readonly mountWatcher: MountWatcher
  // the run loop's sleeps, and what wakes it
  private readonly sleeper = new LoopSleep()
  // the guest's WebAssembly, when asked for, and the heap limit its memories leave
  private readonly wasm: GuestWebAssembly | undefined
  private heapLimit: number | undefined
  private wasmFailure: Error | undefined

  constructor(module: QuickJSWASMModule, options: SandboxOptions = {}, opfs?: OpfsMount, ownsModule = false, link?: ChildLink) {
    checkSandboxOptions(options, opfs)
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
    setStackSize(module, this.runtime, options.stackSize, link)
    // The limit bounds the guest, so it comes after the boot (limitMemory): under a limit too
    // small for it, making the context failed half way and the next call used it anyway (a
    // wild pointer in the Wasm heap).
    this.context = this.runtime.newContext()
    this.heapLimit = options.memoryLimit
    const ctx = this.context
    this.stdio = link?.stdio ?? new GuestStdio(options)
    this.claimStdio()
    const host = newBootHost(
      ctx,
      () => this.disposed,
      (fd, chunk) => this.stdio.write(fd, chunk),
    )
    const exposeInternals = exposesInternals(options, link)
    this.children = new ChildProcesses({
      module,
      runtime: this.runtime,
      memoryLimit: options.memoryLimit,
      link,
      deadline: () => this.deadline,
      stdio: this.stdio,
      wake: () => this.wake(),
      claim: () => this.claimStdio(),
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
    this.children.install(ctx, host, (h) => classFfi.qjsw_value_kind(contextPointer(ctx), valuePointer(h)))
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
    setBootFiles(ctx, host, options.files)
    ctx.setProp(ctx.global, "__qjswHost", host)
    host.dispose()
    const source = bootSource(options, link, exposeInternals)
    // the boot may touch /opfs (files, cwd): it runs in createSandbox, where it may wait
    this.guest = opfs?.suspending ? suspendingGuestCalls(module, this.runtime, ctx) : syncGuestCalls(this.runtime, ctx)
    this.entry = new GuestEntry(
      ctx,
      this.guest,
      () => this.claimStdio(),
      () => this.opfsMount?.host?.newTurn(),
    )
    if (opfs?.suspending) this.bootSource = source
    else this.entry.api = ctx.unwrapResult(withBootWindow(ctx, () => ctx.evalCode(source, BOOT_NAME, { type: "module" })))
    const ffi = wasmfsFFI(module)
    this.watchers = new HostWatchers(ffi, () => emscriptenModuleOf(module).HEAPU8)
    const ctxPtr = contextPointer(ctx)
    this.fs = new SandboxFs(
      ctx,
      {
        binding: (name) => this.entry.binding(name),
        kind: (h) => ffi.qjsw_value_kind(ctxPtr, valuePointer(h)),
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
    this.sleeper.wakeSleeping()
  }

  /**
   * `fs.<method>(...args)` in the guest, like `sandbox.fs`, but entered as the event loop enters
   * the guest: with OPFS, a call that must wait for the browser waits instead of failing (EAGAIN).
   */
  async fsCall(method: string, args: unknown[], data?: Uint8Array): Promise<unknown> {
    if (this.disposed) throw new Error("Sandbox is disposed")
    try {
      return await this.entry.exclusive(() =>
        this.hostFsTurn(() =>
          this.fs.callAsync(
            (fn, a) => {
              this.opfsMount?.host?.newTurn()
              return this.guest.call(fn, this.context.undefined, a)
            },
            method,
            args,
            data,
          ),
        ),
      )
    } finally {
      this.afterHostChange()
    }
  }

  // fds 0-2 and /dev/std* belong to the module: they reach this sandbox's stdio while it runs
  private claimStdio(): void {
    // a disposed sandbox winding down its run keeps off the module's fds 0-2
    if (this.disposed) return
    const em = emscriptenModuleOf(this.module)
    em.qjswStdio = this.stdio
    // WasmFS has one working directory for the module: the last sandbox's is kept while this
    // one runs (a new sandbox starts in it; its boot sets its own)
    const owner = em.qjswCwdOwner as Sandbox | undefined
    if (owner === this) return
    const ffi = wasmfsFFI(this.module)
    if (owner && !owner.disposed) owner.cwd = ffi.qjsw_cwd_get() || owner.cwd
    if (this.cwd) ffi.qjsw_cwd_set(this.cwd)
    em.qjswCwdOwner = this
  }
  // this sandbox's working directory while another one's runs
  private cwd = ""

  /** The boot deferred by the constructor (OPFS through JSPI). */
  async ready(): Promise<void> {
    if (!this.bootSource) return
    this.claimStdio()
    const source = this.bootSource
    this.bootSource = ""
    this.opfsMount?.host?.newTurn()
    const booted = await withBootWindow(this.context, () => this.guest.evalModule(source, BOOT_NAME))
    this.entry.api = this.context.unwrapResult(booted as never)
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
    const held = ffi.qjsw_runtime_malloc_size(runtimePointer(this.runtime))
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

  // A host exception out of the Wasm module (V8's own stack overflow, from recursion QuickJS's
  // stack check cannot see) leaves the instance in an unknown state: the run ends with it as
  // the error and the sandbox refuses further use instead of running on a corrupt heap.
  private async start(entry: string, args: string[], stdin?: StdinOption): Promise<RunResult> {
    if (this.broken) throw new Error(`Sandbox is unusable after a host error: ${this.broken.message}`)
    await this.beginStdio(stdin)
    return await drive(this.runSteps(entry, args), (step) => this.perform(step))
  }

  // A run as the steps its driver performs: drive() on the host's event loop, or a child
  // process's synchronous scheduler (runtime/sandbox/child-scheduler.ts), which needs no await.
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
      if (this.disposed && this.runs === 0 && this.entry.depth === 0) this.free()
    }
  }

  /** @internal Wakes a loop that sleeps (an event for it came in). */
  wake(): void {
    this.sleeper.wake()
  }

  /** @internal A child process's run: its stdio as at the start, then the run's steps. */
  *childSteps(entry: string, args: (string | number)[]): Loop<RunResult> {
    wasmfsFFI(this.module).qjsw_stdio_reset()
    const reset = yield* enterStep("resetStdin", [])
    reset.value?.dispose()
    reset.error?.dispose()
    return yield* this.runSteps(entry, args)
  }

  /** @internal A guest step performed at once (a child process's synchronous scheduler). */
  performNow(step: LoopStep): unknown {
    if (step.kind === "enter") return this.entry.call(step.name, step.args)
    throw new Error("quickjs-wasmfs: a sleep is the scheduler's")
  }

  /** @internal Runs `steps` on the host's event loop. */
  driveSteps<T>(steps: Loop<T>): Promise<T> {
    return drive(steps, (step) => this.perform(step))
  }

  /** @internal Who wakes the loop when it sleeps in a synchronous scheduler. */
  setWake(wake: (() => void) | undefined): void {
    this.sleeper.setWake(wake)
  }

  private perform(step: LoopStep): Promise<unknown> {
    if (step.kind === "enter") return this.entry.enter(step.name, step.args)
    // other contexts may write the guest's OPFS files while it sleeps
    this.opfsMount?.host?.idle()
    return this.sleeper.wait(step.until)
  }

  // Each run: stdin from its start (the sandbox's, read once, or this run's), fds 0-2 and
  // /dev/std* as at first whatever the last run closed, and a new process.stdin.
  private async beginStdio(stdin: StdinOption | undefined): Promise<void> {
    const input = stdin !== undefined ? await readStdin(stdin) : await (this.stdinBytes ??= readStdin(this.options.stdin))
    if (this.disposed) throw new Error("Sandbox is disposed")
    this.stdio.begin(input)
    wasmfsFFI(this.module).qjsw_stdio_reset()
    const reset = this.entry.call("resetStdin", [])
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
    const ctx = this.context
    const worker = Boolean(this.link?.boot.worker)
    // A run starts as a new process: nothing of the loop or exit state of earlier runs
    const reset = yield* enterStep("resetRun", [])
    if (reset.error) return yield* finishWithError(ctx, reset.error)
    reset.value?.dispose()
    const started = yield* runStep(ctx, "start", [entry, ...args], worker)
    if ("end" in started) return started.end
    // The event loop: each turn is one guest entry (the guest's turn(): ticks, promise jobs
    // and rejections, then the next due callback), which answers the next deadline or state,
    // or how the run ends; between turns the host sleeps until that deadline or a wake-up.
    let beforeExitDone = false
    for (;;) {
      if (this.disposed) throw new Error("Sandbox is disposed")
      const turned = yield* runStep(ctx, "turn", [Date.now()], worker)
      if ("end" in turned) return turned.end
      const next = turned.next!
      this.watchers.drain()
      this.followOthers()
      if (next === LOOP_READY || this.runtime.hasPendingJob()) continue
      if (next === LOOP_WAITING) {
        // only fs.watch watchers (or child processes) keep the loop alive: wait for a change
        // from outside
        yield* this.sleeper.sleep(Infinity)
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
        const before = yield* runStep(ctx, "beforeExit", [], worker)
        if ("end" in before) return before.end
        continue
      }
      beforeExitDone = false
      const wait = next - Date.now()
      if (wait > 0) {
        // a change from outside ends the sleep early (fs.watch events, child processes)
        yield* this.sleeper.sleep(next)
        if (this.disposed) throw new Error("Sandbox is disposed")
      }
    }
    this.watchers.drain()
    if (interrupted) return yield* finishWithError(ctx, ctx.newError({ name: "InternalError", message: "interrupted" }))
    const codeHandle = this.entry.call("exitCode", [])
    const exitCode = codeHandle.value ? this.context.getNumber(codeHandle.value) : 0
    codeHandle.value?.dispose()
    const exited = yield* enterStep("emitExit", [exitCode])
    if (exited.error) return yield* finishWithError(ctx, exited.error)
    exited.value?.dispose()
    const final = this.entry.call("exitCode", [])
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
    if (this.entry.depth > 0 && this.runs === 0) {
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
    if (this.entry.depth > 0 || (this.runs > 0 && !this.sleeper.parked)) {
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
    this.entry.dispose()
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
