// What a parent sandbox and its child sandboxes know of each other (child-processes.ts): a child's
// boot, its link to its parent, the two Sandboxes as the other drives them, and a child as its parent sees it.
import type { QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten-core"
import type { ChildProcesses } from "./child-processes"
import type { ProcessClock } from "./child-request"
import type { ChildStdio } from "./child-stdio"
import type { Loop, LoopStep, RunResult, SandboxOptions } from "./sandbox"
import type { PortEnd, ThreadGroup } from "./thread-channels"

export interface ChildBoot {
  pid: number
  ppid: number
  execArgv: string[]
  argv0: string
  /** The node file that was run (a copy of the sandbox's node runs as itself). */
  execPath: string
  ipc: boolean
  stdinPipe: boolean
  /** A worker_threads Worker: its thread id, name and resource limits. */
  worker?: WorkerBoot
}

export interface WorkerBoot {
  threadId: number
  name: string
  resourceLimits: Record<string, number>
  /** its process's clock (its parent's) */
  clock?: ProcessClock
}

/** What a child sandbox knows of its parent. */
export interface ChildLink {
  readonly depth: number
  readonly parentRuntime: QuickJSRuntime
  readonly stdio: ChildStdio
  /** The parent's run deadline: past it the child's run is interrupted, as its parent's. */
  readonly deadline: number | undefined
  /** spawnSync's timeout: past it the child is killed with killSignal. */
  readonly killAt: number | undefined
  readonly killSignal: string
  timedOut?: boolean
  /** The signal that ended it (kill(), a timeout, maxBuffer). */
  killed?: string
  readonly boot: ChildBoot
  /** IPC (fork): a message from the child's guest (JSON text, or the bytes of 'advanced'
   *  serialization), and its disconnect(). */
  readonly toParent?: (message: string | Uint8Array) => void
  readonly disconnect?: () => void
  /** A worker: its workerData and environment data as encoded by its parent's guest. */
  readonly workerInit?: Uint8Array
  /** A worker: the port ends its workerData's transfer list moved to it. */
  workerInitEnds?: PortEnd[]
  /** A worker: a message ("wmessage", with the port ends it moves) or its uncaught error
   *  ("werror") for its parent. */
  readonly toParentWorker?: (kind: "wmessage" | "werror", bytes: Uint8Array, ends?: PortEnd[]) => void
  /** A worker: the thread group of its parent. */
  readonly group?: ThreadGroup
  /** A worker's stackSizeMb, in bytes: its stack is at most this (and what its parent has). */
  readonly stackSize?: number
}

/** Whether the child is killed, its spawnSync timeout checked first (also from its interrupt
 *  handler, so a child that never returns from the guest is stopped too). */
export function childKilled(link: ChildLink): boolean {
  if (link.killed === undefined && link.killAt !== undefined && Date.now() >= link.killAt) {
    link.killed = link.killSignal
    link.timedOut = true
  }
  if (link.killed !== undefined) link.stdio.stop()
  return link.killed !== undefined
}

/** The child Sandbox, as its parent drives it. */
export interface ChildSandbox {
  readonly children: ChildProcesses
  childSteps(entry: string, args: (string | number)[]): Loop<RunResult>
  performNow(step: LoopStep): unknown
  driveSteps<T>(steps: Loop<T>): Promise<T>
  setWake(wake: (() => void) | undefined): void
  dispose(): void
}

/** The sandbox whose guest spawns. */
export interface ChildOwner {
  readonly module: QuickJSWASMModule
  readonly runtime: QuickJSRuntime
  readonly memoryLimit: number | undefined
  readonly link: ChildLink | undefined
  deadline(): number | undefined
  readonly stdio: { write(fd: number, data: string | Uint8Array): void; unread(): Uint8Array }
  wake(): void
  makeChild(options: SandboxOptions, link: ChildLink): ChildSandbox
  /** The module's per-process state (fds 0-2, the working directory) is the owner's again. */
  claim(): void
}

/** A child as its parent sees it. */
export class Child {
  done = false
  connected: boolean
  // spawnSync's captured output
  readonly captured: [Uint8Array[], Uint8Array[]] = [[], []]
  capturedBytes = [0, 0]
  overflow = false
  status: number | null = null
  signal: string | null = null
  sandbox!: ChildSandbox
  constructor(
    readonly id: number,
    readonly pid: number,
    readonly link: ChildLink,
    ipc: boolean,
    readonly worker: boolean,
  ) {
    this.connected = ipc
  }
}
