// Messages between quickjs-wasmfs/browser (the page) and its worker (runtime/browser/browser-worker.ts).
import type { RunResult, SandboxOptions } from "../sandbox/sandbox"
import type { SystemErrorFields } from "../sandbox/system-error"
import type { SandboxChange } from "../sandbox/watch"

/** Sandbox options that cross to the worker (structured-clone: no functions, no module). */
export type WorkerSandboxOptions = Omit<
  SandboxOptions,
  "module" | "stdout" | "stderr" | "stdoutBytes" | "stderrBytes" | "stdin" | "onWarning"
> & {
  /** The guest's stdin, as the page read it (an async source cannot cross). */
  stdin?: Uint8Array
}

export type WorkerRequest = { id: number } & (
  | { op: "create"; options: WorkerSandboxOptions }
  | { op: "run"; code: string; filename?: string }
  | { op: "runFile"; path: string }
  | { op: "import"; path: string }
  | { op: "fs"; method: string; args: unknown[]; data?: Uint8Array }
  | { op: "watch"; watchId: number; path: string; recursive: boolean }
  | { op: "unwatch"; watchId: number }
  | { op: "dispose" }
)

// an error as it crosses from the worker: a system error's fields, its name and its stack
export interface WireError extends SystemErrorFields {
  name: string
  message: string
  stack?: string
}

export type WorkerResponse =
  | { type: "ready" }
  | { type: "result"; id: number; value?: unknown; error?: WireError }
  | { type: "stdout" | "stderr"; bytes: Uint8Array }
  | { type: "warning"; message: string }
  | { type: "change"; watchId: number; change: SandboxChange }

export type { RunResult, SandboxChange }
