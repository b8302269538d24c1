// Node's globals in the contexts of a module from newQuickJSWASMModuleWithWasmFS(): `require`
// (Node's builtins and CommonJS files of the tree), `console`, `process`, `Buffer`, timers, as
// `node -e` has them. Nothing else of the core changes: the embedder enters the guest when it
// likes and runs promise jobs itself (process.nextTick is one), while timers and immediates
// run on the host's own timers, each callback followed by its promise jobs, as in Node.
import { DisposableResult, type QuickJSContext, type QuickJSHandle, type QuickJSWASMModule } from "quickjs-emscripten-core"
import { LOOP_EMPTY, LOOP_RAN_LAST, LOOP_READY, LOOP_WAITING } from "../../modules/internal/loop_states.js"

/** What the core's evalCode returns. */
type EvalResult = ReturnType<QuickJSContext["evalCode"]>
import { withBootWindow } from "./boot-window"
import { emscriptenModuleOf, suspendingGuestCalls, syncGuestCalls, type GuestCalls } from "./guest-calls"
import { afterTurn, moduleTurns } from "./module-turns"
import { GuestStdio, type OutputOptions } from "../sandbox/stdio"
import { GuestWebAssembly } from "../webassembly/webassembly"

export interface NodeGlobalsOptions extends OutputOptions {
  /** process.env (default: empty). */
  env?: Record<string, string>
  /** process.argv after the script name. */
  argv?: string[]
  /**
   * A `WebAssembly` global run by the host engine's WebAssembly (default false), as
   * createSandbox's `webAssembly`: host memories count against the runtime's memory limit as
   * it was when the context was made.
   */
  webAssembly?: boolean
}

const BOOT_NAME = "qjsw:node-context"
// Callbacks one host timer runs at most before it lets the host's own loop run.
const CALLBACKS_PER_TURN = 1000

/** The parts of a booted context the host keeps (the guest cannot reach them). */
interface Booted {
  runDue: QuickJSHandle
  report: QuickJSHandle
  handles: QuickJSHandle[]
}

const contexts = new WeakMap<QuickJSContext, NodeContext>()

class NodeContext {
  private depth = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  private timerAt = Infinity
  private pumping = false
  private disposed = false
  private readonly stdio: GuestStdio
  private booted: Booted | undefined
  private wasm: GuestWebAssembly | undefined
  private readonly raw: { evalCode: QuickJSContext["evalCode"]; callFunction: QuickJSContext["callFunction"] }
  private readonly wake = () => this.schedule(Date.now())

  constructor(
    private readonly module: QuickJSWASMModule,
    private readonly context: QuickJSContext,
    options: NodeGlobalsOptions,
  ) {
    this.stdio = new GuestStdio(options)
    this.raw = { evalCode: context.evalCode.bind(context), callFunction: context.callFunction.bind(context) }
    this.boot(options)
    // every way the embedder enters guest code is a turn (OPFS caches, watchers, stdio)
    context.evalCode = ((...args: Parameters<QuickJSContext["evalCode"]>) =>
      this.entered(() => this.raw.evalCode(...args))) as QuickJSContext["evalCode"]
    context.callFunction = ((...args: Parameters<QuickJSContext["callFunction"]>) =>
      this.entered(() => this.raw.callFunction(...args))) as QuickJSContext["callFunction"]
    const runtime = context.runtime
    const jobs = runtime.executePendingJobs
    runtime.executePendingJobs = (max?: number) => this.entered(() => jobs(max))
    const dispose = context.dispose.bind(context)
    context.dispose = () => {
      this.release()
      dispose()
    }
  }

  private boot(options: NodeGlobalsOptions): void {
    const ctx = this.context
    const host = ctx.newObject()
    ctx
      .newFunction("write", (fd, data) => {
        if (this.disposed) return
        const chunk = ctx.typeof(data) === "string" ? ctx.getString(data) : ctx.getArrayBuffer(data).consume((b) => b.value.slice())
        this.stdio.write(ctx.getNumber(fd), chunk)
      })
      .consume((fn) => ctx.setProp(host, "write", fn))
    ctx.newFunction("queued", () => this.schedule(Date.now())).consume((fn) => ctx.setProp(host, "queued", fn))
    if (options.webAssembly) {
      const runtime = ctx.runtime
      // the limit as set now (the core keeps no getter): what the memories leave of it is the heap's
      const usage = runtime.computeMemoryUsage().consume((h) => ctx.dump(h)) as { malloc_limit: number }
      // (size_t)-1 is no limit
      const limit = usage.malloc_limit >= 0 && usage.malloc_limit < 2 ** 32 - 1 ? usage.malloc_limit : undefined
      this.wasm = new GuestWebAssembly(this.module, runtime, ctx, {
        memoryLimit: limit,
        setHeapLimit: (bytes) => runtime.setMemoryLimit(bytes),
        deadline: () => undefined,
        fatal: () => runtime.setInterruptHandler(() => true),
      })
      this.wasm.install(host)
    }
    ctx.setProp(ctx.global, "__qjswHost", host)
    host.dispose()
    const boot = { argv: options.argv ?? [], env: options.env ?? {} }
    const source = `import * as api from 'qjsw:internal/sandbox';
      api.boot({ ...${JSON.stringify(boot)}, host: globalThis.__qjswHost });
      delete globalThis.__qjswHost;
      api.exposeEvalScope();
      export { api };`
    this.claim()
    const ns = ctx.unwrapResult(withBootWindow(ctx, () => this.raw.evalCode(source, BOOT_NAME, { type: "module" })))
    const api = ctx.getProp(ns, "api")
    ns.dispose()
    this.booted = { runDue: ctx.getProp(api, "runDue"), report: ctx.getProp(api, "reportUncaught"), handles: [api] }
  }

  private claim(): void {
    emscriptenModuleOf(this.module).qjswStdio = this.stdio
  }

  private entered<T>(run: () => T): T {
    const turns = moduleTurns(this.module)
    if (this.depth++ === 0) {
      this.claim()
      for (const hook of [...turns.before]) hook()
    }
    try {
      return run()
    } finally {
      if (--this.depth === 0) afterTurn(turns)
    }
  }

  // A host timer for the guest's next deadline (`at`, ms since the epoch).
  private schedule(at: number): void {
    if (this.disposed || (this.timer !== undefined && this.timerAt <= at)) return
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timerAt = at
    this.timer = setTimeout(
      () => {
        this.timer = undefined
        this.timerAt = Infinity
        void this.pump()
      },
      Math.max(0, at - Date.now()),
    )
  }

  // Node's loop, for the callbacks that are due: each, then the promise jobs it queued. With
  // OPFS through JSPI the guest is entered through promising exports, so it may wait there.
  private async pump(): Promise<void> {
    if (this.disposed || this.pumping || !this.context.alive) return
    this.pumping = true
    const turns = moduleTurns(this.module)
    turns.waiting.delete(this.wake)
    const guest: GuestCalls = turns.suspending
      ? suspendingGuestCalls(this.module, this.context.runtime, this.context)
      : syncGuestCalls(this.context.runtime, this.context)
    this.depth++
    this.claim()
    for (const hook of [...turns.before]) hook()
    let next: number = LOOP_EMPTY
    try {
      for (let n = 0; n < CALLBACKS_PER_TURN && !this.disposed; n++) {
        const now = this.context.newNumber(Date.now())
        const due = await guest.call(this.booted!.runDue, this.context.undefined, [now])
        now.dispose()
        if (this.disposed) return
        if (due.error) {
          next = LOOP_READY
          this.report(due.error)
        } else {
          next = this.context.getNumber(due.value)
          due.value.dispose()
        }
        for (;;) {
          const jobs = await guest.executePendingJobs()
          if (this.disposed) return
          if (jobs.error) this.report(jobs.error)
          else if (jobs.value === 0) break
        }
        if (next !== LOOP_READY && next !== LOOP_RAN_LAST) break
      }
    } finally {
      this.depth--
      this.pumping = false
      afterTurn(turns)
    }
    if (this.disposed) return
    if (next === LOOP_READY || next === LOOP_RAN_LAST) this.schedule(Date.now())
    else if (next > 0) this.schedule(next)
    else if (next === LOOP_WAITING) turns.waiting.add(this.wake)
  }

  // An error a callback threw: printed as Node prints an uncaught one (the loop goes on: a
  // context has no process to end). process.exit() in a callback ends nothing either.
  private report(error: QuickJSHandle): void {
    const ctx = this.context
    const exit = ctx.typeof(error) === "object" && !ctx.sameValue(error, ctx.null) ? ctx.getProp(error, "qjswExitCode") : ctx.undefined
    const isExit = ctx.typeof(exit) === "number"
    exit.dispose()
    if (!isExit) {
      const origin = ctx.newString("uncaughtException")
      const r = this.raw.callFunction(this.booted!.report, ctx.undefined, error, origin)
      origin.dispose()
      r.dispose()
    }
    error.dispose()
  }

  private release(): void {
    if (this.disposed) return
    this.disposed = true
    if (this.timer !== undefined) clearTimeout(this.timer)
    moduleTurns(this.module).waiting.delete(this.wake)
    const em = emscriptenModuleOf(this.module)
    if (em.qjswStdio === this.stdio) delete em.qjswStdio
    this.wasm?.dispose()
    this.wasm = undefined
    const b = this.booted
    this.booted = undefined
    if (b) for (const h of [b.runDue, b.report, ...b.handles]) if (h.alive) h.dispose()
  }

  /** `code` as evalCode runs it, entered so that the guest may wait for OPFS (JSPI). */
  async evalCodeAsync(code: string, filename: string): Promise<EvalResult> {
    const turns = moduleTurns(this.module)
    const guest = turns.suspending
      ? suspendingGuestCalls(this.module, this.context.runtime, this.context)
      : syncGuestCalls(this.context.runtime, this.context)
    this.depth++
    this.claim()
    for (const hook of [...turns.before]) hook()
    try {
      const r = await guest.evalScript(code, filename)
      return r.error ? DisposableResult.fail(r.error, (e) => this.context.unwrapResult(e)) : DisposableResult.success(r.value)
    } finally {
      this.depth--
      afterTurn(turns)
    }
  }
}

/** Boots Node's globals into `context`, fresh from `module` (no code has run in it). */
export function bootNodeContext(module: QuickJSWASMModule, context: QuickJSContext, options: NodeGlobalsOptions = {}): void {
  contexts.set(context, new NodeContext(module, context, options))
}

/**
 * Evaluates `code` in a context of a module from newQuickJSWASMModuleWithWasmFS(), entered so
 * that the guest may wait for the browser: what a synchronous `evalCode` cannot do with OPFS
 * mounted through JSPI (there it fails with EAGAIN where OPFS must be asked).
 */
export function evalCodeAsync(context: QuickJSContext, code: string, filename = "eval.js"): Promise<EvalResult> {
  const node = contexts.get(context)
  if (!node) throw new TypeError("quickjs-wasmfs: evalCodeAsync needs a context from a module of newQuickJSWASMModuleWithWasmFS()")
  return node.evalCodeAsync(code, filename)
}
