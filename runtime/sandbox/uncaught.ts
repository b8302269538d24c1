// How a run of Sandbox's loop ends on an error the guest did not catch: process.exit's signal,
// the timeout's interrupt, an uncaught exception no listener took, a listener's own.
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core"
import { hostError } from "./guest-error"
import { decodeAnswer, enterStep, type Loop } from "./run-loop"
import type { RunResult } from "./sandbox-options"

// A step of the guest's run (start, turn, beforeExit), and what it answered: the run goes on
// (with turn()'s next state or deadline), or how it ends. The guest hands every error it can
// catch to 'uncaughtException' listeners itself; one thrown out of a step is process.exit's,
// the deadline's, or one the handling itself failed with, and ends the run.
export function* runStep(
  ctx: QuickJSContext,
  name: string,
  args: (string | number)[],
  worker: boolean,
): Loop<{ end: RunResult } | { next?: number }> {
  const step = yield* enterStep(name, args)
  if (step.error) return { end: yield* finishWithError(ctx, step.error) }
  const answer = decodeAnswer(ctx, step.value!)
  if (answer.kind === "listenerThrew") return { end: yield* listenerThrew(ctx, answer.thrown, worker) }
  if (answer.kind === "uncaught") return { end: yield* finishWithError(ctx, answer.error, answer.origin) }
  return { next: answer.next }
}

// Ends a run on an error: process.exit's uncatchable signal, or an uncaught exception (from
// `origin`, as Node names it: the report places a rejection where the error was made).
export function* finishWithError(ctx: QuickJSContext, error: QuickJSHandle, origin = "uncaughtException"): Loop<RunResult> {
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
  const reported = yield* enterStep("reportUncaught", [error, origin])
  reported.value?.dispose()
  reported.error?.dispose()
  error.dispose()
  // 'exit' listeners see exitCode 1 and may change it, as in Node
  const exited = yield* enterStep("emitExitOnError", [])
  const after = exited.value && ctx.typeof(exited.value) === "number" ? ctx.getNumber(exited.value) : 1
  exited.value?.dispose()
  exited.error?.dispose()
  return { exitCode: after, error: hostError(dumped) }
}

// An 'uncaughtException' listener threw: Node reports that error and exits with 7, without
// 'exit' (a worker's thread stops with 1, the error going to its parent's 'error' event).
export function* listenerThrew(ctx: QuickJSContext, thrown: QuickJSHandle, worker: boolean): Loop<RunResult> {
  const dumped = ctx.dump(thrown)
  const reported = yield* enterStep("reportUncaught", [thrown])
  reported.value?.dispose()
  reported.error?.dispose()
  thrown.dispose()
  return { exitCode: worker ? 1 : 7, error: hostError(dumped) }
}
