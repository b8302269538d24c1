// The options a Sandbox is made with and what a run resolves to, and the checks of option values
// the constructor makes before it builds anything.
import type { QuickJSWASMModule } from "quickjs-emscripten-core"
import type { MountsOption } from "../mounts/mounts"
import type { OpfsMount, OpfsOption } from "../opfs/opfs"
import { MAX_MEMORY_LIMIT } from "../module/memory-limit"
import type { CompileCacheStore } from "../module/compile-cache"
import type { StdinOption } from "./stdio"

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

const MAX_STACK_SIZE = 448 * 1024

// Throws for option values the sandbox cannot be made with (before the constructor builds anything).
export function checkSandboxOptions(options: SandboxOptions, opfs: OpfsMount | undefined): void {
  if (
    options.stackSize !== undefined &&
    !(Number.isInteger(options.stackSize) && options.stackSize >= 16384 && options.stackSize <= MAX_STACK_SIZE)
  ) {
    throw new RangeError(`stackSize must be an integer from 16384 to ${MAX_STACK_SIZE}, got ${options.stackSize}`)
  }
  if (
    options.memoryLimit !== undefined &&
    options.memoryLimit !== -1 &&
    !(Number.isInteger(options.memoryLimit) && options.memoryLimit >= 0 && options.memoryLimit <= MAX_MEMORY_LIMIT)
  ) {
    throw new RangeError(`memoryLimit must be -1 (none) or an integer from 0 to ${MAX_MEMORY_LIMIT}, got ${options.memoryLimit}`)
  }
  if (options.opfs && !opfs) throw new Error("quickjs-wasmfs: `opfs` needs createSandbox() (its setup is asynchronous)")
}
