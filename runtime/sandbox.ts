import {
  shouldInterruptAfterDeadline,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from "quickjs-emscripten-core"
import { newQuickJSWASMModuleWithWasmFS } from "./index"
import { SandboxFs } from "./sandbox-fs"

export interface SandboxOptions {
  /** Files to create before anything runs: guest path -> contents. */
  files?: Record<string, string | Uint8Array>
  /** Working directory (created if missing). Default "/". */
  cwd?: string
  env?: Record<string, string>
  /** process.argv after the script name. */
  argv?: string[]
  /** Receives what the guest writes to stdout / stderr. Default: the host's streams. */
  stdout?: (text: string) => void
  stderr?: (text: string) => void
  /** Bytes the guest's JS heap may use. */
  memoryLimit?: number
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
}

export interface RunResult {
  exitCode: number
  /** The uncaught error (dumped), when the run ended with one. */
  error?: unknown
}

const BOOT_NAME = "qjsw:sandbox"
const MAX_STACK_SIZE = 448 * 1024

/**
 * A Node-like sandbox: CommonJS modules, process, console, Buffer and timers, with the file tree
 * inside the Wasm module. `run`/`runFile` resolve when the guest's event loop is empty.
 */
export class Sandbox {
  readonly module: QuickJSWASMModule
  private readonly runtime: QuickJSRuntime
  private readonly context: QuickJSContext
  private readonly api: QuickJSHandle
  private readonly options: SandboxOptions
  private disposed = false
  private broken: Error | undefined
  private readonly writeErr: (text: string) => void
  /** The sandbox's file tree, from the host: the guest's own fs, called synchronously. */
  readonly fs: SandboxFs

  constructor(module: QuickJSWASMModule, options: SandboxOptions = {}) {
    if (options.stackSize !== undefined && !(Number.isInteger(options.stackSize) && options.stackSize >= 16384 && options.stackSize <= MAX_STACK_SIZE)) {
      throw new RangeError(`stackSize must be an integer from 16384 to ${MAX_STACK_SIZE}, got ${options.stackSize}`)
    }
    this.module = module
    this.options = options
    this.runtime = module.newRuntime()
    if (options.stackSize !== undefined) this.runtime.setMaxStackSize(options.stackSize)
    if (options.memoryLimit !== undefined) this.runtime.setMemoryLimit(options.memoryLimit)
    this.context = this.runtime.newContext()
    const ctx = this.context
    const out = options.stdout ?? ((t: string) => void process.stdout.write(t))
    const err = options.stderr ?? ((t: string) => void process.stderr.write(t))
    this.writeErr = err
    const write = ctx.newFunction("write", (fd, text) => {
      ;(ctx.getNumber(fd) === 2 ? err : out)(ctx.getString(text))
    })
    const host = ctx.newObject()
    ctx.setProp(host, "write", write)
    write.dispose()
    ctx.setProp(ctx.global, "__qjswHost", host)
    host.dispose()
    const files = Object.entries(options.files ?? {}).map(([name, data]) =>
      typeof data === "string" ? [name, data, false] : [name, Buffer.from(data).toString("base64"), true],
    )
    const boot = {
      argv: options.argv ?? [],
      env: options.env ?? {},
      cwd: options.cwd ?? "/",
      files,
    }
    // A qjsw: name may import the sandbox's internal modules; guest code may not.
    this.api = ctx.unwrapResult(
      ctx.evalCode(
        `import * as api from 'qjsw:internal/bootstrap';
         api.boot({ ...${JSON.stringify(boot)}, host: globalThis.__qjswHost });
         delete globalThis.__qjswHost;
         export { api };`,
        BOOT_NAME,
        { type: "module" },
      ),
    )
    this.fs = new SandboxFs(ctx, (name, args) => this.call(name, args))
  }

  /** Runs `code` as the main CommonJS module `filename`. */
  run(code: string, options: { filename?: string } = {}): Promise<RunResult> {
    return this.start("runSource", [code, options.filename ?? "/main.js"])
  }

  /** Runs the file at guest path `path` as the main module. */
  runFile(path: string): Promise<RunResult> {
    return this.start("runMain", [path])
  }

  /** Imports the file at guest path `path` as an ES module and runs the loop to its end. */
  import(path: string): Promise<RunResult> {
    return this.start("importMain", [path])
  }

  // Calls a function of qjsw:internal/bootstrap with strings, numbers or guest values.
  private call(name: string, args: (string | number | QuickJSHandle)[]): { value?: QuickJSHandle; error?: QuickJSHandle } {
    const ctx = this.context
    const api = ctx.getProp(this.api, "api")
    const fn = ctx.getProp(api, name)
    const made = args.map((a) =>
      typeof a === "string" ? ctx.newString(a) : typeof a === "number" ? ctx.newNumber(a) : undefined,
    )
    const handles = args.map((a, i) => made[i] ?? (a as QuickJSHandle))
    const result = ctx.callFunction(fn, ctx.undefined, handles)
    made.forEach((h) => h?.dispose())
    fn.dispose()
    api.dispose()
    return result.error ? { error: result.error } : { value: result.value }
  }

  // Ends a run on an error: process.exit's uncatchable signal, or an uncaught exception.
  private finishWithError(error: QuickJSHandle): RunResult {
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
    const reported = this.call("reportUncaught", [error])
    reported.value?.dispose()
    reported.error?.dispose()
    error.dispose()
    this.call("emitExit", [1]).value?.dispose()
    return { exitCode: 1, error: dumped }
  }

  // A host exception out of the Wasm module (V8's own stack overflow, from recursion QuickJS's
  // stack check cannot see) leaves the instance in an unknown state: the run ends with it as
  // the error and the sandbox refuses further use instead of running on a corrupt heap.
  private async start(entry: string, args: string[]): Promise<RunResult> {
    if (this.broken) throw new Error(`Sandbox is unusable after a host error: ${this.broken.message}`)
    try {
      return await this.runLoop(entry, args)
    } catch (err) {
      if (this.disposed) throw err
      this.broken = err instanceof Error ? err : new Error(String(err))
      this.writeErr(`${this.broken.name}: ${this.broken.message} (the sandbox cannot continue)\n`)
      return { exitCode: 1, error: this.broken }
    }
  }

  private async runLoop(entry: string, args: string[]): Promise<RunResult> {
    if (this.disposed) throw new Error("Sandbox is disposed")
    if (this.options.timeout !== undefined) {
      this.runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + this.options.timeout))
    }
    const started = this.call(entry, args)
    if (started.error) return this.finishWithError(started.error)
    started.value?.dispose()
    // The event loop: process.nextTick callbacks and promise jobs (ticks first, repeated until
    // both are empty, as Node does), then due timers and immediates, until nothing is left.
    for (;;) {
      for (;;) {
        const ticks = this.call("runTicks", [])
        if (ticks.error) return this.finishWithError(ticks.error)
        const ran = this.context.getNumber(ticks.value!)
        ticks.value!.dispose()
        if (ran === 0 && !this.runtime.hasPendingJob()) break
        const jobs = this.runtime.executePendingJobs()
        if (jobs.error) return this.finishWithError(jobs.error)
      }
      const failure = this.call("takeFailure", [])
      if (failure.error) return this.finishWithError(failure.error)
      if (this.context.typeof(failure.value!) === "object") {
        const error = this.context.getProp(failure.value!, "error")
        failure.value!.dispose()
        return this.finishWithError(error)
      }
      failure.value!.dispose()
      const due = this.call("runDue", [Date.now()])
      if (due.error) return this.finishWithError(due.error)
      const next = this.context.getNumber(due.value!)
      due.value!.dispose()
      if (this.runtime.hasPendingJob()) continue
      if (next < 0) break
      const wait = next - Date.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    }
    const codeHandle = this.call("exitCode", [])
    const exitCode = codeHandle.value ? this.context.getNumber(codeHandle.value) : 0
    codeHandle.value?.dispose()
    const exited = this.call("emitExit", [exitCode])
    if (exited.error) return this.finishWithError(exited.error)
    exited.value?.dispose()
    const final = this.call("exitCode", [])
    const code = final.value ? this.context.getNumber(final.value) : exitCode
    final.value?.dispose()
    return { exitCode: code }
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    // Freeing walks a heap that may be inconsistent: leave it to the garbage collector.
    if (this.broken) return
    this.api.dispose()
    this.context.dispose()
    this.runtime.dispose()
  }
}

/** A new sandbox, in a new Wasm instance unless `options.module` is given. */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const module = options.module ?? (await newQuickJSWASMModuleWithWasmFS())
  return new Sandbox(module, options)
}
