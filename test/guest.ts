import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import type { QuickJSWASMModule } from "quickjs-emscripten-core"

/** Every file below `dir` as text, keyed by its path below `guestRoot` (default: relative). */
export function readTree(dir: string, guestRoot = ""): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else out[guestRoot ? join(guestRoot, relative(dir, p)) : relative(dir, p)] = readFileSync(p, "utf8")
    }
  }
  walk(dir)
  return out
}

/**
 * Evaluates `code` as an ES module in a fresh context of `mod` and returns its dumped
 * namespace. A guest exception becomes a plain host Error: the core's QuickJSUnwrapError
 * holds the whole context, which vitest cannot serialize.
 */
export function evalModule(mod: QuickJSWASMModule, code: string): unknown {
  const ctx = mod.newContext()
  try {
    const result = ctx.evalCode(code, "/main.mjs", { type: "module" })
    if (result.error) {
      const err = result.error.consume((h) => ctx.dump(h))
      throw new Error(`guest threw ${err?.name}: ${err?.message}\n${err?.stack}`)
    }
    return result.value.consume((h) => ctx.dump(h))
  } finally {
    ctx.dispose()
  }
}
