// quickjs-wasmfs/browser: a sandbox in a dedicated Worker, driven from the page with promises.
// In the worker the guest runs synchronously against its own file tree, with the Origin
// Private File System at /opfs when asked (`opfs: true`); the page only exchanges messages.
import type { WireError, WorkerRequest, WorkerResponse, WorkerSandboxOptions } from "./browser-protocol"
import type { OpfsStatus } from "../opfs/opfs"
import type { RunResult } from "../sandbox/sandbox"
import { Output, readStdin, type StdinOption } from "../sandbox/stdio"
import { SandboxFsError } from "../sandbox/system-error"
import type { SandboxChange } from "../sandbox/watch"

export type { OpfsStatus, RunResult, SandboxChange, StdinOption }

export interface BrowserSandboxOptions extends Omit<WorkerSandboxOptions, "stdin"> {
  /** Receives the guest's stdout / stderr as text. Default, without the bytes form: the page's console. */
  stdout?: (text: string) => void
  stderr?: (text: string) => void
  /** The same output as the exact bytes the guest wrote. */
  stdoutBytes?: (bytes: Uint8Array) => void
  stderrBytes?: (bytes: Uint8Array) => void
  /** The guest's stdin (read to its end first; every run reads it from the start). Default: empty. */
  stdin?: StdinOption
  /** Told about degraded setups (/opfs in memory: no OPFS, or neither JSPI nor cross-origin isolation). Default: console.warn. */
  onWarning?: (message: string) => void
  /** Where the worker script is (default: browser-worker.mjs next to this file). */
  workerUrl?: string | URL
}

/** A file-system error from the sandbox, with Node's fields (the class SandboxFsError is in Node). */
export const BrowserSandboxError = SandboxFsError
export type BrowserSandboxError = SandboxFsError

type Data = string | Uint8Array

/** The sandbox's fs from the page: Node's fs methods, each a round trip to the worker. */
export interface BrowserSandboxFs {
  readFile(path: string): Promise<Uint8Array>
  readFile(path: string, encoding: string): Promise<string>
  writeFile(path: string, data: Data): Promise<void>
  appendFile(path: string, data: Data): Promise<void>
  mkdir(path: string, options?: { recursive?: boolean; mode?: number }): Promise<string | undefined>
  readdir(path: string): Promise<string[]>
  stat(path: string): Promise<Record<string, unknown> & { mode: number; size: number }>
  exists(path: string): Promise<boolean>
  rename(from: string, to: string): Promise<void>
  unlink(path: string): Promise<void>
  rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void>
}

export class BrowserSandbox {
  /** The OPFS mount's state when `opfs` was asked for ("jspi", "bridge", or "memory" with a reason). */
  readonly opfs: OpfsStatus | undefined
  readonly fs: BrowserSandboxFs
  private readonly worker: Worker
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>()
  private nextId = 1
  private closed = false
  private readonly listeners: Map<number, (change: SandboxChange) => void>

  /** @internal use createSandbox() */
  constructor(
    worker: Worker,
    opfs: OpfsStatus | undefined,
    pending: BrowserSandbox["pending"],
    listeners: Map<number, (change: SandboxChange) => void>,
  ) {
    this.worker = worker
    this.opfs = opfs
    this.pending = pending
    this.listeners = listeners
    const call = (method: string, args: unknown[], data?: Uint8Array) => this.request({ op: "fs", method, args, data })
    const withData = (method: string) => (path: string, data: Data) =>
      typeof data === "string" ? call(method, [path, data]) : call(method, [path, null], data)
    this.fs = {
      readFile: ((path: string, encoding?: string) =>
        call("readFileSync", encoding ? [path, encoding] : [path])) as BrowserSandboxFs["readFile"],
      writeFile: withData("writeFileSync") as BrowserSandboxFs["writeFile"],
      appendFile: withData("appendFileSync") as BrowserSandboxFs["appendFile"],
      mkdir: (path, options) => call("mkdirSync", [path, options]) as Promise<string | undefined>,
      readdir: (path) => call("readdirSync", [path]) as Promise<string[]>,
      stat: (path) => call("statSync", [path]) as ReturnType<BrowserSandboxFs["stat"]>,
      exists: (path) => call("existsSync", [path]) as Promise<boolean>,
      rename: (from, to) => call("renameSync", [from, to]) as Promise<void>,
      unlink: (path) => call("unlinkSync", [path]) as Promise<void>,
      rm: (path, options) => call("rmSync", [path, options]) as Promise<void>,
    }
  }

  /** Runs `code` as the main CommonJS module; resolves when the guest's event loop is empty. */
  run(code: string, options: { filename?: string } = {}): Promise<RunResult> {
    return this.request({ op: "run", code, filename: options.filename }).then(fromWireResult)
  }

  runFile(path: string): Promise<RunResult> {
    return this.request({ op: "runFile", path }).then(fromWireResult)
  }

  import(path: string): Promise<RunResult> {
    return this.request({ op: "import", path }).then(fromWireResult)
  }

  /**
   * Calls `listener` with each change below guest path `path` (`recursive`: everything below):
   * the guest's writes, the page's through `fs`, and on /opfs others' too (`opfs.changes` says
   * how those are seen). Returns a closer.
   */
  watch(
    path: string,
    options: { recursive?: boolean } | ((change: SandboxChange) => void),
    listener?: (change: SandboxChange) => void,
  ): { close(): void } {
    const fn = typeof options === "function" ? options : listener!
    const recursive = typeof options === "object" && options?.recursive === true
    const watchId = this.nextId++
    this.listeners.set(watchId, fn)
    void this.request({ op: "watch", watchId, path, recursive }).catch(() => this.listeners.delete(watchId))
    return {
      close: () => {
        if (!this.listeners.delete(watchId) || this.closed) return
        void this.request({ op: "unwatch", watchId }).catch(() => {})
      },
    }
  }

  /** Disposes the sandbox (closing its OPFS handles) and ends the worker. */
  async dispose(): Promise<void> {
    if (this.closed) return
    try {
      await this.request({ op: "dispose" })
    } finally {
      this.closed = true
      this.worker.terminate()
      for (const p of this.pending.values()) p.reject(new Error("quickjs-wasmfs: the sandbox is disposed"))
      this.pending.clear()
    }
  }

  private request(body: DistributiveOmit<WorkerRequest, "id">): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error("quickjs-wasmfs: the sandbox is disposed"))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.worker.postMessage({ ...body, id })
    })
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

function toError(e: WireError): Error {
  const error = e.code ? new BrowserSandboxError(e.message) : new Error(e.message)
  return Object.assign(error, e)
}

// RunResult.error arrives flattened (browser-worker.ts): an Error again, as in Node
function fromWireResult(r: unknown): RunResult {
  const { exitCode, error } = r as { exitCode: number; error?: WireError }
  return error ? { exitCode, error: toError(error) } : { exitCode }
}

/**
 * A sandbox in a new dedicated Worker. With `opfs: true` the guest's /opfs is the origin's
 * Origin Private File System: through JSPI (Chromium 137+), or, in engines without it, on a
 * cross-origin-isolated page (COOP/COEP headers), through a second worker that the sandbox's
 * worker starts (dist/opfs-worker.mjs, next to the worker script); `sandbox.opfs` says what it got.
 */
export async function createSandbox(options: BrowserSandboxOptions = {}): Promise<BrowserSandbox> {
  const { stdout, stderr, stdoutBytes, stderrBytes, stdin, onWarning, workerUrl, ...rest } = options
  const input = stdin === undefined ? undefined : await readStdin(stdin)
  // (the literal `new Worker(new URL("./…", import.meta.url))` is what bundlers recognise and bundle)
  const worker = workerUrl
    ? new Worker(workerUrl, { type: "module" })
    : new Worker(new URL("./browser-worker.mjs", import.meta.url), { type: "module" })
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>()
  const listeners = new Map<number, (change: SandboxChange) => void>()
  const out = new Output(stdout ?? (stdoutBytes ? undefined : (t: string) => console.log(t.replace(/\n$/, ""))), stdoutBytes)
  const err = new Output(stderr ?? (stderrBytes ? undefined : (t: string) => console.error(t.replace(/\n$/, ""))), stderrBytes)
  const warn = onWarning ?? ((m: string) => console.warn(m))
  let ready!: () => void
  let failed!: (e: unknown) => void
  const started = new Promise<void>((resolve, reject) => {
    ready = resolve
    failed = reject
  })
  worker.onerror = (event) => {
    const e = new Error(`quickjs-wasmfs: the sandbox worker failed: ${event.message || "could not load"}`)
    failed(e)
    for (const p of pending.values()) p.reject(e)
    pending.clear()
  }
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const m = event.data
    if (m.type === "ready") ready()
    else if (m.type === "stdout") out.write(m.bytes)
    else if (m.type === "stderr") err.write(m.bytes)
    else if (m.type === "warning") warn(m.message)
    else if (m.type === "change") listeners.get(m.watchId)?.(m.change)
    else if (m.type === "result") {
      const p = pending.get(m.id)
      pending.delete(m.id)
      if (m.error) p?.reject(toError(m.error))
      else p?.resolve(m.value)
    }
  }
  await started
  const id = 0
  const created = await new Promise<{ opfs: OpfsStatus | undefined }>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
    worker.postMessage({ id, op: "create", options: { ...rest, stdin: input } } satisfies WorkerRequest)
  }).catch((e) => {
    worker.terminate()
    throw e
  })
  return new BrowserSandbox(worker, created.opfs, pending, listeners)
}
