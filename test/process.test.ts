// node:process outside a sandbox: a plain context has no host loop to drain the nextTick queue.
import { describe, expect, it } from "vitest"
import { newQuickJSWASMModuleWithWasmFS } from "../runtime/index"

describe("node:process in a plain context", () => {
  it("runs process.nextTick callbacks as promise jobs", async () => {
    const mod = await newQuickJSWASMModuleWithWasmFS()
    const ctx = mod.newContext()
    try {
      ctx
        .unwrapResult(
          ctx.evalCode(
            `import process from 'node:process';
           globalThis.log = [];
           process.nextTick((a) => log.push('tick ' + a), 1);
           Promise.resolve().then(() => log.push('promise'));`,
            "/main.mjs",
            { type: "module" },
          ),
        )
        .dispose()
      const jobs = ctx.runtime.executePendingJobs()
      expect(jobs.error).toBeUndefined()
      expect(ctx.getProp(ctx.global, "log").consume((h) => ctx.dump(h))).toEqual(["tick 1", "promise"])
    } finally {
      ctx.dispose()
    }
  })
})
