// What the quickjs-emscripten-core API tests (test/core-api/*.test.ts) share: the module they
// run on, fresh contexts and runtimes that are always disposed, and eval helpers.
import { Scope, type QuickJSContext, type QuickJSRuntime, type QuickJSWASMModule } from "quickjs-emscripten-core"
import { newQuickJSWASMModuleWithWasmFS } from "../../runtime/index"

/** The module the tests run on; each test file loads it once with `beforeAll(loadModule)`. */
export let mod: QuickJSWASMModule

export async function loadModule(): Promise<void> {
  mod = await newQuickJSWASMModuleWithWasmFS()
}

/**
 * Runs `fn` with a fresh context (with its own runtime) and a scope; every handle a test
 * creates goes into the scope so that a failing assertion still frees it before the
 * context is disposed.
 */
export async function withContext(fn: (ctx: QuickJSContext, scope: Scope) => void | Promise<void>): Promise<void> {
  const scope = new Scope()
  const ctx = mod.newContext()
  try {
    await fn(ctx, scope)
  } finally {
    scope.dispose()
    ctx.dispose()
  }
}

/** Like withContext, but with an explicitly created runtime the test can configure. */
export async function withRuntime(fn: (rt: QuickJSRuntime, ctx: QuickJSContext, scope: Scope) => void | Promise<void>): Promise<void> {
  const rt = mod.newRuntime()
  const ctx = rt.newContext()
  const scope = new Scope()
  try {
    await fn(rt, ctx, scope)
  } finally {
    scope.dispose()
    ctx.dispose()
    rt.dispose()
  }
}

/**
 * Evaluate `code` and dump the result; a guest exception becomes a plain host Error (the core's
 * QuickJSUnwrapError references the whole context, which vitest cannot serialize).
 */
export function evalDump(ctx: QuickJSContext, code: string, filename?: string): any {
  const result = ctx.evalCode(code, filename)
  if (result.error) {
    const err = result.error.consume((h) => ctx.dump(h))
    throw new Error(`guest threw ${err?.name}: ${err?.message}`)
  }
  return result.value.consume((h) => ctx.dump(h))
}

/** Evaluate `code`, expect it to fail, and dump the error. */
export function evalError(ctx: QuickJSContext, code: string, filename?: string, module = false): any {
  const result = module ? ctx.evalCode(code, filename, { type: "module" }) : ctx.evalCode(code, filename)
  if (!result.error) {
    const dumped = result.value.consume((h) => ctx.dump(h))
    throw new Error(`expected an error result, got ${JSON.stringify(dumped)}`)
  }
  return result.error.consume((h) => ctx.dump(h))
}
