// How a run of Sandbox's loop ends on an error the guest did not catch: process.exit's signal,
// the timeout's interrupt, an uncaught exception ('uncaughtException' listeners first), a listener's own.
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core"
import { hostError } from "./guest-error"
import { enterStep, type Loop } from "./run-loop"
import type { RunResult } from "./sandbox-options"

// process.exit() and the timeout's interrupt end the run whatever the guest listens to.
function unstoppable(ctx: QuickJSContext, error: QuickJSHandle): boolean {
  // (anything can be thrown: null and undefined have no properties to read)
  if (ctx.typeof(error) !== "object" || ctx.sameValue(error, ctx.null)) return false
  const code = ctx.getProp(error, "qjswExitCode")
  const isExit = ctx.typeof(code) !== "undefined"
  code.dispose()
  if (isExit) return true
  const { name, message } = ctx.dump(error) ?? {}
  return name === "InternalError" && message === "interrupted"
}

// Any other error nothing caught ends the run, unless 'uncaughtException' listeners take it
// (then: undefined, and the run goes on). `worker`: the run is a worker_threads Worker's.
export function* uncaught(ctx: QuickJSContext, error: QuickJSHandle, origin: string, worker: boolean): Loop<RunResult | undefined> {
  if (unstoppable(ctx, error)) return yield* finishWithError(ctx, error, origin)
  const handled = yield* enterStep("handleUncaught", [error, origin])
  if (handled.error) {
    error.dispose()
    if (unstoppable(ctx, handled.error)) return yield* finishWithError(ctx, handled.error)
    return yield* listenerThrew(ctx, handled.error, worker)
  }
  const taken = ctx.dump(handled.value!) === true
  handled.value!.dispose()
  if (!taken) return yield* finishWithError(ctx, error, origin)
  error.dispose()
  return undefined
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
