// The scheduler of spawnSync: it runs a synchronous child, and the children it starts, to the end
// while its parent's guest call waits, sleeping the host thread when they all wait for timers.
import { childKilled, type Child, type ChildSandbox } from "./child-link"
import type { Loop, LoopStep, RunResult } from "./sandbox"

// Sleeps the host thread: a synchronous child waits for its timers as a blocked process would.
function sleepSync(ms: number): void {
  if (ms <= 0) return
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
    return
  } catch {
    // a browser's main thread may not wait, or has no SharedArrayBuffer
  }
  const end = Date.now() + ms
  while (Date.now() < end) {
    /* wait */
  }
}

interface Task {
  sandbox: ChildSandbox
  steps: Loop<RunResult>
  input: { value?: unknown; error?: unknown }
  wakeAt: number
  done: (result: RunResult | undefined) => void
}

/**
 * Runs a spawnSync child, and the children it starts, while its parent's guest call waits: one
 * guest step of each ready run in turn, sleeping the thread when all wait for timers.
 */
export class SyncScheduler {
  private tasks: Task[] = []

  add(kid: Child, steps: Loop<RunResult>, done: (result: RunResult | undefined) => void): void {
    const task: Task = { sandbox: kid.sandbox, steps, input: {}, wakeAt: 0, done }
    this.tasks.push(task)
  }

  run(target: Child, kill: () => void): void {
    let killing = false
    while (this.tasks.length > 0) {
      const now = Date.now()
      if (!killing && !target.done && childKilled(target.link)) {
        killing = true
        kill()
      }
      const ready = this.tasks.filter((t) => t.wakeAt <= now)
      if (ready.length > 0) {
        for (const t of ready) this.step(t)
        continue
      }
      const next = Math.min(
        ...this.tasks.map((t) => t.wakeAt),
        killing ? Infinity : (target.link.killAt ?? Infinity),
        target.link.deadline ?? Infinity,
      )
      if (next === Infinity) {
        // every run waits for something only the host's event loop could bring (a watched
        // mount, a parent outside this call): it would never come, so the child is killed
        for (const t of this.tasks) t.wakeAt = 0
        if (!target.done) target.link.killed ??= "SIGKILL"
        target.sandbox.dispose()
        continue
      }
      sleepSync(next - now)
      // a deadline that passed ends the runs at their next guest step
      if (Date.now() >= (target.link.deadline ?? Infinity)) for (const t of this.tasks) t.wakeAt = 0
    }
  }

  private step(task: Task): void {
    let r: IteratorResult<LoopStep, RunResult>
    try {
      r = "error" in task.input ? task.steps.throw(task.input.error) : task.steps.next(task.input.value)
    } catch {
      // ended by kill(): "Sandbox is disposed"
      this.retire(task, undefined)
      return
    }
    if (r.done) {
      this.retire(task, r.value)
      return
    }
    const step = r.value
    if (step.kind === "sleep") {
      task.input = {}
      task.wakeAt = step.until
      task.sandbox.setWake(() => (task.wakeAt = 0))
      return
    }
    try {
      task.input = { value: task.sandbox.performNow(step) }
    } catch (error) {
      task.input = { error }
    }
  }

  private retire(task: Task, result: RunResult | undefined): void {
    this.tasks = this.tasks.filter((t) => t !== task)
    task.done(result)
  }
}
