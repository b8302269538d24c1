// The steps a run asks of its driver, and pure helpers of Sandbox's run loop: the driver on the host's event
// loop, what the guest's turn() answered, and the loop's sleeps between turns (who wakes it, whether it is parked).
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core"
import type { Outcome } from "../module/guest-calls"

/** What a run asks of its driver (drive() below, or a child process's synchronous scheduler). */
export type LoopStep =
  | { kind: "enter"; name: string; args: (string | number | QuickJSHandle)[] }
  // until the time (Infinity: until woken); an event from outside ends it early
  | { kind: "sleep"; until: number }
export type Loop<T> = Generator<LoopStep, T, any> // eslint-disable-line @typescript-eslint/no-explicit-any

// A call of a function of qjsw:internal/sandbox, as a step: its driver enters the guest.
export function* enterStep(name: string, args: (string | number | QuickJSHandle)[]): Loop<Outcome<QuickJSHandle>> {
  return yield { kind: "enter", name, args }
}

// Performs `steps` on the host's event loop (Sandbox.start and driveSteps): each step's outcome, or its error, goes back in.
export async function drive<T>(steps: Loop<T>, perform: (step: LoopStep) => Promise<unknown>): Promise<T> {
  let next = steps.next()
  while (!next.done) {
    let input: unknown
    try {
      input = await perform(next.value)
    } catch (err) {
      next = steps.throw(err)
      continue
    }
    next = steps.next(input)
  }
  return next.value
}

/** What a step of the guest's run (start, turn, beforeExit) answered. */
export type StepAnswer =
  // the run goes on: turn()'s next state (LOOP_READY ...) or next timer's deadline; none from
  // the others
  | { kind: "next"; next?: number }
  // an 'uncaughtException' listener threw this
  | { kind: "listenerThrew"; thrown: QuickJSHandle }
  // an error nothing caught (from `origin`) ends the run
  | { kind: "uncaught"; error: QuickJSHandle; origin: string }

// Reads (and frees) a step's answer: a number, undefined, or an object `{ thrown }` /
// `{ error, origin }`.
export function decodeAnswer(ctx: QuickJSContext, value: QuickJSHandle): StepAnswer {
  if (ctx.typeof(value) === "object") {
    const thrown = ctx.getProp(value, "thrown")
    const error = ctx.getProp(value, "error")
    const originHandle = ctx.getProp(value, "origin")
    const origin = ctx.typeof(originHandle) === "string" ? ctx.getString(originHandle) : "uncaughtException"
    originHandle.dispose()
    const listener = ctx.typeof(thrown) !== "undefined"
    value.dispose()
    if (listener) {
      error.dispose()
      return { kind: "listenerThrew", thrown }
    }
    thrown.dispose()
    return { kind: "uncaught", error, origin }
  }
  const next = ctx.typeof(value) === "number" ? ctx.getNumber(value) : undefined
  value.dispose()
  return { kind: "next", next }
}

/** The run loop's sleeps between turns, and what ends them early. */
export class LoopSleep {
  // Resolves a loop that waits for outside events (only fs.watch watchers keep it alive).
  private wakeLoop: (() => void) | undefined
  private wokenEarly = false
  // the run loop waits in a sleep step: no guest values are held, so it may be freed at once
  parked = false

  // Ends a sleep now, if the loop sleeps (a change from the host side: it looks at the journal).
  wakeSleeping(): void {
    const wake = this.wakeLoop
    this.wakeLoop = undefined
    wake?.()
  }

  // An event for the loop came in: it ends the sleep, or the next one at once.
  wake(): void {
    const wake = this.wakeLoop
    this.wakeLoop = undefined
    // an event that comes between the loop's last look and its sleep (from a child that runs
    // on the host's event loop meanwhile) must not be slept through
    if (!wake) this.wokenEarly = true
    wake?.()
  }

  // Who wakes the loop when it sleeps in a synchronous scheduler.
  setWake(wake: (() => void) | undefined): void {
    this.wakeLoop = wake
  }

  // A sleep step of the run (its driver performs it), parked meanwhile.
  *sleep(until: number): Loop<void> {
    this.parked = true
    try {
      yield { kind: "sleep", until }
    } finally {
      this.parked = false
    }
  }

  // A sleep step on the host's event loop: until `until`, or until woken.
  wait(until: number): Promise<void> {
    if (this.wokenEarly) {
      this.wokenEarly = false
      return Promise.resolve()
    }
    return new Promise<void>((resolve) => {
      const timer = until === Infinity ? undefined : setTimeout(resolve, Math.max(0, until - Date.now()))
      this.wakeLoop = () => {
        clearTimeout(timer)
        resolve()
      }
    }).finally(() => (this.wakeLoop = undefined))
  }
}
